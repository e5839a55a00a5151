// Azure Firewall rules as the model keeps them: application rules become
// domain rules (FQDNs, FQDN tags, the hosts of target URLs), network rules
// become address rules, and their FQDN destinations domain rules too. Read
// from classic rule collections on the firewall and from rule collection
// groups of a firewall policy, in ARM or azurerm shape. DNAT collections
// (inbound translation) are not egress rules and are left out.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, UnknownCause, Value } from '../../../readers/value.js';
import { causeOf, itemsOf, stringFact } from '../../lift-values.js';
import type { AddressRule, DomainRule } from '../../network.js';
import { armPath, isSet, tfPath } from './attributes.js';

/** The rules of one firewall or policy, or why they cannot all be read. */
export interface RuleSet {
  domain: DomainRule[];
  address: AddressRule[];
  unknown?: { cause: UnknownCause; loc: SourceLoc };
}

export function emptyRuleSet(): RuleSet {
  return { domain: [], address: [] };
}

type Role = 'fqdns' | 'fqdnTags' | 'urls' | 'categories' | 'addresses' | 'ipGroups' | 'ports' | 'protocols' | 'netFqdns';

/** Attribute names per shape: classic ARM collections, policy rule collection groups (ARM), azurerm. */
const ARM_CLASSIC: Record<Role, string> = {
  fqdns: 'targetFqdns',
  fqdnTags: 'fqdnTags',
  urls: 'targetUrls',
  categories: 'webCategories',
  addresses: 'destinationAddresses',
  ipGroups: 'destinationIpGroups',
  ports: 'destinationPorts',
  protocols: 'protocols',
  netFqdns: 'destinationFqdns',
};
const ARM_POLICY: Record<Role, string> = { ...ARM_CLASSIC, protocols: 'ipProtocols' };
const TF_CLASSIC: Record<Role, string> = {
  fqdns: 'target_fqdns',
  fqdnTags: 'fqdn_tags',
  urls: 'target_urls',
  categories: 'web_categories',
  addresses: 'destination_addresses',
  ipGroups: 'destination_ip_groups',
  ports: 'destination_ports',
  protocols: 'protocols',
  netFqdns: 'destination_fqdns',
};
const TF_POLICY: Record<Role, string> = {
  ...TF_CLASSIC,
  fqdns: 'destination_fqdns',
  fqdnTags: 'destination_fqdn_tags',
  urls: 'destination_urls',
};

export type Shape = 'arm-classic' | 'arm-policy' | 'tf-classic' | 'tf-policy';
const NAMES: Record<Shape, Record<Role, string>> = { 'arm-classic': ARM_CLASSIC, 'arm-policy': ARM_POLICY, 'tf-classic': TF_CLASSIC, 'tf-policy': TF_POLICY };

function markUnknown(set: RuleSet, cause: UnknownCause, loc: SourceLoc): void {
  set.unknown ??= { cause, loc };
}

/** Strings of a list attribute; undefined (and the set marked) when unknown. */
function strings(v: Value | undefined, r: NativeResource, name: string, set: RuleSet, loc: SourceLoc): string[] | undefined {
  if (!isSet(v)) return [];
  if (v.kind === 'unknown' || v.kind === 'ref') {
    markUnknown(set, causeOf(v, r, name), v.loc ?? loc);
    return undefined;
  }
  const out: string[] = [];
  for (const item of itemsOf(v)) {
    const f = stringFact(item, r, { name });
    if (!f.known) {
      markUnknown(set, f.cause, f.loc ?? loc);
      return undefined;
    }
    out.push(f.value);
  }
  return out;
}

/** `Allow`/`Deny` of a collection; `undefined` (and the set marked) when unknown. */
function actionOf(v: Value | undefined, r: NativeResource, set: RuleSet, loc: SourceLoc): 'allow' | 'deny' | undefined {
  const f = stringFact(v, r, { name: 'action' });
  if (f.known && ['allow', 'deny'].includes(f.value.toLowerCase())) return f.value.toLowerCase() as 'allow' | 'deny';
  markUnknown(set, f.known ? { inputs: [], detail: `rule collection action ${JSON.stringify(f.value)} is not Allow or Deny` } : f.cause, f.loc ?? loc);
  return undefined;
}

function hostOf(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').split(/[/?#:]/)[0] ?? url;
}

