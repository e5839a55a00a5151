// Azure Firewall: where it sits (AzureFirewallSubnet), its private address
// (the next hop UDRs name), and the rules of its classic rule collections and
// of its firewall policy (with the policy's base policy). Policies and their
// rule collection groups are not entities: their rules are folded into the
// firewalls that use them in finishNetwork. Azure Firewall drops what no
// rule allows.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { itemsOf, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { CloudModel } from '../../model.js';
import type { Firewall } from '../../network.js';
import { armPath, attr, isSet, prop, subResourceId, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { armParentLink } from './arm-parent.js';
import { later } from './deferred.js';
import type { RuleSet } from './firewall-rules.js';
import { emptyRuleSet, mergeInto, readCollection, readCollections } from './firewall-rules.js';
import { AZURE_FIREWALL, FIREWALL_POLICIES, FIREWALLS, PUBLIC_IPS, SUBNETS } from './kinds.js';
import { idByName, registerName } from './name-index.js';
import { usePublicIp } from './public-ip-users.js';
import { linkOrNull, linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';
import { networkOfSubnet } from './subnet-network.js';

interface State {
  /** Rules per firewall policy (native key), with its base policy. */
  policies: Map<string, { rules: RuleSet; base: Link | null }>;
  /** Classic rules per firewall id. */
  classic: Map<string, RuleSet>;
  /** The policy of each firewall (null: none). */
  policyOf: Map<string, ReturnType<typeof linkOrNull>>;
}

const states = new WeakMap<CloudModel, State>();

function stateOf(ctx: LiftContext): State {
  let s = states.get(ctx.model);
  if (!s) states.set(ctx.model, (s = { policies: new Map(), classic: new Map(), policyOf: new Map() }));
  return s;
}

function policyRules(ctx: LiftContext, key: string): RuleSet {
  const s = stateOf(ctx);
  let p = s.policies.get(key);
  if (!p) s.policies.set(key, (p = { rules: emptyRuleSet(), base: null }));
  return p.rules;
}

function classicRules(ctx: LiftContext, firewall: string): RuleSet {
  const s = stateOf(ctx);
  let set = s.classic.get(firewall);
  if (!set) s.classic.set(firewall, (set = emptyRuleSet()));
  return set;
}

interface FirewallValues {
  configs: { subnet: Value | undefined; publicIp: Value | undefined; privateIp: Value | undefined }[];
  policy: Value | undefined;
  names: { subnet: string; publicIp: string; privateIp: string; policy: string };
}

function firewallOf(r: NativeResource, ctx: LiftContext, v: FirewallValues): void {
  const subnets = v.configs.filter((c) => isSet(c.subnet)).map((c) => linkTo(c.subnet, r, ctx, v.names.subnet, SUBNETS));
  for (const c of v.configs) if (isSet(c.publicIp)) usePublicIp(ctx, linkTo(c.publicIp, r, ctx, v.names.publicIp, PUBLIC_IPS), r.key);
  const written = v.configs.filter((c) => isSet(c.privateIp)).map((c) => stringFact(c.privateIp, r, { name: v.names.privateIp }));
  const fw: Firewall = {
    ...azureBase(r, ctx),
    kind: 'firewall',
    firewallType: 'azure-firewall',
    subnets: fact(subnets, r.loc),
    // Folded in by finishNetwork.
    domainRules: fact([], r.loc),
    defaultDeny: defaulted(true, r.loc),
  };
  const unknownIp = written.find((f) => !f.known);
  if (unknownIp) fw.privateAddresses = unknownIp;
  else if (written.length) fw.privateAddresses = fact(written.map((f) => (f.known ? f.value : '')), written[0]!.loc);
  ctx.model.add(fw);
  stateOf(ctx).policyOf.set(r.key, linkOrNull(v.policy, r, ctx, v.names.policy, FIREWALL_POLICIES));
  const first = subnets[0];
  if (first) later(ctx, () => (fw.network = networkOfSubnet(ctx, first)), 'joins');
}

const armFirewall: LiftHandler = {
  types: [AZURE_FIREWALL],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    firewallOf(r, ctx, {
      configs: itemsOf(prop(r, 'ipConfigurations')).map((c) => ({
        subnet: subResourceId(armPath(c, 'properties', 'subnet')),
        publicIp: subResourceId(armPath(c, 'properties', 'publicIPAddress')),
        privateIp: armPath(c, 'properties', 'privateIPAddress'),
      })),
      policy: subResourceId(prop(r, 'firewallPolicy')),
      names: { subnet: 'ipConfigurations.subnet', publicIp: 'ipConfigurations.publicIPAddress', privateIp: 'privateIPAddress', policy: 'firewallPolicy' },
    });
    const rules = classicRules(ctx, r.key);
    readCollections(prop(r, 'applicationRuleCollections'), 'application', 'arm-classic', r, rules);
    readCollections(prop(r, 'networkRuleCollections'), 'network', 'arm-classic', r, rules);
  },
};

const tfFirewall: LiftHandler = {
  types: ['azurerm_firewall'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    registerName(ctx, AZURE_FIREWALL, attr(r, 'resource_group_name'), [attr(r, 'name')], r.key, r);
    firewallOf(r, ctx, {
      configs: itemsOf(attr(r, 'ip_configuration')).map((c) => ({
        subnet: tfPath(c, 'subnet_id'),
        publicIp: tfPath(c, 'public_ip_address_id'),
        privateIp: undefined,
      })),
      policy: attr(r, 'firewall_policy_id'),
      names: { subnet: 'ip_configuration.subnet_id', publicIp: 'ip_configuration.public_ip_address_id', privateIp: 'private_ip_address', policy: 'firewall_policy_id' },
    });
  },
};

const armPolicy: LiftHandler = {
  types: ['Microsoft.Network/firewallPolicies'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    policyRules(ctx, r.key);
    stateOf(ctx).policies.get(r.key)!.base = isSet(subResourceId(prop(r, 'basePolicy')))
      ? linkTo(subResourceId(prop(r, 'basePolicy')), r, ctx, 'basePolicy', FIREWALL_POLICIES)
      : null;
  },
};

const tfPolicy: LiftHandler = {
  types: ['azurerm_firewall_policy'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    policyRules(ctx, r.key);
    const base = attr(r, 'base_policy_id');
    stateOf(ctx).policies.get(r.key)!.base = isSet(base) ? linkTo(base, r, ctx, 'base_policy_id', FIREWALL_POLICIES) : null;
  },
};

/** Rules of a collection group: a group that exists only under a condition leaves the policy's rules open. */
function groupRules(policy: Link, r: NativeResource, ctx: LiftContext, read: (set: RuleSet) => void): void {
  if (!policy.known) return;
  const set = policyRules(ctx, policy.value);
  if (r.conditional) {
    set.unknown ??= { cause: { ...r.conditional, detail: `${r.address} exists only under a condition: ${r.conditional.detail}` }, loc: r.loc };
    return;
  }
  read(set);
}

const armRuleCollectionGroup: LiftHandler = {
  types: ['Microsoft.Network/firewallPolicies/ruleCollectionGroups'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    groupRules(armParentLink(r, ctx, FIREWALL_POLICIES), r, ctx, (set) => readCollections(prop(r, 'ruleCollections'), undefined, 'arm-policy', r, set));
  },
};

/** Rule groups of the firewall policy preview API, whose rules are not read: the policy's rules stay open. */
const armPreviewRuleGroup: LiftHandler = {
  types: ['Microsoft.Network/firewallPolicies/ruleGroups'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    groupRules(armParentLink(r, ctx, FIREWALL_POLICIES), r, ctx, (set) => {
      set.unknown ??= { cause: { inputs: [r.address], detail: `${r.address} uses the preview ruleGroups schema, whose rules kikan does not read` }, loc: r.loc };
    });
  },
};

const tfRuleCollectionGroup: LiftHandler = {
  types: ['azurerm_firewall_policy_rule_collection_group'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const policy = linkTo(attr(r, 'firewall_policy_id'), r, ctx, 'firewall_policy_id', FIREWALL_POLICIES);
    groupRules(policy, r, ctx, (set) => {
      readCollections(attr(r, 'application_rule_collection'), 'application', 'tf-policy', r, set);
      readCollections(attr(r, 'network_rule_collection'), 'network', 'tf-policy', r, set);
    });
  },
};

/** azurerm's classic collections name their firewall by name and resource group. */
function tfClassicCollection(type: string, kind: 'application' | 'network'): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const name = attr(r, 'azure_firewall_name');
      const byName = idByName(ctx, AZURE_FIREWALL, attr(r, 'resource_group_name'), [name], r);
      const ref = !byName && name?.kind === 'ref' ? linkTo(name, r, ctx, 'azure_firewall_name', FIREWALLS) : undefined;
      const fw = byName ?? (ref?.known ? ref.value : undefined);
      // A firewall outside the scan takes the collection with it.
      if (!fw) return;
      const set = classicRules(ctx, fw);
      if (r.conditional) {
        set.unknown ??= { cause: { ...r.conditional, detail: `${r.address} exists only under a condition: ${r.conditional.detail}` }, loc: r.loc };
        return;
      }
      readCollection(r.attrs, kind, 'tf-classic', r, set);
    },
  };
}

