// A template synthesized by the AWS CDK sits in a cloud assembly (cdk.out)
// whose manifest.json lists its stacks: the template file of each, its stack
// name, and the environment it deploys to (`aws://111122223333/ap-northeast-1`,
// whose region is the definition's own; `unknown-region` when the stack is
// environment-agnostic).
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InputRecord } from '../native.js';
import type { ReadOptions } from '../options.js';
import { MAX_INPUT_BYTES } from '../referenced-file.js';

const ENVIRONMENT = /^aws:\/\/[^/]*\/([a-z]{2}(?:-[a-z]+)+-\d+)$/;
/** An explicit account: environment-agnostic stacks say `unknown-account` and deploy wherever the CLI points. */
const ACCOUNT = /^aws:\/\/(\d{12})\//;

export interface AssemblyStack {
  /** The name CloudFormation knows the stack by, which prefixes the names of the exports CDK writes. */
  stackName: string;
  /** Relative to the scan root. */
  templateFile: string;
  region?: string;
  account?: string;
}

export interface Assembly {
  manifest: InputRecord;
  /** The stack whose template is being read. */
  self: AssemblyStack;
  stacks: AssemblyStack[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function stacksOf(artifacts: Record<string, unknown>, dir: string): AssemblyStack[] {
  const out: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact) || artifact.type !== 'aws:cloudformation:stack' || !isRecord(artifact.properties)) continue;
    const { templateFile, stackName } = artifact.properties;
    if (typeof templateFile !== 'string' || templateFile.includes('/') || templateFile.includes('\\')) continue;
    const stack: AssemblyStack = { stackName: typeof stackName === 'string' ? stackName : id, templateFile: path.posix.join(dir, templateFile) };
    const region = typeof artifact.environment === 'string' ? ENVIRONMENT.exec(artifact.environment)?.[1] : undefined;
    if (region) stack.region = region;
    const account = typeof artifact.environment === 'string' ? ACCOUNT.exec(artifact.environment)?.[1] : undefined;
    if (account) stack.account = account;
    out.push(stack);
  }
  return out;
}

/** The cloud assembly whose manifest.json, beside `file`, lists it as a stack's template; undefined otherwise. */
export function readAssembly(file: string, opts: ReadOptions): Assembly | undefined {
  const dir = path.posix.dirname(file);
  const manifest = path.posix.join(dir, 'manifest.json');
  let doc: unknown;
  let text: string;
  try {
    const abs = path.resolve(opts.root, manifest);
    // Not through a link: a device or pipe would never end, and a link may lead out of the scan.
    const info = lstatSync(abs);
    if (!info.isFile() || info.size > MAX_INPUT_BYTES) return undefined;
    text = readFileSync(abs, 'utf8');
    doc = JSON.parse(text);
  } catch {
    // No manifest, or not JSON: not a cloud assembly.
    return undefined;
  }
  if (!isRecord(doc) || !isRecord(doc.artifacts)) return undefined;
  const stacks = stacksOf(doc.artifacts, dir);
  const self = stacks.find((s) => s.templateFile === file);
  if (!self) return undefined;
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { manifest: { file: manifest, kind: 'cdk cloud assembly manifest', sha256 }, self, stacks };
}
