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

  it('replica keys link their primary', () => {
    const p = cfn('AWS::KMS::Key', 'Primary', { MultiRegion: true });
    const r = cfn('AWS::KMS::ReplicaKey', 'Replica', { PrimaryKeyArn: cfnRef('Primary', 'Arn'), KeyPolicy: {} });
    const rep = get(lift([p, r]).model, r.key, 'key');
    expect(rep.primaryKey).toMatchObject({ value: p.key });
    expect(rep.rotationEnabled).toMatchObject({ value: false, defaulted: true });
  });
});
