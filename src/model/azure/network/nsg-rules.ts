// NSG security rules in the shapes ARM and azurerm write them, and the
// default rules every NSG has. The remote side of a rule is its source for
// inbound rules and its destination for outbound ones; ports are the
// destination ports, the ones a rule is written for.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, UnknownCause, Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf, numberFact, stringFact } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import type { Peer, SecurityRule } from '../../security.js';
import { armPath, isSet, knownText, subResourceId, tfPath } from './attributes.js';
import { APPLICATION_SECURITY_GROUPS } from './kinds.js';
import { linkTo } from './references.js';

/** Attribute names of one shape: ARM camelCase under `properties`, or azurerm snake_case. */
export interface RuleNames {
  priority: string;
  direction: string;
  access: string;
  protocol: string;
  ports: [string, string];
  source: { prefix: string; prefixes: string; asgs: string };
  destination: { prefix: string; prefixes: string; asgs: string };
}

export const ARM_RULE: RuleNames = {
  priority: 'priority',
  direction: 'direction',
  access: 'access',
  protocol: 'protocol',
  ports: ['destinationPortRange', 'destinationPortRanges'],
  source: { prefix: 'sourceAddressPrefix', prefixes: 'sourceAddressPrefixes', asgs: 'sourceApplicationSecurityGroups' },
  destination: { prefix: 'destinationAddressPrefix', prefixes: 'destinationAddressPrefixes', asgs: 'destinationApplicationSecurityGroups' },
};

export const TF_RULE: RuleNames = {
  priority: 'priority',
  direction: 'direction',
  access: 'access',
  protocol: 'protocol',
  ports: ['destination_port_range', 'destination_port_ranges'],
  source: { prefix: 'source_address_prefix', prefixes: 'source_address_prefixes', asgs: 'source_application_security_group_ids' },
  destination: {
    prefix: 'destination_address_prefix',
    prefixes: 'destination_address_prefixes',
    asgs: 'destination_application_security_group_ids',
  },
};

/** A rule, or why it could not be read (its direction or action is unknown). */
export type RuleResult = { rule: SecurityRule } | { unreadable: UnknownCause; loc: SourceLoc };

type Get = (name: string) => Value | undefined;

const PROTOCOLS: Record<string, string> = { '*': 'all', tcp: 'tcp', udp: 'udp', icmp: 'icmp', esp: 'esp', ah: 'ah' };

function protocolOf(v: Value | undefined, r: NativeResource, name: string): Fact<string> {
  const f = stringFact(v, r, { name });
  if (!f.known) return f;
  const p = PROTOCOLS[f.value.trim().toLowerCase()];
  return p ? { ...f, value: p } : unknownFact({ inputs: [], detail: `${name} = ${JSON.stringify(f.value)} is not an NSG protocol` }, f.loc);
}

function portRange(text: string): { from: number; to: number } | undefined {
  const t = text.trim();
  if (t === '*') return { from: 0, to: 65535 };
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(t);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= to && to <= 65535 ? { from, to } : undefined;
}

function portsOf(protocol: Fact<string>, get: Get, r: NativeResource, names: RuleNames, loc: SourceLoc): Fact<{ from: number; to: number }[]> {
  if (protocol.known && !['all', 'tcp', 'udp'].includes(protocol.value)) return fact([], protocol.loc ?? loc);
  const texts: Value[] = [];
  const single = get(names.ports[0]);
  if (isSet(single)) texts.push(single);
  const many = get(names.ports[1]);
  if (many && (many.kind === 'unknown' || many.kind === 'ref')) return unknownFact(causeOf(many, r, names.ports[1]), many.loc ?? loc);
  texts.push(...itemsOf(many));
  const out: { from: number; to: number }[] = [];
  for (const t of texts) {
    const f = stringFact(t, r, { name: names.ports[0] });
    if (!f.known) return f;
    const range = portRange(f.value);
    if (!range) return unknownFact({ inputs: [], detail: `port range ${JSON.stringify(f.value)} in ${r.address} cannot be read` }, f.loc);
    out.push(range);
  }
  if (!texts.length) return unknownFact({ inputs: [], detail: `a rule of ${r.address} sets no destination port range` }, loc);
  return fact(out, texts[0]!.loc ?? loc);
}

/** An address prefix as a peer: CIDR (a bare address is a /32 or /128) or service tag (`*` included). */
export function peerOfPrefix(text: string): Peer {
  const t = text.trim();
  if (/^[0-9.]+\/\d+$/.test(t) || (t.includes(':') && /^[0-9a-fA-F:.]+\/\d+$/.test(t))) return { kind: 'cidr', cidr: t };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) return { kind: 'cidr', cidr: `${t}/32` };
  if (t.includes(':') && /^[0-9a-fA-F:.]+$/.test(t)) return { kind: 'cidr', cidr: `${t}/128` };
  return { kind: 'service-tag', tag: t };
}

