// Joins that need subnets and addresses in place: zones derived from
// subnets, the VPC default group for what was launched without groups, and
// public IPs given by Elastic IPs.
import type { Compute, LoadBalancer } from '../../compute.js';
import type { Link, Links } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { defaultGroupLinks, usesDefaultGroup } from './default-groups.js';

/** The zones of known subnets; unknown when a subnet or its zone is. */
function zonesOf(subnets: Links, ctx: LiftContext): Fact<string[]> | undefined {
  if (!subnets.known) return subnets;
  if (subnets.value.length === 0) return undefined;
  const zones = new Set<string>();
  for (const l of subnets.value) {
    if (!l.known) return l;
    const s = ctx.model.getOf(l.value, 'subnet');
    if (!s) return unknownFact({ inputs: [l.value], detail: `subnet ${l.value} is not in the model` }, l.loc);
    if (!s.zone) return unknownFact({ inputs: [s.address], detail: `the zone of ${s.address} is not known` }, s.loc);
    if (!s.zone.known) return s.zone;
    zones.add(s.zone.value);
  }
  return fact([...zones], subnets.loc);
}

function networkOfSubnets(subnets: Links, ctx: LiftContext): Link {
  if (!subnets.known) return subnets;
  const first = subnets.value[0];
  if (!first) return unknownFact({ inputs: [], detail: 'no subnet is given' }, subnets.loc);
  if (!first.known) return first;
  const s = ctx.model.getOf(first.value, 'subnet');
  return s ? s.network : unknownFact({ inputs: [first.value], detail: `subnet ${first.value} is not in the model` }, first.loc);
}

function place(e: Compute | LoadBalancer, ctx: LiftContext): void {
  if (!e.zones && !(e.kind === 'compute' && e.computeType === 'launch-template')) {
    const zones = zonesOf(e.subnets, ctx);
    if (zones) e.zones = zones;
  }
  if (usesDefaultGroup(e.securityGroups)) e.securityGroups = defaultGroupLinks(networkOfSubnets(e.subnets, ctx), e.loc);
}

/** An Elastic IP makes what it is bound to reachable from the internet; an interface passes it to its instance. */
function applyElasticIps(ctx: LiftContext): void {
  for (const ip of ctx.model.all('public-ip')) {
    if (ip.cloud !== 'aws' || !ip.attachedTo.known || ip.attachedTo.value === null) continue;
    const loc = ip.attachedTo.loc ?? ip.loc;
    // An address created only under an unresolved condition may or may not be there.
    const bound: Fact<boolean> = ip.conditional ? unknownFact({ ...ip.conditional, detail: `${ip.address} may not be created: ${ip.conditional.detail}` }, loc) : fact(true, loc);
    const target = ctx.model.get(ip.attachedTo.value);
    if (target?.kind === 'compute') target.publicIp = exposedBy(target.publicIp, bound);
    if (target?.kind === 'network-interface') {
      target.publicIp = exposedBy(target.publicIp, bound);
      const owner = target.attachedTo?.known && target.attachedTo.value ? ctx.model.getOf(target.attachedTo.value, 'compute') : undefined;
      if (owner) owner.publicIp = exposedBy(owner.publicIp, bound);
    }
  }
}

/** A public address that is certainly there wins; one that may be there does not hide one that certainly is. */
function exposedBy(current: Fact<boolean> | undefined, bound: Fact<boolean>): Fact<boolean> {
  if (bound.known || !current) return bound;
  return current.known && current.value ? current : bound;
}

export function finishPlacement(ctx: LiftContext): void {
  for (const c of ctx.model.all('compute')) if (c.cloud === 'aws') place(c, ctx);
  for (const lb of ctx.model.all('load-balancer')) if (lb.cloud === 'aws') place(lb, ctx);
  for (const nic of ctx.model.all('network-interface')) {
    if (nic.cloud !== 'aws' || !usesDefaultGroup(nic.securityGroups)) continue;
    const subnet = nic.subnet.known ? ctx.model.getOf(nic.subnet.value, 'subnet') : undefined;
    nic.securityGroups = defaultGroupLinks(subnet ? subnet.network : nic.subnet, nic.loc);
  }
  for (const e of ctx.model.all('endpoint')) {
    if (e.cloud === 'aws' && usesDefaultGroup(e.securityGroups) && e.network) e.securityGroups = defaultGroupLinks(e.network, e.loc);
  }
  applyElasticIps(ctx);
}
