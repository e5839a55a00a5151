// IAM roles, users, groups and instance profiles -> IamRole (roleType
// 'role' / 'user' / 'group' / 'instance-profile'), with the inline policies
// written inside them as IamPolicy `<key>#<Policies|inline_policy>[name]`.
// Managed policies attach by ARN as written (AWS managed ones stay ARNs;
// customer policies in the scan become links in `policies`).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link, Links } from '../../entity.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { IamPolicy, IamRole } from '../../identity.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import { policyTextOf } from '../../policy-document.js';
import { dig, isUnresolved, knownString } from './attribute-path.js';
import type { NamedLookup } from './name-index.js';
import { appendLink } from './link-lists.js';
import { linkByName, registerName } from './name-index.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { tagsValue } from './tags.js';

export const POLICY_TYPES = ['aws_iam_policy', 'AWS::IAM::ManagedPolicy'];

/** `arn:aws:iam::111122223333:role/path/name` -> `name`. */
function iamNameOf(kind: string): (text: string) => string {
  return (text) => {
    const at = text.indexOf(`:${kind}/`);
    return at < 0 ? text : (text.slice(at + kind.length + 2).split('/').pop() ?? text);
  };
}

export const ROLE_LOOKUP: NamedLookup = { kind: 'iam-role', types: ['aws_iam_role', 'AWS::IAM::Role'], nameOf: iamNameOf('role') };
export const USER_LOOKUP: NamedLookup = { kind: 'iam-user', types: ['aws_iam_user', 'AWS::IAM::User'], nameOf: iamNameOf('user') };
export const GROUP_LOOKUP: NamedLookup = { kind: 'iam-group', types: ['aws_iam_group', 'AWS::IAM::Group'], nameOf: iamNameOf('group') };
const POLICY_LOOKUP: NamedLookup = { kind: 'iam-policy', types: POLICY_TYPES, nameOf: iamNameOf('policy') };

/** The principal entity (role, user or group) a value names, when it is in the model. */
export function principalOf(ctx: LiftContext, r: NativeResource, v: Value | undefined, attribute: string, q: NamedLookup): IamRole | undefined {
  const l = linkByName(ctx, r, v, attribute, q);
  return l.known ? ctx.model.getOf(l.value, 'iam-role') : undefined;
}

/**
 * `arn:${data.aws_partition.current.partition}:iam::aws:policy/X` is the AWS
 * managed policy X whatever the partition turns out to be (its document is
 * the same in every partition).
 */
function awsManagedInAnyPartition(v: Value): string | undefined {
  if (v.kind !== 'unknown' || !v.expr) return undefined;
  const m = /^"?arn:\$\{[^{}]+\}:iam::aws:policy\/([\w+=,.@/-]+)"?$/.exec(v.expr.trim());
  return m ? `arn:aws:iam::aws:policy/${m[1]}` : undefined;
}

/**
 * Attaches a managed policy named by `arn`: a customer policy of the scan
 * becomes a link both ways; any other ARN is kept as written; an unknown
 * ARN is an unknown link, so nothing is taken as "not attached" by mistake.
 */
export function attachManagedPolicy(ctx: LiftContext, r: NativeResource, principal: IamRole, arn: Value, attribute: string): void {
  const loc = arn.loc ?? r.loc;
  const text = knownString(arn) ?? awsManagedInAnyPartition(arn);
  const customer = text === undefined || !text.startsWith('arn:aws:iam::aws:') ? linkByName(ctx, r, arn, attribute, POLICY_LOOKUP) : undefined;
  if (customer?.known) {
    principal.policies = appendLink(principal.policies, customer);
    const p = ctx.model.getOf(customer.value, 'iam-policy');
    if (p) p.attachedTo = appendLink(p.attachedTo ?? fact([], p.loc), fact(principal.id, loc));
    return;
  }
  if (text !== undefined) {
    const arns = principal.managedPolicyArns;
    if (arns.known) principal.managedPolicyArns = fact([...arns.value, text], arns.defaulted ? loc : arns.loc);
    (principal.managedPolicyAt ??= {})[text] ??= loc;
    return;
  }
  principal.policies = appendLink(principal.policies, customer ?? unknownFact(causeOf(arn, r, attribute), loc));
}

/** An inline policy entity attached to one principal. */
export function inlinePolicy(
  ctx: LiftContext,
  r: NativeResource,
  id: string,
  document: Value | undefined,
  attribute: string,
  attachedTo: Link[],
  loc = r.loc,
): IamPolicy {
  const p: IamPolicy = {
    ...baseOf(r, ctx, undefined),
    id,
    loc,
    kind: 'iam-policy',
    policyType: 'inline',
    document: policyTextOf(document, r, attribute),
    attachedTo: fact(attachedTo, loc),
  };
  ctx.model.add(p);
  return p;
}

type RoleType = IamRole['roleType'];

function principal(r: NativeResource, ctx: LiftContext, roleType: RoleType): IamRole {
  return { ...baseOf(r, ctx, tagsValue(r)), kind: 'iam-role', roleType, managedPolicyArns: defaulted([], r.loc), policies: defaulted([], r.loc) };
}

/** Inline policies written inside the principal (Terraform `inline_policy` blocks, CloudFormation `Policies`). */
function embeddedPolicies(ctx: LiftContext, r: NativeResource, p: IamRole, list: Value | undefined, nameAttr: string, docAttr: string): void {
  if (list && isUnresolved(list)) {
    p.policies = appendLink(p.policies, unknownFact(causeOf(list, r, 'inline policies'), list.loc ?? r.loc));
    return;
  }
  itemsOf(list).forEach((item, i) => {
    const name = knownString(dig(item, nameAttr)) ?? String(i);
    const field = isTerraform(r.source) ? 'inline_policy' : 'Policies';
    const pol = inlinePolicy(ctx, r, `${r.key}#${field}[${name}]`, dig(item, docAttr), docAttr, [fact(p.id, item.loc ?? r.loc)], item.loc ?? r.loc);
    p.policies = appendLink(p.policies, fact(pol.id, item.loc ?? r.loc));
  });
}

