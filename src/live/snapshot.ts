// The resources a live scan read, kept as a file (`--snapshot FILE`, and in
// every --history scan) so the evidence a report rests on can be re-hashed by
// `kikan attest verify`. Cloud-neutral: the serialisation is stable (resources
// sorted by key, object keys sorted, locations written once per resource), so
// the same account state gives the same bytes and the same SHA-256.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InputRecord, NativeResource, NotScanned, ReadError } from '../readers/native.js';
import type { SourceLoc } from '../readers/value.js';

export const SNAPSHOT_FORMAT = 'kikan-live-snapshot/1';

export interface SnapshotContent {
  resources: NativeResource[];
  /** What could not be read: kept beside the resources so a gap is visible in the evidence too. */
  errors?: ReadError[];
  notScanned?: NotScanned[];
}

function sameLoc(a: unknown, b: SourceLoc): boolean {
  const l = a as Partial<SourceLoc> | undefined;
  return !!l && l.file === b.file && l.line === b.line && l.column === b.column;
}

/** Plain JSON with sorted object keys; `loc` equal to the resource's own is left out. */
function canonical(x: unknown, resourceLoc: SourceLoc | undefined): unknown {
  if (Array.isArray(x)) return x.map((i) => canonical(i, resourceLoc));
  if (!x || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(x).sort()) {
    const v = (x as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (k === 'loc' && resourceLoc && sameLoc(v, resourceLoc)) continue;
    out[k] = canonical(v, resourceLoc);
  }
  return out;
}

function byText<T>(items: T[], keyOf: (t: T) => string): T[] {
  return [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** The snapshot text: the same content gives the same bytes whatever order the APIs answered in. */
export function snapshotText(content: SnapshotContent): string {
  const resources = byText(content.resources, (r) => r.key).map((r) => {
    const { loc, ...rest } = r;
    return { loc: canonical(loc, undefined), ...(canonical(rest, loc) as Record<string, unknown>) };
  });
  const doc = {
    format: SNAPSHOT_FORMAT,
    resources,
    errors: byText(content.errors ?? [], (e) => `${e.file}\n${e.message}`).map((e) => canonical(e, undefined)),
    notScanned: byText(content.notScanned ?? [], (n) => `${n.scope}\n${n.address}`).map((n) => canonical(n, undefined)),
  };
  return JSON.stringify(doc, null, 1) + '\n';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Writes the snapshot and returns the input record naming it, with the
 * SHA-256 of the bytes written (what `attest verify` recomputes from the file).
 */
export function writeSnapshot(file: string, content: SnapshotContent, kind: string): InputRecord {
  const text = snapshotText(content);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
  return { file: file.split(path.sep).join('/'), kind, sha256: sha256Hex(text) };
}
