// Immutability of a backup vault (Recovery Services, Data Protection). Only
// `Locked` makes the vault immutable: `Unlocked` turns immutability on, but an
// administrator can turn it off again and then delete recovery points, as
// with AWS Backup's governance-mode lock, which is not immutable either.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import { isSet, knownText } from './attribute-paths.js';

/** Sets whether the vault's immutability is `Locked` (not set means `Disabled`), and notes an `Unlocked` one. */
export function setVaultLock(v: DataStore, state: Value | undefined, r: NativeResource, name: string): void {
  if (!isSet(state)) {
    v.immutable = defaulted(false, r.loc);
    return;
  }
  const text = knownText(state)?.toLowerCase();
  if (text === undefined) {
    v.immutable = unknownFact(causeOf(state, r, name), state.loc ?? r.loc);
    return;
  }
  v.immutable = fact(text === 'locked', state.loc ?? r.loc);
  if (text === 'unlocked') v.liftableLock = 'unlocked';
}
