// AWS Config items of the network layer (VPC, subnet, security group, route
// table, internet and NAT gateways) lifted into the same entities as the
// Terraform and CloudFormation handlers. Live items are the deployed state:
// the default security group and the main route table are real items, so
// they take the ids the platform defaults would have and replace them.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field, known, list, obj } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, itemsOf, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Network, RouteTable } from '../../network.js';
import type { SecurityRule } from '../../security.js';
import { defaultSecurityGroupId, linkOrNullTo, linkTo, mainRouteTableId, referencedNative } from '../network/references.js';
import type { RouteAttrs } from '../network/routes.js';
import { routeOf } from '../network/routes.js';
import type { RuleShape } from '../network/security-rules.js';
import { ruleOf } from '../network/security-rules.js';
import { tagsOf } from '../network/tags.js';
import { isWritten } from '../network/written.js';

export const CONFIG: readonly NativeResource['source'][] = ['aws-config'];

function strings(v: Value | undefined, name: string): string[] {
  const out: string[] = [];
  for (const item of itemsOf(v)) {
    const s = field(item, name);
    if (s?.kind === 'known' && typeof s.value === 'string' && s.value) out.push(s.value);
  }
  return out;
}

/** An association that is gone or failed gives the subnet or VPC no addresses; any other state may. */
const INACTIVE_IPV6_STATES = new Set(['disassociated', 'disassociating', 'failed', 'failing']);

/** Entries of a subnet or VPC item's `ipv6CidrBlockAssociationSet` that are not gone or failed. */
function activeIpv6Associations(set: Value | undefined): Value[] {
  return itemsOf(set).filter((item) => {
    const state = field(field(item, 'ipv6CidrBlockState'), 'state');
    return !(state?.kind === 'known' && typeof state.value === 'string' && INACTIVE_IPV6_STATES.has(state.value));
  });
}

/** An active association counts even before its block shows; an item without the set does not say the subnet has no IPv6. */
function ipv6PresenceOfItem(r: NativeResource, active: Value[]): Fact<boolean> {
  const set = field(r.attrs, 'ipv6CidrBlockAssociationSet');
  if (active.length > 0) return fact(true, set?.loc ?? r.loc);
  if (set === undefined || set.kind === 'unknown') {
    return unknownFact(
      { inputs: [`${r.address} ipv6CidrBlockAssociationSet`], detail: `the configuration item of ${r.address} does not list its IPv6 blocks` },
      r.loc,
    );
  }
  return fact(false, set.loc ?? r.loc);
}

/** The VPC native a Config item names through `vpcId`. */
function vpcNative(r: NativeResource, ctx: LiftContext): NativeResource | undefined {
  return referencedNative(field(r.attrs, 'vpcId'), ctx, r);
}

const vpc: LiftHandler = {
  types: ['AWS::EC2::VPC'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const associated = strings(field(r.attrs, 'cidrBlockAssociationSet'), 'cidrBlock');
    const primary = stringFact(field(r.attrs, 'cidrBlock'), r, { name: 'cidrBlock' });
    const cidrs: Fact<string[]> = associated.length
      ? fact(associated, r.loc)
      : primary.known
        ? { ...primary, value: [primary.value] }
        : primary;
    const network: Network = {
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'network',
      cidrs,
      ipv6Enabled: fact(activeIpv6Associations(field(r.attrs, 'ipv6CidrBlockAssociationSet')).length > 0, r.loc),
      // Every VPC has a main route table: its item replaces this (routeTableAssociations). Without it the
      // routes of unassociated subnets are not known, not the platform default's local route only.
      mainRouteTable: unknownFact(
        {
          inputs: ['AWS Config recorder: AWS::EC2::RouteTable'],
          detail: `no route table item marked main was read for ${r.address}: record AWS::EC2::RouteTable in AWS Config`,
        },
        r.loc,
      ),
    };
    const isDefault = boolFact(field(r.attrs, 'isDefault'), r, { name: 'isDefault', default: false });
    if (isDefault.known && isDefault.value) network.isDefault = true;
    ctx.model.add(network);
  },
};

