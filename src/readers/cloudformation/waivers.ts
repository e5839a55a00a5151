// Inline waivers of a resource: `# kikan:ignore LG-3.4 <reason>` comments
// inside its block or directly above its logical ID, and
// `Metadata: {kikan: {ignore: [{id: LG-3.4, reason: …}]}}`.
import { scalarText, valueOf, type TNode } from '../../eval/cloudformation/template-node.js';
import type { InlineWaiver } from '../native.js';
import type { CommentLine } from './parsed-template.js';

export interface ResourceSpan {
  logicalId: string;
  keyLine: number;
  endLine: number;
}

const WAIVER_COMMENT = /kikan:ignore\s+(\S+)(?:\s+(.*))?$/;

function parseWaiverComment(c: CommentLine, file: string): InlineWaiver[] {
  const m = WAIVER_COMMENT.exec(c.text);
  if (!m) return [];
  const reason = (m[2] ?? '').replace(/^[\s:\-–—]+/, '').trim();
  return m[1]!
    .split(',')
    .filter((id) => id !== '')
    .map((controlId) => ({ controlId, reason, loc: { file, line: c.line } }));
}

/** Waivers by logical ID. A comment run directly above a logical ID belongs to it, not to the block before. */
export function commentWaivers(comments: CommentLine[], spans: ResourceSpan[], file: string): Map<string, InlineWaiver[]> {
  const out = new Map<string, InlineWaiver[]>();
  const ownLines = new Set(comments.filter((c) => c.ownLine).map((c) => c.line));
  const above = new Map<number, string[]>();
  for (const s of spans) {
    for (let l = s.keyLine - 1; ownLines.has(l); l--) above.set(l, [...(above.get(l) ?? []), s.logicalId]);
  }
  for (const c of comments) {
    const waivers = parseWaiverComment(c, file);
    if (waivers.length === 0) continue;
    const owners = above.get(c.line) ?? spans.filter((s) => s.keyLine <= c.line && c.line <= s.endLine).map((s) => s.logicalId);
    for (const id of owners) out.set(id, [...(out.get(id) ?? []), ...waivers]);
  }
  return out;
}

export function metadataWaivers(body: TNode, file: string): InlineWaiver[] {
  const list = valueOf(valueOf(valueOf(body, 'Metadata'), 'kikan'), 'ignore');
  if (!list || list.t !== 'seq') return [];
  const out: InlineWaiver[] = [];
  for (const item of list.items) {
    const id = scalarText(valueOf(item, 'id'));
    if (!id) continue;
    out.push({ controlId: id, reason: (scalarText(valueOf(item, 'reason')) ?? '').trim(), loc: { file, line: item.loc.line } });
  }
  return out;
}