/** The rules of a policy and its base policies, or why they are not known. */
function rulesOfPolicy(ctx: LiftContext, link: Link, seen: Set<string>, loc: SourceLoc): RuleSet {
  const out = emptyRuleSet();
  if (!link.known) {
    out.unknown = { cause: link.cause, loc: link.loc ?? loc };
    return out;
  }
  if (seen.has(link.value)) return out;
  seen.add(link.value);
  const p = stateOf(ctx).policies.get(link.value);
  if (!p) {
    out.unknown = { cause: { inputs: [link.value], detail: `firewall policy ${link.value} is not in the scan` }, loc: link.loc ?? loc };
    return out;
  }
  mergeInto(out, p.rules);
  if (p.base) mergeInto(out, rulesOfPolicy(ctx, p.base, seen, loc));
  return out;
}

/** Firewall private address: Azure gives a firewall the first usable address (.4) of AzureFirewallSubnet. */
function firstUsableAddress(cidr: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr.trim());
  if (!m) return undefined;
  const prefix = Number(m[5]);
  if (prefix > 29) return undefined;
  const n = ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
  const base = (n & (prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0)) >>> 0;
  const a = base + 4;
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
}

/** Folds policy and classic rules into each firewall; derives private addresses not written. */
export function finishFirewalls(ctx: LiftContext): void {
  const s = stateOf(ctx);
  for (const fw of ctx.model.all('firewall')) {
    if (fw.firewallType !== 'azure-firewall') continue;
    const set = emptyRuleSet();
    const classic = s.classic.get(fw.id);
    if (classic) mergeInto(set, classic);
    const policy = s.policyOf.get(fw.id);
    if (policy && !(policy.known && policy.value === null)) mergeInto(set, rulesOfPolicy(ctx, policy as Link, new Set(), fw.loc));
    if (set.unknown) {
      fw.domainRules = unknownFact(set.unknown.cause, set.unknown.loc);
      fw.addressRules = unknownFact(set.unknown.cause, set.unknown.loc);
    } else {
      fw.domainRules = fact(set.domain, fw.loc);
      fw.addressRules = fact(set.address, fw.loc);
    }
    if (!fw.privateAddresses && fw.subnets.known) {
      const first = fw.subnets.value[0];
      const subnet = first?.known ? ctx.model.getOf(first.value, 'subnet') : undefined;
      const addr = subnet?.cidr.known && subnet.cidr.value ? firstUsableAddress(subnet.cidr.value) : undefined;
      if (addr) fw.privateAddresses = defaulted([addr], subnet!.cidr.loc ?? fw.loc);
      else if (first) {
        fw.privateAddresses = unknownFact(
          { inputs: [subnet?.address ?? (first.known ? first.value : 'AzureFirewallSubnet')], detail: `the private address of ${fw.address} follows from the prefix of its subnet, which is unknown` },
          fw.loc,
        );
      }
    }
  }
}

export const firewallHandlers: LiftHandler[] = [
  armFirewall,
  tfFirewall,
  armPolicy,
  tfPolicy,
  armRuleCollectionGroup,
  armPreviewRuleGroup,
  tfRuleCollectionGroup,
  tfClassicCollection('azurerm_firewall_application_rule_collection', 'application'),
  tfClassicCollection('azurerm_firewall_network_rule_collection', 'network'),
];
