// LG-6.6 on hand-built models: what counts as MFA in a trust policy, what
// makes a role an administrator, and the users and scopes the lifters of
// live accounts and Azure give.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-6.js';
import { of, run, statuses } from './lg-3-support.js';
import { IdentityModel, cause, doc, marker } from './identity-support.js';

const OPS = 'arn:aws:iam::210987654321:root';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

function assume(condition?: Record<string, unknown>, principal: unknown = { AWS: OPS }) {
  return { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal, ...(condition ? { Condition: condition } : {}) };
}

describe('LG-6.6 trust policies', () => {
  it('passes Bool aws:MultiFactorAuthPresent true and fails BoolIfExists true on an administrator role', () => {
    const m = new IdentityModel();
    m.role('aws_iam_role.bool', doc(assume({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })), { arns: [ADMIN] });
    const ifExists = m.role('aws_iam_role.if_exists', doc(assume({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })), { arns: [ADMIN] });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_iam_role.bool=pass', 'aws_iam_role.if_exists=fail']);
    const f = of(drafts, 'aws_iam_role.if_exists')[0]!;
    expect(f.message.en).toContain('BoolIfExists lets calls without MFA');
    expect(f.location).toEqual(ifExists.trustPolicy!.loc);
  });

  it('does not take Bool false, NumericLessThanIfExists or an age test on another key as MFA', () => {
    const m = new IdentityModel();
    m.role('aws_iam_role.bool_false', doc(assume({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } })), { arns: [ADMIN] });
    m.role('aws_iam_role.age_if_exists', doc(assume({ NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } })), { arns: [ADMIN] });
    m.role('aws_iam_role.age', doc(assume({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })), { arns: [ADMIN] });
    expect(statuses(run(check, m))).toEqual(['aws_iam_role.bool_false=fail', 'aws_iam_role.age_if_exists=fail', 'aws_iam_role.age=pass']);
  });

  it('accepts a Deny of assumption without MFA only when it covers the trusted principals and tests absence', () => {
    const m = new IdentityModel();
    const denyAll = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
    const denyNull = { Effect: 'Deny', Principal: { AWS: OPS }, Action: 'sts:*', Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } } };
    const denyOther = { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole', Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } } };
    const denyBoolFalse = { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } };
    m.role('aws_iam_role.deny_all', doc(assume(), denyAll), { arns: [ADMIN] });
    m.role('aws_iam_role.deny_null', doc(assume(), denyNull), { arns: [ADMIN] });
    m.role('aws_iam_role.deny_other', doc(assume(), denyOther), { arns: [ADMIN] });
    m.role('aws_iam_role.deny_bool_false', doc(assume(), denyBoolFalse), { arns: [ADMIN] });
    expect(statuses(run(check, m))).toEqual([
      'aws_iam_role.deny_all=pass',
      'aws_iam_role.deny_null=pass',
      'aws_iam_role.deny_other=fail',
      'aws_iam_role.deny_bool_false=fail',
    ]);
  });

  it('treats Principal "*" and NotPrincipal as IAM principals', () => {
    const m = new IdentityModel();
    m.role('aws_iam_role.anyone', doc(assume(undefined, '*')), { arns: [ADMIN] });
    m.role('aws_iam_role.not_principal', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', NotPrincipal: { AWS: OPS } }), { arns: [ADMIN] });
    expect(statuses(run(check, m))).toEqual(['aws_iam_role.anyone=fail', 'aws_iam_role.not_principal=fail']);
  });

  it('judges a role trusted by IAM principals and a SAML provider on the IAM part', () => {
    const m = new IdentityModel();
    const saml = { Effect: 'Allow', Action: 'sts:AssumeRoleWithSAML', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/idp' } };
    m.role('aws_iam_role.mixed', doc(saml, assume()), { arns: [ADMIN] });
    m.role('aws_iam_role.federated', doc(saml), { arns: [ADMIN] });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_iam_role.mixed=fail', 'aws_iam_role.federated=pass']);
    expect(of(drafts, 'aws_iam_role.federated')[0]!.message.ja).toContain('質問票');
  });

  it('does not count a federated principal under an action it cannot use', () => {
    const m = new IdentityModel();
    // Federated principals assume with AssumeRoleWithSAML/WebIdentity: sts:AssumeRole alone lets them in nowhere.
    m.role('aws_iam_role.odd', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: 'arn:aws:iam::1:saml-provider/x' } }), { arns: [ADMIN] });
    expect(statuses(run(check, m))).toEqual(['aws_iam_role.odd=not_applicable']);
  });
});

