// The entity base of an Azure resource: tags from `tags`, region from the
// resource's `location` (ARM readers put it in NativeResource.region;
// azurerm writes it as an attribute). Resources without a location of their
// own (subnets, routes, azurerm child resources) take their parent's.
import type { NativeResource } from '../../../readers/native.js';
import type { EntityBase } from '../../entity.js';
import type { LiftContext } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { armPath } from './attributes.js';

/** The resource's own location, as the reader put it or as an azurerm attribute. */
function locationOf(r: NativeResource) {
  if (r.region) return r.region;
  return r.source === 'arm' ? undefined : armPath(r.attrs, 'location');
}

export function azureBase(r: NativeResource, ctx: LiftContext, parent?: NativeResource): EntityBase {
  const location = locationOf(r) ?? (parent ? locationOf(parent) : undefined);
  const located: NativeResource = location ? { ...r, region: location } : r;
  const base = baseOf(located, ctx, armPath(r.attrs, 'tags'));
  base.native = r;
  return base;
}
