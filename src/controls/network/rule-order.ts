// Security rules one by one: a key that names a rule across runs (no line
// numbers), and, for ordered filters (NSGs), the deny rule of a lower
// priority number that stops an allow before it applies.
import { cidrWithin, parseCidr } from '../../graph/cidr.js';
import type { SecurityGroup, SecurityRule } from '../../model/security.js';
import type { UnknownCause } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';
import type { PeerReach } from './rule-peers.js';
import { isAllProtocols, peerReach, portsCover } from './rule-peers.js';
import { ALL_EGRESS_DEFAULT, DEFAULT_GROUP_MEMBERS_INGRESS } from '../../model/aws/network/platform-objects.js';

/** NSG rule name, or `<defining resource> <direction> <n>` counted per resource and direction. */
export function ruleKey(group: SecurityGroup, rule: SecurityRule): string {
  if (rule.platformDefault) {
    const peers = rule.peers.known ? rule.peers.value.map((p) => peerReach(p).text).join(',') : '?';
    return `${rule.platformDefault} ${rule.direction} ${peers}`;
  }
  if (group.flavor === 'azure-nsg' && rule.name) return rule.name;
  let n = 0;
  for (const r of group.rules) {
    if (r === rule) break;
    if (r.definedBy === rule.definedBy && r.direction === rule.direction && !r.platformDefault) n++;
  }
  return `${rule.definedBy} ${rule.direction} ${n}`;
}

/** The AWS platform rules kikan adds by their description (Azure's default rules have names of their own). */
const PLATFORM_RULE_JA: Record<string, string> = {
  [ALL_EGRESS_DEFAULT]: 'すべての送信を許可',
  [DEFAULT_GROUP_MEMBERS_INGRESS]: '既定のセキュリティグループ：メンバーからの受信',
};

/** `rule "DenyInternet"`, `the platform default rule AllowInternetOutBound`, `the rule of aws_vpc_security_group_egress_rule.x`. */
export function ruleLabel(rule: SecurityRule): LocalText {
  if (rule.platformDefault) {
    const en = rule.name ?? rule.platformDefault;
    return { ja: `既定の規則（${rule.name ?? PLATFORM_RULE_JA[rule.platformDefault] ?? rule.platformDefault}）`, en: `the platform default rule (${en})` };
  }
  if (rule.name) return { ja: `規則「${rule.name}」`, en: `rule "${rule.name}"` };
  return { ja: `${rule.definedBy} の規則`, en: `the rule of ${rule.definedBy}` };
}

function denyPeerCovers(deny: PeerReach, allowed: PeerReach): boolean {
  if (deny.kind === 'internet') {
    const d = parseCidr(deny.text);
    // `*` and `Internet` cover every public address; 0.0.0.0/0 only its own family.
    if (!d) return true;
    const a = parseCidr(allowed.text);
    return !a || a.family === d.family;
  }
  if (deny.kind === 'public-range' && allowed.kind === 'public-range') {
    const d = parseCidr(deny.text);
    const a = parseCidr(allowed.text);
    return !!d && !!a && cidrWithin(a, d);
  }
  return deny.kind === allowed.kind && deny.text.toLowerCase() === allowed.text.toLowerCase();
}

/**
 * In an ordered filter, the deny rule evaluated before `rule` that drops all
 * of its traffic to `peer` (same direction, every protocol and port of the
 * allow). Undefined for unordered filters (AWS security groups) or when no
 * such deny is known.
 */
export function earlierDeny(group: SecurityGroup, rule: SecurityRule, peer: PeerReach): SecurityRule | undefined {
  if (group.flavor === 'aws-security-group' || rule.priority === undefined) return undefined;
  for (const d of group.rules) {
    if (d.action !== 'deny' || d.direction !== rule.direction || d.priority === undefined || d.priority >= rule.priority) continue;
    if (d.conditional || !denyCovers(d, rule, peer)) continue;
    return d;
  }
  return undefined;
}

function denyCovers(d: SecurityRule, rule: SecurityRule, peer: PeerReach): boolean {
  if (!d.protocol.known || !d.ports.known || !d.peers.known || !rule.protocol.known || !rule.ports.known) return false;
  if (!isAllProtocols(d.protocol.value) && d.protocol.value.toLowerCase() !== rule.protocol.value.toLowerCase()) return false;
  if (!portsCover(d.ports.value, rule.ports.value)) return false;
  return d.peers.value.some((p) => denyPeerCovers(peerReach(p), peer));
}

/**
 * When no deny is known to stop the allow first (earlierDeny), a deny that
 * would drop its traffic to `peer` but whose order before it cannot be told
 * (a priority of either rule that cannot be read) or that may not be deployed
 * (a condition): why that cannot be told. The allow is then neither open nor
 * closed.
 */
export function uncertainEarlierDeny(group: SecurityGroup, rule: SecurityRule, peer: PeerReach): UnknownCause | undefined {
  if (group.flavor === 'aws-security-group') return undefined;
  for (const d of group.rules) {
    if (d === rule || d.action !== 'deny' || d.direction !== rule.direction || !denyCovers(d, rule, peer)) continue;
    if (d.priority !== undefined && rule.priority !== undefined && d.priority >= rule.priority) continue;
    const deny = ruleLabel(d).en;
    const order = d.priority === undefined ? d.priorityUnknown : rule.priority === undefined ? rule.priorityUnknown : undefined;
    if (order) return { ...order, detail: `${deny} would drop this traffic, but whether it comes first cannot be told: ${order.detail}` };
    if (d.conditional) return { ...d.conditional, detail: `${deny} would drop this traffic, but it may not be deployed: ${d.conditional.detail}` };
  }
  return undefined;
}
