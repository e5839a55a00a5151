// VPC endpoints and their route table, subnet and security group associations.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Link, Links } from '../../entity.js';
import { fact } from '../../fact.js';
import { boolFact, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Endpoint, EndpointType } from '../../network.js';
import { defaultGroupLinks, groupsOrDefault, usesDefaultGroup } from './default-groups.js';
import { linkTo, linksTo } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { hasItems } from './written.js';

interface EndpointAttrs {
  vpc: string;
  service: string;
  type: string;
  subnets: string;
  routeTables: string;
  privateDns: string;
  securityGroups: string;
}

const TF: EndpointAttrs = {
  vpc: 'vpc_id',
  service: 'service_name',
  type: 'vpc_endpoint_type',
  subnets: 'subnet_ids',
  routeTables: 'route_table_ids',
  privateDns: 'private_dns_enabled',
  securityGroups: 'security_group_ids',
};

const CFN: EndpointAttrs = {
  vpc: 'VpcId',
  service: 'ServiceName',
  type: 'VpcEndpointType',
  subnets: 'SubnetIds',
  routeTables: 'RouteTableIds',
  privateDns: 'PrivateDnsEnabled',
  securityGroups: 'SecurityGroupIds',
};

const TYPES: Record<string, EndpointType> = {
  interface: 'interface',
  gateway: 'gateway',
  gatewayloadbalancer: 'gateway-load-balancer',
  // Resource and service-network endpoints are network interfaces in subnets, like interface endpoints.
  resource: 'interface',
  servicenetwork: 'interface',
};

/**
 * Absent type: `Gateway` on both sources. A type that cannot be evaluated is
 * read from the shape: only interface-like endpoints sit in subnets.
 */
function endpointTypeOf(r: NativeResource, a: EndpointAttrs): EndpointType {
  const f = stringFact(field(r.attrs, a.type), r, { name: a.type, default: 'Gateway' });
  const t = f.known ? TYPES[f.value.toLowerCase()] : undefined;
  if (t) return t;
  return hasItems(field(r.attrs, a.subnets)) ? 'interface' : 'gateway';
}

/** Terraform's `subnet_configuration` blocks name subnets too. */
function subnetsOf(r: NativeResource, a: EndpointAttrs, ctx: LiftContext): Links {
  const direct = linksTo(field(r.attrs, a.subnets), r, ctx, a.subnets);
  const configured = field(r.attrs, 'subnet_configuration');
  if (!direct.known || r.source === 'cloudformation' || !configured || configured.kind !== 'list') return direct;
  const more: Link[] = configured.items.map((c) => linkTo(field(c, 'subnet_id'), r, ctx, 'subnet_configuration.subnet_id'));
  const seen = new Set(direct.value.filter((l) => l.known).map((l) => l.value));
  return { ...direct, value: [...direct.value, ...more.filter((l) => !(l.known && seen.has(l.value)))] };
}

/**
 * An AWS service name written around an unknown region, as the evaluators
 * show it: `com.amazonaws.${AWS::Region}.ssm`, `aws.sagemaker.${var.region}.notebook`.
 */
const REGION_ONLY_UNKNOWN = /^(?:com\.amazonaws|aws\.[a-z0-9-]+)\.\$\{[^{}]+\}\.([a-z0-9-]+(?:\.[a-z0-9-]+)*)$/i;

/** The service of a name whose region alone is unknown. */
function serviceSuffixOf(v: Value | undefined): string | undefined {
  if (v?.kind !== 'unknown' || !v.expr) return undefined;
  return REGION_ONLY_UNKNOWN.exec(v.expr.trim())?.[1]?.toLowerCase();
}

function endpointHandler(types: string[], sources: LiftHandler['sources'], a: EndpointAttrs): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const endpointType = endpointTypeOf(r, a);
      const e: Endpoint = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'endpoint',
        endpointType,
        service: stringFact(field(r.attrs, a.service), r, { name: a.service }),
        network: linkTo(field(r.attrs, a.vpc), r, ctx, a.vpc),
        subnets: subnetsOf(r, a, ctx),
        routeTables: linksTo(field(r.attrs, a.routeTables), r, ctx, a.routeTables),
      };
      const suffix = serviceSuffixOf(field(r.attrs, a.service));
      if (suffix) e.serviceSuffix = suffix;
      // Private DNS is off unless asked for, in Terraform and CloudFormation alike.
      if (endpointType === 'interface') e.privateDns = boolFact(field(r.attrs, a.privateDns), r, { name: a.privateDns, default: false });
      // Without groups an interface endpoint gets the VPC's default group (joined in finishNetwork).
      if (endpointType === 'interface') e.securityGroups = groupsOrDefault(field(r.attrs, a.securityGroups), r, ctx, a.securityGroups);
      ctx.model.add(e);
    },
  };
}

type ListField = 'subnets' | 'routeTables' | 'securityGroups';

/**
 * An interface endpoint created without groups has the VPC's default group;
 * associating another keeps it unless `replace_default_association` is set.
 */
function keptDefaultGroup(endpoint: Endpoint, r: NativeResource): Link[] {
  const replace = boolFact(field(r.attrs, 'replace_default_association'), r, { name: 'replace_default_association', default: false });
  if ((replace.known && replace.value) || !endpoint.network) return [];
  const kept = defaultGroupLinks(endpoint.network, endpoint.loc);
  return kept.known ? kept.value : [kept];
}

/** Adds one member to a list of links of the endpoint a standalone association names. */
function association(type: string, member: string, list: ListField): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const id = linkTo(field(r.attrs, 'vpc_endpoint_id'), r, ctx, 'vpc_endpoint_id');
      const endpoint = id.known ? ctx.model.getOf(id.value, 'endpoint') : undefined;
      if (!endpoint) return;
      const current = endpoint[list];
      if (current && !current.known) return;
      const link = linkTo(field(r.attrs, member), r, ctx, member);
      const before = list === 'securityGroups' && usesDefaultGroup(current) ? keptDefaultGroup(endpoint, r) : (current?.value ?? []);
      endpoint[list] = fact([...before, link], current?.loc ?? link.loc);
    },
  };
}

export const endpointHandlers: LiftHandler[] = [
  endpointHandler(['aws_vpc_endpoint'], TERRAFORM, TF),
  endpointHandler(['AWS::EC2::VPCEndpoint'], CLOUDFORMATION, CFN),
  association('aws_vpc_endpoint_route_table_association', 'route_table_id', 'routeTables'),
  association('aws_vpc_endpoint_subnet_association', 'subnet_id', 'subnets'),
  association('aws_vpc_endpoint_security_group_association', 'security_group_id', 'securityGroups'),
];
