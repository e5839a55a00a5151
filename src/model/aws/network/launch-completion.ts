// Completes instances, launch templates and scaling groups once every entity
// exists: the launch template fills what the definition leaves out, then
// the interfaces, the subnet, the account's metadata defaults and the
// platform do. Templates are completed first so that what they inherit is
// settled before others inherit from them.
import type { Compute } from '../../compute.js';
import type { Link, Links } from '../../entity.js';
import type { NetworkInterface } from '../../network.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { defaultGroupLinks } from './default-groups.js';
import { managedOf, resolveProfile } from './instance-management.js';
import type { LaunchState } from './launch-state.js';
import { launchStates, metadataDefaultOf } from './launch-state.js';
import { linkTo } from './references.js';

interface Templates {
  byId: Map<string, LaunchState>;
  byName: Map<string, LaunchState>;
}

function templateOf(state: LaunchState, templates: Templates, ctx: LiftContext): { link?: Link; template?: LaunchState } {
  if (!state.template) return {};
  const { value, attribute } = state.template;
  const byRef = linkTo(value, state.native, ctx, attribute);
  let template = byRef.known ? templates.byId.get(byRef.value) : undefined;
  if (!template && value.kind === 'known' && typeof value.value === 'string') template = templates.byName.get(value.value);
  if (template) return { link: fact(template.compute.id, value.loc ?? state.native.loc), template };
  return { link: byRef };
}

/** What an inherited setting is when the template could not be resolved. */
function viaTemplate(link: Link | undefined, what: string): Fact<never> | undefined {
  if (!link || link.known) return undefined;
  return unknownFact({ ...link.cause, detail: `${what} comes from the launch template: ${link.cause.detail}` }, link.loc);
}

function subnetsOfInterfaces(interfaces: Link[], ctx: LiftContext): Links | undefined {
  const nics = interfaces.map((l) => (l.known ? ctx.model.getOf(l.value, 'network-interface') : undefined));
  const found = nics.filter((n) => n !== undefined);
  if (found.length === 0) return undefined;
  return fact(found.map((n) => n.subnet), found[0]!.loc);
}

/** An instance launched with existing interfaces has their groups. */
function groupsOfInterfaces(interfaces: Link[], ctx: LiftContext): Links | undefined {
  const nics = interfaces.map((l) => (l.known ? ctx.model.getOf(l.value, 'network-interface') : undefined)).filter((n) => n !== undefined);
  if (nics.length === 0) return undefined;
  const out: Link[] = [];
  for (const n of nics) {
    if (!n.securityGroups.known) return n.securityGroups;
    out.push(...n.securityGroups.value);
  }
  return fact(out, nics[0]!.loc);
}

/** The subnets an instance or group is in, as entities, or the cause they are not known. */
function subnetEntities(compute: Compute, ctx: LiftContext) {
  if (!compute.subnets.known) return { cause: compute.subnets };
  const subnets = [];
  for (const l of compute.subnets.value) {
    const s = l.known ? ctx.model.getOf(l.value, 'subnet') : undefined;
    if (!s) return { cause: l.known ? unknownFact({ inputs: [l.value], detail: `subnet ${l.value} is not in the model` }, l.loc) : l };
    subnets.push(s);
  }
  return { subnets };
}

/** Instances get a public IP when their subnet maps one on launch; a group's instances when any of its subnets does. */
function publicIpFromSubnets(compute: Compute, ctx: LiftContext): Fact<boolean> {
  const got = subnetEntities(compute, ctx);
  if (!got.subnets) return got.cause as Fact<never>;
  let open: Fact<boolean> | undefined;
  for (const s of got.subnets) {
    const m = s.mapPublicIpOnLaunch ?? defaulted(false, s.loc);
    if (m.known && m.value) return m;
    if (!m.known) open ??= m;
  }
  return open ?? defaulted(false, compute.loc);
}

function defaultGroupsFromSubnets(compute: Compute, ctx: LiftContext): Links {
  const got = subnetEntities(compute, ctx);
  if (!got.subnets) return got.cause as Fact<never>;
  const first = got.subnets[0];
  if (!first) return unknownFact({ inputs: [], detail: `${compute.address} is in no known subnet` }, compute.loc);
  return defaultGroupLinks(first.network, compute.loc);
}

