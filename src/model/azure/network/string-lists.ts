// Lists of strings picked from lists of objects (service endpoints, subnet
// delegations, private endpoint group IDs), with unknown members kept.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';

/**
 * The string `pick` finds in each item of a list. Absent: the empty list (the
 * platform default for every list read this way). Unknown when the list or a
 * picked value is.
 */
export function pickedStrings(
  v: Value | undefined,
  r: NativeResource,
  name: string,
  pick: (item: Value) => Value | undefined = (x) => x,
): Fact<string[]> {
  if (v === undefined || (v.kind === 'known' && v.value === null)) return defaulted([], r.loc);
  if (v.kind === 'unknown' || v.kind === 'ref') return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  const out: string[] = [];
  for (const item of itemsOf(v)) {
    const p = pick(item);
    if (p === undefined || (p.kind === 'known' && p.value === null)) continue;
    if (p.kind === 'known' && (typeof p.value === 'string' || typeof p.value === 'number')) out.push(String(p.value));
    else return unknownFact(causeOf(p, r, name), p.loc ?? item.loc ?? v.loc ?? r.loc);
  }
  return fact(out, v.loc ?? r.loc);
}
