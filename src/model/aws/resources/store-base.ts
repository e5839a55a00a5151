// The frame of a DataStore lifted from one native resource.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore, StoreType } from '../../data.js';
import { unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { stringFact } from '../../lift-values.js';
import type { NameKind } from './name-index.js';
import { registerName } from './name-index.js';
import { tagsValue } from './tags.js';

export function dataStore(r: NativeResource, ctx: LiftContext, storeType: StoreType, tags: Value | undefined = tagsValue(r)): DataStore {
  return { ...baseOf(r, ctx, tags), kind: 'data-store', storeType };
}

/** Sets the store's name from `attribute` (unknown when the provider generates it) and registers it for joins by name. */
export function nameStore(ctx: LiftContext, store: DataStore, r: NativeResource, attribute: string, kind?: NameKind): void {
  const v = r.attrs.fields[attribute];
  store.name = v ? stringFact(v, r, { name: attribute }) : unknownFact({ inputs: [], detail: `${r.address} has a generated name` }, r.loc);
  if (kind) registerName(ctx, kind, v, store.id, r);
}
