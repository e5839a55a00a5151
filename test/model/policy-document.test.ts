import { describe, expect, it } from 'vitest';
import { fact, unknownFact } from '../../src/model/fact.js';
import {
  listMatches,
  parsePolicyDocument,
  parsePolicyJson,
  partialCouldMatch,
  partialOf,
  partialPattern,
  policyTextOf,
  principalEveryoneCauses,
  principalIsEveryone,
  statementCoversAction,
  wildcardMatches,
} from '../../src/model/policy-document.js';
import type { ParsedPolicy } from '../../src/model/policy-document.js';
import { unknown } from '../../src/readers/value.js';
import { cfn, cfnRef, tf, unk } from './aws/resources/builder.js';

function parsed(text: string): ParsedPolicy {
  const p = parsePolicyJson(text);
  if (p instanceof Error) throw p;
  return p;
}

describe('parsePolicyJson', () => {
  it('reads a single statement object with string elements', () => {
    const p = parsed(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: '*', Principal: '*' },
      }),
    );
    expect(p.statements).toHaveLength(1);
    const s = p.statements[0];
    expect(s.sid).toBe('All');
    expect(s.effect).toEqual(fact('Allow'));
    expect(s.action).toEqual({ values: ['s3:*'], unknowns: [] });
    expect(s.resource?.values).toEqual(['*']);
    expect(principalIsEveryone(s.principal)).toBe(true);
  });

  it('reads arrays, typed principals, NotAction and conditions with boolean values', () => {
    const p = parsed(
      JSON.stringify({
        Statement: [
          {
            Effect: 'Deny',
            NotAction: ['iam:*', 'sts:GetCallerIdentity'],
            Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'], Service: 'ec2.amazonaws.com' },
            Condition: { Bool: { 'aws:SecureTransport': false }, StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } },
          },
        ],
      }),
    );
    const s = p.statements[0];
    expect(s.effect).toEqual(fact('Deny'));
    expect(s.notAction?.values).toEqual(['iam:*', 'sts:GetCallerIdentity']);
    expect(s.principal?.entries).toEqual([
      { type: 'AWS', id: 'arn:aws:iam::111122223333:root' },
      { type: 'AWS', id: '*' },
      { type: 'Service', id: 'ec2.amazonaws.com' },
    ]);
    expect(s.condition?.entries).toEqual([
      { operator: 'Bool', key: 'aws:SecureTransport', values: { values: ['false'], unknowns: [] } },
      { operator: 'StringEquals', key: 'aws:SourceVpce', values: { values: ['vpce-1', 'vpce-2'], unknowns: [] } },
    ]);
  });

  it('rejects text that is not a policy', () => {
    expect(parsePolicyJson('{"Version": "2012-10-17"')).toBeInstanceOf(Error);
    expect(parsePolicyJson('[1]')).toBeInstanceOf(Error);
    expect(parsePolicyJson('{"Version": "2012-10-17"}')).toBeInstanceOf(Error);
  });

  it('flags an Effect that is neither Allow nor Deny as unknown', () => {
    const p = parsed('{"Statement": {"Effect": "allow", "Action": "*"}}');
    expect(p.statements[0].effect.known).toBe(false);
  });
});

