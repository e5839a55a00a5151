// Load balancers (Application, Network, Gateway and Classic) and listeners.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Listener, LoadBalancer } from '../../compute.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf, numberFact, stringFact, stringListFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { groupsOrDefault } from './default-groups.js';
import { linkTo, linksTo } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { hasItems } from './written.js';

const LB_TYPES: Record<string, LoadBalancer['lbType']> = { application: 'application', network: 'network', gateway: 'gateway' };

/**
 * `load_balancer_type` / `Type`; both default to `application`. The model
 * needs a type, so one that cannot be evaluated is read as the default.
 */
function lbTypeOf(r: NativeResource, attribute: string): LoadBalancer['lbType'] {
  const f = stringFact(field(r.attrs, attribute), r, { name: attribute, default: 'application' });
  return (f.known && LB_TYPES[f.value.toLowerCase()]) || 'application';
}

/** Subnets from the plain list and from subnet mappings. */
function subnetsOf(r: NativeResource, ctx: LiftContext, listAttr: string, mappingAttr: string, mappingSubnet: string) {
  const direct = field(r.attrs, listAttr);
  const mappings = field(r.attrs, mappingAttr);
  if (hasItems(direct) || !hasItems(mappings)) return linksTo(direct, r, ctx, listAttr);
  if (mappings.kind !== 'list') return linksTo(mappings, r, ctx, mappingAttr);
  return fact(
    mappings.items.map((m): Link => linkTo(field(m, mappingSubnet), r, ctx, `${mappingAttr}.${mappingSubnet}`)),
    mappings.loc ?? r.loc,
  );
}

/** `internal` (Terraform, default false) or `Scheme` (CloudFormation, default internet-facing). */
function internetFacingOf(r: NativeResource): Fact<boolean> {
  if (r.source === 'cloudformation') {
    const scheme = stringFact(field(r.attrs, 'Scheme'), r, { name: 'Scheme', default: 'internet-facing' });
    return scheme.known ? { ...scheme, value: scheme.value !== 'internal' } : scheme;
  }
  const internal = boolFact(field(r.attrs, 'internal'), r, { name: 'internal', default: false });
  return internal.known ? { ...internal, value: !internal.value } : internal;
}

/** CloudFormation `LoadBalancerAttributes`: `[{Key: deletion_protection.enabled, Value: "true"}]`, off when absent. */
function cloudFormationAttribute(r: NativeResource, key: string): Fact<boolean> {
  const attrs = field(r.attrs, 'LoadBalancerAttributes');
  if (attrs && (attrs.kind === 'unknown' || attrs.kind === 'ref')) return unknownFact(causeOf(attrs, r, 'LoadBalancerAttributes'), attrs.loc ?? r.loc);
  for (const a of itemsOf(attrs)) {
    const k = field(a, 'Key');
    if (k?.kind !== 'known') return unknownFact(causeOf(k ?? a, r, 'LoadBalancerAttributes.Key'), a.loc ?? r.loc);
    if (k.value === key) return boolFact(field(a, 'Value'), r, { name: key });
  }
  return defaulted(false, r.loc);
}

function elbv2(types: string[], sources: LiftHandler['sources']): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const tf = r.source !== 'cloudformation';
      const lbType = lbTypeOf(r, tf ? 'load_balancer_type' : 'Type');
      const groupsAttr = tf ? 'security_groups' : 'SecurityGroups';
      const lb: LoadBalancer = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'load-balancer',
        lbType,
        internetFacing: internetFacingOf(r),
        subnets: tf ? subnetsOf(r, ctx, 'subnets', 'subnet_mapping', 'subnet_id') : subnetsOf(r, ctx, 'Subnets', 'SubnetMappings', 'SubnetId'),
        deletionProtection: tf
          ? boolFact(field(r.attrs, 'enable_deletion_protection'), r, { name: 'enable_deletion_protection', default: false })
          : cloudFormationAttribute(r, 'deletion_protection.enabled'),
        listeners: [],
      };
      // An Application Load Balancer without groups gets the VPC's default group; the others filter nothing then.
      if (lbType === 'application') lb.securityGroups = groupsOrDefault(field(r.attrs, groupsAttr), r, ctx, groupsAttr);
      else if (hasItems(field(r.attrs, groupsAttr))) lb.securityGroups = linksTo(field(r.attrs, groupsAttr), r, ctx, groupsAttr);
      ctx.model.add(lb);
    },
  };
}

const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS', 'SSL']);

/**
 * The TLS policy of a secure listener. Left out, AWS applies whatever its
 * current default policy is when the listener is created, which the
 * definition does not show.
 */
function sslPolicyOf(protocol: Fact<string>, v: Value | undefined, r: NativeResource, name: string): Fact<string | null> {
  if (!protocol.known) return protocol;
  if (!TLS_PROTOCOLS.has(protocol.value.toUpperCase())) return fact(null, protocol.loc);
  if (hasItems(v)) return stringFact(v, r, { name });
  return unknownFact({ inputs: [name], detail: `${r.address} sets no ${name}: AWS applies its default policy of the day` }, r.loc);
}

/** A default action that redirects to HTTPS. */
function redirectsToHttps(actions: Value | undefined, r: NativeResource, typeAttr: string, redirectAttr: string, protocolAttr: string): Fact<boolean> {
  if (actions && (actions.kind === 'unknown' || actions.kind === 'ref')) return unknownFact(causeOf(actions, r, 'default actions'), actions.loc ?? r.loc);
  for (const a of itemsOf(actions)) {
    const type = stringFact(field(a, typeAttr), r, { name: typeAttr });
    if (!type.known) return type;
    if (type.value !== 'redirect') continue;
    const protocol = stringFact(field(itemsOf(field(a, redirectAttr))[0], protocolAttr), r, { name: protocolAttr, default: '#{protocol}' });
    if (!protocol.known) return protocol;
    return fact(protocol.value.toUpperCase() === 'HTTPS', protocol.loc ?? a.loc);
  }
  return defaulted(false, r.loc);
}

