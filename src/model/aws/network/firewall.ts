// AWS Network Firewall: the firewall, with the domain lists and default
// actions of its policy and stateful rule groups folded in. Policies and
// rule groups are not entities of their own: they are read through the
// firewall that uses them.
import type { NativeResource } from '../../../readers/native.js';
import type { UnknownCause, Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf, stringFact, stringListFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { DomainRule, Firewall } from '../../network.js';
import { linkTo, linksTo, referencedNative } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';

/** Attribute names of one source, from the firewall down to a rule group's rules. */
interface Names {
  vpc: string;
  subnetMapping: string;
  subnetId: string;
  policyArn: string;
  policy: string;
  statelessDefault: string;
  statefulDefault: string;
  groupRefs: string;
  groupArn: string;
  ruleGroup: string;
  rulesSource: string;
  sourceList: string;
  generatedType: string;
  targetTypes: string;
  targets: string;
  rulesString: string;
  statefulRules: string;
  action: string;
}

const TF: Names = {
  vpc: 'vpc_id',
  subnetMapping: 'subnet_mapping',
  subnetId: 'subnet_id',
  policyArn: 'firewall_policy_arn',
  policy: 'firewall_policy',
  statelessDefault: 'stateless_default_actions',
  statefulDefault: 'stateful_default_actions',
  groupRefs: 'stateful_rule_group_reference',
  groupArn: 'resource_arn',
  ruleGroup: 'rule_group',
  rulesSource: 'rules_source',
  sourceList: 'rules_source_list',
  generatedType: 'generated_rules_type',
  targetTypes: 'target_types',
  targets: 'targets',
  rulesString: 'rules_string',
  statefulRules: 'stateful_rule',
  action: 'action',
};

const CFN: Names = {
  vpc: 'VpcId',
  subnetMapping: 'SubnetMappings',
  subnetId: 'SubnetId',
  policyArn: 'FirewallPolicyArn',
  policy: 'FirewallPolicy',
  statelessDefault: 'StatelessDefaultActions',
  statefulDefault: 'StatefulDefaultActions',
  groupRefs: 'StatefulRuleGroupReferences',
  groupArn: 'ResourceArn',
  ruleGroup: 'RuleGroup',
  rulesSource: 'RulesSource',
  sourceList: 'RulesSourceList',
  generatedType: 'GeneratedRulesType',
  targetTypes: 'TargetTypes',
  targets: 'Targets',
  rulesString: 'RulesString',
  statefulRules: 'StatefulRules',
  action: 'Action',
};

function namesOf(r: NativeResource): Names {
  return r.source === 'cloudformation' ? CFN : TF;
}

const POLICY_TYPES = new Set(['aws_networkfirewall_firewall_policy', 'AWS::NetworkFirewall::FirewallPolicy']);
const RULE_GROUP_TYPES = new Set(['aws_networkfirewall_rule_group', 'AWS::NetworkFirewall::RuleGroup']);

/** A Suricata rule that passes traffic: `pass tls $HOME_NET any -> …`. */
const SURICATA_PASS = /^\s*pass\s/im;

/** A nested block: Terraform writes it as a one-item list, CloudFormation as an object. */
function block(v: Value | undefined, name: string): Value | undefined {
  return itemsOf(field(v, name))[0];
}

type Rules = { rules: DomainRule[] } | { unknown: UnknownCause };

/** The domain rules of one stateful rule group; pass rules of other kinds make them unknown. */
function groupRules(group: NativeResource): Rules {
  const n = namesOf(group);
  const source = block(block(group.attrs, n.ruleGroup), n.rulesSource);
  const rules: DomainRule[] = [];
  // Terraform also takes Suricata rules in the top-level `rules` string.
  const suricata = field(source, n.rulesString) ?? (group.source === 'cloudformation' ? undefined : field(group.attrs, 'rules'));
  if (suricata) {
    if (suricata.kind !== 'known') return { unknown: causeOf(suricata, group, n.rulesString) };
    if (typeof suricata.value === 'string' && SURICATA_PASS.test(suricata.value)) {
      return { unknown: { inputs: [group.address], detail: `${group.address} passes traffic by Suricata rules, which kikan does not read as domain lists` } };
    }
  }
  for (const rule of itemsOf(field(source, n.statefulRules))) {
    const action = stringFact(field(rule, n.action), group, { name: n.action });
    if (!action.known) return { unknown: action.cause };
    if (action.value.toUpperCase() === 'PASS') {
      return { unknown: { inputs: [group.address], detail: `${group.address} passes traffic by 5-tuple rules, which kikan does not read as domain lists` } };
    }
  }
  for (const list of itemsOf(field(source, n.sourceList))) {
    const type = stringFact(field(list, n.generatedType), group, { name: n.generatedType });
    if (!type.known) return { unknown: type.cause };
    const kind = type.value.toUpperCase();
    // ALERTLIST only logs; REJECTLIST drops like a DENYLIST.
    if (kind === 'ALERTLIST') continue;
    const targets = stringListFact(field(list, n.targets), group, { name: n.targets });
    if (!targets.known) return { unknown: targets.cause };
    const targetTypes = stringListFact(field(list, n.targetTypes), group, { name: n.targetTypes });
    if (!targetTypes.known) return { unknown: targetTypes.cause };
    rules.push({
      action: kind === 'ALLOWLIST' ? 'allow' : 'deny',
      domains: targets.value,
      syntax: 'aws-network-firewall',
      targetTypes: targetTypes.value,
      loc: list.loc ?? group.loc,
      definedBy: group.address,
    });
  }
  return { rules };
}

/** AWS-managed rule groups hold threat signatures and deny lists: they only drop or alert. */
function isAwsManaged(v: Value): boolean {
  return v.kind === 'known' && typeof v.value === 'string' && v.value.includes(':aws-managed:');
}

function policyRules(policy: NativeResource, ctx: LiftContext): Fact<DomainRule[]> {
  const n = namesOf(policy);
  const body = block(policy.attrs, n.policy);
  const refs = field(body, n.groupRefs);
  if (refs && (refs.kind === 'unknown' || refs.kind === 'ref')) return unknownFact(causeOf(refs, policy, n.groupRefs), refs.loc ?? policy.loc);
  const rules: DomainRule[] = [];
  for (const ref of itemsOf(refs)) {
    const arn = field(ref, n.groupArn);
    if (!arn || isAwsManaged(arn)) continue;
    const group = referencedNative(arn, ctx, policy);
    if (!group || !RULE_GROUP_TYPES.has(group.type)) {
      const link = linkTo(arn, policy, ctx, n.groupArn);
      return unknownFact(
        link.known ? { inputs: [link.value], detail: `${link.value} is not a scanned rule group` } : link.cause,
        arn.loc ?? policy.loc,
      );
    }
    const got = groupRules(group);
    if ('unknown' in got) return unknownFact(got.unknown, arn.loc ?? policy.loc);
    rules.push(...got.rules);
  }
  return fact(rules, body?.loc ?? policy.loc);
}

const DENY = /drop|reject/i;

/**
 * Traffic that matches no rule: the stateless default sends it to the
 * stateful engine (`aws:forward_to_sfe`), passes it or drops it; the stateful
 * default (strict rule order only) drops it or lets it pass.
 */
function defaultDenyOf(policy: NativeResource): Fact<boolean> {
  const n = namesOf(policy);
  const body = block(policy.attrs, n.policy);
  const stateless = stringListFact(field(body, n.statelessDefault), policy, { name: n.statelessDefault });
  if (!stateless.known) return stateless;
  if (stateless.value.includes('aws:drop')) return fact(true, stateless.loc);
  if (!stateless.value.includes('aws:forward_to_sfe')) return fact(false, stateless.loc);
  const stateful = stringListFact(field(body, n.statefulDefault), policy, { name: n.statefulDefault, default: [] });
  if (!stateful.known) return stateful;
  // No stateful default action: the default rule order, where unmatched traffic passes.
  return { ...stateful, value: stateful.value.some((a) => DENY.test(a)) };
}

function firewallHandler(types: string[], sources: LiftHandler['sources'], n: Names): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const policyRef = field(r.attrs, n.policyArn);
      const policy = referencedNative(policyRef, ctx, r);
      const mappings = field(r.attrs, n.subnetMapping);
      const subnets =
        mappings && (mappings.kind === 'unknown' || mappings.kind === 'ref')
          ? linksTo(mappings, r, ctx, n.subnetMapping)
          : fact(itemsOf(mappings).map((m) => linkTo(field(m, n.subnetId), r, ctx, n.subnetId)), mappings?.loc ?? r.loc);
      const firewall: Firewall = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'firewall',
        firewallType: 'aws-network-firewall',
        network: linkTo(field(r.attrs, n.vpc), r, ctx, n.vpc),
        subnets,
        domainRules: policy && POLICY_TYPES.has(policy.type) ? policyRules(policy, ctx) : missingPolicy(policyRef, r, ctx, n),
        defaultDeny: policy && POLICY_TYPES.has(policy.type) ? defaultDenyOf(policy) : missingPolicy(policyRef, r, ctx, n),
      };
      ctx.model.add(firewall);
    },
  };
}

function missingPolicy(v: Value | undefined, r: NativeResource, ctx: LiftContext, n: Names): Fact<never> {
  const link = linkTo(v, r, ctx, n.policyArn);
  const cause = link.known ? { inputs: [link.value], detail: `the firewall policy of ${r.address} is not scanned` } : link.cause;
  return unknownFact(cause, v?.loc ?? r.loc);
}

/** Policies and rule groups are read through the firewalls that use them. */
const foldedIntoFirewalls: LiftHandler = {
  types: [...POLICY_TYPES, ...RULE_GROUP_TYPES],
  pass: 'entity',
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  lift() {},
};

export const firewallHandlers: LiftHandler[] = [
  firewallHandler(['aws_networkfirewall_firewall'], TERRAFORM, TF),
  firewallHandler(['AWS::NetworkFirewall::Firewall'], CLOUDFORMATION, CFN),
  foldedIntoFirewalls,
];