describe('policyTextOf', () => {
  it('keeps JSON text as written and rejects text that is not JSON', () => {
    const r = tf('aws_iam_policy', 'p', { policy: '{"Statement": []}', bad: '{nope' });
    const good = policyTextOf(r.attrs.fields.policy, r, 'policy');
    expect(good).toEqual(fact('{"Statement": []}', r.attrs.fields.policy.loc));
    const bad = policyTextOf(r.attrs.fields.bad, r, 'policy');
    expect(bad.known).toBe(false);
    expect(bad.known ? '' : bad.cause.detail).toMatch(/not valid JSON/);
  });

  it('treats absent or empty as no policy, and a wholly unknown value as unknown with its cause', () => {
    const r = tf('aws_s3_bucket_policy', 'p', { policy: unk('var.bucket_policy'), empty: '' });
    expect(policyTextOf(undefined, r, 'policy')).toEqual(fact(null, r.loc));
    expect(policyTextOf(r.attrs.fields.empty, r, 'policy').known).toBe(true);
    const u = policyTextOf(r.attrs.fields.policy, r, 'policy');
    expect(u.known ? [] : u.cause.inputs).toEqual(['var.bucket_policy']);
  });

  it('serializes a CloudFormation policy object, marking refs and unknowns so statements stay judgeable', () => {
    const r = cfn('AWS::S3::BucketPolicy', 'Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: ['s3:GetObject', unk('parameter ExtraAction')],
            Resource: cfnRef('Bucket', 'Arn'),
          },
        ],
      },
    });
    const text = policyTextOf(r.attrs.fields.PolicyDocument, r, 'PolicyDocument');
    expect(text.known).toBe(true);
    const doc = parsePolicyDocument(text);
    expect(doc.known).toBe(true);
    const st = (doc.known && doc.value ? doc.value : { statements: [] }).statements[0];
    expect(st.action?.values).toEqual(['s3:GetObject']);
    expect(st.action?.unknowns.map((c) => c.inputs)).toEqual([['parameter ExtraAction']]);
    expect(st.resource?.values).toEqual([]);
    expect(st.resource?.unknowns[0].inputs).toEqual(['Bucket.Arn']);
    expect(principalIsEveryone(st.principal)).toBe(true);
  });

  it("recovers the shape of Terraform's jsonencode of a partly unknown document; IAM policy variables stay text", () => {
    const expr = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['${aws_s3_bucket.logs.arn}', '${aws_s3_bucket.logs.arn}/*', 'arn:aws:s3:::home/${aws:username}/*'],
        },
      ],
    });
    const r = tf('aws_s3_bucket_policy', 'p', {
      policy: unknown({ inputs: ['aws_s3_bucket.logs.arn (known after apply)', 'var.other'], detail: 'known after apply' }, undefined, expr),
    });
    const doc = parsePolicyDocument(policyTextOf(r.attrs.fields.policy, r, 'policy'));
    const st = doc.known && doc.value ? doc.value.statements[0] : undefined;
    expect(st?.effect).toEqual(fact('Deny'));
    expect(st?.resource?.values).toEqual(['arn:aws:s3:::home/${aws:username}/*']);
    expect(st?.resource?.unknowns.map((c) => c.inputs)).toEqual([
      ['aws_s3_bucket.logs.arn (known after apply)'],
      ['aws_s3_bucket.logs.arn (known after apply)'],
    ]);
  });

  it('marks a whole unknown statement', () => {
    const r = cfn('AWS::IAM::Policy', 'P', { PolicyDocument: { Statement: [unk('parameter Statement')] } });
    const doc = parsePolicyDocument(policyTextOf(r.attrs.fields.PolicyDocument, r, 'PolicyDocument'));
    expect(doc.known && doc.value?.unknownStatements.map((c) => c.inputs)).toEqual([['parameter Statement']]);
  });
});

