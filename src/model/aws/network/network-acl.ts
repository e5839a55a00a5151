// Network ACLs: ordered, stateless subnet filters. A new ACL denies
// everything (its `*` rules) until numbered rules allow; the VPC's default
// ACL allows everything; a subnet without an association uses the default.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf, numberFact, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Peer, SecurityGroup, SecurityRule } from '../../security.js';
import { aclDenyAll, securityGroupById } from './platform-objects.js';
import { portsOf, protocolOf } from './protocol-ports.js';
import { linkTo, linksTo, modelIdOf, referencedNative } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { mayNotExist, ownCondition } from './own-condition.js';
import { forPossibleTargets, possiblyMore } from './uncertain-targets.js';
import { isWritten } from './written.js';

interface EntryNames {
  number: string;
  action: string;
  protocol: string;
  cidr: string;
  ipv6Cidr: string;
  /** Where the port range sits: the entry itself (Terraform) or a `PortRange` object (CloudFormation). */
  portRange?: string;
  fromPort: string;
  toPort: string;
}

const TF_INLINE: EntryNames = {
  number: 'rule_no',
  action: 'action',
  protocol: 'protocol',
  cidr: 'cidr_block',
  ipv6Cidr: 'ipv6_cidr_block',
  fromPort: 'from_port',
  toPort: 'to_port',
};

const TF_RULE: EntryNames = { ...TF_INLINE, number: 'rule_number', action: 'rule_action' };

const CFN_ENTRY: EntryNames = {
  number: 'RuleNumber',
  action: 'RuleAction',
  protocol: 'Protocol',
  cidr: 'CidrBlock',
  ipv6Cidr: 'Ipv6CidrBlock',
  portRange: 'PortRange',
  fromPort: 'From',
  toPort: 'To',
};

function peersOf(entry: Value, n: EntryNames, r: NativeResource, loc: SecurityRule['loc']): Fact<Peer[]> {
  const v = isWritten(field(entry, n.cidr)) ? field(entry, n.cidr) : field(entry, n.ipv6Cidr);
  const name = isWritten(field(entry, n.cidr)) ? n.cidr : n.ipv6Cidr;
  const cidr = stringFact(v, r, { name });
  return cidr.known ? fact([{ kind: 'cidr', cidr: cidr.value }], cidr.loc ?? loc) : cidr;
}

/**
 * One numbered entry. The model needs an action and a number to order by:
 * an entry whose action cannot be evaluated is read as an allow (which can
 * only make the ACL look more open), and the ACL's rules become incomplete.
 */
function entryOf(entry: Value, n: EntryNames, direction: 'ingress' | 'egress', r: NativeResource): { rule: SecurityRule; unknown?: Fact<boolean> } {
  const loc = entry === r.attrs ? r.loc : (entry.loc ?? r.loc);
  const action = stringFact(field(entry, n.action), r, { name: n.action });
  const number = numberFact(field(entry, n.number), r, { name: n.number });
  const protocol = protocolOf(field(entry, n.protocol), r, n.protocol);
  const range = n.portRange ? field(entry, n.portRange) : entry;
  const rule: SecurityRule = {
    direction,
    action: action.known && action.value.toLowerCase() === 'deny' ? 'deny' : 'allow',
    protocol,
    ports: portsOf(protocol, { v: field(range, n.fromPort), name: n.fromPort }, { v: field(range, n.toPort), name: n.toPort }, r, loc),
    peers: peersOf(entry, n, r, loc),
    loc,
    definedBy: r.address,
  };
  if (number.known) {
    rule.priority = number.value;
    rule.name = String(number.value);
  }
  const unknown = !action.known ? action : !number.known ? number : undefined;
  return unknown ? { rule, unknown: unknownFact(unknown.cause, unknown.loc) } : { rule };
}

function inlineEntries(r: NativeResource, direction: 'ingress' | 'egress'): { rules: SecurityRule[]; unknown?: Fact<boolean> } {
  const v = field(r.attrs, direction);
  if (v && (v.kind === 'unknown' || v.kind === 'ref')) return { rules: [], unknown: unknownFact(causeOf(v, r, direction), v.loc ?? r.loc) };
  const rules: SecurityRule[] = [];
  let unknown: Fact<boolean> | undefined;
  for (const e of itemsOf(v)) {
    const got = entryOf(e, TF_INLINE, direction, r);
    rules.push(got.rule);
    unknown ??= got.unknown;
  }
  return unknown ? { rules, unknown } : { rules };
}

