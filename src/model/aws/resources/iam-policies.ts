// Standalone IAM policies and the resources that attach policies, users and
// groups to each other: customer managed policies (IamPolicy 'managed'),
// inline policy resources (IamPolicy 'inline'), policy attachments, group
// memberships and login profiles. Attachments run in the amend pass, once
// every principal and policy is registered by name.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { fact } from '../../fact.js';
import type { Link } from '../../entity.js';
import type { IamPolicy, IamRole } from '../../identity.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { itemsOf } from '../../lift-values.js';
import { policyTextOf } from '../../policy-document.js';
import type { NamedLookup } from './name-index.js';
import { linkByName, registerName } from './name-index.js';
import {
  GROUP_LOOKUP,
  ROLE_LOOKUP,
  USER_LOOKUP,
  attachManagedPolicy,
  inlinePolicy,
  linksByName,
  principalOf,
} from './iam-principals.js';
import { appendLink, concatLinks } from './link-lists.js';
import { mayNotExist, ownCondition } from '../network/own-condition.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { tagsValue } from './tags.js';

const managedPolicies: LiftHandler = {
  types: ['aws_iam_policy', 'AWS::IAM::ManagedPolicy'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const p: IamPolicy = {
      ...baseOf(r, ctx, tagsValue(r)),
      kind: 'iam-policy',
      policyType: 'managed',
      document: policyTextOf(r.attrs.fields[tf ? 'policy' : 'PolicyDocument'], r, tf ? 'policy' : 'PolicyDocument'),
      attachedTo: fact([], r.loc),
    };
    registerName(ctx, 'iam-policy', r.attrs.fields[tf ? 'name' : 'ManagedPolicyName'], r.key, r);
    ctx.model.add(p);
  },
};

/** Every principal a list of names or references denotes, skipping those outside the scan. */
function principals(ctx: LiftContext, r: NativeResource, v: Value | undefined, attribute: string, q: NamedLookup): IamRole[] {
  const out: IamRole[] = [];
  // An unknown list names principals the scan cannot tell; a single reference is one principal.
  for (const item of v?.kind === 'unknown' ? [] : itemsOf(v)) {
    const p = principalOf(ctx, r, item, attribute, q);
    if (p) out.push(p);
  }
  return out;
}

/** Roles, users and groups named by an attachment-like resource. */
function targets(ctx: LiftContext, r: NativeResource, names: { roles?: string; users?: string; groups?: string }): IamRole[] {
  const a = r.attrs.fields;
  return [
    ...(names.roles ? principals(ctx, r, a[names.roles], names.roles, ROLE_LOOKUP) : []),
    ...(names.users ? principals(ctx, r, a[names.users], names.users, USER_LOOKUP) : []),
    ...(names.groups ? principals(ctx, r, a[names.groups], names.groups, GROUP_LOOKUP) : []),
  ];
}

/**
 * What an attachment or membership that exists only under a condition its
 * principal does not share gives the principal: a policy or group that may
 * or may not be there, unknown on that condition (a conditional grant is
 * neither held nor absent for sure).
 */
function ifAttached(r: NativeResource, principal: IamRole, link: Link): Link {
  const condition = ownCondition(r, principal);
  return condition ? mayNotExist(r, condition, link.loc ?? r.loc) : link;
}

function ifMember(r: NativeResource, user: IamRole, groups: IamRole['policies']): IamRole['policies'] {
  if (!groups.known) return groups;
  return { ...groups, value: groups.value.map((g) => ifAttached(r, user, g)) };
}

/** Inline policy resources: one policy attached to the principals it names. */
function inlinePolicyResource(types: string[], names: { roles?: string; users?: string; groups?: string }, docAttr: string): LiftHandler {
  return {
    types,
    sources: types[0].startsWith('AWS::') ? CLOUDFORMATION : TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const attached = targets(ctx, r, names);
      const pol = inlinePolicy(ctx, r, r.key, r.attrs.fields[docAttr], docAttr, attached.map((p) => fact(p.id, r.loc)));
      for (const p of attached) p.policies = appendLink(p.policies, ifAttached(r, p, fact(pol.id, r.loc)));
    },
  };
}

