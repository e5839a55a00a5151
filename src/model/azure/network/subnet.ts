// Subnets: ARM subnet resources (the reader also emits a virtual network's
// inline subnets as such), `azurerm_subnet`, and the `subnet` blocks of an
// `azurerm_virtual_network` (see vnet.ts). The azurerm association
// resources amend the subnet's NSG, route table and NAT gateway.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { Subnet } from '../../network.js';
import { apiVersionOf, armPath, attr, isSet, prop, subResourceId, tfPath } from './attributes.js';
import { armParent, armParentLink } from './arm-parent.js';
import { azureBase } from './base.js';
import { later } from './deferred.js';
import { NAT_GATEWAYS, NSGS, ROUTE_TABLES, SUBNET, SUBNETS, VIRTUAL_NETWORKS } from './kinds.js';
import { registerName } from './name-index.js';
import { networkByName } from './network-by-name.js';
import { linkOrNull, linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';
import { pickedStrings } from './string-lists.js';

/** Resource Manager makes subnets private (no default outbound access) from this API version on. */
export const PRIVATE_SUBNET_API_VERSION = '2025-07-01';

function isIpv6(prefix: string): boolean {
  return prefix.includes(':');
}

/** The subnet's IPv4 and IPv6 prefixes from `addressPrefix` or the first of each family in `addressPrefixes`. */
function prefixesOf(
  single: Value | undefined,
  many: Value | undefined,
  r: NativeResource,
  names: { single: string; many: string },
  loc = r.loc,
): { cidr: Fact<string | null>; ipv6Cidr: Fact<string | null> } {
  if (isSet(single) && !isSet(many)) {
    const f = stringFact(single, r, { name: names.single });
    if (f.known && isIpv6(f.value)) return { cidr: fact(null, f.loc), ipv6Cidr: f };
    return { cidr: f, ipv6Cidr: defaulted(null, loc) };
  }
  if (!isSet(many)) {
    const cause = { inputs: [], detail: `${r.address} sets no address prefix` };
    return { cidr: unknownFact(cause, loc), ipv6Cidr: unknownFact(cause, loc) };
  }
  if (many.kind !== 'list') {
    const u = unknownFact(causeOf(many, r, names.many), many.loc ?? loc);
    return { cidr: u, ipv6Cidr: u };
  }
  let v4: Fact<string | null> | undefined;
  let v6: Fact<string | null> | undefined;
  for (const item of many.items) {
    const f = stringFact(item, r, { name: names.many });
    // An unknown member may be of either family.
    if (!f.known) return { cidr: v4 ?? f, ipv6Cidr: v6 ?? f };
    if (isIpv6(f.value)) v6 ??= f;
    else v4 ??= f;
  }
  return { cidr: v4 ?? fact(null, many.loc ?? loc), ipv6Cidr: v6 ?? fact(null, many.loc ?? loc) };
}

/**
 * ARM: absent means on before API version 2025-07-01 and off from it (private
 * subnets by default). Live: from 2025-07-01 Resource Manager stores `false`
 * on the subnets it creates private, so a body without the value (read at an
 * API version that returns it; the live reader marks older reads unknown) is
 * a subnet that was never made private: on.
 */
function armDefaultOutbound(r: NativeResource, v: Value | undefined): Fact<boolean> {
  if (isSet(v)) return boolFact(v, r, { name: 'defaultOutboundAccess' });
  if (r.source === 'azure') return defaulted(true, r.loc);
  const api = apiVersionOf(r);
  if (api === undefined) {
    return unknownFact(
      { inputs: [`${r.address} apiVersion`], detail: `defaultOutboundAccess is not set and the API version that decides its default is unknown` },
      r.loc,
    );
  }
  // API versions are ISO dates (with an optional `-preview` suffix): they compare as strings.
  return defaulted(api.slice(0, 10) < PRIVATE_SUBNET_API_VERSION, r.loc);
}

/** azurerm 3.x wrote the policy as a boolean, 4.x as the API's string. */
function peNetworkPolicies(r: NativeResource, text: Value | undefined, flag: Value | undefined, arm: boolean): Fact<string> {
  if (isSet(text)) return stringFact(text, r, { name: arm ? 'privateEndpointNetworkPolicies' : 'private_endpoint_network_policies' });
  if (isSet(flag)) {
    const b = boolFact(flag, r, { name: 'private_endpoint_network_policies_enabled' });
    return b.known ? { ...b, value: b.value ? 'Enabled' : 'Disabled' } : b;
  }
  // Resource Manager and azurerm 4.x default: policies off for private endpoints.
  return defaulted('Disabled', r.loc);
}

export function armSubnet(r: NativeResource, ctx: LiftContext): Subnet {
  const vnet = armParent(r, ctx);
  const network = armParentLink(r, ctx, VIRTUAL_NETWORKS);
  const p = prefixesOf(prop(r, 'addressPrefix'), prop(r, 'addressPrefixes'), r, { single: 'addressPrefix', many: 'addressPrefixes' });
  if (!isSet(prop(r, 'addressPrefix')) && !isSet(prop(r, 'addressPrefixes')) && isSet(prop(r, 'ipamPoolPrefixAllocations'))) {
    const u = unknownFact({ inputs: [`${r.address} ipamPoolPrefixAllocations`], detail: `the prefix of ${r.address} is allocated from an IPAM pool at deployment` }, r.loc);
    p.cidr = u;
    p.ipv6Cidr = u;
  }
  return {
    ...azureBase(r, ctx, vnet),
    kind: 'subnet',
    network,
    ...p,
    routeTable: linkOrNull(subResourceId(prop(r, 'routeTable')), r, ctx, 'routeTable', ROUTE_TABLES),
    defaultOutboundAccess: armDefaultOutbound(r, prop(r, 'defaultOutboundAccess')),
    natGateway: linkOrNull(subResourceId(prop(r, 'natGateway')), r, ctx, 'natGateway', NAT_GATEWAYS),
    securityGroup: linkOrNull(subResourceId(prop(r, 'networkSecurityGroup')), r, ctx, 'networkSecurityGroup', NSGS),
    serviceEndpoints: pickedStrings(prop(r, 'serviceEndpoints'), r, 'serviceEndpoints', (e) => armPath(e, 'service')),
    delegations: pickedStrings(prop(r, 'delegations'), r, 'delegations', (d) => armPath(d, 'properties', 'serviceName')),
    privateEndpointNetworkPolicies: peNetworkPolicies(r, prop(r, 'privateEndpointNetworkPolicies'), undefined, true),
  };
}

/**
 * A subnet in azurerm's shape: `azurerm_subnet` (block = its attributes) or a
 * `subnet` block of a virtual network. Route table and NSG are written only
 * in blocks; `azurerm_subnet` gets them from association resources.
 */
export function terraformSubnet(
  r: NativeResource,
  block: Value,
  ctx: LiftContext,
  network: Link,
  base: ReturnType<typeof azureBase>,
): Subnet {
  const loc = block.loc ?? r.loc;
  const single = tfPath(block, 'address_prefix');
  const many = tfPath(block, 'address_prefixes');
  return {
    ...base,
    kind: 'subnet',
    network,
    ...prefixesOf(single, many, r, { single: 'address_prefix', many: 'address_prefixes' }, loc),
    routeTable: linkOrNull(tfPath(block, 'route_table_id'), r, ctx, 'route_table_id', ROUTE_TABLES),
    // azurerm's default (the provider sets it explicitly, whatever the API version).
    defaultOutboundAccess: boolFact(tfPath(block, 'default_outbound_access_enabled'), r, { name: 'default_outbound_access_enabled', default: true }),
    natGateway: defaulted(null, loc),
    securityGroup: linkOrNull(tfPath(block, 'security_group'), r, ctx, 'security_group', NSGS),
    serviceEndpoints: pickedStrings(tfPath(block, 'service_endpoints'), r, 'service_endpoints'),
    delegations: pickedStrings(tfPath(block, 'delegation'), r, 'delegation', (d) => tfPath(itemsOf(tfPath(d, 'service_delegation'))[0], 'name')),
    privateEndpointNetworkPolicies: peNetworkPolicies(
      r,
      tfPath(block, 'private_endpoint_network_policies'),
      tfPath(block, 'private_endpoint_network_policies_enabled'),
      false,
    ),
  };
}

const armSubnetHandler: LiftHandler = {
  types: [SUBNET],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(armSubnet(r, ctx));
  },
};

