// The entity base of an Azure resource: tags from `tags`, region from the
// resource's location (ARM readers put it in NativeResource.region; azurerm
// writes `location`). Resources without a location of their own (child
// resources, extension resources) take it from the resource they belong to.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore, StoreType } from '../../data.js';
import type { EntityBase } from '../../entity.js';
import { unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { stringFact } from '../../lift-values.js';
import { armPath } from './attribute-paths.js';

function locationOf(r: NativeResource): Value | undefined {
  if (r.region) return r.region;
  return r.source === 'arm' ? undefined : armPath(r.attrs, 'location');
}

export function azureBase(r: NativeResource, ctx: LiftContext, locatedBy?: NativeResource): EntityBase {
  const location = locationOf(r) ?? (locatedBy ? locationOf(locatedBy) : undefined);
  const located: NativeResource = location ? { ...r, region: location } : r;
  const base = baseOf(located, ctx, armPath(r.attrs, 'tags'));
  base.native = r;
  return base;
}

/** The resource's own name: the last level of an ARM `parent/child` name. */
export function ownName(r: NativeResource) {
  const v = armPath(r.attrs, 'name');
  if (!v) return unknownFact({ inputs: [], detail: `${r.address} has a generated name` }, r.loc);
  const f = stringFact(v, r, { name: 'name' });
  return f.known && r.source === 'arm' ? { ...f, value: f.value.split('/').pop() ?? f.value } : f;
}

export function newDataStore(r: NativeResource, ctx: LiftContext, storeType: StoreType, locatedBy?: NativeResource): DataStore {
  return { ...azureBase(r, ctx, locatedBy), kind: 'data-store', storeType, name: ownName(r) };
}