/** One rule of a collection with the collection's action. */
function readRule(rule: Value, kind: 'application' | 'network', action: 'allow' | 'deny', shape: Shape, r: NativeResource, set: RuleSet): void {
  const names = NAMES[shape];
  const get = (role: Role) => (shape.startsWith('arm') ? armPath(rule, names[role]) : tfPath(rule, names[role]));
  const loc = rule.loc ?? r.loc;
  const list = (role: Role) => strings(get(role), r, names[role], set, loc);
  const domain = (domains: string[] | undefined, syntax: DomainRule['syntax']) => {
    if (domains?.length) set.domain.push({ action, domains, syntax, loc, definedBy: r.address });
  };
  if (kind === 'application') {
    domain(list('fqdns'), 'azure-firewall-fqdn');
    domain(list('fqdnTags'), 'azure-firewall-fqdn-tag');
    // URL filtering narrows a host further: the host is what leaves.
    domain(list('urls')?.map(hostOf), 'azure-firewall-fqdn');
    const categories = list('categories');
    if (categories?.length && action === 'allow') {
      markUnknown(set, { inputs: [r.address], detail: `a rule of ${r.address} allows web categories (${categories.join(', ')}), which no domain list describes` }, loc);
    }
    return;
  }
  domain(list('netFqdns'), 'azure-firewall-fqdn');
  const addresses = list('addresses');
  const groups = list('ipGroups');
  const ports = list('ports');
  const protocols = list('protocols');
  if (!addresses || !groups || !ports || !protocols) return;
  if (!addresses.length && !groups.length) return;
  const nameValue = shape.startsWith('arm') ? armPath(rule, 'name') : tfPath(rule, 'name');
  const a: AddressRule = { action, destinations: [...addresses, ...groups], ports, protocols, loc, definedBy: r.address };
  if (nameValue?.kind === 'known' && typeof nameValue.value === 'string') a.name = nameValue.value;
  set.address.push(a);
}

/** One rule collection: its action, then each rule. `kind` is read from the collection when undefined. */
export function readCollection(coll: Value, kind: 'application' | 'network' | undefined, shape: Shape, r: NativeResource, set: RuleSet): void {
  const arm = shape.startsWith('arm');
  const loc = coll.loc ?? r.loc;
  // Classic ARM collections keep their fields under `properties`.
  const body = shape === 'arm-classic' ? armPath(coll, 'properties') : coll;
  const actionValue = arm ? armPath(body, 'action', 'type') : tfPath(coll, 'action');
  const rules = arm ? armPath(body, 'rules') : tfPath(coll, 'rule');
  if (rules && (rules.kind === 'unknown' || rules.kind === 'ref')) {
    markUnknown(set, causeOf(rules, r, 'rules'), rules.loc ?? loc);
    return;
  }
  if (shape === 'arm-policy') {
    const type = armPath(coll, 'ruleCollectionType');
    if (type?.kind === 'known' && String(type.value).toLowerCase() === 'firewallpolicynatrulecollection') return;
  }
  const action = actionOf(actionValue, r, set, loc);
  if (!action) return;
  for (const rule of itemsOf(rules)) {
    let k = kind;
    if (!k) {
      const t = armPath(rule, 'ruleType');
      const text = t?.kind === 'known' ? String(t.value).toLowerCase() : undefined;
      if (text === 'natrule') continue;
      if (text !== 'applicationrule' && text !== 'networkrule') {
        markUnknown(set, t ? causeOf(t, r, 'ruleType') : { inputs: [], detail: `a rule of ${r.address} has no ruleType` }, rule.loc ?? loc);
        continue;
      }
      k = text === 'applicationrule' ? 'application' : 'network';
    }
    readRule(rule, k, action, shape, r, set);
  }
}

/** Collections under one attribute; an unknown list marks the set. */
export function readCollections(list: Value | undefined, kind: 'application' | 'network' | undefined, shape: Shape, r: NativeResource, set: RuleSet): void {
  if (list && (list.kind === 'unknown' || list.kind === 'ref')) {
    markUnknown(set, causeOf(list, r, 'rule collections'), list.loc ?? r.loc);
    return;
  }
  for (const c of itemsOf(list)) readCollection(c, kind, shape, r, set);
}

export function mergeInto(into: RuleSet, from: RuleSet): void {
  into.domain.push(...from.domain);
  into.address.push(...from.address);
  if (from.unknown) into.unknown ??= from.unknown;
}
