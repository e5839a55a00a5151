// Resource groups are not entities, but their tags give a segment to what is
// deployed in them (SPEC §2, last in order). When the resource group is
// defined in the scan (a subscription-scope template, `azurerm_resource_group`),
// every Azure entity in it carries the group's tags.
import type { NativeResource } from '../../../readers/native.js';
import { unknownFact } from '../../fact.js';
import { tagsFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { EntityBase } from '../../entity.js';
import { armPath, attr } from './attributes.js';
import { idByName, registerName } from './name-index.js';
import { resourceGroupId } from './resource-ids.js';
import { ARM, TERRAFORM } from './sources.js';

const RESOURCE_GROUP = 'Microsoft.Resources/resourceGroups';

const armResourceGroup: LiftHandler = {
  types: [RESOURCE_GROUP],
  sources: ARM,
  pass: 'entity',
  // Read through the IDs of what is deployed in it.
  lift() {},
};

const tfResourceGroup: LiftHandler = {
  types: ['azurerm_resource_group'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    registerName(ctx, RESOURCE_GROUP, attr(r, 'name'), [], r.key, r);
  },
};

function groupOf(n: NativeResource, ctx: LiftContext): NativeResource | undefined {
  if (ARM.includes(n.source)) {
    const id = n.ids?.[0];
    const rg = id ? resourceGroupId(id) : undefined;
    const hit = rg ? ctx.links.byIdentity(rg) : undefined;
    // An azapi resource's parent may be an azurerm resource group.
    return hit?.type.toLowerCase() === RESOURCE_GROUP.toLowerCase() || hit?.type === 'azurerm_resource_group' ? hit : undefined;
  }
  const name = attr(n, 'resource_group_name');
  if (name?.kind === 'ref') {
    const hit = ctx.links.native(name.target);
    return hit?.type === 'azurerm_resource_group' ? hit : undefined;
  }
  const key = idByName(ctx, RESOURCE_GROUP, name, [], n);
  return key ? ctx.links.native(key) : undefined;
}

/** A resource group read by a data source: it exists, but its tags cannot be read. */
function dataSourceGroup(n: NativeResource): EntityBase['tags'] | undefined {
  if (ARM.includes(n.source)) return undefined;
  const name = attr(n, 'resource_group_name');
  if (name?.kind !== 'unknown' || !name.cause.inputs.some((i) => /(^|\.)data\.azurerm_resource_group\./.test(i))) return undefined;
  return unknownFact(name.cause, name.loc ?? n.loc);
}

/** Sets `resourceGroupTags` on every Azure entity whose resource group is in the scan, or read by a data source (unknown). */
export function applyResourceGroupTags(ctx: LiftContext): void {
  const tags = new Map<NativeResource, EntityBase['tags']>();
  for (const e of ctx.model.entities()) {
    if (e.cloud !== 'azure' || !e.native) continue;
    const rg = groupOf(e.native, ctx);
    if (!rg) {
      const unread = dataSourceGroup(e.native);
      if (unread) e.resourceGroupTags = unread;
      continue;
    }
    let t = tags.get(rg);
    if (!t) tags.set(rg, (t = tagsFact(armPath(rg.attrs, 'tags'), rg).tags));
    e.resourceGroupTags = t;
  }
}

export const resourceGroupHandlers: LiftHandler[] = [armResourceGroup, tfResourceGroup];
