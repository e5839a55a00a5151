// A standalone route, rule or association that exists only under a
// condition its target does not share may or may not apply to it.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, UnknownCause } from '../../../readers/value.js';
import type { UnknownFact } from '../../fact.js';
import { unknownFact } from '../../fact.js';

/** Same inputs, same condition: a subnet and its association counted over the same zones exist together. */
function sameCondition(a: UnknownCause, b: UnknownCause): boolean {
  return a.inputs.length === b.inputs.length && a.inputs.every((x, i) => x === b.inputs[i]);
}

/** The condition of `r` that `target` does not share, if any. */
export function ownCondition(r: NativeResource, target: { conditional?: UnknownCause }): UnknownCause | undefined {
  if (!r.conditional) return undefined;
  if (target.conditional && sameCondition(target.conditional, r.conditional)) return undefined;
  return r.conditional;
}

/** What an association that may not exist leaves of the setting it makes. */
export function mayNotExist(r: NativeResource, condition: UnknownCause, loc: SourceLoc): UnknownFact {
  return unknownFact({ ...condition, detail: `${r.address} exists only under a condition: ${condition.detail}` }, loc);
}