const subnet: LiftHandler = {
  types: ['AWS::EC2::Subnet'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const active = activeIpv6Associations(field(r.attrs, 'ipv6CidrBlockAssociationSet'));
    const ipv6 = strings(list(active), 'ipv6CidrBlock');
    const cidr = field(r.attrs, 'cidrBlock');
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'subnet',
      network: linkTo(field(r.attrs, 'vpcId'), r, ctx, 'vpcId'),
      cidr: isWritten(cidr) ? stringFact(cidr, r, { name: 'cidrBlock' }) : fact(null, r.loc),
      ipv6Cidr: fact(ipv6[0] ?? null, r.loc),
      ipv6Enabled: ipv6PresenceOfItem(r, active),
      zone: stringFact(field(r.attrs, 'availabilityZone'), r, { name: 'availabilityZone' }),
      // Associations come from the route tables' items; none means the main table.
      routeTable: defaulted(null, r.loc),
      mapPublicIpOnLaunch: boolFact(field(r.attrs, 'mapPublicIpOnLaunch'), r, { name: 'mapPublicIpOnLaunch', default: false }),
      assignIpv6OnCreation: boolFact(field(r.attrs, 'assignIpv6AddressOnCreation'), r, {
        name: 'assignIpv6AddressOnCreation',
        default: false,
      }),
    });
  },
};

/** A Config permission with its nested peer objects flattened into lists, so the shared rule reader takes it. */
const CONFIG_RULE: RuleShape = {
  protocol: 'ipProtocol',
  fromPort: 'fromPort',
  toPort: 'toPort',
  peers: [
    { attribute: 'cidrs', kind: 'cidr' },
    { attribute: 'prefixLists', kind: 'prefix-list' },
    { attribute: 'groups', kind: 'security-group' },
  ],
};

function flatPermission(p: Value): Value {
  const loc = p.loc;
  const texts = (xs: string[]) => list(xs.map((x) => known(x, loc)), loc);
  const v4 = strings(field(p, 'ipv4Ranges'), 'cidrIp');
  // Older items list IPv4 ranges in `ipRanges` only: plain strings, or `{cidrIp}` as in the EC2 API.
  const legacy = v4.length ? [] : [...itemsOf(field(p, 'ipRanges')).flatMap((i) => (i.kind === 'known' && typeof i.value === 'string' ? [i.value] : [])), ...strings(field(p, 'ipRanges'), 'cidrIp')];
  const fields: Record<string, Value> = {
    cidrs: texts([...v4, ...legacy, ...strings(field(p, 'ipv6Ranges'), 'cidrIpv6')]),
    prefixLists: texts(strings(field(p, 'prefixListIds'), 'prefixListId')),
    groups: texts(strings(field(p, 'userIdGroupPairs'), 'groupId')),
  };
  for (const name of ['ipProtocol', 'fromPort', 'toPort']) {
    const v = field(p, name);
    if (v) fields[name] = v;
  }
  // `-1` with no ports is every port of every protocol.
  if (!fields.fromPort) fields.fromPort = known(0, loc);
  if (!fields.toPort) fields.toPort = known(65535, loc);
  return obj(fields, loc);
}

function permissions(r: NativeResource, attribute: string, direction: 'ingress' | 'egress', id: string, ctx: LiftContext): SecurityRule[] {
  return itemsOf(field(r.attrs, attribute))
    .filter((p) => p.kind === 'object')
    .map((p) => ruleOf(flatPermission(p), CONFIG_RULE, direction, r, ctx, id));
}

const securityGroup: LiftHandler = {
  types: ['AWS::EC2::SecurityGroup'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const name = field(r.attrs, 'groupName');
    const isDefault = name?.kind === 'known' && name.value === 'default';
    const owner = vpcNative(r, ctx);
    // The default group replaces the platform default the network finish would add.
    const id = isDefault && owner ? defaultSecurityGroupId(owner.key) : r.key;
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      id,
      kind: 'security-group',
      flavor: 'aws-security-group',
      network: linkTo(field(r.attrs, 'vpcId'), r, ctx, 'vpcId'),
      rules: [...permissions(r, 'ipPermissions', 'ingress', id, ctx), ...permissions(r, 'ipPermissionsEgress', 'egress', id, ctx)],
      rulesComplete: defaulted(true, r.loc),
      ...(isDefault ? { isDefault: true } : {}),
    });
  },
};

