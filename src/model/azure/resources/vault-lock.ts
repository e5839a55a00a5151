// Immutability of a backup vault (Recovery Services, Data Protection). Only
// `Locked` makes the vault immutable: `Unlocked` turns immutability on, but an
// administrator can turn it off again and then delete recovery points, as
// with AWS Backup's governance-mode lock, which is not immutable either.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import { isSet, knownText } from './attribute-paths.js';

/** Whether the vault's immutability is `Locked`; not set means `Disabled`. */
export function vaultLocked(v: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  if (!isSet(v)) return defaulted(false, r.loc);
  const text = knownText(v);
  if (text === undefined) return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  return fact(text.toLowerCase() === 'locked', v.loc ?? r.loc);
}
