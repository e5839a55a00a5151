// Storage redundancy from a SKU (`Standard_RAGZRS` -> `RAGZRS`) and the
// region a geo-redundant copy lives in: Azure's paired region. Only the
// Japanese pair is listed, the one kikan's controls ask about; elsewhere the
// secondary region is left unknown rather than guessed.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { stringFact } from '../../lift-values.js';

const PAIRS: Record<string, string> = { japaneast: 'japanwest', japanwest: 'japaneast' };
const KINDS = new Set(['LRS', 'ZRS', 'GRS', 'GZRS', 'RAGRS', 'RAGZRS']);

/** `Standard_GZRS` / `GZRS` -> `GZRS`. */
export function redundancyFact(v: Value | undefined, r: NativeResource, name: string): Fact<string> {
  const f = stringFact(v, r, { name });
  if (!f.known) return f;
  const kind = f.value.split('_').pop()!.toUpperCase();
  return KINDS.has(kind) ? { ...f, value: kind } : unknownFact({ inputs: [], detail: `${name} = ${f.value} is not a storage redundancy` }, f.loc);
}

export function isGeoRedundant(kind: string): boolean {
  return kind.includes('GRS') || kind.includes('GZRS');
}

/** The paired region of a Japanese region, when known. */
export function pairedRegion(region: string): string | undefined {
  return PAIRS[region.replace(/\s+/g, '').toLowerCase()];
}

/** Regions holding a copy besides the primary: the paired region for geo-redundant storage, none otherwise. */
export function replicaRegions(redundancy: Fact<string>, region: Fact<string>): Fact<string[]> {
  if (!redundancy.known) return redundancy;
  if (!isGeoRedundant(redundancy.value)) return fact([], redundancy.loc);
  if (!region.known) return region;
  const pair = pairedRegion(region.value);
  if (pair) return fact([pair], redundancy.loc);
  return unknownFact({ inputs: [], detail: `the paired region of ${region.value} is not known to kikan` }, redundancy.loc);
}
