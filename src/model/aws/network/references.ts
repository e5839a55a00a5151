// References between AWS network resources, resolved to model ids. Unlike
// the generic LinkResolver, this knows that some attributes of a resource
// stand for another, platform-created object: `aws_vpc.x.default_security_group_id`
// and `!GetAtt Vpc.DefaultSecurityGroup` name the VPC's default security
// group, `aws_vpc.x.main_route_table_id` its main route table, a transit
// gateway's `association_default_route_table_id` its default route table,
// `!GetAtt Vpc.DefaultNetworkAcl` its default network ACL.
import type { NativeResource } from '../../../readers/native.js';
import type { UnknownValue, Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Link, Links } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';

const VPC_TYPES = new Set(['aws_vpc', 'aws_default_vpc', 'AWS::EC2::VPC']);
const TRANSIT_GATEWAY_TYPES = new Set(['aws_ec2_transit_gateway', 'AWS::EC2::TransitGateway']);

const VPC_DEFAULT_SG_ATTRS = new Set(['default_security_group_id', 'DefaultSecurityGroup']);
const VPC_MAIN_ROUTE_TABLE_ATTRS = new Set(['main_route_table_id', 'default_route_table_id']);
const VPC_DEFAULT_ACL_ATTRS = new Set(['default_network_acl_id', 'DefaultNetworkAcl']);
const TGW_DEFAULT_ROUTE_TABLE_ATTRS = new Set([
  'association_default_route_table_id',
  'propagation_default_route_table_id',
]);

/** Id of the default security group every VPC has. */
export function defaultSecurityGroupId(vpcId: string): string {
  return `${vpcId}#default-security-group`;
}

/** Id of the route table a VPC is created with (its first main route table). */
export function mainRouteTableId(vpcId: string): string {
  return `${vpcId}#main-route-table`;
}

/** Id of the network ACL every VPC has, which subnets without an association use. */
export function defaultNetworkAclId(vpcId: string): string {
  return `${vpcId}#default-network-acl`;
}

/** Id of the route table a transit gateway creates for default association and propagation. */
export function transitDefaultRouteTableId(tgwId: string): string {
  return `${tgwId}#default-route-table`;
}