/** Adds the ARNs a principal lists itself to what attachment resources may already have added. */
function managedArns(ctx: LiftContext, r: NativeResource, p: IamRole, v: Value | undefined, attribute: string): void {
  if (v === undefined) return;
  if (v.kind === 'unknown') {
    p.managedPolicyArns = unknownFact(causeOf(v, r, attribute), v.loc ?? r.loc);
    return;
  }
  for (const arn of itemsOf(v)) attachManagedPolicy(ctx, r, p, arn, attribute);
}

const TF_KIND: Record<string, RoleType> = { aws_iam_role: 'role', aws_iam_user: 'user', aws_iam_group: 'group' };
const CFN_KIND: Record<string, RoleType> = { 'AWS::IAM::Role': 'role', 'AWS::IAM::User': 'user', 'AWS::IAM::Group': 'group' };
const LOOKUP: Record<RoleType, NamedLookup | undefined> = { role: ROLE_LOOKUP, user: USER_LOOKUP, group: GROUP_LOOKUP, root: undefined, 'instance-profile': undefined };

const terraformPrincipals: LiftHandler = {
  types: Object.keys(TF_KIND),
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const p = principal(r, ctx, TF_KIND[r.type]);
    if (p.roleType === 'role') p.trustPolicy = policyTextOf(a.assume_role_policy, r, 'assume_role_policy');
    if (p.roleType === 'user') p.consoleAccess = defaulted(false, r.loc);
    registerName(ctx, LOOKUP[p.roleType]!.kind, a.name, r.key, r);
    ctx.model.add(p);
    embeddedPolicies(ctx, r, p, a.inline_policy, 'name', 'policy');
  },
};

/** Managed policy ARNs are joined after every customer policy is registered. */
const terraformRoleManagedArns: LiftHandler = {
  types: ['aws_iam_role'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const p = ctx.model.getOf(r.key, 'iam-role');
    if (p) managedArns(ctx, r, p, r.attrs.fields.managed_policy_arns, 'managed_policy_arns');
  },
};

const cloudFormationPrincipals: LiftHandler = {
  types: Object.keys(CFN_KIND),
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const p = principal(r, ctx, CFN_KIND[r.type]);
    if (p.roleType === 'role') p.trustPolicy = policyTextOf(a.AssumeRolePolicyDocument, r, 'AssumeRolePolicyDocument');
    if (p.roleType === 'user') p.consoleAccess = a.LoginProfile === undefined ? defaulted(false, r.loc) : fact(true, a.LoginProfile.loc ?? r.loc);
    const nameAttr = { role: 'RoleName', user: 'UserName', group: 'GroupName' }[p.roleType as 'role' | 'user' | 'group'];
    registerName(ctx, LOOKUP[p.roleType]!.kind, a[nameAttr], r.key, r);
    ctx.model.add(p);
    embeddedPolicies(ctx, r, p, a.Policies, 'PolicyName', 'PolicyDocument');
  },
};

const cloudFormationManagedArns: LiftHandler = {
  types: Object.keys(CFN_KIND),
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift(r, ctx) {
    const p = ctx.model.getOf(r.key, 'iam-role');
    if (!p) return;
    managedArns(ctx, r, p, r.attrs.fields.ManagedPolicyArns, 'ManagedPolicyArns');
    // A user's groups: their policies apply to the user too.
    if (p.roleType === 'user' && r.attrs.fields.Groups !== undefined) {
      p.groups = linksByName(ctx, r, r.attrs.fields.Groups, 'Groups', GROUP_LOOKUP);
    }
  },
};

export function linksByName(ctx: LiftContext, r: NativeResource, v: Value | undefined, attribute: string, q: NamedLookup): Links {
  if (v?.kind === 'unknown') return unknownFact(causeOf(v, r, attribute), v.loc ?? r.loc);
  return fact(itemsOf(v).map((i) => linkByName(ctx, r, i, attribute, q)), v?.loc ?? r.loc);
}

/** An instance profile holds a role (Terraform `role`, CloudFormation `Roles`) and has no policies of its own. */
const instanceProfiles: LiftHandler = {
  types: ['aws_iam_instance_profile', 'AWS::IAM::InstanceProfile'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const p = principal(r, ctx, 'instance-profile');
    registerName(ctx, 'instance-profile', r.attrs.fields[tf ? 'name' : 'InstanceProfileName'], r.key, r);
    ctx.model.add(p);
  },
};

const instanceProfileRoles: LiftHandler = {
  types: ['aws_iam_instance_profile', 'AWS::IAM::InstanceProfile'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const p = ctx.model.getOf(r.key, 'iam-role');
    if (!p) return;
    const tf = isTerraform(r.source);
    const v = r.attrs.fields[tf ? 'role' : 'Roles'];
    p.roles = v === undefined ? fact([], r.loc) : linksByName(ctx, r, v, tf ? 'role' : 'Roles', ROLE_LOOKUP);
  },
};

export const iamPrincipalHandlers: LiftHandler[] = [
  terraformPrincipals,
  terraformRoleManagedArns,
  cloudFormationPrincipals,
  cloudFormationManagedArns,
  instanceProfiles,
  instanceProfileRoles,
];

