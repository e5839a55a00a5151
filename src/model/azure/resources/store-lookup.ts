// The data store a setting or child resource belongs to: an ARM child's
// ancestor by resource ID, or the store an azurerm attribute names by
// reference or ID. Only a store of the expected type counts, so a setting
// aimed at something else changes nothing.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore, StoreType } from '../../data.js';
import type { LiftContext } from '../../lifter.js';
import { ancestorId, referencedKey } from './arm-ids.js';

function storeOf(ctx: LiftContext, key: string | undefined, type: StoreType): DataStore | undefined {
  const s = key ? ctx.model.getOf(key, 'data-store') : undefined;
  return s?.storeType === type ? s : undefined;
}

/** The store of `type` an ARM child belongs to, `levels` levels up. */
export function armAncestorStore(ctx: LiftContext, r: NativeResource, levels: number, type: StoreType): DataStore | undefined {
  const id = ancestorId(r, levels);
  return storeOf(ctx, id ? ctx.links.byIdentity(id)?.key : undefined, type);
}

/** The store of `type` an azurerm attribute names by reference or by resource ID. */
export function referencedStore(ctx: LiftContext, v: Value | undefined, type: StoreType): DataStore | undefined {
  return storeOf(ctx, referencedKey(ctx, v), type);
}
