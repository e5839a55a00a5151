// Finds the inputs under the paths given on the command line and tells what
// each file is by its content, not its name: a `.json` may be CloudFormation,
// an ARM template or parameter file, a Terraform plan, or none of them.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ReadError } from '../readers/native.js';

export type FileKind =
  | 'cloudformation'
  | 'arm'
  | 'arm-parameters'
  | 'cloudformation-parameters'
  | 'terraform-plan'
  | 'other';

export interface DiscoveredFile {
  abs: string;
  /** Relative to the scan root, `/`-separated. */
  rel: string;
  kind: FileKind;
  text: string;
}

export interface Discovery {
  /** Directories holding `.tf` / `.tf.json` files. */
  terraformDirs: string[];
  files: DiscoveredFile[];
  errors: ReadError[];
}

/** Files larger than this are reported, not read (SPEC: no input may exhaust memory). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.terragrunt-cache', '.kikan-bench']);
const STRUCTURED = /\.(json|jsonc|ya?ml|template|cfn)$/i;

export type Sniffer = (text: string, rel: string) => FileKind | undefined;

export function relPath(root: string, abs: string): string {
  const r = path.relative(root, abs).split(path.sep).join('/');
  return r === '' ? '.' : r;
}

export async function discover(paths: string[], root: string, sniff: Sniffer): Promise<Discovery> {
  const out: Discovery = { terraformDirs: [], files: [], errors: [] };
  const tfDirs = new Set<string>();
  const seen = new Set<string>();

  async function visitFile(abs: string): Promise<void> {
    const rel = relPath(root, abs);
    const name = path.basename(abs);
    if (/\.tf(\.json)?$/i.test(name)) {
      tfDirs.add(path.dirname(abs));
      return;
    }
    if (!STRUCTURED.test(name) || /\.tfvars(\.json)?$/i.test(name)) return;
    if (/^(package(-lock)?|tsconfig|composer|\.eslintrc)\.json$/i.test(name)) return;
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      out.errors.push({ file: rel, message: `cannot read: ${(e as Error).message}` });
      return;
    }
    if (stat.size > MAX_FILE_BYTES) {
      out.errors.push({ file: rel, message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: not read` });
      return;
    }
    let text: string;
    try {
      text = await fs.readFile(abs, 'utf8');
    } catch (e) {
      out.errors.push({ file: rel, message: `cannot read: ${(e as Error).message}` });
      return;
    }
    out.files.push({ abs, rel, kind: sniff(text, rel) ?? 'other', text });
  }

  async function visit(abs: string, top: boolean): Promise<void> {
    if (seen.has(abs)) return;
    seen.add(abs);
    let st;
    try {
      st = await fs.lstat(abs);
    } catch (e) {
      out.errors.push({ file: relPath(root, abs), message: `cannot read: ${(e as Error).message}` });
      return;
    }
    if (st.isSymbolicLink()) {
      // Links are followed only when named on the command line: a link cycle must not hang the scan.
      if (!top) return;
      st = await fs.stat(abs).catch(() => undefined);
      if (!st) return;
    }
    if (st.isDirectory()) {
      const name = path.basename(abs);
      if (!top && (SKIP_DIRS.has(name) || (name.startsWith('.') && name.length > 1))) return;
      let entries: string[];
      try {
        entries = (await fs.readdir(abs)).sort();
      } catch (e) {
        out.errors.push({ file: relPath(root, abs), message: `cannot list: ${(e as Error).message}` });
        return;
      }
      for (const e of entries) await visit(path.join(abs, e), false);
    } else if (st.isFile()) {
      await visitFile(abs);
    }
  }

  for (const p of paths) await visit(path.resolve(p), true);
  out.terraformDirs = [...tfDirs].sort();
  return out;
}
