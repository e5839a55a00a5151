// Resource names and addresses: a child's name joins its parent's with `/`,
// and a name with unknown parts shows them as their expression.
import { displayText, unknownIn } from '../../eval/arm/unknowns.js';
import type { SourceLoc, Value } from '../value.js';
import { known } from '../value.js';

/** `parent/child` as a value: known when both are, else unknown showing both. */
export function joinNames(parent: Value, child: Value, loc: SourceLoc): Value {
  const text = `${displayText(parent)}/${displayText(child)}`;
  return unknownIn([parent, child], text, loc) ?? known(text, loc);
}

/**
 * Split a displayed name into its levels (`vnet/app`), ignoring `/` inside
 * the `[...]` expressions of unknown parts.
 */
export function nameSegments(display: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const c of display) {
    if (depth > 0 && c === "'") quoted = !quoted;
    else if (!quoted && c === '[') depth++;
    else if (!quoted && c === ']' && depth > 0) depth--;
    if (c === '/' && depth === 0) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}
