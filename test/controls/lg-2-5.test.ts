import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-2-5.js';
import { deletionDenial } from '../../src/controls/data/key-policy.js';
import { defaulted, fact, unknownFact } from '../../src/model/fact.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { key, only, run } from './data-controls-support.js';

function policyOf(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const ROOT_ALLOW = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };

describe('deletionDenial (key policy)', () => {
  it('the default key policy allows deletion', () => {
    expect(deletionDenial(fact(null))).toEqual({ kind: 'allowed', partial: [] });
  });

  it.each([
    ['Principal "*" and kms:*', { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }],
    ['the account root ARN', { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' }],
    ['the bare account ID', { Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: ['kms:Schedule*'], Resource: '*' }],
    ['AWS "*" with NotAction that leaves deletion in', { Effect: 'Deny', Principal: { AWS: '*' }, NotAction: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' }],
  ])('a Deny without condition for %s takes deletion away', (_, st) => {
    const d = deletionDenial(fact(policyOf(ROOT_ALLOW, st)));
    expect('kind' in d && d.kind).toBe('denied');
  });

  it.each([
    ['a condition', { Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/KeyAdmin' } } }],
    ['NotPrincipal', { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/KeyAdmin' }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' }],
    ['one role only', { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:*', Resource: '*' }],
  ])('a Deny with %s leaves deletion to others and is reported as partial', (_, st) => {
    const d = deletionDenial(fact(policyOf(ROOT_ALLOW, st)));
    expect(d).toMatchObject({ kind: 'allowed', partial: [{ index: 1 }] });
  });

  it('a Deny of other actions does not matter', () => {
    const d = deletionDenial(fact(policyOf(ROOT_ALLOW, { Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' })));
    expect(d).toEqual({ kind: 'allowed', partial: [] });
  });

  it('a Deny whose principal is an unknown part stays open with its cause', () => {
    const marker = { 'kikan:unknown': { inputs: ['AWS::AccountId'], detail: 'known only at deployment' } };
    const d = deletionDenial(fact(policyOf({ Effect: 'Deny', Principal: { AWS: marker }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' })));
    expect(d).toMatchObject({ kind: 'open', causes: [{ inputs: ['AWS::AccountId'] }] });
  });

  const partly = (text: string, inputs = ['AWS::AccountId']) => ({ 'kikan:unknown': { inputs, detail: 'known only at deployment', text } });

  it.each([
    ['the account root built from AWS::AccountId', 'arn:aws:iam::${AWS::AccountId}:root'],
    ['the root of the partition and account of the stack', 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'],
    ["Terraform's caller identity", 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root'],
    ['the account ID alone', '${AWS::AccountId}'],
    ['the root of an account from a variable', 'arn:aws:iam::${var.account_id}:root'],
  ])('a Deny for %s takes deletion away', (_, text) => {
    const d = deletionDenial(fact(policyOf({ Effect: 'Deny', Principal: { AWS: partly(text) }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' })));
    expect('kind' in d && d.kind).toBe('denied');
  });

  it('a Deny for a role of the account (known in part) is partial; one that could still be the root stays open', () => {
    const role = deletionDenial(
      fact(policyOf(ROOT_ALLOW, { Effect: 'Deny', Principal: { AWS: partly('arn:aws:iam::${AWS::AccountId}:role/App') }, Action: 'kms:*', Resource: '*' })),
    );
    expect(role).toMatchObject({ kind: 'allowed', partial: [{ index: 1 }] });
    const any = deletionDenial(
      fact(policyOf({ Effect: 'Deny', Principal: { AWS: partly('arn:aws:iam::${AWS::AccountId}:${var.who}', ['var.who']) }, Action: 'kms:*', Resource: '*' })),
    );
    expect(any).toMatchObject({ kind: 'open', causes: [{ inputs: ['var.who'] }] });
  });

  it('a denying statement decides even beside an unreadable one', () => {
    const marker = { 'kikan:unknown': { inputs: ['var.extra'], detail: 'unset' } };
    const d = deletionDenial(fact(JSON.stringify({ Statement: [marker, { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }] })));
    expect('kind' in d && d.kind).toBe('denied');
  });

  it('an unreadable policy is an unknown fact', () => {
    const d = deletionDenial(unknownFact(cause('var.policy')));
    expect(d).toMatchObject({ known: false, cause: { inputs: ['var.policy'] } });
  });
});

describe('LG-2.5', () => {
  it('fails a KMS key whose policy denies deletion, at the policy, and judges the window apart', () => {
    const b = new ModelBuilder();
    const k = key(b, 'aws_kms_key.juki', 'kms-key', {
      policy: b.fact<string | null>(policyOf(ROOT_ALLOW, { Sid: 'Keep', Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*' })),
      deletionWindowDays: defaulted(30),
    });
    const drafts = run(check, b);
    const p = only(drafts, 'aws_kms_key.juki', 'key-policy');
    expect(p.status).toBe('fail');
    expect(p.location).toEqual(k.policy!.loc);
    expect(p.message.en).toContain('"Keep"');
    expect(only(drafts, 'aws_kms_key.juki', 'deletion-window').status).toBe('pass');
  });

  it('uses the policy minimum for the waiting period', () => {
    const b = new ModelBuilder();
    const k = key(b, 'k', 'kms-key', { deletionWindowDays: b.fact(10) });
    const policy = defaultPolicy();
    expect(only(run(check, b, policy), 'k', 'deletion-window').status).toBe('pass');
    policy.thresholds.keyDeletionWindowMinDays = 14;
    const d = only(run(check, b, policy), 'k', 'deletion-window');
    expect(d.status).toBe('fail');
    expect(d.location).toEqual(k.deletionWindowDays!.loc);
    expect(d.evidence).toEqual({ deletionWindowDays: 10, minimumDays: 14 });
  });

  it('a live key pending deletion fails unless tagged as an approved disposal', () => {
    const b = new ModelBuilder();
    key(b, 'arn:aws:kms:ap-northeast-1:111122223333:key/a', 'kms-key', { pendingDeletion: b.fact(true) });
    key(b, 'arn:aws:kms:ap-northeast-1:111122223333:key/b', 'kms-key', { pendingDeletion: b.fact(true) }, { 'lg:disposal': 'approved' });
    key(b, 'arn:aws:kms:ap-northeast-1:111122223333:key/c', 'kms-key', { pendingDeletion: b.fact(true) }, cause('live tags'));
    key(b, 'arn:aws:kms:ap-northeast-1:111122223333:key/d', 'kms-key', { pendingDeletion: b.fact(false) });
    const drafts = run(check, b);
    const st = (id: string) => only(drafts, `arn:aws:kms:ap-northeast-1:111122223333:key/${id}`, 'pending-deletion').status;
    expect([st('a'), st('b'), st('c'), st('d')]).toEqual(['fail', 'pass', 'unknown', 'pass']);
  });

  it('reads the disposal tag under the name the policy gives it', () => {
    const b = new ModelBuilder();
    key(b, 'k', 'kms-key', { pendingDeletion: b.fact(true) }, { 'city:disposal': 'approved' });
    const policy = defaultPolicy();
    policy.tagKeys.disposal = 'city:disposal';
    expect(only(run(check, b, policy), 'k', 'pending-deletion').status).toBe('pass');
    expect(only(run(check, b), 'k', 'pending-deletion').status).toBe('fail');
  });

  it('Key Vault: purge protection off fails and says how long soft delete keeps keys; on passes with the erasure delay', () => {
    const b = new ModelBuilder('azure', 'main.json');
    key(b, 'kv-off', 'key-vault', { purgeProtection: defaulted(false), softDeleteRetentionDays: b.fact(14) });
    key(b, 'kv-on', 'key-vault', { purgeProtection: b.fact(true), softDeleteRetentionDays: defaulted(90) });
    key(b, 'kv-open', 'key-vault', { purgeProtection: b.fact<boolean>(cause('parameter purge')) });
    const drafts = run(check, b);
    const off = only(drafts, 'kv-off');
    expect(off.status).toBe('fail');
    expect(off.message.en).toContain('(14 days)');
    expect(off.message.ja).toContain('14 日');
    const on = only(drafts, 'kv-on');
    expect(on.status).toBe('pass');
    expect(on.message.en).toContain('kept 90 days (the default when unset)');
    expect(on.evidence).toEqual({ purgeProtection: true, softDeleteRetentionDays: 90 });
    expect(only(drafts, 'kv-open').unknown?.[0].inputs).toEqual(['parameter purge']);
  });

  it('does not judge vault keys or disk encryption sets', () => {
    const b = new ModelBuilder('azure');
    key(b, 'kv/key', 'key-vault-key', { rotationEnabled: b.fact(true) });
    key(b, 'des', 'disk-encryption-set');
    expect(run(check, b)).toEqual([]);
  });
});