const tfSubnetHandler: LiftHandler = {
  types: ['azurerm_subnet'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const rg = attr(r, 'resource_group_name');
    const vnetName = attr(r, 'virtual_network_name');
    registerName(ctx, SUBNET, rg, [vnetName, attr(r, 'name')], r.key, r);
    const subnet = terraformSubnet(r, r.attrs, ctx, unknownFact({ inputs: [], detail: 'resolved by name' }, r.loc), azureBase(r, ctx));
    ctx.model.add(subnet);
    // The virtual network is named, not referenced: look it up once every name is known.
    later(ctx, () => {
      subnet.network = networkByName(r, ctx, rg, vnetName);
      const vnet = subnet.network.known ? ctx.links.native(subnet.network.value) : undefined;
      if (vnet && !r.region) subnet.region = azureBase(r, ctx, vnet).region;
    });
  },
};

/** azurerm association resources: `subnet_id` plus the associated object. */
function association(type: string, attribute: string, field: 'securityGroup' | 'routeTable' | 'natGateway', kinds: typeof NSGS): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const subnetLink = linkTo(attr(r, 'subnet_id'), r, ctx, 'subnet_id', SUBNETS);
      const target = linkTo(attr(r, attribute), r, ctx, attribute, kinds);
      if (!subnetLink.known) return;
      const subnet = ctx.model.getOf(subnetLink.value, 'subnet');
      if (!subnet) return;
      if (r.conditional) {
        // Whether the association exists decides between the target and none.
        subnet[field] = unknownFact({ ...r.conditional, detail: `${r.address} exists only under a condition: ${r.conditional.detail}` }, r.loc);
      } else subnet[field] = target.known ? fact<string | null>(target.value, target.loc) : target;
    },
  };
}

export const subnetHandlers: LiftHandler[] = [
  armSubnetHandler,
  tfSubnetHandler,
  association('azurerm_subnet_network_security_group_association', 'network_security_group_id', 'securityGroup', NSGS),
  association('azurerm_subnet_route_table_association', 'route_table_id', 'routeTable', ROUTE_TABLES),
  association('azurerm_subnet_nat_gateway_association', 'nat_gateway_id', 'natGateway', NAT_GATEWAYS),
];