describe('LG-6.6 administrator rights', () => {
  it('finds administrators through AWS managed policies and documents allowing *, NotAction or IAM escalation on *', () => {
    const m = new IdentityModel();
    const star = m.policy('aws_iam_policy.star', doc({ Effect: 'Allow', Action: '*:*', Resource: '*' }));
    const notAction = m.policy('aws_iam_policy.not_action', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
    const escalate = m.policy('aws_iam_policy.escalate', doc({ Effect: 'Allow', Action: 'iam:Put*', Resource: '*' }));
    const narrow = m.policy('aws_iam_policy.narrow', doc({ Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::123456789012:role/app' }));
    const denied = m.policy('aws_iam_policy.denied', doc({ Effect: 'Deny', Action: '*', Resource: '*' }));
    m.role('aws_iam_role.power', doc(assume()), { arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] });
    m.role('aws_iam_role.star', doc(assume()), { policies: [star] });
    m.role('aws_iam_role.not_action', doc(assume()), { policies: [notAction] });
    m.role('aws_iam_role.escalate', doc(assume()), { policies: [escalate] });
    m.role('aws_iam_role.narrow', doc(assume()), { policies: [narrow, denied], arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    expect(statuses(run(check, m))).toEqual([
      'aws_iam_role.power=fail',
      'aws_iam_role.star=fail',
      'aws_iam_role.not_action=fail',
      'aws_iam_role.escalate=fail',
      'aws_iam_role.narrow=not_applicable',
    ]);
  });

  it('is unknown when the role has no MFA and its permissions cannot be read, naming the input', () => {
    const m = new IdentityModel();
    const open = m.policy('aws_iam_policy.open', doc({ Effect: 'Allow', Action: marker('var.actions'), Resource: '*' }));
    m.role('aws_iam_role.open_doc', doc(assume()), { policies: [open] });
    m.role('aws_iam_role.open_arns', doc(assume()), { arns: cause('var.managed_policy_arns') });
    m.role('aws_iam_role.open_link', doc(assume()), { policies: [cause('data.aws_iam_policy.shared')] });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_iam_role.open_doc=unknown', 'aws_iam_role.open_arns=unknown', 'aws_iam_role.open_link=unknown']);
    expect(drafts.map((d) => d.unknown!.flatMap((u) => u.inputs))).toEqual([['var.actions'], ['var.managed_policy_arns'], ['data.aws_iam_policy.shared']]);
  });

  it('lets known facts decide: MFA passes and a non-administrator is not judged whatever else is unknown', () => {
    const m = new IdentityModel();
    m.role('aws_iam_role.mfa', doc(assume({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })), { arns: cause('var.arns') });
    m.role('aws_iam_role.trust_unknown_not_admin', cause('var.trust'), { arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    m.role('aws_iam_role.trust_unknown_admin', cause('var.trust'), { arns: [ADMIN] });
    m.role('aws_iam_role.principal_unknown', doc(assume(undefined, { AWS: marker('var.trusted') })), { arns: [ADMIN] });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_iam_role.mfa=pass',
      'aws_iam_role.trust_unknown_not_admin=not_applicable',
      'aws_iam_role.trust_unknown_admin=unknown',
      'aws_iam_role.principal_unknown=fail',
    ]);
    // Whatever var.trusted holds, a principal written under "AWS" is an IAM principal assuming without MFA.
    expect(of(drafts, 'aws_iam_role.principal_unknown')[0]!.message.en).toContain('var.trusted');
  });
});

describe('LG-6.6 users, root and Azure', () => {
  it('judges console users and the root user by their MFA devices in a live account', () => {
    const m = new IdentityModel();
    m.role('arn:aws:iam::123456789012:user/tanaka', undefined, { roleType: 'user', console: true, mfa: false, source: 'aws-config' });
    m.role('arn:aws:iam::123456789012:user/suzuki', undefined, { roleType: 'user', console: true, mfa: true, source: 'aws-config' });
    m.role('arn:aws:iam::123456789012:user/batch', undefined, { roleType: 'user', console: false, mfa: false, source: 'aws-config' });
    m.role('arn:aws:iam::123456789012:root', undefined, { roleType: 'root', mfa: false, source: 'aws-config' });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'arn:aws:iam::123456789012:user/tanaka=fail',
      'arn:aws:iam::123456789012:user/suzuki=pass',
      'arn:aws:iam::123456789012:user/batch=not_applicable',
      'arn:aws:iam::123456789012:root=fail',
    ]);
    expect(of(drafts, 'arn:aws:iam::123456789012:root')[0]!.message.en).toContain('the root user');
  });

  it('asks for a live scan for a console user defined in code, and skips users whose console access is not modelled', () => {
    const m = new IdentityModel();
    m.role('aws_iam_user.operator', undefined, { roleType: 'user', console: true });
    m.role('aws_iam_user.unknown_console', undefined, { roleType: 'user', console: cause('var.console') });
    m.role('aws_iam_group.admins', undefined, { roleType: 'group', arns: [ADMIN] });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_iam_user.operator=unknown', 'aws_iam_user.unknown_console=unknown']);
    expect(drafts[0]!.unknown![0]!.inputs).toEqual(['live scan']);
    expect(drafts[1]!.unknown![0]!.inputs).toEqual(['var.console']);
  });

  it('is not applicable on an Azure scope: MFA is Conditional Access, asked in the questionnaire', () => {
    const m = new IdentityModel('azure');
    const scope = m.scope();
    const drafts = run(check, m);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ status: 'not_applicable', subject: scope });
    expect(drafts[0]!.message.en).toContain('Conditional Access');
  });
});

describe('LG-6.6 principals a reader could not resolve', () => {
  it('takes them as identity providers under federation actions alone, and lets an MFA condition cover them', () => {
    const m = new IdentityModel();
    const oidc = { Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: marker('data.aws_iam_openid_connect_provider.github') } };
    m.role('aws_iam_role.ci', doc(oidc), { arns: [ADMIN] });
    m.role('aws_iam_role.caller_mfa', doc(assume({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { AWS: marker('data.aws_caller_identity.current') })), { arns: [ADMIN] });
    m.role('aws_iam_role.caller_bare', doc(assume(undefined, { AWS: [OPS, marker('data.aws_caller_identity.current')] })), { arns: [ADMIN] });
    const denyAll = { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } } };
    const denyOps = { Effect: 'Deny', Principal: { AWS: OPS }, Action: 'sts:AssumeRole', Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } } };
    m.role('aws_iam_role.caller_denied', doc(assume(undefined, { AWS: marker('var.trusted') }), denyAll), { arns: [ADMIN] });
    m.role('aws_iam_role.caller_partly_denied', doc(assume(undefined, { AWS: [OPS, marker('var.trusted')] }), denyOps), { arns: [ADMIN] });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_iam_role.ci=pass',
      'aws_iam_role.caller_mfa=pass',
      'aws_iam_role.caller_bare=fail',
      'aws_iam_role.caller_denied=pass',
      'aws_iam_role.caller_partly_denied=unknown',
    ]);
    expect(drafts[0]!.message.en).toContain('federation (data.aws_iam_openid_connect_provider.github)');
    expect(drafts[4]!.unknown!.flatMap((u) => u.inputs)).toEqual(['var.trusted']);
  });
});
