// Inline waivers on ARM resources. Two forms:
//   a comment inside the resource object or directly above it
//     // kikan:ignore LG-3.4 <reason>          (several IDs: LG-3.4,LG-3.5)
//   resource metadata
//     "metadata": { "kikan": { "ignore": [ { "id": "LG-3.4", "reason": "…" } ] } }
// A waiver without a reason is kept with an empty reason: it does not
// suppress, and the finding says why.
import type { InlineWaiver, ReadError } from '../native.js';
import type { ObjectValue, Value } from '../value.js';
import { lookupField } from '../../eval/arm/values.js';
import type { Extent, JsonComment } from './jsonc.js';

const COMMENT_WAIVER = /^kikan:ignore\s+([^\s]+)(?:\s+([\s\S]*))?$/;

function parseComment(c: JsonComment, file: string): InlineWaiver[] {
  const m = COMMENT_WAIVER.exec(c.text);
  if (!m) return [];
  const reason = (m[2] ?? '').replace(/^[-:–—\s]+/, '').trim();
  return m[1]!
    .split(',')
    .filter((id) => id !== '')
    .map((controlId) => ({ controlId, reason, loc: { file, line: c.line } }));
}

/** The comment lines directly above an object (own lines, no gap). */
function commentsAbove(comments: JsonComment[], extent: Extent): JsonComment[] {
  const above: JsonComment[] = [];
  let line = extent.line - 1;
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i]!;
    if (c.offset >= extent.start) continue;
    if (c.endLine !== line || !c.ownLine) {
      if (c.endLine < line) break;
      continue;
    }
    above.unshift(c);
    line = c.line - 1;
  }
  return above;
}

/**
 * Comments that belong to a resource: inside its extent but not inside one
 * of its child resources (or inline subnets) nor directly above one, which
 * are the child's, plus the comment lines directly above it.
 */
export function commentWaivers(file: string, comments: JsonComment[], extent: Extent, children: Extent[]): InlineWaiver[] {
  const childrens = new Set(children.flatMap((ch) => commentsAbove(comments, ch)));
  const inside = comments.filter(
    (c) => c.offset > extent.start && c.offset < extent.end && !childrens.has(c) && !children.some((ch) => c.offset > ch.start && c.offset < ch.end),
  );
  return [...commentsAbove(comments, extent), ...inside].flatMap((c) => parseComment(c, file));
}

/** Waivers from `metadata.kikan.ignore`; malformed entries are read errors. */
export function metadataWaivers(file: string, resource: ObjectValue, errors: ReadError[]): InlineWaiver[] {
  const metadata = lookupField(resource, 'metadata');
  const kikan = metadata?.kind === 'object' ? lookupField(metadata, 'kikan') : undefined;
  const ignore = kikan?.kind === 'object' ? lookupField(kikan, 'ignore') : undefined;
  if (ignore === undefined) return [];
  const line = (v: Value | undefined) => v?.loc?.line ?? resource.loc?.line ?? 1;
  if (ignore.kind !== 'list') {
    errors.push({ file, line: line(ignore), message: 'metadata.kikan.ignore must be a list of { "id", "reason" }' });
    return [];
  }
  const out: InlineWaiver[] = [];
  for (const entry of ignore.items) {
    const id = entry.kind === 'object' ? lookupField(entry, 'id') : undefined;
    const reason = entry.kind === 'object' ? lookupField(entry, 'reason') : undefined;
    if (id?.kind !== 'known' || typeof id.value !== 'string' || id.value === '') {
      errors.push({ file, line: line(entry), message: 'metadata.kikan.ignore entry needs an "id" (a control ID such as LG-3.4)' });
      continue;
    }
    out.push({
      controlId: id.value,
      reason: reason?.kind === 'known' && typeof reason.value === 'string' ? reason.value.trim() : '',
      loc: { file, line: line(entry) },
    });
  }
  return out;
}
