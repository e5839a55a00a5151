// LG-6.7 on hand-built models: wildcard grants in identity policies, open
// principals in resource policies and the conditions that close them, Azure
// custom roles, and inline policies that share their role's address.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-7.js';
import { of, run, statuses } from './lg-3-support.js';
import { IdentityModel, cause, doc, marker } from './identity-support.js';

const GET = { Action: 's3:GetObject', Resource: 'arn:aws:s3:::juki-docs/*' };

describe('LG-6.7 identity policies', () => {
  it('fails Allow * on * (also as *:* or NotAction), passes service wildcards and scoped resources, ignores Deny', () => {
    const m = new IdentityModel();
    m.policy('aws_iam_policy.star', doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
    m.policy('aws_iam_policy.star_star', doc({ Sid: 'All', Effect: 'Allow', Action: ['s3:*', '*:*'], Resource: ['*'] }));
    m.policy('aws_iam_policy.not_action', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
    m.policy('aws_iam_policy.service', doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }));
    m.policy('aws_iam_policy.scoped', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::juki-docs/*' }));
    m.policy('aws_iam_policy.deny', doc({ Effect: 'Deny', Action: '*', Resource: '*' }));
    m.policy('aws_iam_policy.none', null);
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_iam_policy.star=fail',
      'aws_iam_policy.star_star=fail',
      'aws_iam_policy.not_action=fail',
      'aws_iam_policy.service=pass',
      'aws_iam_policy.scoped=pass',
      'aws_iam_policy.deny=pass',
    ]);
    expect(of(drafts, 'aws_iam_policy.star_star')[0]!.message.en).toContain('All (Statement[0])');
    expect(of(drafts, 'aws_iam_policy.not_action')[0]!.message.en).toContain('NotAction');
  });

  it('is unknown when an action, resource, effect or whole statement is unknown, unless another statement already fails', () => {
    const m = new IdentityModel();
    m.policy('aws_iam_policy.action', doc({ Effect: 'Allow', Action: marker('var.actions'), Resource: '*' }));
    m.policy('aws_iam_policy.resource', doc({ Effect: 'Allow', Action: '*', Resource: marker('var.resources') }));
    m.policy('aws_iam_policy.effect', doc({ Effect: marker('var.effect'), Action: '*', Resource: '*' }));
    m.policy('aws_iam_policy.statement', JSON.stringify({ Version: '2012-10-17', Statement: [marker('var.statements')] }));
    m.policy('aws_iam_policy.document', cause('data.aws_iam_policy_document.shared'));
    m.policy('aws_iam_policy.decided', doc({ Effect: 'Allow', Action: marker('var.actions'), Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }));
    m.policy('aws_iam_policy.irrelevant', doc({ Effect: 'Allow', Action: marker('var.actions'), ...{ Resource: 'arn:aws:s3:::x' } }));
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_iam_policy.action=unknown',
      'aws_iam_policy.resource=unknown',
      'aws_iam_policy.effect=unknown',
      'aws_iam_policy.statement=unknown',
      'aws_iam_policy.document=unknown',
      'aws_iam_policy.decided=fail',
      'aws_iam_policy.irrelevant=pass',
    ]);
    expect(drafts.slice(0, 5).map((d) => d.unknown!.flatMap((u) => u.inputs))).toEqual([
      ['var.actions'],
      ['var.resources'],
      ['var.effect'],
      ['var.statements'],
      ['data.aws_iam_policy_document.shared'],
    ]);
  });

  it('keeps inline policies apart from their role by the part key', () => {
    const m = new IdentityModel();
    const role = m.role('aws_iam_role.app', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }));
    role.native = { source: 'terraform', cloud: 'aws', type: 'aws_iam_role', address: role.address, key: role.id, scope: 'network', attrs: { kind: 'object', fields: {} }, loc: role.loc };
    const id = m.policy('aws_iam_role.app', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), { policyType: 'inline', id: `${role.id}#inline_policy[admin]` });
    const p = m.model.getOf(id, 'iam-policy')!;
    p.native = role.native;
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_iam_role.app[inline_policy[admin]]=fail', 'aws_iam_role.app=pass']);
  });
});

describe('LG-6.7 resource policies', () => {
  const anyone = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: '*', ...GET, ...extra });

  it('fails Principal * without conditions or with conditions that do not narrow the caller', () => {
    const m = new IdentityModel();
    m.dataStore('aws_s3_bucket.bare', 's3-bucket', { policy: m.val<string | null>(doc(anyone())) });
    m.dataStore('aws_s3_bucket.tls_only', 's3-bucket', { policy: m.val<string | null>(doc(anyone({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))) });
    m.dataStore('aws_s3_bucket.like_star', 's3-bucket', { policy: m.val<string | null>(doc(anyone({ Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }))) });
    m.dataStore('aws_s3_bucket.aws_star', 's3-bucket', { policy: m.val<string | null>(doc({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::1:root', '*'] }, ...GET })) });
    m.dataStore('aws_s3_bucket.not_principal', 's3-bucket', { policy: m.val<string | null>(doc({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, ...GET })) });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_s3_bucket.bare=fail',
      'aws_s3_bucket.tls_only=fail',
      'aws_s3_bucket.like_star=fail',
      'aws_s3_bucket.aws_star=fail',
      'aws_s3_bucket.not_principal=fail',
    ]);
    expect(drafts[0]!.message.en).toContain('without conditions');
    expect(drafts[1]!.message.en).toContain('do not narrow the caller');
  });

  it('is unknown, naming the condition, for a bucket policy created only under an unresolved condition', () => {
    const m = new IdentityModel();
    const condition = { inputs: ['parameter Stage'], detail: 'condition IsKensho depends on parameter Stage' };
    m.dataStore('aws_s3_bucket.maybe', 's3-bucket', { policy: m.val<string | null>(doc(anyone())), policyConditional: condition });
    m.dataStore('aws_s3_bucket.narrow', 's3-bucket', {
      policy: m.val<string | null>(doc(anyone({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }))),
      policyConditional: condition,
    });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_s3_bucket.maybe=unknown', 'aws_s3_bucket.narrow=pass']);
    expect(drafts[0]!.unknown).toEqual([condition]);
    expect(drafts[0]!.message.en).toBe('the resource policy allows Principal "*" without conditions (Statement[0]), but whether the policy is created cannot be told');
  });

  it('passes conditions on the organisation, account, endpoint or source, and a boundary Deny over the same actions', () => {
    const m = new IdentityModel();
    const boundary = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } };
    const narrowDeny = { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } };
    m.dataStore('aws_s3_bucket.org', 's3-bucket', { policy: m.val<string | null>(doc(anyone({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }))) });
    m.dataStore('aws_s3_bucket.tag', 's3-bucket', { policy: m.val<string | null>(doc(anyone({ Condition: { StringEquals: { 'aws:PrincipalTag/dept': 'juki' } } }))) });
    m.dataStore('aws_s3_bucket.boundary', 's3-bucket', { policy: m.val<string | null>(doc(anyone(), boundary)) });
    m.dataStore('aws_s3_bucket.narrow_deny', 's3-bucket', { policy: m.val<string | null>(doc(anyone(), narrowDeny)) });
    m.kmsKey('aws_kms_key.ebs', doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '123456789012', 'kms:ViaService': 'ec2.ap-northeast-1.amazonaws.com' } } }));
    m.kmsKey('aws_kms_key.default', null);
    expect(statuses(run(check, m))).toEqual([
      'aws_s3_bucket.org=pass',
      'aws_s3_bucket.tag=pass',
      'aws_s3_bucket.boundary=pass',
      'aws_s3_bucket.narrow_deny=fail',
      'aws_kms_key.ebs=pass',
    ]);
  });

  it('is unknown when the principal or a Like pattern on the caller is unknown (an equality narrows whatever its value), and judges trust policies and IamPolicy resource policies alike', () => {
    const m = new IdentityModel();
    m.dataStore('aws_s3_bucket.principal', 's3-bucket', { policy: m.val<string | null>(doc({ Effect: 'Allow', Principal: { AWS: marker('var.reader_arn') }, ...GET })) });
    m.dataStore('aws_s3_bucket.equals', 's3-bucket', { policy: m.val<string | null>(doc(anyone({ Condition: { StringEquals: { 'aws:SourceVpce': marker('var.vpce') } } }))) });
    m.dataStore('aws_s3_bucket.condition', 's3-bucket', { policy: m.val<string | null>(doc(anyone({ Condition: { ArnLike: { 'aws:SourceArn': marker('var.source_arn') } } }))) });
    m.role('aws_iam_role.open_trust', doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }));
    m.policy('aws_sqs_queue_policy.jobs', doc(anyone()), { policyType: 'resource' });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_sqs_queue_policy.jobs=fail', 'aws_iam_role.open_trust=fail', 'aws_s3_bucket.principal=unknown', 'aws_s3_bucket.equals=pass', 'aws_s3_bucket.condition=unknown']);
    expect(of(drafts, 'aws_iam_role.open_trust')[0]!.message.en).toContain('trust policy');
    expect(of(drafts, 'aws_s3_bucket.condition')[0]!.unknown!.flatMap((u) => u.inputs)).toEqual(['var.source_arn']);
  });
});

describe('LG-6.7 principals and patterns known in part', () => {
  const partly = (text: string, input: string) => ({ 'kikan:unknown': { inputs: [input], detail: `${input} is not known`, text } });

  it('an account principal built from AWS::AccountId is not anyone; a principal from a parameter still could be', () => {
    const m = new IdentityModel();
    const admin = { Effect: 'Allow', Action: 'kms:*', Resource: '*' };
    m.kmsKey('aws_kms_key.sub_root', doc({ ...admin, Principal: { AWS: partly('arn:aws:iam::${AWS::AccountId}:root', 'AWS::AccountId') } }));
    m.kmsKey('aws_kms_key.account_id', doc({ ...admin, Principal: { AWS: partly('${AWS::AccountId}', 'AWS::AccountId') } }));
    m.kmsKey('aws_kms_key.role_of_var', doc({ ...admin, Principal: { AWS: partly('arn:aws:iam::${var.account}:role/Reader', 'var.account') } }));
    m.kmsKey('aws_kms_key.service', doc({ ...admin, Principal: { Service: partly('logs.${AWS::Region}.amazonaws.com', '--region') } }));
    m.kmsKey('aws_kms_key.param', doc({ ...admin, Principal: { AWS: marker('parameter KeyUser') } }));
    m.kmsKey('aws_kms_key.star_suffix', doc({ ...admin, Principal: { AWS: partly('${var.prefix}*', 'var.prefix') } }));
    expect(statuses(run(check, m))).toEqual([
      'aws_kms_key.sub_root=pass',
      'aws_kms_key.account_id=pass',
      'aws_kms_key.role_of_var=pass',
      'aws_kms_key.service=pass',
      'aws_kms_key.param=unknown',
      'aws_kms_key.star_suffix=unknown',
    ]);
  });

  it('a Like test on the caller narrows it when its pattern has known text other than "*"', () => {
    const m = new IdentityModel();
    const anyone = (like: unknown) => doc({ Effect: 'Allow', Principal: '*', ...GET, Condition: { ArnLike: { 'aws:SourceArn': like } } });
    m.dataStore('aws_s3_bucket.trail', 's3-bucket', { policy: m.val<string | null>(anyone(partly('arn:aws:cloudtrail:*:${AWS::AccountId}:trail/*', 'AWS::AccountId'))) });
    m.dataStore('aws_s3_bucket.any', 's3-bucket', { policy: m.val<string | null>(anyone(partly('${var.source}*', 'var.source'))) });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_s3_bucket.trail=pass', 'aws_s3_bucket.any=unknown']);
    expect(of(drafts, 'aws_s3_bucket.any')[0]!.unknown!.flatMap((u) => u.inputs)).toEqual(['var.source']);
  });
});

describe('LG-6.7 Azure custom roles', () => {
  it('fails "*" in the actions, passes provider wildcards, and is unknown without the actions', () => {
    const m = new IdentityModel('azure');
    m.policy('Microsoft.Authorization/roleDefinitions/owner-like', null, { policyType: 'azure-role-definition', azureActions: ['*'] });
    m.policy('Microsoft.Authorization/roleDefinitions/vm-operator', null, { policyType: 'azure-role-definition', azureActions: ['Microsoft.Compute/virtualMachines/*'] });
    m.policy('Microsoft.Authorization/roleDefinitions/from-param', null, { policyType: 'azure-role-definition', azureActions: cause('parameter roleActions') });
    m.policy('Microsoft.Authorization/roleDefinitions/unread', null, { policyType: 'azure-role-definition' });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'Microsoft.Authorization/roleDefinitions/owner-like=fail',
      'Microsoft.Authorization/roleDefinitions/vm-operator=pass',
      'Microsoft.Authorization/roleDefinitions/from-param=unknown',
      'Microsoft.Authorization/roleDefinitions/unread=unknown',
    ]);
    expect(drafts[2]!.unknown![0]!.inputs).toEqual(['parameter roleActions']);
  });
});

describe('LG-6.7 trust policies', () => {
  it('takes an unresolved principal under federation actions alone as an identity provider, not as anyone', () => {
    const m = new IdentityModel();
    m.role('aws_iam_role.ci', doc({ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: marker('aws_iam_openid_connect_provider.github.arn') } }));
    m.role('aws_iam_role.cross', doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: marker('var.partner_arn') } }));
    const bucket = m.dataStore('aws_s3_bucket.web', 's3-bucket', {
      policy: m.val<string | null>(doc({ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: marker('var.idp') }, Resource: '*' })),
    });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_iam_role.ci=pass', 'aws_iam_role.cross=unknown', `${bucket.address}=unknown`]);
    expect(drafts[1]!.unknown!.flatMap((u) => u.inputs)).toEqual(['var.partner_arn']);
  });
});
