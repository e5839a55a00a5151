// Virtual networks. ARM inline subnets arrive as subnet resources of their
// own (the reader splits them), so only azurerm's `subnet` blocks become
// subnets here. Inline peerings of an ARM virtual network are connections
// (see connections.ts).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf, stringListFact } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import type { Network } from '../../network.js';
import { attr, isSet, knownText, prop, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { armInlinePeerings } from './connections.js';
import { inlineSubnetBlocks, inlineSubnetId, TF_VIRTUAL_NETWORK } from './inline-subnets.js';
import { SUBNET, VIRTUAL_NETWORK } from './kinds.js';
import { registerName } from './name-index.js';
import { ARM, TERRAFORM } from './sources.js';
import { terraformSubnet } from './subnet.js';

/** Inline subnets that are themselves unknown hide subnets from the model. */
function subnetsComplete(r: NativeResource, list: Value | undefined): Fact<boolean> {
  if (list && (list.kind === 'unknown' || list.kind === 'ref')) {
    const cause = causeOf(list, r, 'subnets');
    return unknownFact({ ...cause, detail: `the subnets written in ${r.address} cannot be read: ${cause.detail}` }, list.loc ?? r.loc);
  }
  return fact(true, list?.loc ?? r.loc);
}

function cidrsOf(r: NativeResource, prefixes: Value | undefined, name: string, ipam: Value | undefined) {
  if (!isSet(prefixes) && isSet(ipam)) {
    return unknownFact({ inputs: [`${r.address} ipamPoolPrefixAllocations`], detail: `the address space of ${r.address} is allocated from an IPAM pool at deployment` }, ipam.loc ?? r.loc);
  }
  return stringListFact(prefixes, r, { name });
}

const armVirtualNetwork: LiftHandler = {
  types: [VIRTUAL_NETWORK],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const network: Network = {
      ...azureBase(r, ctx),
      kind: 'network',
      cidrs: cidrsOf(r, prop(r, 'addressSpace', 'addressPrefixes'), 'addressSpace.addressPrefixes', prop(r, 'addressSpace', 'ipamPoolPrefixAllocations')),
      subnetsComplete: subnetsComplete(r, prop(r, 'subnets')),
    };
    ctx.model.add(network);
    armInlinePeerings(r, ctx);
  },
};

const tfVirtualNetwork: LiftHandler = {
  types: [TF_VIRTUAL_NETWORK],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const rg = attr(r, 'resource_group_name');
    const name = attr(r, 'name');
    registerName(ctx, VIRTUAL_NETWORK, rg, [name], r.key, r);
    const base = azureBase(r, ctx);
    ctx.model.add({
      ...base,
      kind: 'network',
      cidrs: cidrsOf(r, attr(r, 'address_space'), 'address_space', attr(r, 'ip_address_pool')),
      subnetsComplete: subnetsComplete(r, attr(r, 'subnet')),
    });
    inlineSubnetBlocks(r).forEach((block, i) => {
      const subnetName = knownText(tfPath(block, 'name'));
      const part = subnetName ?? String(i);
      const id = inlineSubnetId(r.key, part);
      if (ctx.model.get(id)) return;
      registerName(ctx, SUBNET, rg, [name, tfPath(block, 'name')], id, r);
      const loc = block.loc ?? r.loc;
      const subnetBase = { ...base, id, address: `${r.address}.subnet["${part}"]`, loc, tags: fact({}, loc) };
      delete subnetBase.unknownTags;
      ctx.model.add(terraformSubnet(r, block, ctx, fact(r.key, loc), subnetBase));
    });
  },
};

export const vnetHandlers: LiftHandler[] = [armVirtualNetwork, tfVirtualNetwork];
