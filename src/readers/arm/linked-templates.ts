// Linked templates named by `templateLink.relativePath`: ARM resolves the
// path against the file of the template that links it (in a template spec or
// a staged artifact set), so the same file on disk is what gets deployed.
// URIs are not fetched (no network); a relative path is read from the scan
// root, once per file, and expanded by the caller like an inner-scope nested
// deployment.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { InputRecord } from '../native.js';
import type { ParsedJson } from './jsonc.js';
import type { ObjectValue } from '../value.js';
import { isOutsideRoot } from '../paths.js';
import { readReferencedFile } from '../referenced-file.js';
import { parseJsonc } from './jsonc.js';

export type LinkedTemplate = { template: ObjectValue; parsed: ParsedJson; file: string } | { problem: string; file: string };

export type LinkedTemplateLoader = (fromFile: string, relativePath: string) => LinkedTemplate;

/** A loader reading linked templates under `root` (absolute); each file read is recorded in `inputs`. */
export function linkedTemplateLoader(root: string, inputs: InputRecord[]): LinkedTemplateLoader {
  const cache = new Map<string, LinkedTemplate>();
  return (fromFile, relativePath) => {
    const file = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), relativePath.replace(/\\/g, '/')));
    const hit = cache.get(file);
    if (hit) return hit;
    const loaded = load(root, fromFile, file, inputs);
    cache.set(file, loaded);
    return loaded;
  };
}

function load(root: string, fromFile: string, file: string, inputs: InputRecord[]): LinkedTemplate {
  if (isOutsideRoot(file) && !isOutsideRoot(fromFile)) return { file, problem: `${file} is outside the scanned directory` };
  const read = readReferencedFile(root, file);
  if (!('text' in read)) return { file, ...read };
  const text = read.text;
  inputs.push({ file, kind: `arm (linked from ${fromFile})`, sha256: createHash('sha256').update(text, 'utf8').digest('hex') });
  const parsed = parseJsonc(file, text);
  if (parsed.root?.kind !== 'object') {
    const why = parsed.errors[0] ? `line ${parsed.errors[0].line}: ${parsed.errors[0].message}` : 'not a JSON object';
    return { file, problem: `${file} cannot be read as a template (${why})` };
  }
  return { file, template: parsed.root, parsed };
}