// `aws_x.y`, or `module.m["k"].aws_x.y` when the value came out of a module (the reader gives the full address).
const RESOURCE_TRAVERSAL = /(?<![\w.])((?:module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"[^"]*")\])?\.)*)(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/**
 * A Terraform resource whose instance count could not be evaluated is read
 * once, un-indexed and conditional; a reference to one of its instances
 * (`aws_route_table.private[count.index].id`) is then unknown. When the
 * expression refers to that one resource only, it is what the value names.
 */
function conditionalTarget(v: Value, from: NativeResource, ctx: LiftContext): NativeResource | undefined {
  if (v.kind !== 'unknown' || !v.expr) return undefined;
  const names = new Set([...v.expr.matchAll(RESOURCE_TRAVERSAL)].map((m) => `${m[1]}${m[2]}.${m[3]}`));
  const named = namedInExpression(v, from, ctx);
  return names.size === 1 && named.length === 1 && named[0]!.conditional ? named[0] : undefined;
}

/**
 * The scanned resources a Terraform expression that could not be evaluated
 * names (`element(coalescelist(aws_route_table.a[*].id, aws_route_table.b[*].id), 0)`),
 * found in the module of the resource that holds it. Instances with a known
 * count are found only when the expression names one by a literal index.
 */
export function namedInExpression(v: Value, from: NativeResource, ctx: LiftContext): NativeResource[] {
  if (v.kind !== 'unknown' || !v.expr || from.source === 'cloudformation') return [];
  const own = from.address.lastIndexOf(`${from.type}.`);
  const modulePrefix = own > 0 ? from.address.slice(0, own) : '';
  const out: NativeResource[] = [];
  for (const m of v.expr.matchAll(RESOURCE_TRAVERSAL)) {
    const base = `${from.scope}#${m[1] || modulePrefix}${m[2]}.${m[3]}`;
    const index = /^\[(\d+|"[^"]*")\]/.exec(v.expr.slice((m.index ?? 0) + m[0].length));
    const n = ctx.links.native(base) ?? (index ? ctx.links.native(`${base}${index[0]}`) : undefined);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** The scanned native resource a value names: a reference, or a string identity (ARN, ID) of a scanned resource. */
export function referencedNative(v: Value | undefined, ctx: LiftContext, from: NativeResource): NativeResource | undefined {
  if (!v) return undefined;
  if (v.kind === 'ref') return ctx.links.native(v.target);
  if (v.kind === 'unknown') return conditionalTarget(v, from, ctx);
  if (v.kind === 'known' && typeof v.value === 'string' && v.value !== '') return ctx.links.byIdentity(v.value);
  if (v.kind === 'list' && v.items.length === 1) return referencedNative(v.items[0], ctx, from);
  return undefined;
}

const AFTER_APPLY = ' (known after apply)';

/** The scanned resource whose attribute an input such as `aws_x.y[0].attr (known after apply)` names. */
function nativeOfInput(input: string, from: NativeResource, ctx: LiftContext): NativeResource | undefined {
  if (!input.endsWith(AFTER_APPLY)) return undefined;
  const name = input.slice(0, -AFTER_APPLY.length);
  // The longest prefix that is a resource address (`module.m.aws_x.y["k"]`) names the resource.
  for (let at = name.lastIndexOf('.'); at > 0; at = name.lastIndexOf('.', at - 1)) {
    const n = ctx.links.native(`${from.scope}#${name.slice(0, at)}`);
    if (n) return n;
  }
  return undefined;
}

/** The CloudFormation evaluator's only input for values that exist once the stack is deployed. */
const AFTER_DEPLOY = 'after deploy';
/** How the CloudFormation evaluator writes a resource in an expression: `${Firewall}`, `${Firewall.EndpointIds}`. */
const CFN_RESOURCE_PART = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g;

/**
 * CloudFormation: the template's resources an expression computed from
 * deploy-time attributes only names (`[Select 1 [Split ':' [Select 0 ${Firewall.EndpointIds}]]]`).
 * Parameters and pseudo parameters have inputs of their own, so any of them rules this out.
 */
function cloudFormationNativesBehind(v: UnknownValue, from: NativeResource, ctx: LiftContext): NativeResource[] | undefined {
  if (!v.expr || v.cause.inputs.some((i) => i !== AFTER_DEPLOY)) return undefined;
  const file = from.key.slice(0, from.key.lastIndexOf('#'));
  const out: NativeResource[] = [];
  for (const m of v.expr.matchAll(CFN_RESOURCE_PART)) {
    const n = ctx.links.native(`${file}#${m[1]}`);
    if (!n) return undefined;
    if (!out.includes(n)) out.push(n);
  }
  return out.length ? out : undefined;
}

/**
 * The scanned resources an unknown value is computed from, when it is
 * computed from their attributes only (`tolist(aws_x.y.status[0].states)[0].id`);
 * undefined when any input is something else (a variable, a data source).
 */
export function nativesBehind(v: Value, from: NativeResource, ctx: LiftContext): NativeResource[] | undefined {
  if (v.kind !== 'unknown' || v.cause.inputs.length === 0) return undefined;
  if (from.source === 'cloudformation') return cloudFormationNativesBehind(v, from, ctx);
  const out: NativeResource[] = [];
  for (const input of v.cause.inputs) {
    const n = nativeOfInput(input, from, ctx);
    if (!n) return undefined;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** The VPC a Terraform `aws_default_*` resource manages the default object of, when it is scanned. */
function managedVpcKey(n: NativeResource, attribute: string, ctx: LiftContext): string | undefined {
  const vpc = referencedNative(field(n.attrs, attribute), ctx, n);
  return vpc && VPC_TYPES.has(vpc.type) ? vpc.key : undefined;
}

/**
 * Model id of a scanned native resource, read through `attribute`. Terraform's
 * `aws_default_security_group`, `aws_default_route_table` and `aws_default_network_acl` adopt the objects
 * the platform made with the VPC, so they take the ids of those objects.
 */
export function modelIdOf(n: NativeResource, attribute: string | undefined, ctx: LiftContext): string {
  if (VPC_TYPES.has(n.type) && attribute) {
    if (VPC_DEFAULT_SG_ATTRS.has(attribute)) return defaultSecurityGroupId(n.key);
    if (VPC_MAIN_ROUTE_TABLE_ATTRS.has(attribute)) return mainRouteTableId(n.key);
    if (VPC_DEFAULT_ACL_ATTRS.has(attribute)) return defaultNetworkAclId(n.key);
  }
  if (TRANSIT_GATEWAY_TYPES.has(n.type) && attribute && TGW_DEFAULT_ROUTE_TABLE_ATTRS.has(attribute)) {
    return transitDefaultRouteTableId(n.key);
  }
  if (n.type === 'aws_default_security_group') {
    const vpc = managedVpcKey(n, 'vpc_id', ctx);
    if (vpc) return defaultSecurityGroupId(vpc);
  }
  if (n.type === 'aws_default_route_table') {
    const vpc = managedVpcKey(n, 'default_route_table_id', ctx);
    if (vpc) return mainRouteTableId(vpc);
  }
  if (n.type === 'aws_default_network_acl') {
    const vpc = managedVpcKey(n, 'default_network_acl_id', ctx);
    if (vpc) return defaultNetworkAclId(vpc);
  }
  return n.key;
}

function resolve(
  v: Value | undefined,
  from: NativeResource,
  ctx: LiftContext,
  name: string,
  allowNull: boolean,
): Fact<string | null> {
  const loc = v?.loc ?? from.loc;
  if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) {
    if (allowNull) return fact(null, loc);
    return unknownFact({ inputs: [], detail: `${name} is not set in ${from.address}` }, loc);
  }
  if (v.kind === 'ref') {
    const n = ctx.links.native(v.target);
    if (n) return fact(modelIdOf(n, v.attribute, ctx), loc);
    return unknownFact(
      { inputs: [v.target.split('#').pop() ?? v.target], detail: `${name} refers to a resource outside the scan` },
      loc,
    );
  }
  if (v.kind === 'known' && typeof v.value === 'string') {
    const n = ctx.links.byIdentity(v.value);
    if (n) return fact(modelIdOf(n, undefined, ctx), loc);
    return unknownFact(
      { inputs: [v.value], detail: `${name} names ${v.value}, which is not defined in the scanned inputs` },
      loc,
    );
  }
  if (v.kind === 'list' && v.items.length === 1) return resolve(v.items[0], from, ctx, name, allowNull);
  const conditional = conditionalTarget(v, from, ctx);
  if (conditional) return fact(modelIdOf(conditional, undefined, ctx), loc);
  return unknownFact(causeOf(v, from, name), loc);
}

/** One reference; absent is unknown ("not set"). */
export function linkTo(v: Value | undefined, from: NativeResource, ctx: LiftContext, name: string): Link {
  return resolve(v, from, ctx, name, false) as Link;
}

/** One reference where absent means "none". */
export function linkOrNullTo(
  v: Value | undefined,
  from: NativeResource,
  ctx: LiftContext,
  name: string,
): Fact<string | null> {
  return resolve(v, from, ctx, name, true);
}

/** A list of references; absent is the empty list, an unknown list is unknown. */
export function linksTo(v: Value | undefined, from: NativeResource, ctx: LiftContext, name: string): Links {
  // `aws_subnet.private[*].id` over an unknown count: the one conditional resource stands for its instances.
  const conditional = v ? conditionalTarget(v, from, ctx) : undefined;
  if (conditional) return fact([fact(modelIdOf(conditional, undefined, ctx), v?.loc ?? from.loc)], v?.loc ?? from.loc);
  if (v && (v.kind === 'unknown' || v.kind === 'ref')) return unknownFact(causeOf(v, from, name), v.loc ?? from.loc);
  const out: Link[] = [];
  for (const item of itemsOf(v)) {
    if (item.kind === 'known' && item.value === null) continue;
    out.push(linkTo(item, from, ctx, name));
  }
  return fact(out, v?.loc ?? from.loc);
}
