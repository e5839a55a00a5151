// A setting written by a separate resource that is created only under a
// condition kikan cannot resolve (a count or for_each from an unknown
// variable, an ARM `condition`) holds only if that resource is deployed: the
// store keeps what it says without the setting, or, where the two differ,
// the fact is unknown naming the condition. So a conditional setting neither
// passes nor fails a control for sure.
import type { NativeResource } from '../../../readers/native.js';
import type { Fact } from '../../fact.js';
import { unknownFact } from '../../fact.js';

/** Same value: compared as data (encryption modes and key references are plain objects). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fact after `r` set `after` over `before`: `after` itself unless `r` is
 * conditional and readable; then `before` where both agree, else unknown on
 * the condition.
 */
export function conditionalSetting<T>(r: NativeResource, before: Fact<T> | undefined, after: Fact<T>): Fact<T> {
  // A setting that cannot be read is unknown already, naming its own input.
  if (!r.conditional || !after.known) return after;
  if (before?.known && after.known && sameValue(before.value, after.value)) return before;
  return unknownFact(r.conditional, after.loc ?? r.loc);
}
