// azurerm subnets and peerings name their virtual network by name and
// resource group, not by reference.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import { VIRTUAL_NETWORK, VIRTUAL_NETWORKS } from './kinds.js';
import { idByName } from './name-index.js';
import { linkTo } from './references.js';

/** The virtual network an azurerm resource names by `virtual_network_name` and `resource_group_name`. */
export function networkByName(r: NativeResource, ctx: LiftContext, rg: Value | undefined, name: Value | undefined): Link {
  const loc = name?.loc ?? r.loc;
  if (name && name.kind === 'ref') return linkTo(name, r, ctx, 'virtual_network_name', VIRTUAL_NETWORKS);
  const hit = idByName(ctx, VIRTUAL_NETWORK, rg, [name], r);
  if (hit) return fact(hit, loc);
  if (name?.kind === 'known' && typeof name.value === 'string') {
    const where = rg?.kind === 'known' ? ` in resource group ${String(rg.value)}` : '';
    return unknownFact(
      { inputs: [`virtual network ${name.value}${where}`], detail: `virtual network ${name.value}${where} is not defined in the scanned inputs` },
      loc,
    );
  }
  return unknownFact(name ? causeOf(name, r, 'virtual_network_name') : { inputs: [], detail: `virtual_network_name is not set in ${r.address}` }, loc);
}
