// Security group rules in the shapes the sources write them: Terraform inline
// blocks, `aws_security_group_rule`, `aws_vpc_security_group_*_rule`, and
// CloudFormation inline and standalone ingress/egress.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import type { Peer, SecurityRule } from '../../security.js';
import { portsOf, protocolOf } from './protocol-ports.js';
import { linkTo, referencedNative } from './references.js';

type PeerKind = 'cidr' | 'prefix-list' | 'security-group';

/** How one source spells a rule. Peer attributes may hold one value or a list. */
export interface RuleShape {
  protocol: string;
  fromPort: string;
  toPort: string;
  peers: { attribute: string; kind: PeerKind }[];
  /** Terraform `self = true`: the group itself is the peer. */
  self?: string;
}

export const TF_INLINE_RULE: RuleShape = {
  protocol: 'protocol',
  fromPort: 'from_port',
  toPort: 'to_port',
  peers: [
    { attribute: 'cidr_blocks', kind: 'cidr' },
    { attribute: 'ipv6_cidr_blocks', kind: 'cidr' },
    { attribute: 'prefix_list_ids', kind: 'prefix-list' },
    { attribute: 'security_groups', kind: 'security-group' },
  ],
  self: 'self',
};

export const TF_RULE: RuleShape = {
  ...TF_INLINE_RULE,
  peers: [...TF_INLINE_RULE.peers.slice(0, 3), { attribute: 'source_security_group_id', kind: 'security-group' }],
};

export const TF_VPC_RULE: RuleShape = {
  protocol: 'ip_protocol',
  fromPort: 'from_port',
  toPort: 'to_port',
  peers: [
    { attribute: 'cidr_ipv4', kind: 'cidr' },
    { attribute: 'cidr_ipv6', kind: 'cidr' },
    { attribute: 'prefix_list_id', kind: 'prefix-list' },
    { attribute: 'referenced_security_group_id', kind: 'security-group' },
  ],
};

export const CFN_INGRESS: RuleShape = {
  protocol: 'IpProtocol',
  fromPort: 'FromPort',
  toPort: 'ToPort',
  peers: [
    { attribute: 'CidrIp', kind: 'cidr' },
    { attribute: 'CidrIpv6', kind: 'cidr' },
    { attribute: 'SourcePrefixListId', kind: 'prefix-list' },
    { attribute: 'SourceSecurityGroupId', kind: 'security-group' },
    { attribute: 'SourceSecurityGroupName', kind: 'security-group' },
  ],
};

export const CFN_EGRESS: RuleShape = {
  protocol: 'IpProtocol',
  fromPort: 'FromPort',
  toPort: 'ToPort',
  peers: [
    { attribute: 'CidrIp', kind: 'cidr' },
    { attribute: 'CidrIpv6', kind: 'cidr' },
    { attribute: 'DestinationPrefixListId', kind: 'prefix-list' },
    { attribute: 'DestinationSecurityGroupId', kind: 'security-group' },
  ],
};

/** A prefix list keeps a readable name even when its ID is unknown: its contents are not modelled anyway. */
function prefixListName(v: Value, r: NativeResource, ctx: LiftContext): string {
  if (v.kind === 'known') return String(v.value);
  const n = referencedNative(v, ctx, r);
  if (n) return n.address;
  if (v.kind === 'unknown') return v.expr ?? `prefix list depending on ${v.cause.inputs.join(', ') || v.cause.detail}`;
  if (v.kind === 'ref') return `prefix list ${v.target.split('#').pop()}.${v.attribute}`;
  return 'prefix list of an unexpected value';
}

function peersOf(block: Value, shape: RuleShape, r: NativeResource, ctx: LiftContext, groupId: string, loc: SourceLoc): Fact<Peer[]> {
  const peers: Peer[] = [];
  for (const { attribute, kind } of shape.peers) {
    // An unknown list counts as one unknown item: unknown CIDRs make the peers unknown, while
    // unknown prefix lists and groups are still prefix lists and groups, never an address range.
    for (const item of itemsOf(field(block, attribute))) {
      if (item.kind === 'known' && (item.value === null || item.value === '')) continue;
      if (kind === 'cidr') {
        if (item.kind !== 'known' || typeof item.value !== 'string') return unknownFact(causeOf(item, r, attribute), item.loc ?? loc);
        peers.push({ kind: 'cidr', cidr: item.value });
      } else if (kind === 'prefix-list') {
        peers.push({ kind: 'prefix-list', id: prefixListName(item, r, ctx) });
      } else {
        peers.push({ kind: 'security-group', ref: linkTo(item, r, ctx, attribute) });
      }
    }
  }
  if (shape.self) {
    const self = boolFact(field(block, shape.self), r, { name: shape.self, default: false });
    if (!self.known) return self;
    if (self.value) peers.push({ kind: 'security-group', ref: fact(groupId, self.loc) });
  }
  return fact(peers, loc);
}

/** One rule from `block`: an inline block (located at the block), or a standalone rule's attributes (at the resource). */
export function ruleOf(
  block: Value,
  shape: RuleShape,
  direction: 'ingress' | 'egress',
  r: NativeResource,
  ctx: LiftContext,
  groupId: string,
): SecurityRule {
  const loc = block === r.attrs ? r.loc : (block.loc ?? r.loc);
  const protocol = protocolOf(field(block, shape.protocol), r, shape.protocol);
  const rule: SecurityRule = {
    direction,
    action: 'allow',
    protocol,
    ports: portsOf(protocol, { v: field(block, shape.fromPort), name: shape.fromPort }, { v: field(block, shape.toPort), name: shape.toPort }, r, loc),
    peers: peersOf(block, shape, r, ctx, groupId, loc),
    loc,
    definedBy: r.address,
  };
  const description = field(block, 'description') ?? field(block, 'Description');
  if (description?.kind === 'known' && typeof description.value === 'string' && description.value !== '') {
    rule.name = description.value;
  }
  return rule;
}

/** Inline rules of one direction; an unknown block list leaves the group's rules incomplete. */
export function inlineRules(
  v: Value | undefined,
  shape: RuleShape,
  direction: 'ingress' | 'egress',
  r: NativeResource,
  ctx: LiftContext,
  groupId: string,
  attribute: string,
): { rules: SecurityRule[]; complete?: Fact<boolean> } {
  if (v && (v.kind === 'unknown' || v.kind === 'ref')) {
    return { rules: [], complete: unknownFact(causeOf(v, r, attribute), v.loc ?? r.loc) };
  }
  const rules: SecurityRule[] = [];
  let complete: Fact<boolean> | undefined;
  for (const block of itemsOf(v)) {
    if (block.kind !== 'object') {
      complete = unknownFact(causeOf(block, r, attribute), block.loc ?? r.loc);
      continue;
    }
    rules.push(ruleOf(block, shape, direction, r, ctx, groupId));
  }
  return complete ? { rules, complete } : { rules };
}
