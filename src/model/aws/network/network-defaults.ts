// The finishing joins of the network layer, once every entity exists: each
// VPC gets its main route table and default security group, route tables
// their local routes, subnets without an ACL the default network ACL,
// default subnets their default VPC, NAT gateways the VPC of their subnet;
// default groups a CDK custom resource restricts lose the rules it revokes.
import { defaulted } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import type { Network } from '../../network.js';
import {
  addIpv6AclRules,
  addIpv6AllEgress,
  addLocalRoutes,
  ensureDefaultNetworkAcl,
  ensureDefaultSecurityGroup,
  ensureMainRouteTable,
} from './platform-objects.js';
import { revokeRestrictedDefaultRules } from './cdk-restricted-default-group.js';

function isAws(e: { cloud: string }): boolean {
  return e.cloud === 'aws';
}

/** `aws_default_subnet` names no VPC: it is in the default VPC of its scope, when that is scanned. */
function joinDefaultSubnets(ctx: LiftContext): void {
  const defaults = ctx.model.all('network').filter((n) => isAws(n) && n.isDefault);
  for (const subnet of ctx.model.all('subnet')) {
    if (subnet.nativeType !== 'aws_default_subnet') continue;
    const candidates = defaults.filter((n) => n.scope === subnet.scope);
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only) subnet.network = defaulted(only.id, subnet.loc);
  }
}

function completeNetwork(network: Network, ctx: LiftContext): void {
  const main = ensureMainRouteTable(network.id, ctx);
  if (!network.mainRouteTable && main) network.mainRouteTable = defaulted(main.id, network.loc);
  const group = ensureDefaultSecurityGroup(network.id, ctx);
  if (!network.defaultSecurityGroup && group) network.defaultSecurityGroup = defaulted(group.id, network.loc);
}

export function finishNetworkLayer(ctx: LiftContext): void {
  joinDefaultSubnets(ctx);
  for (const network of ctx.model.all('network')) if (isAws(network)) completeNetwork(network, ctx);
  for (const table of ctx.model.all('route-table')) {
    const network = table.network?.known ? ctx.model.getOf(table.network.value, 'network') : undefined;
    if (network && isAws(table)) addLocalRoutes(table, network);
  }
  for (const subnet of ctx.model.all('subnet')) {
    // Without an association a subnet uses its VPC's default network ACL.
    if (!isAws(subnet) || subnet.securityGroup || !subnet.network.known) continue;
    const acl = ensureDefaultNetworkAcl(subnet.network.value, ctx);
    if (acl) subnet.securityGroup = defaulted(acl.id, subnet.loc);
  }
  for (const group of ctx.model.all('security-group')) {
    const network = group.network?.known ? ctx.model.getOf(group.network.value, 'network') : undefined;
    if (!network || !isAws(group)) continue;
    if (group.flavor === 'aws-network-acl') addIpv6AclRules(group, network);
    else addIpv6AllEgress(group, network);
  }
  revokeRestrictedDefaultRules(ctx);
  for (const gateway of ctx.model.all('gateway')) {
    if (!isAws(gateway) || gateway.gatewayType !== 'nat' || gateway.network || !gateway.subnet) continue;
    const subnet = gateway.subnet.known ? ctx.model.getOf(gateway.subnet.value, 'subnet') : undefined;
    if (subnet) gateway.network = subnet.network;
  }
}
