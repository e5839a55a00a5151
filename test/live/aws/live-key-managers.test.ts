// Keys a live bucket or backup vault names: AWS names its managed keys (aws/s3,
// aws/backup) by key ARN like any customer key, so only the key's own
// configuration item tells them apart; without it the encryption is unknown.
import { describe, expect, it } from 'vitest';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';

const ACCOUNT = '444455556666';
const origin = { accountId: ACCOUNT, region: 'ap-northeast-1' };
const keyArn = (id: string) => `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/${id}`;
const AWS_S3_KEY = '5d1f0c3a-7b2e-4e6f-9a1b-2c3d4e5f6a70';
const AWS_BACKUP_KEY = '5d1f0c3a-7b2e-4e6f-9a1b-2c3d4e5f6a71';
const CUSTOMER_KEY = '5d1f0c3a-7b2e-4e6f-9a1b-2c3d4e5f6a72';
const NOT_RECORDED = '5d1f0c3a-7b2e-4e6f-9a1b-2c3d4e5f6a7f';

function key(id: string, keyManager: 'AWS' | 'CUSTOMER') {
  return {
    resourceType: 'AWS::KMS::Key',
    resourceId: id,
    arn: keyArn(id),
    configurationItemStatus: 'OK',
    configuration: { keyId: id, arn: keyArn(id), keyManager, keyState: 'Enabled', enabled: true, origin: 'AWS_KMS', keySpec: 'SYMMETRIC_DEFAULT' },
    tags: [],
  };
}

function bucket(name: string, kmsMasterKeyID: string) {
  return {
    resourceType: 'AWS::S3::Bucket',
    resourceId: name,
    resourceName: name,
    arn: `arn:aws:s3:::${name}`,
    configurationItemStatus: 'OK',
    configuration: { name, owner: { id: 'f00d' }, creationDate: '2025-06-01T00:00:00.000Z' },
    supplementaryConfiguration: {
      ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID }, bucketKeyEnabled: true }] },
      PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    },
    tags: [{ key: 'lg:classification', value: '3' }],
  };
}

function vault(name: string, encryptionKeyArn: string) {
  const arn = `arn:aws:backup:ap-northeast-1:${ACCOUNT}:backup-vault:${name}`;
  return {
    resourceType: 'AWS::Backup::BackupVault',
    resourceId: name,
    resourceName: name,
    arn,
    configurationItemStatus: 'OK',
    configuration: { BackupVaultName: name, BackupVaultArn: arn, EncryptionKeyArn: encryptionKeyArn },
    tags: [],
  };
}

function encryptionOf(items: Record<string, unknown>[], name: string) {
  const natives = items.map((i) => nativeOfItem(i, origin)).filter((r): r is NativeResource => r !== undefined);
  const model = new CloudModel();
  liftAws(natives, { model, links: new LinkResolver(natives) });
  const store = model.all('data-store').find((s) => s.name?.known && s.name.value === name) ?? model.all('data-store').find((s) => s.address.endsWith(name));
  return store?.encryption;
}

const KEYS = [key(AWS_S3_KEY, 'AWS'), key(AWS_BACKUP_KEY, 'AWS'), key(CUSTOMER_KEY, 'CUSTOMER')];

describe('keys named by live buckets and backup vaults', () => {
  it('a bucket under the AWS managed aws/s3 key, named by its key ARN, is provider-managed', () => {
    const e = encryptionOf([...KEYS, bucket('jumin-scan-images', keyArn(AWS_S3_KEY))], 'jumin-scan-images');
    expect(e?.known && e.value.mode).toBe('provider-managed');
  });

  it('a bucket under a key whose item was not read is unknown, naming the key item', () => {
    const e = encryptionOf([...KEYS, bucket('jumin-scan-archive', keyArn(NOT_RECORDED))], 'jumin-scan-archive');
    expect(e?.known).toBe(false);
    expect(e && !e.known && e.cause.inputs).toEqual([`AWS::KMS::Key ${keyArn(NOT_RECORDED)}`]);
  });

  it('a bucket under a recorded customer key, or a customer alias ARN, is customer-managed; the aws/s3 alias ARN is not', () => {
    const byKey = encryptionOf([...KEYS, bucket('jumin-forms', keyArn(CUSTOMER_KEY))], 'jumin-forms');
    expect(byKey?.known && byKey.value.mode).toBe('customer-managed');
    const byAlias = encryptionOf([...KEYS, bucket('jumin-forms-2', `arn:aws:kms:ap-northeast-1:${ACCOUNT}:alias/jumin-data`)], 'jumin-forms-2');
    expect(byAlias?.known && byAlias.value.mode).toBe('customer-managed');
    const awsAlias = encryptionOf([...KEYS, bucket('jumin-forms-3', `arn:aws:kms:ap-northeast-1:${ACCOUNT}:alias/aws/s3`)], 'jumin-forms-3');
    expect(awsAlias?.known && awsAlias.value.mode).toBe('provider-managed');
  });

  it('a backup vault made without a key (aws/backup, by key ARN) is provider-managed; an unread key is unknown', () => {
    const byDefault = encryptionOf([...KEYS, vault('jumin-vault', keyArn(AWS_BACKUP_KEY))], 'jumin-vault');
    expect(byDefault?.known && byDefault.value.mode).toBe('provider-managed');
    const unread = encryptionOf([...KEYS, vault('jumin-vault-2', keyArn(NOT_RECORDED))], 'jumin-vault-2');
    expect(unread?.known).toBe(false);
    const customer = encryptionOf([...KEYS, vault('jumin-vault-3', keyArn(CUSTOMER_KEY))], 'jumin-vault-3');
    expect(customer?.known && customer.value.mode).toBe('customer-managed');
  });
});
