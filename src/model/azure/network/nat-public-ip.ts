// NAT gateways (always public in Azure) and the public IP addresses and
// prefixes they, NICs, load balancers and firewalls use.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { defaulted, fact } from '../../fact.js';
import { itemsOf } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { PublicIp } from '../../network.js';
import { attr, prop, subResourceId } from './attributes.js';
import { azureBase } from './base.js';
import { NAT_GATEWAY, NAT_GATEWAYS, PUBLIC_IP, PUBLIC_IP_PREFIX, PUBLIC_IPS } from './kinds.js';
import { usePublicIp } from './public-ip-users.js';
import { linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';

function natGateway(r: NativeResource, ctx: LiftContext): void {
  ctx.model.add({
    ...azureBase(r, ctx),
    kind: 'gateway',
    gatewayType: 'nat',
    // Azure NAT gateways translate to their public IPs; there is no private kind.
    connectivity: defaulted('public', r.loc),
  });
}

function useAll(r: NativeResource, ctx: LiftContext, list: Value | undefined, name: string, user: string, arm: boolean): void {
  for (const item of itemsOf(list)) usePublicIp(ctx, linkTo(arm ? subResourceId(item) : item, r, ctx, name, PUBLIC_IPS), user);
}

const armNat: LiftHandler = {
  types: [NAT_GATEWAY],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    natGateway(r, ctx);
    useAll(r, ctx, prop(r, 'publicIpAddresses'), 'publicIpAddresses', r.key, true);
    useAll(r, ctx, prop(r, 'publicIpPrefixes'), 'publicIpPrefixes', r.key, true);
  },
};

const tfNat: LiftHandler = {
  types: ['azurerm_nat_gateway'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    natGateway(r, ctx);
  },
};

function tfNatAssociation(type: string, attribute: string): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const nat = linkTo(attr(r, 'nat_gateway_id'), r, ctx, 'nat_gateway_id', NAT_GATEWAYS);
      if (nat.known) usePublicIp(ctx, linkTo(attr(r, attribute), r, ctx, attribute, PUBLIC_IPS), nat.value);
    },
  };
}

function publicIp(r: NativeResource, ctx: LiftContext): PublicIp {
  // Bound in finishNetwork, once every user is known.
  return { ...azureBase(r, ctx), kind: 'public-ip', attachedTo: fact(null, r.loc) };
}

const publicIps: LiftHandler = {
  types: [PUBLIC_IP, PUBLIC_IP_PREFIX],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(publicIp(r, ctx));
  },
};

const tfPublicIps: LiftHandler = {
  types: ['azurerm_public_ip', 'azurerm_public_ip_prefix'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(publicIp(r, ctx));
  },
};

export const natPublicIpHandlers: LiftHandler[] = [
  armNat,
  tfNat,
  tfNatAssociation('azurerm_nat_gateway_public_ip_association', 'public_ip_address_id'),
  tfNatAssociation('azurerm_nat_gateway_public_ip_prefix_association', 'public_ip_prefix_id'),
  publicIps,
  tfPublicIps,
];
