import { describe, expect, it } from 'vitest';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift } from './harness.js';

describe('KMS keys from Terraform', () => {
  it('applies the provider defaults when the key says nothing', () => {
    const k = tf('aws_kms_key', 'juki', {});
    const key = get(lift([k]).model, k.key, 'key');
    expect(key.keyType).toBe('kms-key');
    expect(key.rotationEnabled).toEqual({ known: true, value: false, loc: k.loc, defaulted: true });
    expect(key.deletionWindowDays).toMatchObject({ value: 30, defaulted: true });
    expect(key.enabled).toMatchObject({ value: true, defaulted: true });
    expect(key.multiRegion).toMatchObject({ value: false, defaulted: true });
    // No policy written: the default key policy, modelled as null.
    expect(key.policy).toMatchObject({ known: true, value: null, defaulted: true });
  });

  it('reads written settings with their locations and keeps unknown inputs', () => {
    const k = tf('aws_kms_key', 'logs', {
      enable_key_rotation: true,
      deletion_window_in_days: unk('var.key_deletion_window'),
      multi_region: true,
      policy: '{"Version":"2012-10-17","Statement":[]}',
      tags: { 'lg:tenant': 'city-a' },
    });
    const key = get(lift([k]).model, k.key, 'key');
    expect(key.rotationEnabled).toEqual({ known: true, value: true, loc: k.attrs.fields.enable_key_rotation.loc });
    expect(key.deletionWindowDays?.known).toBe(false);
    expect(key.deletionWindowDays?.known === false && key.deletionWindowDays.cause.inputs).toEqual(['var.key_deletion_window']);
    expect(key.multiRegion).toMatchObject({ value: true });
    expect(key.policy).toMatchObject({ value: '{"Version":"2012-10-17","Statement":[]}' });
    expect(key.tags).toMatchObject({ value: { 'lg:tenant': 'city-a' } });
  });

  it('adds aliases and a separate key policy to the key, whatever the order', () => {
    const alias = tf('aws_kms_alias', 'juki', { name: 'alias/juki', target_key_id: tfRef('aws_kms_key.juki', 'key_id') });
    const pol = tf('aws_kms_key_policy', 'juki', { key_id: tfRef('aws_kms_key.juki', 'id'), policy: '{"Statement":[]}' });
    const k = tf('aws_kms_key', 'juki', {});
    const key = get(lift([alias, pol, k]).model, k.key, 'key');
    expect(key.aliases).toEqual(['alias/juki']);
    expect(key.policy).toMatchObject({ known: true, value: '{"Statement":[]}' });
  });

  it('models replica keys: multi-region, primary link, rotation of the primary', () => {
    const p = tf('aws_kms_key', 'primary', { multi_region: true, enable_key_rotation: true });
    const r = tf('aws_kms_replica_key', 'osaka', { primary_key_arn: tfRef('aws_kms_key.primary', 'arn'), deletion_window_in_days: 7 });
    const { model } = lift([r, p]);
    const rep = get(model, r.key, 'key');
    expect(rep.primaryKey).toMatchObject({ known: true, value: p.key });
    expect(rep.multiRegion).toMatchObject({ value: true, defaulted: true });
    expect(rep.rotationEnabled).toMatchObject({ value: true });
    expect(rep.deletionWindowDays).toMatchObject({ value: 7 });
  });

  it('external keys cannot rotate', () => {
    const k = tf('aws_kms_external_key', 'byok', { enabled: false });
    const key = get(lift([k]).model, k.key, 'key');
    expect(key.rotationEnabled).toMatchObject({ value: false, defaulted: true });
    expect(key.enabled).toMatchObject({ value: false });
  });

  it('gives the key spec and the key material origin, with their defaults', () => {
    const plain = tf('aws_kms_key', 'juki', {});
    const signing = tf('aws_kms_key', 'signing', { customer_master_key_spec: 'ECC_NIST_P256', key_usage: 'SIGN_VERIFY' });
    const spec = tf('aws_kms_key', 'spec', { customer_master_key_spec: unk('var.key_spec') });
    const hsm = tf('aws_kms_key', 'hsm', { custom_key_store_id: 'cks-1234567890abcdef0' });
    const xks = tf('aws_kms_key', 'xks', { custom_key_store_id: 'cks-abcdef', xks_key_id: 'ext-key-1' });
    const byok = tf('aws_kms_external_key', 'byok', {});
    const { model } = lift([plain, signing, spec, hsm, xks, byok]);
    expect(get(model, plain.key, 'key').keySpec).toMatchObject({ known: true, value: 'SYMMETRIC_DEFAULT', defaulted: true });
    expect(get(model, plain.key, 'key').origin).toMatchObject({ known: true, value: 'AWS_KMS', defaulted: true });
    expect(get(model, signing.key, 'key').keySpec).toEqual({ known: true, value: 'ECC_NIST_P256', loc: signing.attrs.fields.customer_master_key_spec.loc });
    const unknownSpec = get(model, spec.key, 'key').keySpec;
    expect(unknownSpec?.known === false && unknownSpec.cause.inputs).toEqual(['var.key_spec']);
    expect(get(model, hsm.key, 'key').origin).toMatchObject({ known: true, value: 'AWS_CLOUDHSM' });
    expect(get(model, xks.key, 'key').origin).toMatchObject({ known: true, value: 'EXTERNAL_KEY_STORE' });
    expect(get(model, byok.key, 'key').origin).toMatchObject({ known: true, value: 'EXTERNAL' });
    expect(get(model, byok.key, 'key').keySpec).toMatchObject({ known: true, value: 'SYMMETRIC_DEFAULT' });
  });

  it('a replica key has the key spec and origin of its primary', () => {
    const p = tf('aws_kms_key', 'primary', { multi_region: true, customer_master_key_spec: 'RSA_2048' });
    const r = tf('aws_kms_replica_key', 'osaka', { primary_key_arn: tfRef('aws_kms_key.primary', 'arn') });
    const rep = get(lift([r, p]).model, r.key, 'key');
    expect(rep.keySpec).toMatchObject({ known: true, value: 'RSA_2048' });
    expect(rep.origin).toMatchObject({ known: true, value: 'AWS_KMS' });
  });

  it('accepts plan sources', () => {
    const k = tf('aws_kms_key', 'p', { enable_key_rotation: true }, { source: 'terraform-plan' });
    expect(get(lift([k]).model, k.key, 'key').rotationEnabled).toMatchObject({ value: true });
  });
});