describe('partly unknown strings', () => {
  function statementsOf(r: ReturnType<typeof cfn>, name: string) {
    const doc = parsePolicyDocument(policyTextOf(r.attrs.fields[name], r, name));
    if (!doc.known || !doc.value) throw new Error('no policy');
    return doc.value.statements;
  }
  const account = (expr: string, input = 'AWS::AccountId') => unk(input, `${input} is known only at deployment`, expr);

  it('keeps the known text of a principal built with !Sub: known not to be everyone, still unknown in part', () => {
    const r = cfn('AWS::KMS::Key', 'K', {
      KeyPolicy: {
        Statement: [
          { Effect: 'Deny', Principal: { AWS: account('arn:aws:iam::${AWS::AccountId}:root') }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: account('${AWS::AccountId}') }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: unk('parameter AdminArn', 'not set', '${AdminArn}') }, Action: 'kms:*', Resource: '*' },
        ],
      },
    });
    const [root, bare, param] = statementsOf(r, 'KeyPolicy');
    expect(principalIsEveryone(root.principal)).toBe(false);
    expect(principalEveryoneCauses(root.principal)).toEqual([]);
    expect(root.principal?.partials?.map((p) => [p.type, p.value.text, partialPattern(p.value)])).toEqual([
      ['AWS', 'arn:aws:iam::${AWS::AccountId}:root', 'arn:aws:iam::????????????:root'],
    ]);
    // Still unknown for a reader that does not look at the known parts.
    expect(root.principal?.unknowns.map((c) => c.inputs)).toEqual([['AWS::AccountId']]);
    // The account ID alone is twelve digits, never "*".
    expect(principalEveryoneCauses(bare.principal)).toEqual([]);
    expect(bare.principal?.partials?.map((p) => partialPattern(p.value))).toEqual(['????????????']);
    // A parameter could hold "*".
    expect(principalEveryoneCauses(param.principal).map((c) => c.inputs)).toEqual([['parameter AdminArn']]);
    expect(param.principal?.partials ?? []).toEqual([]);
  });

  it("knows a resource's ARN attribute is an ARN, never everyone, while other attributes and inputs could be", () => {
    const r = cfn('AWS::S3::BucketPolicy', 'P', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: cfnRef('AutoDeleteRole', 'Arn') }, Action: 's3:DeleteObject*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: cfnRef('Audit/ReaderRole', 'Arn') }, Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: cfnRef('Lookup', 'Principal') }, Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: unk('aws_iam_role.reader.arn', 'x', '${aws_iam_role.reader.arn}') }, Action: 's3:GetObject', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: unk('var.reader_arn', 'x', '${var.reader_arn}') }, Action: 's3:GetObject', Resource: '*' },
        ],
      },
    });
    const [role, nested, other, tfRole, variable] = statementsOf(r, 'PolicyDocument');
    for (const st of [role, nested, tfRole]) {
      expect(principalEveryoneCauses(st.principal)).toEqual([]);
      expect(st.principal?.partials?.map((p) => partialPattern(p.value))).toEqual(['arn:*']);
      // Still unknown for a reader that does not look at the known parts.
      expect(st.principal?.unknowns).toHaveLength(1);
    }
    expect(principalEveryoneCauses(other.principal).map((c) => c.inputs)).toEqual([['Lookup.Principal']]);
    expect(principalEveryoneCauses(variable.principal).map((c) => c.inputs)).toEqual([['var.reader_arn']]);
  });

  it('does not read known parts out of an expression that is not a plain template', () => {
    const r = cfn('AWS::S3::BucketPolicy', 'P', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: unk('var.who', 'x', 'format("arn:aws:iam::%s:root", var.who)') }, Action: 's3:*' },
          { Effect: 'Allow', Principal: { AWS: unk('AWS::AccountId', 'x', "[Join ':' [arn, ${AWS::AccountId}]]") }, Action: 's3:*' },
          { Effect: 'Allow', Principal: { AWS: unk('var.who', 'x', 'arn:aws:iam::${var.who} :root') }, Action: 's3:*' },
        ],
      },
    });
    for (const st of statementsOf(r, 'PolicyDocument')) {
      expect(st.principal?.partials ?? []).toEqual([]);
      expect(principalEveryoneCauses(st.principal)).toHaveLength(1);
    }
  });

  it('an action with an unknown part matches only what its known parts allow', () => {
    const r = cfn('AWS::IAM::Policy', 'P', {
      PolicyDocument: { Statement: [{ Effect: 'Deny', Action: [unk('parameter Verb', 'x', 'kms:${Verb}Key*')], Resource: '*' }] },
    });
    const [st] = statementsOf(r, 'PolicyDocument');
    expect(statementCoversAction(st, 's3:DeleteBucket')).toBe(false);
    const open = statementCoversAction(st, 'kms:ScheduleKeyDeletion');
    expect(Array.isArray(open) && open.map((c) => c.inputs)).toEqual([['parameter Verb']]);
  });

  it("keeps the known text of strings in Terraform's jsonencode, naming each string's own input", () => {
    const expr = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root' },
          Action: 'kms:ScheduleKeyDeletion',
          Resource: 'arn:aws:kms:*:${var.account}:key/*',
        },
      ],
    });
    const r = tf('aws_kms_key', 'k', {
      policy: unknown({ inputs: ['data.aws_caller_identity.current', 'var.account'], detail: 'not known' }, undefined, expr),
    });
    const [st] = statementsOf(r, 'policy');
    expect(st.principal?.partials?.map((p) => partialPattern(p.value))).toEqual(['arn:aws:iam::????????????:root']);
    expect(st.principal?.unknowns.map((c) => c.inputs)).toEqual([['data.aws_caller_identity.current']]);
    expect(st.resource?.partials?.map((p) => partialPattern(p))).toEqual(['arn:aws:kms:*:*:key/*']);
    expect(st.resource?.unknowns.map((c) => c.inputs)).toEqual([['var.account']]);
  });

  it('tells whether any value of a partly known string could match a wildcard pattern', () => {
    const c = { inputs: ['x'], detail: '' };
    const root = partialOf('arn:aws:iam::${AWS::AccountId}:root', c)!;
    const role = partialOf('arn:aws:iam::${AWS::AccountId}:role/${var.name}', c)!;
    const anyAccount = partialOf('arn:aws:iam::${var.account}:role/${var.name}', c)!;
    expect(partialCouldMatch(root, 'arn:aws:iam::????????????:root')).toBe(true);
    expect(partialCouldMatch(root, '????????????')).toBe(false);
    expect(partialCouldMatch(root, 'arn:aws:iam::*:role/*')).toBe(false);
    expect(partialCouldMatch(role, 'arn:aws:iam::*:role/Admin')).toBe(true);
    expect(partialCouldMatch(role, 'arn:aws:iam::????????????:root')).toBe(false);
    // An account from a variable could hold anything, ":role/" included.
    expect(partialCouldMatch(anyAccount, 'arn:aws:iam::????????????:root')).toBe(true);
    // Both sides with wildcards, case-insensitive as IAM compares.
    expect(partialCouldMatch(partialOf('S3:Get${Verb}', c)!, 's3:*Object')).toBe(true);
    expect(partialCouldMatch(partialOf('s3:Get${Verb}', c)!, 's3:Put*')).toBe(false);
  });

  it('reads the known text a reader wrote into an unknown marker', () => {
    const p = parsed(
      JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Principal: { Service: { 'kikan:unknown': { inputs: ['--region'], detail: 'region', text: 'logs.${AWS::Region}.amazonaws.com' } } },
          Action: 'kms:Decrypt',
        },
      }),
    );
    const st = p.statements[0];
    expect(st.principal?.partials?.map((x) => [x.type, partialPattern(x.value)])).toEqual([['Service', 'logs.*.amazonaws.com']]);
    expect(principalEveryoneCauses(st.principal)).toEqual([]);
  });
});