/** A VPC's default ACL adopted by Terraform keeps only the written rules, plus the `*` rules no ACL can drop. */
const terraformAcl: LiftHandler = {
  types: ['aws_network_acl', 'aws_default_network_acl'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const adopted = r.type === 'aws_default_network_acl';
    const candidate = modelIdOf(r, undefined, ctx);
    const id = ctx.model.get(candidate) ? r.key : candidate;
    const ingress = inlineEntries(r, 'ingress');
    const egress = inlineEntries(r, 'egress');
    const vpcRef = field(r.attrs, adopted ? 'default_network_acl_id' : 'vpc_id');
    const vpc = adopted ? referencedNative(vpcRef, ctx, r) : undefined;
    const acl: SecurityGroup = {
      ...baseOf(r, ctx, tagsOf(r)),
      id,
      kind: 'security-group',
      flavor: 'aws-network-acl',
      network: adopted
        ? vpc
          ? fact(vpc.key, vpcRef?.loc ?? r.loc)
          : unknownFact({ inputs: [], detail: `the VPC of ${r.address} is not in the scanned inputs` }, vpcRef?.loc ?? r.loc)
        : linkTo(vpcRef, r, ctx, 'vpc_id'),
      rules: [...ingress.rules, ...egress.rules, aclDenyAll('ingress', r.loc, r.address), aclDenyAll('egress', r.loc, r.address)],
      rulesComplete: ingress.unknown ?? egress.unknown ?? defaulted(true, r.loc),
    };
    ctx.model.add(acl);
  },
};

const cloudFormationAcl: LiftHandler = {
  types: ['AWS::EC2::NetworkAcl'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'security-group',
      flavor: 'aws-network-acl',
      network: linkTo(field(r.attrs, 'VpcId'), r, ctx, 'VpcId'),
      rules: [aclDenyAll('ingress', r.loc, r.address), aclDenyAll('egress', r.loc, r.address)],
      rulesComplete: defaulted(true, r.loc),
    });
  },
};

function aclNamed(v: Value | undefined, r: NativeResource, ctx: LiftContext, name: string): SecurityGroup | undefined {
  const id = linkTo(v, r, ctx, name);
  const acl = id.known ? securityGroupById(id.value, ctx) : undefined;
  return acl?.flavor === 'aws-network-acl' ? acl : undefined;
}

function standaloneEntry(types: string[], sources: LiftHandler['sources'], aclAttr: string, egressAttr: string, n: EntryNames): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      const aclRef = field(r.attrs, aclAttr);
      const acl = aclNamed(aclRef, r, ctx, aclAttr);
      if (!acl) {
        forPossibleTargets(aclRef, r, ctx, 'security-group', (g) => (g.rulesComplete = possiblyMore(aclRef!, r, 'an entry')));
        return;
      }
      const egress = boolFact(field(r.attrs, egressAttr), r, { name: egressAttr, default: false });
      if (!egress.known) {
        acl.rulesComplete = egress;
        return;
      }
      const got = entryOf(r.attrs, n, egress.value ? 'egress' : 'ingress', r);
      const condition = ownCondition(r, acl);
      if (condition) got.rule.conditional = condition;
      acl.rules.push(got.rule);
      if (got.unknown) acl.rulesComplete = got.unknown;
    },
  };
}

function associateSubnet(subnetRef: Value | undefined, aclRef: Value | undefined, r: NativeResource, ctx: LiftContext, subnetAttr: string, aclAttr: string): void {
  const subnetId = linkTo(subnetRef, r, ctx, subnetAttr);
  const subnet = subnetId.known ? ctx.model.getOf(subnetId.value, 'subnet') : undefined;
  if (!subnet) {
    forPossibleTargets(subnetRef, r, ctx, 'subnet', (s) => (s.securityGroup = possiblyMore(subnetRef!, r, 'a network ACL association')));
    return;
  }
  const acl = linkTo(aclRef, r, ctx, aclAttr);
  if (acl.known) securityGroupById(acl.value, ctx);
  const condition = ownCondition(r, subnet);
  subnet.securityGroup = condition ? mayNotExist(r, condition, acl.loc ?? r.loc) : acl;
}

/** `subnet_ids` on the ACL itself. */
const terraformAclSubnets: LiftHandler = {
  types: ['aws_network_acl', 'aws_default_network_acl'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const subnets = linksTo(field(r.attrs, 'subnet_ids'), r, ctx, 'subnet_ids');
    if (!subnets.known) return;
    const id = modelIdOf(r, undefined, ctx);
    for (const l of subnets.value) {
      const subnet = l.known ? ctx.model.getOf(l.value, 'subnet') : undefined;
      if (subnet && ctx.model.get(id)) subnet.securityGroup = fact(id, l.loc);
    }
  },
};

const associations: LiftHandler[] = [
  {
    types: ['aws_network_acl_association'],
    sources: TERRAFORM,
    pass: 'amend',
    lift: (r, ctx) => associateSubnet(field(r.attrs, 'subnet_id'), field(r.attrs, 'network_acl_id'), r, ctx, 'subnet_id', 'network_acl_id'),
  },
  {
    types: ['AWS::EC2::SubnetNetworkAclAssociation'],
    sources: CLOUDFORMATION,
    pass: 'amend',
    lift: (r, ctx) => associateSubnet(field(r.attrs, 'SubnetId'), field(r.attrs, 'NetworkAclId'), r, ctx, 'SubnetId', 'NetworkAclId'),
  },
];

export const networkAclHandlers: LiftHandler[] = [
  terraformAcl,
  cloudFormationAcl,
  terraformAclSubnets,
  standaloneEntry(['aws_network_acl_rule'], TERRAFORM, 'network_acl_id', 'egress', TF_RULE),
  standaloneEntry(['AWS::EC2::NetworkAclEntry'], CLOUDFORMATION, 'NetworkAclId', 'Egress', CFN_ENTRY),
  ...associations,
];
