// A template synthesized by the AWS CDK sits in a cloud assembly (cdk.out)
// whose manifest.json names the environment each stack deploys to
// (`aws://111122223333/ap-northeast-1`): that region is the definition's own.
// An environment-agnostic stack (`unknown-region`) leaves AWS::Region unknown.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { InputRecord } from '../native.js';
import type { ReadOptions } from '../options.js';

/** A manifest larger than this is not a CDK manifest worth holding. */
const MAX_MANIFEST_BYTES = 5 * 1024 * 1024;

const ENVIRONMENT = /^aws:\/\/[^/]*\/([a-z]{2}(?:-[a-z]+)+-\d+)$/;

export interface AssemblyRegion {
  region: string;
  manifest: InputRecord;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The region manifest.json beside `file` gives the stack whose template it is, if any. */
export function assemblyRegion(file: string, opts: ReadOptions): AssemblyRegion | undefined {
  const manifest = path.posix.join(path.posix.dirname(file), 'manifest.json');
  let doc: unknown;
  let text: string;
  try {
    const abs = path.resolve(opts.root, manifest);
    const info = statSync(abs);
    if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) return undefined;
    text = readFileSync(abs, 'utf8');
    doc = JSON.parse(text);
  } catch {
    // No manifest, or not JSON: not a cloud assembly.
    return undefined;
  }
  if (!isRecord(doc) || !isRecord(doc.artifacts)) return undefined;
  const name = path.posix.basename(file);
  for (const artifact of Object.values(doc.artifacts)) {
    if (!isRecord(artifact) || artifact.type !== 'aws:cloudformation:stack' || !isRecord(artifact.properties)) continue;
    if (artifact.properties.templateFile !== name || typeof artifact.environment !== 'string') continue;
    const region = ENVIRONMENT.exec(artifact.environment)?.[1];
    if (!region) return undefined;
    const sha256 = createHash('sha256').update(text).digest('hex');
    return { region, manifest: { file: manifest, kind: 'cdk cloud assembly manifest (deployment region)', sha256 } };
  }
  return undefined;
}
