// IAM users, roles, groups and customer managed policies from configuration
// items (the GetAccountAuthorizationDetails shapes: policy documents
// URL-encoded, `attachedManagedPolicies`, `rolePolicyList` …) -> their
// CloudFormation properties, lifted by the CloudFormation handlers.
// Live facts from the managed Config rules (AWS::Config::ConfigRule items):
//   ROOT_ACCOUNT_MFA_ENABLED -> the root user (IamRole roleType 'root') with
//       mfaEnabled from the rule's evaluation of the account.
//   MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS / IAM_USER_MFA_ENABLED -> each user's
//       mfaEnabled; the console rule's NON_COMPLIANT also says the user signs
//       in to the console (the rule leaves users without a password NOT_APPLICABLE).
// Configuration items do not say whether a user has a console password: it
// stays unknown (iam:GetLoginProfile) unless a rule result tells.
import type { NativeResource } from '../../../readers/native.js';
import { field, toPlain } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import type { IamRole } from '../../identity.js';
import { causeOf } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { CONFIG } from './network.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation } from './via-definitions.js';
import type { Doc } from './item-shape.js';
import { defined, doc, list } from './item-shape.js';

/** IAM returns policy documents URL-encoded; Config keeps them so. */
function policyDocument(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  let text = v;
  try {
    text = decodeURIComponent(v);
  } catch {
    // Not URL-encoded: keep the text as it came.
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function inline(v: unknown): Doc[] {
  return list(v).map((p) => ({ PolicyName: p.policyName, PolicyDocument: policyDocument(p.policyDocument) }));
}

function managedArns(item: ConfigItem): string[] {
  return list(item.attachedManagedPolicies).flatMap((p) => (typeof p.policyArn === 'string' ? [p.policyArn] : []));
}

export function userProperties(item: ConfigItem): Translated {
  return {
    properties: defined({
      UserName: item.userName,
      Path: item.path,
      Groups: Array.isArray(item.groupList) ? item.groupList : [],
      ManagedPolicyArns: managedArns(item),
      Policies: inline(item.userPolicyList),
      Tags: item.tags,
    }),
  };
}

export function roleProperties(item: ConfigItem): Translated {
  return {
    properties: defined({
      RoleName: item.roleName,
      Path: item.path,
      AssumeRolePolicyDocument: policyDocument(item.assumeRolePolicyDocument),
      ManagedPolicyArns: managedArns(item),
      Policies: inline(item.rolePolicyList),
      Tags: item.tags,
    }),
  };
}

export function groupProperties(item: ConfigItem): Translated {
  return { properties: defined({ GroupName: item.groupName, Path: item.path, ManagedPolicyArns: managedArns(item), Policies: inline(item.groupPolicyList) }) };
}

export function managedPolicyProperties(item: ConfigItem): Translated {
  const versions = list(item.policyVersionList);
  const current = versions.find((v) => v.isDefaultVersion === true) ?? versions.find((v) => v.versionId === item.defaultVersionId);
  return { type: 'AWS::IAM::ManagedPolicy', properties: defined({ ManagedPolicyName: item.policyName, Path: item.path, PolicyDocument: policyDocument(current?.document) }) };
}

/** Config records instance profiles in the CloudFormation schema's shape; older items use the IAM API's. */
export function instanceProfileProperties(item: ConfigItem): Translated {
  const roles = (Array.isArray(item.Roles) ? item.Roles : Array.isArray(item.roles) ? item.roles : []).flatMap((r) =>
    typeof r === 'string' ? [r] : typeof doc(r)?.roleName === 'string' ? [doc(r)!.roleName] : [],
  );
  return { properties: defined({ InstanceProfileName: item.InstanceProfileName ?? item.instanceProfileName, Path: item.Path ?? item.path, Roles: roles }) };
}

function accountOf(scope: string): string {
  return /^aws:([^/]+)\//.exec(scope)?.[1] ?? '';
}

interface Evaluation {
  resourceType: string;
  resourceId: string;
  complianceType: string;
}

function evaluationsOf(r: NativeResource): Fact<Evaluation[]> {
  const v = field(r.attrs, 'evaluations');
  if (!v || v.kind === 'unknown') return unknownFact(v ? causeOf(v, r, 'evaluations') : { inputs: [r.address], detail: 'no evaluations' }, r.loc);
  return fact((toPlain(v) as Evaluation[]).filter((e) => e && typeof e.resourceId === 'string'), r.loc);
}

function sourceOf(r: NativeResource): string {
  const s = field(field(r.attrs, 'source'), 'sourceIdentifier');
  return s?.kind === 'known' ? String(s.value) : '';
}

function ruleLabel(r: NativeResource): string {
  const n = field(r.attrs, 'configRuleName');
  return n?.kind === 'known' ? String(n.value) : r.address;
}

function rootUser(r: NativeResource, ctx: LiftContext, evals: Fact<Evaluation[]>): void {
  const account = accountOf(r.scope);
  const id = `aws:${account}#root`;
  if (ctx.model.get(id)) return;
  let mfa: Fact<boolean>;
  if (!evals.known) mfa = evals;
  else {
    const e = evals.value.find((x) => x.resourceType === 'AWS::::Account');
    mfa = e
      ? fact(e.complianceType === 'COMPLIANT', r.loc)
      : unknownFact({ inputs: [`AWS Config rule ${ruleLabel(r)}`], detail: `the rule ${ruleLabel(r)} has not evaluated account ${account}` }, r.loc);
  }
  const root: IamRole = {
    ...baseOf(r, ctx, undefined),
    id,
    address: `arn:aws:iam::${account}:root`,
    nativeType: 'AWS::IAM::Root',
    kind: 'iam-role',
    roleType: 'root',
    managedPolicyArns: fact([], r.loc),
    policies: fact([], r.loc),
    mfaEnabled: mfa,
  };
  ctx.model.add(root);
}

function liveUsers(ctx: LiftContext, account: string): IamRole[] {
  return ctx.model.all('iam-role').filter((u) => u.roleType === 'user' && u.source === 'aws-config' && accountOf(u.scope) === account);
}

/** Users first get "console access not known"; rule results then settle what they can. */
function userMfa(r: NativeResource, ctx: LiftContext, evals: Fact<Evaluation[]>, console: boolean): void {
  for (const u of liveUsers(ctx, accountOf(r.scope))) {
    const userId = u.native?.ids?.[0];
    if (!evals.known) {
      if (!u.mfaEnabled?.known) u.mfaEnabled = evals;
      continue;
    }
    const e = evals.value.find((x) => x.resourceType === 'AWS::IAM::User' && x.resourceId === userId);
    if (!e) continue;
    const compliant = e.complianceType === 'COMPLIANT';
    if (console) u.consoleAccess = fact(true, r.loc);
    if (!u.mfaEnabled?.known || !compliant) u.mfaEnabled = fact(compliant, r.loc);
  }
}

const users: LiftHandler = {
  types: ['AWS::IAM::User'],
  sources: CONFIG,
  pass: 'amend',
  lift(r, ctx) {
    const u = ctx.model.getOf(r.key, 'iam-role');
    // Only the CloudFormation handler's "no LoginProfile written" default is replaced, whatever order the rule results came in.
    if (u?.consoleAccess?.known && u.consoleAccess.defaulted) u.consoleAccess = unknownFact({ inputs: ['iam:GetLoginProfile', 'AWS Config rule mfa-enabled-for-iam-console-access'], detail: `the AWS Config item of ${r.address} does not say whether the user has a console password` }, r.loc);
  },
};

const rules: LiftHandler = {
  types: ['AWS::Config::ConfigRule'],
  sources: CONFIG,
  pass: 'amend',
  lift(r, ctx) {
    const source = sourceOf(r);
    const evals = evaluationsOf(r);
    if (source === 'ROOT_ACCOUNT_MFA_ENABLED') rootUser(r, ctx, evals);
    else if (source === 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS') userMfa(r, ctx, evals, true);
    else if (source === 'IAM_USER_MFA_ENABLED') userMfa(r, ctx, evals, false);
  },
};

export const configIamHandlers: LiftHandler[] = [
  ...viaCloudFormation('AWS::IAM::User', userProperties),
  ...viaCloudFormation('AWS::IAM::Role', roleProperties),
  ...viaCloudFormation('AWS::IAM::Group', groupProperties),
  ...viaCloudFormation('AWS::IAM::Policy', managedPolicyProperties),
  ...viaCloudFormation('AWS::IAM::InstanceProfile', instanceProfileProperties),
  users,
  rules,
];