const CONFIG_ROUTE: RouteAttrs = {
  destinations: ['destinationCidrBlock', 'destinationIpv6CidrBlock', 'destinationPrefixListId'],
  targets: [
    'gatewayId',
    'natGatewayId',
    'transitGatewayId',
    'vpcPeeringConnectionId',
    'networkInterfaceId',
    'instanceId',
    'egressOnlyInternetGatewayId',
    'carrierGatewayId',
    'localGatewayId',
    'coreNetworkArn',
  ],
};

function isMain(r: NativeResource): boolean {
  return itemsOf(field(r.attrs, 'associations')).some((a) => {
    const m = field(a, 'main');
    return m?.kind === 'known' && m.value === true;
  });
}

const routeTable: LiftHandler = {
  types: ['AWS::EC2::RouteTable'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const owner = vpcNative(r, ctx);
    const id = isMain(r) && owner ? mainRouteTableId(owner.key) : r.key;
    // Blackhole routes lead nowhere: they are not paths.
    const routes = itemsOf(field(r.attrs, 'routes')).filter((b) => {
      const s = field(b, 'state');
      return b.kind === 'object' && !(s?.kind === 'known' && s.value === 'blackhole');
    });
    const table: RouteTable = {
      ...baseOf(r, ctx, tagsOf(r)),
      id,
      kind: 'route-table',
      network: linkTo(field(r.attrs, 'vpcId'), r, ctx, 'vpcId'),
      routes: routes.map((b) => routeOf(b, CONFIG_ROUTE, r, ctx)),
      // Propagated routes are listed in the item like any other.
      routesComplete: defaulted(true, r.loc),
    };
    ctx.model.add(table);
  },
};

/** Explicit subnet associations of a table, after every subnet exists. */
const routeTableAssociations: LiftHandler = {
  types: ['AWS::EC2::RouteTable'],
  sources: CONFIG,
  pass: 'amend',
  lift(r, ctx) {
    const owner = vpcNative(r, ctx);
    const tableId = isMain(r) && owner ? mainRouteTableId(owner.key) : r.key;
    for (const a of itemsOf(field(r.attrs, 'associations'))) {
      const subnetRef = field(a, 'subnetId');
      if (!isWritten(subnetRef)) continue;
      const s = linkTo(subnetRef, r, ctx, 'subnetId');
      const entity = s.known ? ctx.model.getOf(s.value, 'subnet') : undefined;
      if (entity) entity.routeTable = fact(tableId, a.loc ?? r.loc);
    }
    if (owner && isMain(r)) {
      const network = ctx.model.getOf(owner.key, 'network');
      if (network) network.mainRouteTable = fact(tableId, r.loc);
    }
  },
};

const internetGateway: LiftHandler = {
  types: ['AWS::EC2::InternetGateway', 'AWS::EC2::EgressOnlyInternetGateway'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const attached = itemsOf(field(r.attrs, 'attachments')).find((a) => isWritten(field(a, 'vpcId')));
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'gateway',
      gatewayType: r.type === 'AWS::EC2::InternetGateway' ? 'internet' : 'egress-only-internet',
      network: attached ? linkOrNullTo(field(attached, 'vpcId'), r, ctx, 'vpcId') : fact(null, r.loc),
    });
  },
};

const natGateway: LiftHandler = {
  types: ['AWS::EC2::NatGateway'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const c = stringFact(field(r.attrs, 'connectivityType'), r, { name: 'connectivityType', default: 'public' });
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'gateway',
      gatewayType: 'nat',
      subnet: linkTo(field(r.attrs, 'subnetId'), r, ctx, 'subnetId'),
      connectivity: c.known ? { ...c, value: c.value === 'private' ? 'private' : 'public' } : c,
    });
  },
};

export const configNetworkHandlers: LiftHandler[] = [
  vpc,
  subnet,
  securityGroup,
  routeTable,
  routeTableAssociations,
  internetGateway,
  natGateway,
];
