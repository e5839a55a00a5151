// Finds the inputs under the paths given on the command line and tells what
// each file is by its content, not its name: a `.json` may be CloudFormation,
// an ARM template or parameter file, a Terraform plan, or none of them.
import fs from 'node:fs';
import path from 'node:path';
import type { NotScanned, ReadError } from '../readers/native.js';
import { relativePath } from '../readers/paths.js';
import { MAX_INPUT_BYTES } from '../readers/referenced-file.js';
import { isConfigFile } from '../readers/terraform/config-files.js';

export type FileKind =
  | 'cloudformation'
  | 'arm'
  | 'arm-parameters'
  | 'cloudformation-parameters'
  | 'terraform-plan'
  /** A `.tfvars` file; Terraform loads only terraform.tfvars and *.auto.tfvars by itself. */
  | 'terraform-vars'
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
  /** Definitions in a language kikan does not read (Bicep without its compiled template beside it). */
  notScanned: NotScanned[];
}


const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.terragrunt-cache', '.kikan-bench']);
const STRUCTURED = /\.(json|jsonc|ya?ml|template|cfn)$/i;

export type Sniffer = (text: string, rel: string) => FileKind | undefined;

/**
 * Walks the paths with synchronous file-system calls: a scan waits for
 * discovery anyway, and one async round trip per stat and read cost ten times
 * the walk itself on thousands of files.
 */
export async function discover(paths: string[], root: string, sniff: Sniffer): Promise<Discovery> {
  const out: Discovery = { terraformDirs: [], files: [], errors: [], notScanned: [] };
  const tfDirs = new Set<string>();
  const seen = new Set<string>();
  const cannot = (abs: string, what: string, e: unknown) =>
    out.errors.push({ file: relativePath(root, abs), message: `cannot ${what}: ${(e as Error).message}` });

  /** `staged`: inside a CDK asset directory, whose files are listed as staged copies and not read. */
  function visitFile(abs: string, staged = false): void {
    const name = path.basename(abs);
    if (staged) {
      if (STRUCTURED.test(name) || /\.(tf|tf\.json|bicep)$/i.test(name)) out.files.push({ abs, rel: relativePath(root, abs), kind: 'other', text: '' });
      return;
    }
    if (/\.tf(\.json)?$/i.test(name)) {
      if (isConfigFile(name)) tfDirs.add(path.dirname(abs));
      return;
    }
    if (/\.bicep(param)?$/i.test(name)) {
      const note = bicepNote(abs, relativePath(root, abs));
      if (note) out.notScanned.push(note);
      return;
    }
    if (/\.tfvars(\.json)?$/i.test(name)) {
      out.files.push({ abs, rel: relativePath(root, abs), kind: 'terraform-vars', text: '' });
      return;
    }
    if (/^terragrunt\.hcl(\.json)?$/i.test(name)) {
      out.notScanned.push(terragruntNote(relativePath(root, abs)));
      return;
    }
    if (!STRUCTURED.test(name)) return;
    if (/^(package(-lock)?|tsconfig|composer|\.eslintrc)\.json$/i.test(name)) return;
    if (isCdkConstructTree(abs)) {
      // Listed, not read: the construct tree of a large CDK app outgrows the size limit, and it defines nothing.
      out.files.push({ abs, rel: relativePath(root, abs), kind: 'other', text: '' });
      return;
    }
    let text: string;
    try {
      const size = fs.statSync(abs).size;
      if (size > MAX_INPUT_BYTES) {
        out.errors.push({ file: relativePath(root, abs), message: `larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB: not read` });
        return;
      }
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      cannot(abs, 'read', e);
      return;
    }
    const rel = relativePath(root, abs);
    out.files.push({ abs, rel, kind: sniff(text, rel) ?? 'other', text });
  }

  /**
   * A link or a special file with a definition's name. Links are not followed while walking (a link cycle must
   * not hang the scan, and a linked template would be read twice); a Terraform file is part of its module,
   * which the module loader reads (a link's regular file) or reports. Anything else is named, not skipped.
   */
  function visitOther(abs: string, entry: fs.Dirent): void {
    const name = entry.name;
    const tf = /\.tf(\.json)?$/i.test(name);
    if (!tf && !STRUCTURED.test(name)) return;
    const rel = relativePath(root, abs);
    if (tf) {
      if (isConfigFile(name)) tfDirs.add(path.dirname(abs));
      return;
    }
    const link = entry.isSymbolicLink();
    const detail = link
      ? `${rel} is a symbolic link and is not followed: scan the file it points to, or name the link on the command line`
      : `${rel} is not a regular file (a pipe, socket or device) and is not read`;
    const ja = link
      ? `${rel} はシンボリックリンクのためたどりません。リンク先のファイルを検査するか、リンクをコマンドラインで指定してください`
      : `${rel} は通常のファイルではない（パイプ、ソケット、デバイス）ため読みません`;
    out.notScanned.push({ address: rel, scope: rel, loc: { file: rel, line: 1 }, cause: { inputs: [rel], detail }, reason: { ja, en: detail } });
  }

  function visitDir(abs: string, staged = false): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      cannot(abs, 'list', e);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = path.join(abs, entry.name);
      if (seen.has(child)) continue;
      seen.add(child);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !(entry.name.startsWith('.') && entry.name.length > 1)) visitDir(child, staged || isCdkAssetDir(child));
      } else if (entry.isFile()) {
        visitFile(child, staged);
      } else if (!staged) {
        visitOther(child, entry);
      }
    }
  }

  for (const p of paths) {
    const abs = path.resolve(p);
    if (seen.has(abs)) continue;
    seen.add(abs);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      cannot(abs, 'read', e);
      continue;
    }
    if (st.isDirectory()) visitDir(abs);
    else if (st.isFile()) visitFile(abs);
  }
  out.terraformDirs = [...tfDirs].sort();
  return out;
}