function complete(state: LaunchState, templates: Templates, ctx: LiftContext): void {
  const c = state.compute;
  const isTemplate = c.computeType === 'launch-template';
  const { link, template } = templateOf(state, templates, ctx);
  if (link) c.launchTemplate = link;
  const t = template && !isTemplate ? template : undefined;

  if (state.unset.subnets && !isTemplate) {
    const fromInterfaces = subnetsOfInterfaces(state.interfaces, ctx);
    if (fromInterfaces) c.subnets = fromInterfaces;
    else if (t && !t.unset.subnets) c.subnets = t.compute.subnets;
  }

  if (state.unset.profile && t) {
    if (t.compute.instanceProfile) c.instanceProfile = t.compute.instanceProfile;
  } else if (state.profile) {
    const p = resolveProfile(state, ctx);
    if (p) c.instanceProfile = p;
  }
  const unresolved = viaTemplate(link, 'the instance profile');
  c.managed = state.unset.profile && !t && unresolved ? unresolved : managedOf(c, ctx);

  if (state.unset.imds) {
    // The template's setting, else the account's default, else what the AMI says (unknown).
    const account = metadataDefaultOf(ctx, state.native.scope);
    const fromTemplate = t && !t.unset.imds ? t.compute.imdsV2Required : undefined;
    const imds =
      fromTemplate ??
      viaTemplate(t ? undefined : link, 'the metadata setting') ??
      (account?.known ? defaulted(account.value, account.loc) : account) ??
      c.imdsV2Required ??
      t?.compute.imdsV2Required;
    if (imds) c.imdsV2Required = imds;
  }

  if (isTemplate) return;

  if (state.unset.securityGroups) {
    c.securityGroups =
      groupsOfInterfaces(state.interfaces, ctx) ??
      (t && !t.unset.securityGroups ? t.compute.securityGroups : undefined) ??
      viaTemplate(t ? undefined : link, 'the security groups') ??
      defaultGroupsFromSubnets(c, ctx);
  }

  const nics = interfacesOf(state, ctx);
  if (state.unset.publicIp) {
    c.publicIp =
      publicIpOfInterfaces(nics) ?? t?.templatePublicIp ?? viaTemplate(t ? undefined : link, 'the public IP setting') ?? publicIpFromSubnets(c, ctx);
  }
  // The interfaces it was launched with are its own: an Elastic IP bound to one of them exposes the instance too.
  for (const nic of nics) if (!nic.attachedTo?.known || nic.attachedTo.value === null) nic.attachedTo = fact(c.id, nic.loc);
}

function interfacesOf(state: LaunchState, ctx: LiftContext): NetworkInterface[] {
  return state.interfaces.map((l) => (l.known ? ctx.model.getOf(l.value, 'network-interface') : undefined)).filter((n) => n !== undefined);
}

/**
 * An instance launched with existing interfaces has the public addresses they have; the subnet's
 * map-public-IP setting only numbers an interface created at launch. Elastic IPs are added later (placement.ts).
 */
function publicIpOfInterfaces(nics: NetworkInterface[]): Fact<boolean> | undefined {
  if (nics.length === 0) return undefined;
  let open: Fact<boolean> | undefined;
  for (const n of nics) {
    if (n.publicIp.known && n.publicIp.value) return n.publicIp;
    if (!n.publicIp.known) open ??= n.publicIp;
  }
  return open ?? fact(false, nics[0]!.loc);
}

export function completeLaunches(ctx: LiftContext): void {
  const states = launchStates(ctx);
  const list = states.filter((s) => s.compute.computeType === 'launch-template');
  const templates: Templates = { byId: new Map(list.map((t) => [t.compute.id, t])), byName: new Map() };
  for (const t of list) if (t.templateName !== undefined) templates.byName.set(t.templateName, t);
  for (const s of list) complete(s, templates, ctx);
  for (const s of states) if (s.compute.computeType !== 'launch-template') complete(s, templates, ctx);
}