/** Managed policy attachments: `policy_arn` to the principals named. */
function attachment(types: string[], names: { roles?: string; users?: string; groups?: string }): LiftHandler {
  return {
    types,
    sources: TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const arn = r.attrs.fields.policy_arn;
      if (!arn) return;
      for (const p of targets(ctx, r, names)) {
        const condition = ownCondition(r, p);
        if (condition) p.policies = appendLink(p.policies, mayNotExist(r, condition, arn.loc ?? r.loc));
        else attachManagedPolicy(ctx, r, p, arn, 'policy_arn');
      }
    },
  };
}

/** AWS::IAM::ManagedPolicy attaches itself to the Roles/Users/Groups it lists. */
const cloudFormationManagedAttachments: LiftHandler = {
  types: ['AWS::IAM::ManagedPolicy'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift(r, ctx) {
    const self = ctx.model.getOf(r.key, 'iam-policy');
    if (!self) return;
    for (const p of targets(ctx, r, { roles: 'Roles', users: 'Users', groups: 'Groups' })) {
      p.policies = appendLink(p.policies, ifAttached(r, p, fact(self.id, r.loc)));
      self.attachedTo = appendLink(self.attachedTo ?? fact([], r.loc), fact(p.id, r.loc));
    }
  },
};

function addGroups(user: IamRole, groups: IamRole['policies']): void {
  user.groups = concatLinks(user.groups, groups);
}

const memberships: LiftHandler = {
  types: ['aws_iam_user_group_membership', 'aws_iam_group_membership', 'AWS::IAM::UserToGroupAddition'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const a = r.attrs.fields;
    if (r.type === 'aws_iam_user_group_membership') {
      const user = principalOf(ctx, r, a.user, 'user', USER_LOOKUP);
      if (user) addGroups(user, ifMember(r, user, linksByName(ctx, r, a.groups, 'groups', GROUP_LOOKUP)));
      return;
    }
    const tf = r.type === 'aws_iam_group_membership';
    const group = linkByName(ctx, r, a[tf ? 'group' : 'GroupName'], 'group', GROUP_LOOKUP);
    for (const user of principals(ctx, r, a[tf ? 'users' : 'Users'], 'users', USER_LOOKUP)) addGroups(user, ifMember(r, user, fact([group], r.loc)));
  },
};

const loginProfiles: LiftHandler = {
  types: ['aws_iam_user_login_profile'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const user = principalOf(ctx, r, r.attrs.fields.user, 'user', USER_LOOKUP);
    if (!user) return;
    const condition = ownCondition(r, user);
    user.consoleAccess = condition ? mayNotExist(r, condition, r.loc) : fact(true, r.loc);
  },
};

export const iamPolicyHandlers: LiftHandler[] = [
  managedPolicies,
  inlinePolicyResource(['aws_iam_role_policy'], { roles: 'role' }, 'policy'),
  inlinePolicyResource(['aws_iam_user_policy'], { users: 'user' }, 'policy'),
  inlinePolicyResource(['aws_iam_group_policy'], { groups: 'group' }, 'policy'),
  inlinePolicyResource(['AWS::IAM::Policy'], { roles: 'Roles', users: 'Users', groups: 'Groups' }, 'PolicyDocument'),
  inlinePolicyResource(['AWS::IAM::RolePolicy'], { roles: 'RoleName' }, 'PolicyDocument'),
  inlinePolicyResource(['AWS::IAM::UserPolicy'], { users: 'UserName' }, 'PolicyDocument'),
  inlinePolicyResource(['AWS::IAM::GroupPolicy'], { groups: 'GroupName' }, 'PolicyDocument'),
  attachment(['aws_iam_role_policy_attachment'], { roles: 'role' }),
  attachment(['aws_iam_user_policy_attachment'], { users: 'user' }),
  attachment(['aws_iam_group_policy_attachment'], { groups: 'group' }),
  attachment(['aws_iam_policy_attachment'], { roles: 'roles', users: 'users', groups: 'groups' }),
  cloudFormationManagedAttachments,
  memberships,
  loginProfiles,
];