function peersOf(
  side: RuleNames['source'],
  get: Get,
  r: NativeResource,
  ctx: LiftContext,
  loc: SourceLoc,
  arm: boolean,
): Fact<Peer[]> {
  const out: Peer[] = [];
  const prefixes: Value[] = [];
  const single = get(side.prefix);
  if (isSet(single)) prefixes.push(single);
  const many = get(side.prefixes);
  if (many && (many.kind === 'unknown' || many.kind === 'ref')) return unknownFact(causeOf(many, r, side.prefixes), many.loc ?? loc);
  prefixes.push(...itemsOf(many));
  for (const p of prefixes) {
    const f = stringFact(p, r, { name: side.prefix });
    if (!f.known) return f;
    out.push(peerOfPrefix(f.value));
  }
  const asgs = get(side.asgs);
  if (asgs && (asgs.kind === 'unknown' || asgs.kind === 'ref')) return unknownFact(causeOf(asgs, r, side.asgs), asgs.loc ?? loc);
  for (const a of itemsOf(asgs)) {
    if (a.kind === 'known' && a.value === null) continue;
    out.push({ kind: 'security-group', ref: linkTo(arm ? subResourceId(a) : a, r, ctx, side.asgs, APPLICATION_SECURITY_GROUPS) });
  }
  if (!out.length) return unknownFact({ inputs: [], detail: `a rule of ${r.address} names no ${side.prefix}` }, loc);
  return fact(out, (single ?? many ?? asgs)?.loc ?? loc);
}

/**
 * One rule. `props` holds the rule's fields (ARM `properties`, an azurerm
 * block or the azurerm rule resource's attributes).
 */
export function readRule(props: Value | undefined, name: Value | undefined, r: NativeResource, ctx: LiftContext, names: RuleNames, loc: SourceLoc): RuleResult {
  const arm = names === ARM_RULE;
  const get: Get = (n) => (arm ? armPath(props, n) : tfPath(props, n));
  const direction = stringFact(get(names.direction), r, { name: names.direction });
  const access = stringFact(get(names.access), r, { name: names.access });
  if (!direction.known) return { unreadable: direction.cause, loc: direction.loc ?? loc };
  if (!access.known) return { unreadable: access.cause, loc: access.loc ?? loc };
  const dir = direction.value.toLowerCase();
  const act = access.value.toLowerCase();
  if ((dir !== 'inbound' && dir !== 'outbound') || (act !== 'allow' && act !== 'deny')) {
    return { unreadable: { inputs: [], detail: `a rule of ${r.address} has direction ${dir} and access ${act}, which NSGs do not have` }, loc };
  }
  const protocol = protocolOf(get(names.protocol), r, names.protocol);
  const priority = numberFact(get(names.priority), r, { name: names.priority });
  const rule: SecurityRule = {
    direction: dir === 'inbound' ? 'ingress' : 'egress',
    action: act,
    protocol,
    ports: portsOf(protocol, get, r, names, loc),
    peers: peersOf(dir === 'inbound' ? names.source : names.destination, get, r, ctx, loc, arm),
    loc,
    definedBy: r.address,
  };
  if (priority.known) rule.priority = priority.value;
  else rule.priorityUnknown = priority.cause;
  const n = knownText(name);
  if (n !== undefined) rule.name = n;
  return { rule };
}

/** The rules Azure puts in every NSG, below every rule a user can write (priorities 65000–65500). */
export function defaultRules(nsg: { address: string; loc: SourceLoc }): SecurityRule[] {
  const rule = (name: string, direction: 'ingress' | 'egress', action: 'allow' | 'deny', priority: number, peer: string): SecurityRule => ({
    direction,
    action,
    priority,
    protocol: fact('all', nsg.loc),
    ports: fact([{ from: 0, to: 65535 }], nsg.loc),
    peers: fact<Peer[]>([{ kind: 'service-tag', tag: peer }], nsg.loc),
    loc: nsg.loc,
    definedBy: nsg.address,
    platformDefault: name,
    name,
  });
  return [
    rule('AllowVnetInBound', 'ingress', 'allow', 65000, 'VirtualNetwork'),
    rule('AllowAzureLoadBalancerInBound', 'ingress', 'allow', 65001, 'AzureLoadBalancer'),
    rule('DenyAllInBound', 'ingress', 'deny', 65500, '*'),
    rule('AllowVnetOutBound', 'egress', 'allow', 65000, 'VirtualNetwork'),
    rule('AllowInternetOutBound', 'egress', 'allow', 65001, 'Internet'),
    rule('DenyAllOutBound', 'egress', 'deny', 65500, '*'),
  ];
}
