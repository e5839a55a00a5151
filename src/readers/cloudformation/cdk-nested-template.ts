// The template of a CDK NestedStack. CDK synthesizes its TemplateURL as the
// bootstrap asset bucket's URL (`…/cdk-hnb659fds-assets-…/<hash>.json`) and
// writes the template into the cloud assembly (cdk.out) beside the parent. The
// Stack's Metadata names that file (`aws:asset:path` for `aws:asset:property:
// TemplateURL`) unless asset metadata is turned off; the stack's asset
// manifest (`<Stack>.assets.json`) always maps the URL's hash to it.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Evaluated } from '../../eval/cloudformation/evaluated.js';
import { NO_VALUE } from '../../eval/cloudformation/evaluated.js';
import { scalarText, valueOf, type TNode } from '../../eval/cloudformation/template-node.js';
import { exprOf } from '../../eval/cloudformation/value-text.js';
import { MAX_INPUT_BYTES } from '../referenced-file.js';

/** The object key CDK gives a file asset: its SHA-256, then the extension. */
const ASSET_OBJECT = /\/([0-9a-f]{64})\.json$/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fromMetadata(body: TNode): string | undefined {
  const metadata = valueOf(body, 'Metadata');
  if (scalarText(valueOf(metadata, 'aws:asset:property')) !== 'TemplateURL') return undefined;
  const file = scalarText(valueOf(metadata, 'aws:asset:path'))?.trim();
  return file ? file : undefined;
}

/** The file asset of `hash` in an asset manifest of the directory, as its `source.path`. */
function fromAssetManifests(dir: string, hash: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.assets.json')).sort();
  } catch {
    return undefined;
  }
  for (const name of names) {
    let doc: unknown;
    try {
      const abs = path.join(dir, name);
      // Not through a link: a device or pipe would never end, and a link may lead out of the scan.
      const info = lstatSync(abs);
      if (!info.isFile() || info.size > MAX_INPUT_BYTES) continue;
      doc = JSON.parse(readFileSync(abs, 'utf8'));
    } catch {
      continue;
    }
    const asset = isRecord(doc) && isRecord(doc.files) ? doc.files[hash] : undefined;
    const source = isRecord(asset) ? asset.source : undefined;
    if (isRecord(source) && source.packaging !== 'zip' && typeof source.path === 'string' && source.path.trim() !== '') return source.path.trim();
  }
  return undefined;
}

/**
 * The cloud-assembly file, relative to the parent template's directory, that a CDK NestedStack's TemplateURL
 * is uploaded from; undefined when the Stack is not one CDK synthesized.
 */
export function cdkNestedTemplatePath(body: TNode, url: Evaluated | undefined, parentFile: string, root: string): string | undefined {
  const named = fromMetadata(body);
  if (named) return named;
  if (url === undefined || url === NO_VALUE) return undefined;
  const hash = ASSET_OBJECT.exec(exprOf(url))?.[1];
  return hash ? fromAssetManifests(path.resolve(root, path.posix.dirname(parentFile)), hash) : undefined;
}
