import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../../../src/model/policy-document.js';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift, liftAll } from './harness.js';

const trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const admin = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const SSM = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';

describe('IAM from Terraform', () => {
  it('a role with trust policy, inline policy block, managed ARNs and attachments of every kind', () => {
    const role = tf('aws_iam_role', 'app', {
      name: 'app',
      assume_role_policy: trust,
      managed_policy_arns: [SSM, tfRef('aws_iam_policy.custom', 'arn')],
      inline_policy: [{ name: 'logs', policy: admin }],
    });
    const custom = tf('aws_iam_policy', 'custom', { name: 'custom', policy: admin });
    const other = tf('aws_iam_policy', 'other', { name: 'other', policy: '{"Statement":[]}' });
    const rp = tf('aws_iam_role_policy', 'extra', { role: tfRef('aws_iam_role.app', 'id'), policy: admin });
    const att1 = tf('aws_iam_role_policy_attachment', 'ro', { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    const att2 = tf('aws_iam_role_policy_attachment', 'other', { role: tfRef('aws_iam_role.app', 'name'), policy_arn: tfRef('aws_iam_policy.other', 'arn') });
    const att3 = tf('aws_iam_role_policy_attachment', 'unknown', { role: 'app', policy_arn: unk('var.extra_policy_arn') });
    const { model } = lift([att1, att2, att3, rp, role, custom, other]);
    const r = get(model, role.key, 'iam-role');
    expect(r.roleType).toBe('role');
    expect(r.trustPolicy).toMatchObject({ value: trust });
    expect(r.managedPolicyArns.known && [...r.managedPolicyArns.value].sort()).toEqual([SSM, 'arn:aws:iam::aws:policy/ReadOnlyAccess'].sort());
    expect(r.managedPolicyArns).not.toHaveProperty('defaulted');
    const ids = r.policies.known ? r.policies.value.map((l) => (l.known ? l.value : `?${l.cause.inputs.join()}`)) : [];
    expect(ids.sort()).toEqual(
      [`${role.key}#inline_policy[logs]`, custom.key, other.key, rp.key, '?var.extra_policy_arn'].sort(),
    );
    const inline = get(model, `${role.key}#inline_policy[logs]`, 'iam-policy');
    expect(inline.policyType).toBe('inline');
    expect(inline.attachedTo).toMatchObject({ value: [{ value: role.key }] });
    expect(get(model, custom.key, 'iam-policy').attachedTo).toMatchObject({ value: [{ value: role.key }] });
    expect(get(model, rp.key, 'iam-policy').policyType).toBe('inline');
  });

  it('users, groups, memberships, login profiles and aws_iam_policy_attachment', () => {
    const u = tf('aws_iam_user', 'ops', { name: 'ops' });
    const g = tf('aws_iam_group', 'admins', { name: 'admins' });
    const m = tf('aws_iam_user_group_membership', 'ops', { user: tfRef('aws_iam_user.ops', 'name'), groups: [tfRef('aws_iam_group.admins', 'name')] });
    const lp = tf('aws_iam_user_login_profile', 'ops', { user: 'ops' });
    const pa = tf('aws_iam_policy_attachment', 'admin', { name: 'admin', groups: ['admins'], users: ['ops'], policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    const gp = tf('aws_iam_group_policy', 'g', { group: 'admins', policy: admin });
    const { model } = lift([pa, m, lp, gp, u, g]);
    const user = get(model, u.key, 'iam-role');
    expect(user.roleType).toBe('user');
    expect(user.consoleAccess).toMatchObject({ value: true, loc: lp.loc });
    expect(user.groups).toMatchObject({ value: [{ value: g.key }] });
    expect(user.managedPolicyArns).toMatchObject({ value: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
    const group = get(model, g.key, 'iam-role');
    expect(group.managedPolicyArns).toMatchObject({ value: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
    expect(group.policies).toMatchObject({ value: [{ value: gp.key }] });
  });

  it('a user without a login profile has no console access; unknown managed ARNs stay unknown', () => {
    const u = tf('aws_iam_user', 'ci', { name: 'ci' });
    const r = tf('aws_iam_role', 'x', { assume_role_policy: trust, managed_policy_arns: unk('var.policies') });
    const { model } = lift([u, r]);
    expect(get(model, u.key, 'iam-role').consoleAccess).toMatchObject({ value: false, defaulted: true });
    const arns = get(model, r.key, 'iam-role').managedPolicyArns;
    expect(arns.known === false && arns.cause.inputs).toEqual(['var.policies']);
  });

  it('instance profiles hold their role; the network lifter judges SSM management through them', () => {
    const role = tf('aws_iam_role', 'app', { name: 'app', assume_role_policy: trust });
    const att = tf('aws_iam_role_policy_attachment', 'ssm', { role: tfRef('aws_iam_role.app', 'name'), policy_arn: SSM });
    const prof = tf('aws_iam_instance_profile', 'app', { name: 'app', role: tfRef('aws_iam_role.app', 'name') });
    const i1 = tf('aws_instance', 'managed', { ami: 'ami-1', iam_instance_profile: tfRef('aws_iam_instance_profile.app', 'name') });
    const bare = tf('aws_iam_role', 'bare', { name: 'bare', assume_role_policy: trust });
    const prof2 = tf('aws_iam_instance_profile', 'bare', { name: 'bare-profile', role: 'bare' });
    const i2 = tf('aws_instance', 'unmanaged', { ami: 'ami-1', iam_instance_profile: 'bare-profile' });
    const { model } = liftAll([i1, i2, prof, prof2, att, role, bare]);
    const p = get(model, prof.key, 'iam-role');
    expect(p.roleType).toBe('instance-profile');
    expect(p.roles).toMatchObject({ value: [{ value: role.key }] });
    expect(get(model, i1.key, 'compute').managed).toMatchObject({ value: true });
    expect(get(model, i2.key, 'compute').managed).toMatchObject({ value: false });
  });
});

describe('IAM from CloudFormation', () => {
  it('roles with Policies and ManagedPolicyArns, managed policies attaching themselves, AWS::IAM::Policy', () => {
    const role = cfn('AWS::IAM::Role', 'AppRole', {
      AssumeRolePolicyDocument: JSON.parse(trust),
      ManagedPolicyArns: [SSM, cfnRef('Custom')],
      Policies: [{ PolicyName: 'logs', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: cfnRef('Logs', 'Arn') }] } }],
    });
    const custom = cfn('AWS::IAM::ManagedPolicy', 'Custom', { PolicyDocument: JSON.parse(admin) });
    const self = cfn('AWS::IAM::ManagedPolicy', 'Self', { PolicyDocument: JSON.parse(admin), Roles: [cfnRef('AppRole')] });
    const pol = cfn('AWS::IAM::Policy', 'Extra', { PolicyName: 'x', PolicyDocument: JSON.parse(admin), Roles: [cfnRef('AppRole')] });
    const prof = cfn('AWS::IAM::InstanceProfile', 'Profile', { Roles: [cfnRef('AppRole')] });
    const { model } = lift([role, custom, self, pol, prof]);
    const r = get(model, role.key, 'iam-role');
    expect(r.trustPolicy?.known).toBe(true);
    expect(r.managedPolicyArns).toMatchObject({ value: [SSM] });
    const ids = r.policies.known ? r.policies.value.map((l) => (l.known ? l.value : '?')) : [];
    expect(ids.sort()).toEqual([`${role.key}#Policies[logs]`, custom.key, self.key, pol.key].sort());
    const inline = get(model, `${role.key}#Policies[logs]`, 'iam-policy');
    const doc = parsePolicyDocument(inline.document);
    expect(doc.known && doc.value?.statements[0].resource?.unknowns[0].inputs).toEqual(['Logs.Arn']);
    expect(get(model, prof.key, 'iam-role').roles).toMatchObject({ value: [{ value: role.key }] });
  });

  it('users: LoginProfile means console access; Groups by !Ref', () => {
    const g = cfn('AWS::IAM::Group', 'Admins', { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
    const u = cfn('AWS::IAM::User', 'Ops', { LoginProfile: { Password: unk('parameter OpsPassword') }, Groups: [cfnRef('Admins')] });
    const { model } = lift([u, g]);
    const user = get(model, u.key, 'iam-role');
    expect(user.consoleAccess).toMatchObject({ value: true });
    expect(user.groups).toMatchObject({ value: [{ value: g.key }] });
  });
});

describe('IAM attachments under an unresolved condition', () => {
  const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const when = (input: string) => ({ inputs: [input], detail: `count = ${input} ? 1 : 0 is not known` });
  const linkInputs = (r: { policies: { known: boolean; value?: unknown } } & ReturnType<typeof get<'iam-role'>>) =>
    r.policies.known ? r.policies.value.map((l) => (l.known ? l.value : `?${l.cause.inputs.join()}`)) : [];

  it('Terraform: a conditional attachment, inline policy or membership is a policy or group that may be there, not one held for sure', () => {
    const role = tf('aws_iam_role', 'ops', { name: 'ops', assume_role_policy: trust });
    const att = { ...tf('aws_iam_role_policy_attachment', 'admin', { role: tfRef('aws_iam_role.ops', 'name'), policy_arn: ADMIN }), conditional: when('var.break_glass') };
    const rp = { ...tf('aws_iam_role_policy', 'all', { role: tfRef('aws_iam_role.ops', 'id'), policy: admin }), conditional: when('var.debug') };
    const u = tf('aws_iam_user', 'ops', { name: 'ops' });
    const g = tf('aws_iam_group', 'admins', { name: 'admins' });
    const m = { ...tf('aws_iam_user_group_membership', 'ops', { user: 'ops', groups: ['admins'] }), conditional: when('var.ops_is_admin') };
    const lp = { ...tf('aws_iam_user_login_profile', 'ops', { user: 'ops' }), conditional: when('var.console') };
    const { model } = lift([role, att, rp, u, g, m, lp]);
    const r = get(model, role.key, 'iam-role');
    expect(r.managedPolicyArns).toMatchObject({ known: true, value: [] });
    expect(linkInputs(r).sort()).toEqual(['?var.break_glass', '?var.debug']);
    const user = get(model, u.key, 'iam-role');
    expect(user.groups).toMatchObject({ value: [{ known: false, cause: { inputs: ['var.ops_is_admin'] } }] });
    expect(user.consoleAccess).toMatchObject({ known: false, cause: { inputs: ['var.console'] } });
  });

  it('CloudFormation: a managed policy under a Condition attaches itself only maybe; one sharing its role\'s Condition attaches for sure', () => {
    const cond = { inputs: ['parameter EnableAdmin'], detail: 'condition IsAdmin depends on parameter EnableAdmin' };
    const role = cfn('AWS::IAM::Role', 'AppRole', { AssumeRolePolicyDocument: JSON.parse(trust) });
    const pol = { ...cfn('AWS::IAM::ManagedPolicy', 'Wide', { PolicyDocument: JSON.parse(admin), Roles: [cfnRef('AppRole')] }), conditional: cond };
    const both = { ...cfn('AWS::IAM::Role', 'AdminRole', { AssumeRolePolicyDocument: JSON.parse(trust) }), conditional: cond };
    const own = { ...cfn('AWS::IAM::Policy', 'AdminInline', { PolicyName: 'a', PolicyDocument: JSON.parse(admin), Roles: [cfnRef('AdminRole')] }), conditional: cond };
    const { model } = lift([role, pol, both, own]);
    expect(linkInputs(get(model, role.key, 'iam-role'))).toEqual(['?parameter EnableAdmin']);
    expect(linkInputs(get(model, both.key, 'iam-role'))).toEqual([own.key]);
  });
});