describe('parsePolicyDocument', () => {
  it('passes null and unknown through', () => {
    expect(parsePolicyDocument(fact(null))).toEqual(fact(null));
    const u = unknownFact({ inputs: ['var.x'], detail: 'x' });
    expect(parsePolicyDocument(u)).toBe(u);
  });
});

describe('matching', () => {
  it('matches IAM wildcards case-insensitively', () => {
    expect(wildcardMatches('s3:Get*', 's3:getobject')).toBe(true);
    expect(wildcardMatches('s3:Get*', 's3:PutObject')).toBe(false);
    expect(wildcardMatches('*', 'kms:ScheduleKeyDeletion')).toBe(true);
    expect(wildcardMatches('kms:*Key?eletion', 'kms:ScheduleKeyDeletion')).toBe(true);
    expect(wildcardMatches('ec2:*Instance', 'ec2:RunInstances')).toBe(false);
  });

  it('reports unknown members when no known member matches', () => {
    expect(listMatches({ values: ['s3:*'], unknowns: [{ inputs: ['a'], detail: '' }] }, 's3:GetObject')).toBe(true);
    expect(listMatches({ values: ['ec2:*'], unknowns: [{ inputs: ['a'], detail: '' }] }, 's3:GetObject')).toEqual([
      { inputs: ['a'], detail: '' },
    ]);
    expect(listMatches({ values: ['ec2:*'], unknowns: [] }, 's3:GetObject')).toBe(false);
  });

  it('inverts NotAction', () => {
    const p = parsed('{"Statement": [{"Effect": "Allow", "NotAction": "iam:*"}, {"Effect": "Allow"}]}');
    expect(statementCoversAction(p.statements[0], 's3:GetObject')).toBe(true);
    expect(statementCoversAction(p.statements[0], 'iam:CreateUser')).toBe(false);
    expect(statementCoversAction(p.statements[1], 's3:GetObject')).toBe(false);
  });
});