describe('KMS keys from CloudFormation', () => {
  it('reads KeyPolicy objects, PendingWindowInDays and aliases', () => {
    const k = cfn('AWS::KMS::Key', 'DataKey', {
      EnableKeyRotation: true,
      PendingWindowInDays: 7,
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: unk('parameter AdminArn') }, Action: 'kms:*', Resource: '*' }],
      },
      Tags: [{ Key: 'lg:segment', Value: 'mynumber' }],
    });
    const a = cfn('AWS::KMS::Alias', 'DataKeyAlias', { AliasName: 'alias/data', TargetKeyId: cfnRef('DataKey') });
    const key = get(lift([a, k]).model, k.key, 'key');
    expect(key.rotationEnabled).toMatchObject({ value: true });
    expect(key.deletionWindowDays).toMatchObject({ value: 7 });
    expect(key.aliases).toEqual(['alias/data']);
    expect(key.tags).toMatchObject({ value: { 'lg:segment': 'mynumber' } });
    expect(key.policy?.known && JSON.parse(String(key.policy.value)).Statement[0].Principal.AWS).toEqual({
      'kikan:unknown': { inputs: ['parameter AdminArn'], detail: 'parameter AdminArn is not set' },
    });
  });

  it('defaults: no rotation, 30 days, default policy', () => {
    const k = cfn('AWS::KMS::Key', 'K', {});
    const key = get(lift([k]).model, k.key, 'key');
    expect(key.rotationEnabled).toMatchObject({ value: false, defaulted: true });
    expect(key.deletionWindowDays).toMatchObject({ value: 30, defaulted: true });
    expect(key.policy).toMatchObject({ value: null, defaulted: true });
  });

  it('reads KeySpec and Origin, defaulting to a symmetric key with KMS material', () => {
    const plain = cfn('AWS::KMS::Key', 'Plain', {});
    const imported = cfn('AWS::KMS::Key', 'Imported', { Origin: 'EXTERNAL' });
    const hmac = cfn('AWS::KMS::Key', 'Mac', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const { model } = lift([plain, imported, hmac]);
    expect(get(model, plain.key, 'key').keySpec).toMatchObject({ value: 'SYMMETRIC_DEFAULT', defaulted: true });
    expect(get(model, plain.key, 'key').origin).toMatchObject({ value: 'AWS_KMS', defaulted: true });
    expect(get(model, imported.key, 'key').origin).toEqual({ known: true, value: 'EXTERNAL', loc: imported.attrs.fields.Origin.loc });
    expect(get(model, hmac.key, 'key').keySpec).toMatchObject({ value: 'HMAC_256' });
  });

  it('replica keys link their primary', () => {
    const p = cfn('AWS::KMS::Key', 'Primary', { MultiRegion: true });
    const r = cfn('AWS::KMS::ReplicaKey', 'Replica', { PrimaryKeyArn: cfnRef('Primary', 'Arn'), KeyPolicy: {} });
    const rep = get(lift([p, r]).model, r.key, 'key');
    expect(rep.primaryKey).toMatchObject({ value: p.key });
    expect(rep.rotationEnabled).toMatchObject({ value: false, defaulted: true });
  });
});