/**
 * A CDK cloud assembly's staged asset (`asset.<sha256>` beside manifest.json): a copy of Lambda code or a
 * Docker build context, uploaded as is. Nothing in it is deployed as a template, and the files it copies
 * are scanned where the app keeps them; read again, each would be judged twice.
 */
function isCdkAssetDir(abs: string): boolean {
  return /^asset\.[0-9a-f]{64}$/.test(path.basename(abs)) && fs.existsSync(path.join(path.dirname(abs), 'manifest.json'));
}

/** `tree.json` of a CDK cloud assembly (cdk.out, beside its manifest.json): the app's construct tree, not a template. */
function isCdkConstructTree(abs: string): boolean {
  return path.basename(abs) === 'tree.json' && fs.existsSync(path.join(path.dirname(abs), 'manifest.json'));
}

/** Terragrunt passes a module its inputs and backend from terragrunt.hcl: kikan reads the module, not those inputs. */
function terragruntNote(rel: string): NotScanned {
  const detail =
    `Terragrunt configuration ${rel} is not read: the inputs it gives its module are not applied. ` +
    'Give them with --var / --var-file, or scan the plan (terragrunt plan -out=tfplan, then terragrunt show -json tfplan > tfplan.json)';
  const reason = {
    ja: `Terragrunt の設定 ${rel} は読みません（モジュールに渡す inputs は反映されません）。--var / --var-file で渡すか、plan を検査してください（terragrunt plan -out=tfplan の後 terragrunt show -json tfplan > tfplan.json）`,
    en: detail,
  };
  return { address: rel, scope: rel, loc: { file: rel, line: 1 }, cause: { inputs: [`inputs of ${rel}`], detail }, reason };
}

/**
 * A Bicep file is read through the ARM template it compiles to (`az bicep build` writes `main.json` beside
 * `main.bicep`); without that file its resources would be silently absent, so it is listed as not scanned.
 * A parameter file (`.bicepparam`) is named the same way, since its values never reach the compiled template.
 */
function bicepNote(abs: string, rel: string): NotScanned | undefined {
  const isParams = /\.bicepparam$/i.test(abs);
  const compiled = abs.replace(/\.bicep(param)?$/i, '.json');
  if (!isParams && fs.existsSync(compiled)) return undefined;
  const detail = isParams
    ? `Bicep parameter file ${rel} is not read: build it with \`az bicep build-params --file ${rel}\` and give the JSON with --param-file`
    : `Bicep file ${rel} is not read: build it with \`az bicep build --file ${rel}\` and scan the JSON template it writes`;
  const ja = isParams
    ? `Bicep のパラメータファイル ${rel} は読みません。\`az bicep build-params --file ${rel}\` で JSON にして --param-file で指定してください`
    : `Bicep ファイル ${rel} は読みません。\`az bicep build --file ${rel}\` で書き出した JSON テンプレートを検査してください`;
  return { address: rel, scope: rel, loc: { file: rel, line: 1 }, cause: { inputs: [`compiled ${rel}`], detail }, reason: { ja, en: detail } };
}
