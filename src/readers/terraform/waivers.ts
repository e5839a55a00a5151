// Inline waivers: `# kikan:ignore LG-3.4 <reason>` (also `//` and `/* */`,
// and "//" properties in .tf.json) inside a resource block or on the line
// just above its header. A waiver written at an attribute keeps that
// attribute's location; the engine matches waivers by resource.
import type { InlineWaiver } from '../native.js';
import type { SourceLoc } from '../value.js';
import type { BlockConfig } from './config-body.js';
import type { LocatedComment } from './locate.js';

const WAIVER = /kikan:ignore\s+([^\s,]+(?:\s*,\s*[^\s,]+)*)(?:\s+(.*))?$/;

/** `comments` must be sorted by line. */
export function waiversOf(block: BlockConfig, comments: readonly LocatedComment[] | undefined): InlineWaiver[] {
  const waivers: InlineWaiver[] = [];
  if (!comments) return waivers;
  const first = block.loc.line - 1;
  for (let i = firstAtOrAfter(comments, first); i < comments.length && comments[i]!.line <= block.endLine; i++) {
    const c = comments[i]!;
    const m = WAIVER.exec(c.text.replace(/\*\/\s*$/, '').trim());
    if (!m) continue;
    const reason = (m[2] ?? '').trim();
    const loc = c.line === first ? block.loc : (attributeNear(block, c.line) ?? { file: block.loc.file, line: c.line });
    for (const id of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) {
      waivers.push({ controlId: id, reason, loc });
    }
  }
  return waivers;
}

/** Index of the first comment on or after `line` (comments are sorted by line). */
function firstAtOrAfter(comments: readonly LocatedComment[], line: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The attribute written on `line`, or on the line after it (a comment just above). */
function attributeNear(block: BlockConfig, line: number): SourceLoc | undefined {
  return findAttr(block, line) ?? findAttr(block, line + 1);
}

function findAttr(block: BlockConfig, line: number): SourceLoc | undefined {
  for (const a of block.attrs) if (a.loc.line === line) return a.loc;
  for (const b of block.blocks) {
    if (b.loc.line === line) return b.loc;
    if (line > b.loc.line && line <= b.endLine) return findAttr(b, line);
  }
  return undefined;
}