interface ListenerNames {
  lb: string;
  port: string;
  protocol: string;
  sslPolicy: string;
  actions: string;
  actionType: string;
  redirect: string;
  redirectProtocol: string;
}

/** Terraform defaults an Application Load Balancer listener to HTTP; Gateway Load Balancers listen on GENEVE only. */
function listenerProtocol(r: NativeResource, lb: LoadBalancer, name: string): Fact<string> {
  const v = field(r.attrs, name);
  if (hasItems(v)) return stringFact(v, r, { name });
  if (lb.lbType === 'gateway') return defaulted('GENEVE', r.loc);
  if (lb.lbType === 'application' && r.source !== 'cloudformation') return defaulted('HTTP', r.loc);
  return unknownFact({ inputs: [name], detail: `${r.address} sets no ${name}` }, r.loc);
}

function listenerHandler(types: string[], sources: LiftHandler['sources'], n: ListenerNames): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      const id = linkTo(field(r.attrs, n.lb), r, ctx, n.lb);
      const lb = id.known ? ctx.model.getOf(id.value, 'load-balancer') : undefined;
      if (!lb) return;
      const protocol = listenerProtocol(r, lb, n.protocol);
      const port = field(r.attrs, n.port);
      const listener: Listener = {
        protocol,
        port: hasItems(port) ? numberFact(port, r, { name: n.port }) : defaulted(null, r.loc),
        sslPolicy: sslPolicyOf(protocol, field(r.attrs, n.sslPolicy), r, n.sslPolicy),
        redirectsToHttps: redirectsToHttps(field(r.attrs, n.actions), r, n.actionType, n.redirect, n.redirectProtocol),
        loc: r.loc,
        definedBy: r.address,
      };
      lb.listeners.push(listener);
    },
  };
}

interface ClassicNames {
  subnets: string;
  zones: string;
  groups: string;
  listeners: string;
  port: string;
  protocol: string;
}

/** Classic listeners name their TLS policy through separate policy resources, not read here. */
function classicListener(block: Value, r: NativeResource, n: ClassicNames): Listener {
  const protocol = stringFact(field(block, n.protocol), r, { name: n.protocol });
  const sslPolicy: Fact<string | null> =
    protocol.known && !TLS_PROTOCOLS.has(protocol.value.toUpperCase())
      ? fact(null, protocol.loc)
      : protocol.known
        ? unknownFact({ inputs: [`${r.address} SSL negotiation policy`], detail: `the TLS policy of a Classic Load Balancer listener is set by separate policy resources` }, block.loc ?? r.loc)
        : protocol;
  return {
    protocol: protocol.known ? { ...protocol, value: protocol.value.toUpperCase() } : protocol,
    port: numberFact(field(block, n.port), r, { name: n.port }),
    sslPolicy,
    redirectsToHttps: defaulted(false, r.loc),
    loc: block.loc ?? r.loc,
    definedBy: r.address,
  };
}

function classic(types: string[], sources: LiftHandler['sources'], n: ClassicNames): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const subnets = field(r.attrs, n.subnets);
      const zones = field(r.attrs, n.zones);
      const lb: LoadBalancer = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'load-balancer',
        lbType: 'classic',
        internetFacing: internetFacingOf(r),
        subnets: linksTo(subnets, r, ctx, n.subnets),
        listeners: itemsOf(field(r.attrs, n.listeners)).map((l) => classicListener(l, r, n)),
      };
      if (!hasItems(subnets) && hasItems(zones)) lb.zones = stringListFact(zones, r, { name: n.zones });
      if (hasItems(field(r.attrs, n.groups))) lb.securityGroups = linksTo(field(r.attrs, n.groups), r, ctx, n.groups);
      ctx.model.add(lb);
    },
  };
}

export const loadBalancerHandlers: LiftHandler[] = [
  elbv2(['aws_lb', 'aws_alb'], TERRAFORM),
  elbv2(['AWS::ElasticLoadBalancingV2::LoadBalancer'], CLOUDFORMATION),
  listenerHandler(['aws_lb_listener', 'aws_alb_listener'], TERRAFORM, {
    lb: 'load_balancer_arn',
    port: 'port',
    protocol: 'protocol',
    sslPolicy: 'ssl_policy',
    actions: 'default_action',
    actionType: 'type',
    redirect: 'redirect',
    redirectProtocol: 'protocol',
  }),
  listenerHandler(['AWS::ElasticLoadBalancingV2::Listener'], CLOUDFORMATION, {
    lb: 'LoadBalancerArn',
    port: 'Port',
    protocol: 'Protocol',
    sslPolicy: 'SslPolicy',
    actions: 'DefaultActions',
    actionType: 'Type',
    redirect: 'RedirectConfig',
    redirectProtocol: 'Protocol',
  }),
  classic(['aws_elb'], TERRAFORM, {
    subnets: 'subnets',
    zones: 'availability_zones',
    groups: 'security_groups',
    listeners: 'listener',
    port: 'lb_port',
    protocol: 'lb_protocol',
  }),
  classic(['AWS::ElasticLoadBalancing::LoadBalancer'], CLOUDFORMATION, {
    subnets: 'Subnets',
    zones: 'AvailabilityZones',
    groups: 'SecurityGroups',
    listeners: 'Listeners',
    port: 'LoadBalancerPort',
    protocol: 'Protocol',
  }),
];
