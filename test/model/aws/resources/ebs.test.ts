import { describe, expect, it } from 'vitest';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift } from './harness.js';

describe('EBS volumes from Terraform', () => {
  const key = tf('aws_kms_key', 'ebs', {});

  it('a volume with a key is customer-managed; encrypted = false is none', () => {
    const v1 = tf('aws_ebs_volume', 'data', { encrypted: true, kms_key_id: tfRef('aws_kms_key.ebs', 'arn') });
    const v2 = tf('aws_ebs_volume', 'plain', { encrypted: false });
    const { model } = lift([v1, v2, key]);
    expect(get(model, v1.key, 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: key.key } } });
    expect(get(model, v2.key, 'data-store').encryption).toEqual({ known: true, value: { mode: 'none' }, loc: v2.attrs.fields.encrypted.loc });
  });

  it('encryption left to the account is unknown naming the account setting when the scan does not define it', () => {
    const v = tf('aws_ebs_volume', 'data', { size: 100 });
    const enc = get(lift([v]).model, v.key, 'data-store').encryption;
    expect(enc?.known).toBe(false);
    expect(enc?.known === false && enc.cause.inputs).toEqual(['aws_ebs_encryption_by_default']);
  });

  it('joins EBS encryption by default and the default key of the same scope', () => {
    const v = tf('aws_ebs_volume', 'data', {});
    const on = tf('aws_ebs_encryption_by_default', 'this', { enabled: true });
    const dk = tf('aws_ebs_default_kms_key', 'this', { key_arn: tfRef('aws_kms_key.ebs', 'arn') });
    const enc1 = tf('aws_ebs_volume', 'enc', { encrypted: true });
    const { model } = lift([v, enc1, on, dk, key]);
    expect(get(model, v.key, 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: key.key } } });
    expect(get(model, enc1.key, 'data-store').encryption).toMatchObject({
      value: { mode: 'customer-managed' },
      loc: enc1.attrs.fields.encrypted.loc,
    });
    const svc = get(model, on.key, 'account-service');
    expect(svc.serviceType).toBe('ebs-default-encryption');
    expect(svc.enabled).toMatchObject({ value: true });
  });

  it('encryption by default without a default key uses aws/ebs; switched off leaves volumes unencrypted', () => {
    const v = tf('aws_ebs_volume', 'data', {});
    const on = tf('aws_ebs_encryption_by_default', 'this', {});
    expect(get(lift([v, on]).model, v.key, 'data-store').encryption).toMatchObject({
      value: { mode: 'provider-managed', keyText: 'alias/aws/ebs' },
      defaulted: true,
    });
    const off = tf('aws_ebs_encryption_by_default', 'this', { enabled: false });
    expect(get(lift([v, off]).model, v.key, 'data-store').encryption).toMatchObject({ value: { mode: 'none' }, defaulted: true });
  });

  it('a default key alone leaves encryption by default unknown', () => {
    const v = tf('aws_ebs_volume', 'data', {});
    const dk = tf('aws_ebs_default_kms_key', 'this', { key_arn: tfRef('aws_kms_key.ebs', 'arn') });
    const enc = get(lift([v, dk, key]).model, v.key, 'data-store').encryption;
    expect(enc?.known === false && enc.cause.inputs).toEqual(['aws_ebs_encryption_by_default']);
  });

  it('does not join account settings of another root module', () => {
    const v = tf('aws_ebs_volume', 'data', {}, { scope: 'app' });
    const on = tf('aws_ebs_encryption_by_default', 'this', {}, { scope: 'account' });
    expect(get(lift([v, on]).model, v.key, 'data-store').encryption?.known).toBe(false);
  });

  it('instances get their root volume (written or synthesized) and their EBS block devices', () => {
    const i1 = tf('aws_instance', 'app', {
      tags: { 'lg:classification': '3' },
      root_block_device: [{ encrypted: true, kms_key_id: tfRef('aws_kms_key.ebs', 'arn') }],
      ebs_block_device: [{ device_name: '/dev/sdf', encrypted: unk('var.encrypt_data') }],
    });
    const i2 = tf('aws_instance', 'bastion', {});
    const { model } = lift([i1, i2, key]);
    const root = get(model, `${i1.key}#root_block_device`, 'data-store');
    expect(root.storeType).toBe('ebs-volume');
    expect(root.encryption).toMatchObject({ value: { mode: 'customer-managed' } });
    expect(root.tags).toMatchObject({ value: { 'lg:classification': '3' } });
    expect(root.platformDefault).toBeUndefined();
    const data = get(model, `${i1.key}#ebs_block_device[/dev/sdf]`, 'data-store');
    expect(data.encryption?.known === false && data.encryption.cause.inputs).toEqual(['var.encrypt_data']);
    const synth = get(model, `${i2.key}#root_block_device`, 'data-store');
    expect(synth.platformDefault).toBe('root volume of the instance');
    expect(synth.encryption?.known).toBe(false);
  });

  it('launch template block device mappings (string booleans) become volumes', () => {
    const lt = tf('aws_launch_template', 'app', {
      block_device_mappings: [
        { device_name: '/dev/xvda', ebs: [{ encrypted: 'true', kms_key_id: tfRef('aws_kms_key.ebs', 'arn') }] },
        { device_name: '/dev/sdb', virtual_name: 'ephemeral0' },
      ],
    });
    const { model } = lift([lt, key]);
    expect(get(model, `${lt.key}#block_device_mappings[/dev/xvda]`, 'data-store').encryption).toMatchObject({
      value: { mode: 'customer-managed' },
    });
    expect(model.get(`${lt.key}#block_device_mappings[/dev/sdb]`)).toBeUndefined();
  });

  it('snapshots are encrypted as their volume', () => {
    const v = tf('aws_ebs_volume', 'data', { encrypted: false });
    const s = tf('aws_ebs_snapshot', 'data', { volume_id: tfRef('aws_ebs_volume.data', 'id') });
    const c = tf('aws_ebs_snapshot_copy', 'dr', { source_snapshot_id: tfRef('aws_ebs_snapshot.data', 'id'), encrypted: true, kms_key_id: tfRef('aws_kms_key.ebs', 'arn') });
    const { model } = lift([c, s, v, key]);
    const snap = get(model, s.key, 'data-store');
    expect(snap.storeType).toBe('ebs-snapshot');
    expect(snap.snapshotOf).toMatchObject({ value: v.key });
    expect(snap.encryption).toMatchObject({ value: { mode: 'none' } });
    expect(get(model, c.key, 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed' } });
  });
});

