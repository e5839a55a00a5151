// Security groups and their standalone rules. The sources differ on egress:
// Terraform removes the allow-all egress rule AWS adds to a new group, while
// CloudFormation keeps it unless the template lists egress rules itself.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { SecurityGroup, SecurityRule } from '../../security.js';
import { allEgressRule, securityGroupById } from './platform-objects.js';
import { linkTo, modelIdOf } from './references.js';
import type { RuleShape } from './security-rules.js';
import { CFN_EGRESS, CFN_INGRESS, TF_INLINE_RULE, TF_RULE, TF_VPC_RULE, inlineRules, ruleOf } from './security-rules.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { ownCondition } from './own-condition.js';
import { forAnyInPlan, forPossibleTargets, possiblyMore } from './uncertain-targets.js';
import { isWritten } from './written.js';

/** A group without a VPC is created in the region's default VPC. */
function networkOf(r: NativeResource, ctx: LiftContext, attribute: string): Link {
  const v = field(r.attrs, attribute);
  if (isWritten(v)) return linkTo(v, r, ctx, attribute);
  return unknownFact(
    { inputs: [attribute], detail: `${r.address} sets no ${attribute}: it is created in the default VPC` },
    r.loc,
  );
}

function firstUnknown(...facts: (Fact<boolean> | undefined)[]): Fact<boolean> | undefined {
  return facts.find((f) => f && !f.known);
}

const terraformSecurityGroup: LiftHandler = {
  types: ['aws_security_group', 'aws_default_security_group'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const adopted = r.type === 'aws_default_security_group';
    const candidate = modelIdOf(r, undefined, ctx);
    // A second adoption of the same group (a mistaken count) keeps its own key rather than colliding.
    const id = ctx.model.get(candidate) ? r.key : candidate;
    const ingress = inlineRules(field(r.attrs, 'ingress'), TF_INLINE_RULE, 'ingress', r, ctx, id, 'ingress');
    // No egress block: Terraform deletes the default allow-all egress rule, so the group has none.
    const egress = inlineRules(field(r.attrs, 'egress'), TF_INLINE_RULE, 'egress', r, ctx, id, 'egress');
    const group: SecurityGroup = {
      ...baseOf(r, ctx, tagsOf(r)),
      id,
      kind: 'security-group',
      flavor: 'aws-security-group',
      network: networkOf(r, ctx, 'vpc_id'),
      rules: [...ingress.rules, ...egress.rules],
      rulesComplete: firstUnknown(ingress.complete, egress.complete) ?? defaulted(true, r.loc),
    };
    if (adopted) group.isDefault = true;
    ctx.model.add(group);
  },
};

/** An empty `SecurityGroupEgress` list adds no rule either, so AWS keeps its default. */
function hasRules(v: Value | undefined): boolean {
  if (!isWritten(v)) return false;
  return !(v.kind === 'list' && v.items.length === 0);
}

const cloudFormationSecurityGroup: LiftHandler = {
  types: ['AWS::EC2::SecurityGroup'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    const ingress = inlineRules(field(r.attrs, 'SecurityGroupIngress'), CFN_INGRESS, 'ingress', r, ctx, r.key, 'SecurityGroupIngress');
    const egressValue = field(r.attrs, 'SecurityGroupEgress');
    const egress: { rules: SecurityRule[]; complete?: Fact<boolean> } = hasRules(egressValue)
      ? inlineRules(egressValue, CFN_EGRESS, 'egress', r, ctx, r.key, 'SecurityGroupEgress')
      : { rules: [allEgressRule(r.loc, r.address)] };
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'security-group',
      flavor: 'aws-security-group',
      network: networkOf(r, ctx, 'VpcId'),
      rules: [...ingress.rules, ...egress.rules],
      rulesComplete: firstUnknown(ingress.complete, egress.complete) ?? defaulted(true, r.loc),
    });
  },
};

/** `ingress` / `egress` from a standalone rule's `type`. */
function directionOf(r: NativeResource): Fact<'ingress' | 'egress'> {
  const f = stringFact(field(r.attrs, 'type'), r, { name: 'type' });
  if (!f.known) return f;
  if (f.value === 'ingress' || f.value === 'egress') return { ...f, value: f.value };
  return unknownFact({ inputs: [], detail: `type = ${JSON.stringify(f.value)} is not a valid value` }, f.loc);
}

function addStandaloneRule(
  r: NativeResource,
  ctx: LiftContext,
  groupAttr: string,
  shape: RuleShape,
  direction: Fact<'ingress' | 'egress'>,
): void {
  const groupRef = field(r.attrs, groupAttr);
  const id = linkTo(groupRef, r, ctx, groupAttr);
  const group = id.known ? securityGroupById(id.value, ctx) : undefined;
  if (!group) {
    const mark = (g: SecurityGroup) => (g.rulesComplete = possiblyMore(groupRef!, r, 'a rule'));
    forPossibleTargets(groupRef, r, ctx, 'security-group', mark);
    forAnyInPlan(groupRef, r, ctx, 'security-group', mark);
    return;
  }
  if (!direction.known) {
    // A rule whose direction is unknown could be either: the group's rules are not fully known.
    group.rulesComplete = direction;
    return;
  }
  const rule = ruleOf(r.attrs, shape, direction.value, r, ctx, group.id);
  const condition = ownCondition(r, group);
  if (condition) rule.conditional = condition;
  group.rules.push(rule);
}

const terraformRule: LiftHandler = {
  types: ['aws_security_group_rule'],
  sources: TERRAFORM,
  pass: 'amend',
  lift: (r, ctx) => addStandaloneRule(r, ctx, 'security_group_id', TF_RULE, directionOf(r)),
};

const terraformVpcRules: LiftHandler = {
  types: ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
  sources: TERRAFORM,
  pass: 'amend',
  lift: (r, ctx) =>
    addStandaloneRule(
      r,
      ctx,
      'security_group_id',
      TF_VPC_RULE,
      fact(r.type.endsWith('ingress_rule') ? 'ingress' : 'egress', r.loc),
    ),
};

const cloudFormationIngress: LiftHandler = {
  types: ['AWS::EC2::SecurityGroupIngress'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift: (r, ctx) =>
    addStandaloneRule(r, ctx, isWritten(field(r.attrs, 'GroupId')) ? 'GroupId' : 'GroupName', CFN_INGRESS, fact('ingress', r.loc)),
};

const cloudFormationEgress: LiftHandler = {
  types: ['AWS::EC2::SecurityGroupEgress'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift: (r, ctx) => addStandaloneRule(r, ctx, 'GroupId', CFN_EGRESS, fact('egress', r.loc)),
};

export const securityGroupHandlers: LiftHandler[] = [
  terraformSecurityGroup,
  cloudFormationSecurityGroup,
  terraformRule,
  terraformVpcRules,
  cloudFormationIngress,
  cloudFormationEgress,
];
