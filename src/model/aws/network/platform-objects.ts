// Objects AWS creates with every VPC, made explicit in the model: the main
// route table (local route only; for a default VPC also the route to its
// internet gateway), the default security group (all egress, ingress from
// its own members) and the default VPC's internet gateway. A definition that
// adopts one of them (`aws_default_route_table`, `aws_default_security_group`)
// takes the same id, so the synthesized object exists only when none is declared.
import { defaulted, fact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import type { Gateway, Network, RouteTable } from '../../network.js';
import type { SecurityGroup, SecurityRule } from '../../security.js';
import { defaultNetworkAclId, defaultSecurityGroupId, mainRouteTableId } from './references.js';

/** platformDefault of the allow-all egress rule AWS adds to a new group (CloudFormation, default groups). */
export const ALL_EGRESS_DEFAULT = 'all egress allowed by default';

export const ALL_PORTS = [{ from: 0, to: 65535 }];

/** platformDefault of the default security group's rule letting in its own members. */
export const DEFAULT_GROUP_MEMBERS_INGRESS = 'default security group: ingress from its members';

function platformBase(network: Network, part: string, platformDefault: string) {
  const base = {
    id: `${network.id}#${part}`,
    cloud: network.cloud,
    source: network.source,
    nativeType: network.nativeType,
    address: `${network.address}#${part}`,
    scope: network.scope,
    loc: network.loc,
    tags: defaulted({}, network.loc),
    region: network.region,
    platformDefault,
  };
  // A VPC that exists only under an unresolved condition takes its platform objects with it.
  return network.conditional ? { ...base, conditional: network.conditional } : base;
}

/** The allow-all egress rule to 0.0.0.0/0 that AWS adds to a group created without egress rules. */
export function allEgressRule(loc: SecurityRule['loc'], definedBy: string, cidr = '0.0.0.0/0'): SecurityRule {
  return {
    direction: 'egress',
    action: 'allow',
    protocol: defaulted('all', loc),
    ports: defaulted(ALL_PORTS, loc),
    peers: defaulted([{ kind: 'cidr', cidr }], loc),
    loc,
    definedBy,
    platformDefault: ALL_EGRESS_DEFAULT,
  };
}

function defaultVpcInternetGateway(network: Network, ctx: LiftContext): Gateway {
  const id = `${network.id}#internet-gateway`;
  const existing = ctx.model.getOf(id, 'gateway');
  if (existing) return existing;
  const igw: Gateway = {
    ...platformBase(network, 'internet-gateway', 'default VPC internet gateway'),
    kind: 'gateway',
    gatewayType: 'internet',
    network: defaulted(network.id, network.loc),
  };
  ctx.model.add(igw);
  return igw;
}

/** The VPC's original main route table: declared (`aws_default_route_table`) or synthesized now. */
export function ensureMainRouteTable(vpcId: string, ctx: LiftContext): RouteTable | undefined {
  const id = mainRouteTableId(vpcId);
  const existing = ctx.model.getOf(id, 'route-table');
  if (existing) return existing;
  const network = ctx.model.getOf(vpcId, 'network');
  if (!network) return undefined;
  const table: RouteTable = {
    ...platformBase(network, 'main-route-table', 'main route table'),
    kind: 'route-table',
    network: defaulted(network.id, network.loc),
    routes: [],
    routesComplete: defaulted(true, network.loc),
  };
  if (network.isDefault) {
    // A default VPC comes with an internet gateway and a main route table that uses it.
    const igw = defaultVpcInternetGateway(network, ctx);
    table.routes.push({
      destination: defaulted('0.0.0.0/0', network.loc),
      target: defaulted({ kind: 'internet-gateway', ref: defaulted(igw.id, network.loc) }, network.loc),
      loc: network.loc,
      definedBy: network.address,
      platformDefault: 'default VPC route to its internet gateway',
    });
  }
  ctx.model.add(table);
  return table;
}

/** The VPC's default security group: declared (`aws_default_security_group`) or synthesized now. */
export function ensureDefaultSecurityGroup(vpcId: string, ctx: LiftContext): SecurityGroup | undefined {
  const id = defaultSecurityGroupId(vpcId);
  const existing = ctx.model.getOf(id, 'security-group');
  if (existing) return existing;
  const network = ctx.model.getOf(vpcId, 'network');
  if (!network) return undefined;
  const loc = network.loc;
  const group: SecurityGroup = {
    ...platformBase(network, 'default-security-group', 'default security group'),
    kind: 'security-group',
    flavor: 'aws-security-group',
    network: defaulted(network.id, loc),
    isDefault: true,
    rules: [
      {
        direction: 'ingress',
        action: 'allow',
        protocol: defaulted('all', loc),
        ports: defaulted(ALL_PORTS, loc),
        peers: defaulted([{ kind: 'security-group', ref: fact(id, loc) }], loc),
        loc,
        definedBy: network.address,
        platformDefault: DEFAULT_GROUP_MEMBERS_INGRESS,
      },
      allEgressRule(loc, network.address),
    ],
    rulesComplete: defaulted(true, loc),
  };
  ctx.model.add(group);
  return group;
}

/** The deny-everything rule that ends every network ACL (`*`). */
export function aclDenyAll(direction: 'ingress' | 'egress', loc: SecurityRule['loc'], definedBy: string, cidr = '0.0.0.0/0'): SecurityRule {
  return {
    direction,
    action: 'deny',
    priority: ACL_LAST_RULE,
    protocol: defaulted('all', loc),
    ports: defaulted(ALL_PORTS, loc),
    peers: defaulted([{ kind: 'cidr', cidr }], loc),
    loc,
    definedBy,
    platformDefault: ACL_DENY_ALL,
    name: '*',
  };
}

export const ACL_DENY_ALL = 'network ACL final deny';
/** The `*` rule is evaluated after every numbered rule (numbers go up to 32766). */
const ACL_LAST_RULE = 32767;

/** The VPC's default network ACL: declared (`aws_default_network_acl`) or synthesized with its allow-all rules. */
export function ensureDefaultNetworkAcl(vpcId: string, ctx: LiftContext): SecurityGroup | undefined {
  const id = defaultNetworkAclId(vpcId);
  const existing = ctx.model.getOf(id, 'security-group');
  if (existing) return existing;
  const network = ctx.model.getOf(vpcId, 'network');
  if (!network) return undefined;
  const loc = network.loc;
  const allowAll = (direction: 'ingress' | 'egress'): SecurityRule => ({
    direction,
    action: 'allow',
    priority: 100,
    protocol: defaulted('all', loc),
    ports: defaulted(ALL_PORTS, loc),
    peers: defaulted([{ kind: 'cidr', cidr: '0.0.0.0/0' }], loc),
    loc,
    definedBy: network.address,
    platformDefault: 'default network ACL: allow all',
    name: '100',
  });
  const acl: SecurityGroup = {
    ...platformBase(network, 'default-network-acl', 'default network ACL'),
    kind: 'security-group',
    flavor: 'aws-network-acl',
    network: defaulted(network.id, loc),
    rules: [allowAll('ingress'), allowAll('egress'), aclDenyAll('ingress', loc, network.address), aclDenyAll('egress', loc, network.address)],
    rulesComplete: defaulted(true, loc),
  };
  ctx.model.add(acl);
  return acl;
}

/**
 * The object a route, rule or association names by id: an entity of the
 * wanted kind, or the VPC's platform object when the id is one of theirs.
 */
export function routeTableById(id: string, ctx: LiftContext): RouteTable | undefined {
  const table = ctx.model.getOf(id, 'route-table');
  if (table) return table;
  const suffix = '#main-route-table';
  return id.endsWith(suffix) ? ensureMainRouteTable(id.slice(0, -suffix.length), ctx) : undefined;
}

export function securityGroupById(id: string, ctx: LiftContext): SecurityGroup | undefined {
  const group = ctx.model.getOf(id, 'security-group');
  if (group) return group;
  const suffix = '#default-security-group';
  const aclSuffix = '#default-network-acl';
  if (id.endsWith(suffix)) return ensureDefaultSecurityGroup(id.slice(0, -suffix.length), ctx);
  if (id.endsWith(aclSuffix)) return ensureDefaultNetworkAcl(id.slice(0, -aclSuffix.length), ctx);
  return undefined;
}

/** Every route table routes its VPC's own blocks locally. */
export function addLocalRoutes(table: RouteTable, network: Network): void {
  if (table.routes.some((r) => r.target.known && r.target.value.kind === 'local')) return;
  const loc = table.loc;
  const local = { target: defaulted({ kind: 'local' as const }, loc), loc, definedBy: table.address, platformDefault: 'local route' };
  if (!network.cidrs.known) {
    table.routes.unshift({ ...local, destination: network.cidrs });
    return;
  }
  table.routes.unshift(...network.cidrs.value.map((cidr) => ({ ...local, destination: defaulted(cidr, network.cidrs.loc ?? loc) })));
}

/** AWS adds the allow-all egress rule for IPv6 too when the VPC has an IPv6 block. */
export function addIpv6AllEgress(group: SecurityGroup, network: Network): void {
  const ipv4 = group.rules.find(
    (r) => r.platformDefault === ALL_EGRESS_DEFAULT && r.peers.known && r.peers.value.some((p) => p.kind === 'cidr' && p.cidr === '0.0.0.0/0'),
  );
  if (!ipv4 || !network.ipv6Enabled) return;
  const hasIpv6 = group.rules.some(
    (r) => r.platformDefault === ALL_EGRESS_DEFAULT && r.peers.known && r.peers.value.some((p) => p.kind === 'cidr' && p.cidr === '::/0'),
  );
  if (hasIpv6) return;
  if (network.ipv6Enabled.known) {
    if (network.ipv6Enabled.value) group.rules.push(allEgressRule(ipv4.loc, ipv4.definedBy, '::/0'));
    return;
  }
  // Whether the rule exists depends on whether the VPC has IPv6, which is unknown.
  group.rules.push({ ...allEgressRule(ipv4.loc, ipv4.definedBy, '::/0'), peers: network.ipv6Enabled });
}

/**
 * In a VPC with IPv6 the `*` rules deny `::/0` too, and the default ACL
 * allows it (rule 101). Whether those rules exist depends on the VPC.
 */
export function addIpv6AclRules(acl: SecurityGroup, network: Network): void {
  const ipv6 = network.ipv6Enabled;
  if (!ipv6 || (ipv6.known && !ipv6.value)) return;
  const twins: SecurityRule[] = [];
  for (const r of acl.rules) {
    if (!r.platformDefault || !r.peers.known || !r.peers.value.some((p) => p.kind === 'cidr' && p.cidr === '0.0.0.0/0')) continue;
    const twin: SecurityRule = { ...r, peers: ipv6.known ? defaulted([{ kind: 'cidr', cidr: '::/0' }], r.loc) : ipv6 };
    if (r.action === 'allow' && r.priority !== undefined) {
      twin.priority = r.priority + 1;
      twin.name = String(twin.priority);
    }
    twins.push(twin);
  }
  acl.rules.push(...twins);
}