describe('EBS from CloudFormation', () => {
  it('volumes and instance block device mappings', () => {
    const k = cfn('AWS::KMS::Key', 'Key', {});
    const v = cfn('AWS::EC2::Volume', 'Data', { Encrypted: true, KmsKeyId: cfnRef('Key', 'Arn'), Size: 10 });
    const i = cfn('AWS::EC2::Instance', 'App', {
      BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { Encrypted: false, VolumeSize: 20 } }],
    });
    const j = cfn('AWS::EC2::Instance', 'Db', {
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, KmsKeyId: cfnRef('Key') } }],
    });
    const { model } = lift([k, v, i, j]);
    expect(get(model, v.key, 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: k.key } } });
    expect(get(model, `${i.key}#BlockDeviceMappings[/dev/sdf]`, 'data-store').encryption).toMatchObject({ value: { mode: 'none' } });
    // No mapping for a root device: the root volume is synthesized and left to the account.
    const root = get(model, `${i.key}#root_block_device`, 'data-store').encryption;
    expect(root?.known).toBe(false);
    // CloudFormation has no resource for the account setting: it is named as the account setting, not a Terraform type.
    expect(root?.known === false && root.cause.inputs).toEqual(['EBS encryption by default (account setting)']);
    const unwritten = cfn('AWS::EC2::Volume', 'Scratch', { Size: 5 });
    const enc = get(lift([unwritten]).model, unwritten.key, 'data-store').encryption;
    expect(enc?.known === false && enc.cause.inputs).toEqual(['EBS encryption by default (account setting)']);
    expect(model.get(`${j.key}#root_block_device`)).toBeUndefined();
    expect(get(model, `${j.key}#BlockDeviceMappings[/dev/xvda]`, 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed' } });
  });
});
