import { describe, expect, it } from 'vitest';
import type { DataStore } from '../../../../src/model/data.js';
import { path } from '../../../../src/readers/value.js';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift } from './harness.js';

function bucket(resources: Parameters<typeof lift>[0], key: string): DataStore {
  const s = get(lift(resources).model, key, 'data-store');
  expect(s.storeType).toBe('s3-bucket');
  return s;
}

const publicPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }],
});

describe('S3 buckets from Terraform: platform defaults', () => {
  it('a bare bucket is SSE-S3 encrypted, blocked from public access, unversioned, kept forever', () => {
    const b = tf('aws_s3_bucket', 'data', { bucket: 'city-a-data' });
    const s = bucket([b], b.key);
    expect(s.name).toMatchObject({ value: 'city-a-data' });
    expect(s.encryption).toEqual({ known: true, value: { mode: 'provider-managed' }, loc: b.loc, defaulted: true });
    expect(s.publicAccessBlocked).toMatchObject({ value: true, defaulted: true });
    expect(s.publicRead).toMatchObject({ value: false });
    expect(s.versioning).toMatchObject({ value: false, defaulted: true });
    expect(s.expirationDays).toMatchObject({ value: null, defaulted: true });
    expect(s.accessLogging).toMatchObject({ value: false, defaulted: true });
    expect(s.immutable).toMatchObject({ value: false });
    expect(s.httpsOnly).toMatchObject({ value: false, defaulted: true });
    expect(s.replicationRegions).toMatchObject({ value: [], defaulted: true });
    expect(s.policy).toMatchObject({ value: null, defaulted: true });
  });

  it('a bucket named by prefix has an unknown name', () => {
    const b = tf('aws_s3_bucket', 'x', { bucket_prefix: 'logs-' });
    expect(bucket([b], b.key).name?.known).toBe(false);
  });
});

describe('S3 encryption', () => {
  const key = tf('aws_kms_key', 's3', {});

  it('split SSE resource with a customer key reference', () => {
    const b = tf('aws_s3_bucket', 'data', { bucket: 'd' });
    const sse = tf('aws_s3_bucket_server_side_encryption_configuration', 'data', {
      bucket: tfRef('aws_s3_bucket.data', 'id'),
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: tfRef('aws_kms_key.s3', 'arn') }] }],
    });
    const s = bucket([sse, b, key], b.key);
    expect(s.encryption).toMatchObject({ known: true, value: { mode: 'customer-managed', key: { known: true, value: key.key } } });
    const keyLoc = (sse.attrs.fields.rule as any).items[0].fields.apply_server_side_encryption_by_default.items[0].fields.kms_master_key_id.loc;
    expect(s.encryption?.loc).toEqual(keyLoc);
  });

  it('a split SSE resource created only under an unresolved condition leaves the encryption unknown, naming the condition', () => {
    const b = tf('aws_s3_bucket', 'data', { bucket: 'd' });
    const sse = tf('aws_s3_bucket_server_side_encryption_configuration', 'data', {
      bucket: tfRef('aws_s3_bucket.data', 'id'),
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: tfRef('aws_kms_key.s3', 'arn') }] }],
    });
    sse.conditional = { inputs: ['var.use_cmk'], detail: 'count depends on var.use_cmk' };
    expect(bucket([sse, b, key], b.key).encryption).toEqual({ known: false, cause: sse.conditional, loc: sse.loc });
  });

  it('aws:kms without a key is the AWS managed key; alias/aws/s3 too', () => {
    const b1 = tf('aws_s3_bucket', 'a', {
      bucket: 'a',
      server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }],
    });
    const b2 = tf('aws_s3_bucket', 'b', { bucket: 'b' });
    const sse2 = tf('aws_s3_bucket_server_side_encryption_configuration', 'b', {
      bucket: 'b',
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/aws/s3' }] }],
    });
    const { model } = lift([b1, b2, sse2]);
    expect(get(model, b1.key, 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(get(model, b2.key, 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed', keyText: 'alias/aws/s3' } });
  });

  it('a customer alias resolves to the key through the alias, in any input order', () => {
    const b = tf('aws_s3_bucket', 'a', { bucket: 'a' });
    const sse = tf('aws_s3_bucket_server_side_encryption_configuration', 'a', {
      bucket: tfRef('aws_s3_bucket.a', 'id'),
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/juki-data' }] }],
    });
    const alias = tf('aws_kms_alias', 'data', { name: 'alias/juki-data', target_key_id: tfRef('aws_kms_key.s3', 'key_id') });
    const s = bucket([b, sse, alias, key], b.key);
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', keyText: 'alias/juki-data', key: { known: true, value: key.key } } });
  });

  it('a reference to an alias resource resolves to its key', () => {
    const b = tf('aws_s3_bucket', 'a', { bucket: 'a' });
    const sse = tf('aws_s3_bucket_server_side_encryption_configuration', 'a', {
      bucket: tfRef('aws_s3_bucket.a', 'id'),
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: tfRef('aws_kms_alias.data', 'arn') }] }],
    });
    const alias = tf('aws_kms_alias', 'data', { name: 'alias/d', target_key_id: tfRef('aws_kms_key.s3', 'key_id') });
    expect(bucket([b, sse, alias, key], b.key).encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: key.key } } });
  });

  it('a key from an unset variable or a data source is unknown naming it; a literal key ARN is customer-managed', () => {
    const b = tf('aws_s3_bucket', 'a', { bucket: 'a' });
    const sse = tf('aws_s3_bucket_server_side_encryption_configuration', 'a', {
      bucket: 'a',
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: unk('data.aws_kms_key.shared') }] }],
    });
    const arn = 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const c = tf('aws_s3_bucket', 'c', { bucket: 'c' });
    const sseC = tf('aws_s3_bucket_server_side_encryption_configuration', 'c', {
      bucket: 'c',
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: arn }] }],
    });
    const { model } = lift([b, sse, c, sseC]);
    const enc = get(model, b.key, 'data-store').encryption;
    expect(enc?.known === false && enc.cause.inputs).toEqual(['data.aws_kms_key.shared']);
    expect(get(model, c.key, 'data-store').encryption).toMatchObject({
      value: { mode: 'customer-managed', keyText: arn, key: { known: false } },
    });
  });
});

describe('S3 exposure', () => {
  it('a public-read ACL counts only when ACLs are enabled and not blocked', () => {
    const b = tf('aws_s3_bucket', 'site', { bucket: 'site' });
    const acl = tf('aws_s3_bucket_acl', 'site', { bucket: tfRef('aws_s3_bucket.site', 'id'), acl: 'public-read' });
    // The 2023 defaults (BucketOwnerEnforced, all four blocks) guard only buckets created since:
    // against an ACL the definition writes they are no guard.
    expect(bucket([b, acl], b.key).publicRead).toMatchObject({ known: true, value: true });
    // Written, the same settings neutralise it.
    const enforced = tf('aws_s3_bucket_ownership_controls', 'site', { bucket: tfRef('aws_s3_bucket.site', 'id'), rule: [{ object_ownership: 'BucketOwnerEnforced' }] });
    expect(bucket([b, acl, enforced], b.key).publicRead).toMatchObject({ value: false });

    const own = tf('aws_s3_bucket_ownership_controls', 'site', { bucket: tfRef('aws_s3_bucket.site', 'id'), rule: [{ object_ownership: 'ObjectWriter' }] });
    const pab = tf('aws_s3_bucket_public_access_block', 'site', { bucket: tfRef('aws_s3_bucket.site', 'id'), block_public_policy: true });
    const s = bucket([b, acl, own, pab], b.key);
    expect(s.publicRead).toMatchObject({ known: true, value: true, loc: acl.attrs.fields.acl.loc });
    expect(s.publicAccessBlocked).toMatchObject({ value: false });
  });

  it('a public policy counts when the public access block is switched off', () => {
    const b = tf('aws_s3_bucket', 'site', { bucket: 'site' });
    const pol = tf('aws_s3_bucket_policy', 'site', { bucket: 'site', policy: publicPolicy });
    // Block Public Access left to the 2023 default may not cover an older bucket.
    expect(bucket([b, pol], b.key).publicRead).toMatchObject({ value: true });
    const blocked = tf('aws_s3_bucket_public_access_block', 'site', { bucket: 'site', block_public_policy: true, restrict_public_buckets: true });
    expect(bucket([b, pol, blocked], b.key).publicRead).toMatchObject({ value: false });
    const pab = tf('aws_s3_bucket_public_access_block', 'site', {
      bucket: 'site',
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: false,
      restrict_public_buckets: false,
    });
    const s = bucket([b, pol, pab], b.key);
    expect(s.publicRead).toMatchObject({ value: true, loc: pol.attrs.fields.policy.loc });
    expect(s.policy).toMatchObject({ value: publicPolicy });
  });

  it('a public policy created only under an unresolved condition leaves the bucket unknown, naming the condition', () => {
    const b = tf('aws_s3_bucket', 'site', { bucket: 'site' });
    const pol = tf('aws_s3_bucket_policy', 'site', { bucket: 'site', policy: publicPolicy });
    pol.conditional = { inputs: ['var.open_site'], detail: 'count depends on var.open_site' };
    const s = bucket([b, pol], b.key);
    expect(s.publicRead).toEqual({ known: false, cause: pol.conditional, loc: pol.attrs.fields.policy.loc });
    // A written block still settles it: the policy could not take effect even if created.
    const blocked = tf('aws_s3_bucket_public_access_block', 'site', { bucket: 'site', block_public_policy: true, restrict_public_buckets: true });
    expect(bucket([b, pol, blocked], b.key).publicRead).toMatchObject({ known: true, value: false });
  });

  it('a public access block, ACL or ownership setting created only under an unresolved condition counts only where the bucket says the same without it', () => {
    const condition = { inputs: ['var.harden'], detail: 'count depends on var.harden' };
    const b = tf('aws_s3_bucket', 'site', { bucket: 'site' });
    const pol = tf('aws_s3_bucket_policy', 'site', { bucket: 'site', policy: publicPolicy });
    const pab = tf('aws_s3_bucket_public_access_block', 'site', {
      bucket: 'site',
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: true,
      restrict_public_buckets: true,
    });
    pab.conditional = condition;
    // Without the block the written public policy is open (the 2023 default is no guard against it): unknown.
    const guarded = bucket([b, pol, pab], b.key);
    expect(guarded.publicRead).toEqual({ known: false, cause: condition, loc: pab.attrs.fields.block_public_policy.loc });
    expect(guarded.publicAccessBlocked?.known).toBe(false);

    const acl = tf('aws_s3_bucket_acl', 'site', { bucket: 'site', acl: 'public-read' });
    const own = tf('aws_s3_bucket_ownership_controls', 'site', { bucket: 'site', rule: [{ object_ownership: 'ObjectWriter' }] });
    const open = tf('aws_s3_bucket_public_access_block', 'site', { bucket: 'site' });
    acl.conditional = condition;
    expect(bucket([b, acl, own, open], b.key).publicRead).toMatchObject({ known: false, cause: condition });
    // A private ACL under the condition changes nothing: the bucket has no public ACL either way.
    const privateAcl = tf('aws_s3_bucket_acl', 'site', { bucket: 'site', acl: 'private' });
    privateAcl.conditional = condition;
    expect(bucket([b, privateAcl, own, open], b.key).publicRead).toMatchObject({ known: true, value: false });
  });

  it('a policy restricted to a VPC endpoint is not public; an unknown principal keeps it unknown', () => {
    const restricted = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b' } } },
      ],
    });
    const off = { block_public_acls: false, ignore_public_acls: false, block_public_policy: false, restrict_public_buckets: false };
    const b = tf('aws_s3_bucket', 'a', { bucket: 'a' });
    const pol = tf('aws_s3_bucket_policy', 'a', { bucket: 'a', policy: restricted });
    const pab = tf('aws_s3_bucket_public_access_block', 'a', { bucket: 'a', ...off });
    expect(bucket([b, pol, pab], b.key).publicRead).toMatchObject({ value: false });

    const c = cfn('AWS::S3::Bucket', 'Share', { PublicAccessBlockConfiguration: {} });
    const cp = cfn('AWS::S3::BucketPolicy', 'SharePolicy', {
      Bucket: cfnRef('Share'),
      PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: unk('parameter ReaderArn') }, Action: 's3:GetObject', Resource: '*' }] },
    });
    const pr = bucket([c, cp], c.key).publicRead;
    expect(pr?.known === false && pr.cause.inputs).toEqual(['parameter ReaderArn']);
  });

  it('a principal known in part (the stack account root) is no one from the public', () => {
    const c = cfn('AWS::S3::Bucket', 'Archive', { PublicAccessBlockConfiguration: {} });
    const cp = cfn('AWS::S3::BucketPolicy', 'ArchivePolicy', {
      Bucket: cfnRef('Archive'),
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: unk('AWS::AccountId', 'AWS::AccountId is known only at deployment', 'arn:aws:iam::${AWS::AccountId}:root') },
            Action: 's3:GetObject',
            Resource: '*',
          },
        ],
      },
    });
    expect(bucket([c, cp], c.key).publicRead).toMatchObject({ known: true, value: false });
  });

  it('the account-level public access block covers buckets of its scope', () => {
    const b = tf('aws_s3_bucket', 'a', { bucket: 'a' });
    const pab = tf('aws_s3_bucket_public_access_block', 'a', { bucket: 'a' });
    const acct = tf('aws_s3_account_public_access_block', 'this', {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(bucket([b, pab], b.key).publicAccessBlocked).toMatchObject({ value: false });
    expect(bucket([b, pab, acct], b.key).publicAccessBlocked).toMatchObject({ value: true });
  });

  it('derives TLS enforcement from the bucket policy', () => {
    const tls = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::a', 'arn:aws:s3:::a/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
      ],
    });
    const b = tf('aws_s3_bucket', 'a', { bucket: 'a', policy: tls });
    const s = bucket([b], b.key);
    expect(s.httpsOnly).toMatchObject({ value: true });
    expect(s.minTlsVersion).toMatchObject({ value: '1.2' });
  });
});

describe('S3 versioning, lifecycle, object lock, logging, replication', () => {
  it('reads the split resources', () => {
    const b = tf('aws_s3_bucket', 'logs', { bucket: 'city-a-logs', object_lock_enabled: true }, { region: 'ap-northeast-1' });
    const dr = tf('aws_s3_bucket', 'dr', { bucket: 'city-a-logs-dr' }, { region: 'ap-northeast-3' });
    const ver = tf('aws_s3_bucket_versioning', 'logs', { bucket: tfRef('aws_s3_bucket.logs', 'id'), versioning_configuration: [{ status: 'Enabled' }] });
    const lc = tf('aws_s3_bucket_lifecycle_configuration', 'logs', {
      bucket: tfRef('aws_s3_bucket.logs', 'id'),
      rule: [
        { id: 'old', status: 'Enabled', expiration: [{ days: 2555 }] },
        { id: 'tmp', status: 'Enabled', filter: [{ prefix: 'tmp/' }], expiration: [{ days: 30 }] },
        { id: 'off', status: 'Disabled', expiration: [{ days: 1 }] },
      ],
    });
    const lock = tf('aws_s3_bucket_object_lock_configuration', 'logs', {
      bucket: tfRef('aws_s3_bucket.logs', 'id'),
      rule: [{ default_retention: [{ mode: 'COMPLIANCE', years: 7 }] }],
    });
    const app = tf('aws_s3_bucket', 'app', { bucket: 'app' });
    const log = tf('aws_s3_bucket_logging', 'app', { bucket: tfRef('aws_s3_bucket.app', 'id'), target_bucket: tfRef('aws_s3_bucket.logs', 'id') });
    const rep = tf('aws_s3_bucket_replication_configuration', 'logs', {
      bucket: tfRef('aws_s3_bucket.logs', 'id'),
      role: 'arn:aws:iam::111122223333:role/rep',
      rule: [{ id: 'all', status: 'Enabled', destination: [{ bucket: tfRef('aws_s3_bucket.dr', 'arn') }] }],
    });
    const { model } = lift([b, dr, ver, lc, lock, app, log, rep]);
    const s = get(model, b.key, 'data-store');
    expect(s.versioning).toMatchObject({ value: true });
    // The access logs of `app` land at the root, named by date: the `tmp/` rule never reaches them.
    expect(s.expirationDays).toMatchObject({ value: 2555 });
    expect(s.immutable).toMatchObject({ value: true });
    expect(s.replicationRegions).toMatchObject({ value: ['ap-northeast-3'] });
    const a = get(model, app.key, 'data-store');
    expect(a.accessLogging).toMatchObject({ value: true, loc: log.loc });
    const setting = get(model, log.key, 'log-setting');
    expect(setting.settingType).toBe('s3-access-logging');
    expect(setting.target).toMatchObject({ value: app.key });
    expect(setting.destinations).toMatchObject({ value: [{ known: true, value: b.key }] });
  });

  it('split resources created only under an unresolved condition leave their settings unknown on it, and their destination an unknown copy', () => {
    const condition = { inputs: ['var.archive'], detail: 'count depends on var.archive' };
    const b = tf('aws_s3_bucket', 'logs', { bucket: 'city-a-logs' }, { region: 'ap-northeast-1' });
    const dr = tf('aws_s3_bucket', 'dr', { bucket: 'city-a-logs-dr' }, { region: 'ap-northeast-3' });
    const ver = tf('aws_s3_bucket_versioning', 'logs', { bucket: tfRef('aws_s3_bucket.logs', 'id'), versioning_configuration: [{ status: 'Enabled' }] });
    const lc = tf('aws_s3_bucket_lifecycle_configuration', 'logs', {
      bucket: tfRef('aws_s3_bucket.logs', 'id'),
      rule: [{ id: 'old', status: 'Enabled', expiration: [{ days: 30 }] }],
    });
    const lock = tf('aws_s3_bucket_object_lock_configuration', 'logs', {
      bucket: tfRef('aws_s3_bucket.logs', 'id'),
      rule: [{ default_retention: [{ mode: 'COMPLIANCE', years: 7 }] }],
    });
    const app = tf('aws_s3_bucket', 'app', { bucket: 'app' });
    const log = tf('aws_s3_bucket_logging', 'app', { bucket: tfRef('aws_s3_bucket.app', 'id'), target_bucket: tfRef('aws_s3_bucket.logs', 'id') });
    const rep = tf('aws_s3_bucket_replication_configuration', 'logs', {
      bucket: tfRef('aws_s3_bucket.logs', 'id'),
      role: 'arn:aws:iam::111122223333:role/rep',
      rule: [{ id: 'all', status: 'Enabled', destination: [{ bucket: tfRef('aws_s3_bucket.dr', 'arn') }] }],
    });
    for (const part of [ver, lc, lock, log, rep]) part.conditional = condition;
    const { model } = lift([b, dr, ver, lc, lock, app, log, rep]);
    const s = get(model, b.key, 'data-store');
    expect(s.versioning).toMatchObject({ known: false, cause: condition });
    expect(s.expirationDays).toEqual({ known: false, cause: condition, loc: lc.loc });
    expect(s.immutable).toMatchObject({ known: false, cause: condition });
    expect(s.replicationRegions).toMatchObject({ known: false, cause: condition });
    expect(get(model, dr.key, 'data-store').replicaOf).toMatchObject({ known: false, cause: condition });
    expect(get(model, app.key, 'data-store').accessLogging).toMatchObject({ known: false, cause: condition });
    expect(get(model, log.key, 'log-setting').enabled).toMatchObject({ known: false, cause: condition });
    // Versioning that is off with or without the resource stays known.
    const plain = tf('aws_s3_bucket', 'plain', { bucket: 'plain' });
    const off = tf('aws_s3_bucket_versioning', 'plain', { bucket: tfRef('aws_s3_bucket.plain', 'id'), versioning_configuration: [{ status: 'Suspended' }] });
    off.conditional = condition;
    expect(get(lift([plain, off]).model, plain.key, 'data-store').versioning).toMatchObject({ known: true, value: false });
  });

  it('object lock without a default retention does not make the bucket immutable, but turns versioning on', () => {
    const b = tf('aws_s3_bucket', 'logs', { bucket: 'l', object_lock_enabled: true });
    const s = bucket([b], b.key);
    expect(s.immutable).toMatchObject({ value: false });
    expect(s.versioning).toMatchObject({ value: true });
  });

  it('reads the legacy inline blocks of provider v3', () => {
    const b = tf('aws_s3_bucket', 'legacy', {
      bucket: 'legacy',
      acl: 'log-delivery-write',
      versioning: [{ enabled: true }],
      logging: [{ target_bucket: 'central-logs', target_prefix: 'legacy/' }],
      lifecycle_rule: [{ enabled: true, expiration: [{ days: 400 }] }],
      object_lock_configuration: [{ object_lock_enabled: 'Enabled', rule: [{ default_retention: [{ mode: 'GOVERNANCE', days: 400 }] }] }],
      server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] }],
    });
    const central = tf('aws_s3_bucket', 'central', { bucket: 'central-logs' });
    const { model } = lift([b, central]);
    const s = get(model, b.key, 'data-store');
    expect(s.versioning).toMatchObject({ value: true });
    expect(s.expirationDays).toMatchObject({ value: 400 });
    expect(s.immutable).toMatchObject({ value: true });
    expect(s.accessLogging).toMatchObject({ value: true });
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(s.encryption && 'defaulted' in s.encryption).toBe(false);
    expect(get(model, `${b.key}#access-logging`, 'log-setting').destinations).toMatchObject({ value: [{ value: central.key }] });
  });

  it('a lifecycle rule from an unknown input leaves expiration unknown', () => {
    const b = tf('aws_s3_bucket', 'a', { bucket: 'a' });
    const lc = tf('aws_s3_bucket_lifecycle_configuration', 'a', {
      bucket: 'a',
      rule: [{ id: 'x', status: 'Enabled', expiration: [{ days: unk('var.log_retention_days') }] }],
    });
    const e = bucket([b, lc], b.key).expirationDays;
    expect(e?.known === false && e.cause.inputs).toEqual(['var.log_retention_days']);
  });
});

describe('S3 zone redundancy', () => {
  it('lifecycle transitions to One Zone-IA keep data in one zone; other classes and disabled rules do not', () => {
    const plain = tf('aws_s3_bucket', 'plain', { bucket: 'plain' });
    const glacier = tf('aws_s3_bucket', 'glacier', { bucket: 'glacier' });
    const glacierLc = tf('aws_s3_bucket_lifecycle_configuration', 'glacier', {
      bucket: 'glacier',
      rule: [{ id: 'archive', status: 'Enabled', transition: [{ days: 30, storage_class: 'STANDARD_IA' }, { days: 90, storage_class: 'GLACIER' }] }],
    });
    const onezone = tf('aws_s3_bucket', 'onezone', { bucket: 'onezone' });
    const onezoneLc = tf('aws_s3_bucket_lifecycle_configuration', 'onezone', {
      bucket: 'onezone',
      rule: [
        { id: 'off', status: 'Disabled', transition: [{ days: 1, storage_class: 'ONEZONE_IA' }] },
        { id: 'old', status: 'Enabled', noncurrent_version_transition: [{ noncurrent_days: 60, storage_class: 'ONEZONE_IA' }] },
      ],
    });
    const inline = tf('aws_s3_bucket', 'inline', {
      bucket: 'inline',
      lifecycle_rule: [{ id: 'log', enabled: true, transition: [{ days: 30, storage_class: 'ONEZONE_IA' }] }],
    });
    const fromVar = tf('aws_s3_bucket', 'var', { bucket: 'var' });
    const fromVarLc = tf('aws_s3_bucket_lifecycle_configuration', 'var', {
      bucket: 'var',
      rule: [{ id: 'x', status: 'Enabled', transition: [{ days: 30, storage_class: unk('var.cold_storage_class') }] }],
    });
    const disabledOnly = tf('aws_s3_bucket', 'disabled', { bucket: 'disabled' });
    const disabledLc = tf('aws_s3_bucket_lifecycle_configuration', 'disabled', {
      bucket: 'disabled',
      rule: [{ id: 'x', status: 'Disabled', transition: [{ days: 30, storage_class: 'ONEZONE_IA' }] }],
    });
    const all = [plain, glacier, glacierLc, onezone, onezoneLc, inline, fromVar, fromVarLc, disabledOnly, disabledLc];
    expect(bucket(all, plain.key).multiZone).toMatchObject({ known: true, value: true, defaulted: true });
    expect(bucket(all, glacier.key).multiZone).toMatchObject({ known: true, value: true });
    expect(bucket(all, onezone.key).multiZone).toEqual({ known: true, value: false, loc: path(onezoneLc.attrs, 'rule', 1, 'noncurrent_version_transition', 0, 'storage_class')!.loc });
    expect(bucket(all, inline.key).multiZone).toMatchObject({ known: true, value: false });
    const v = bucket(all, fromVar.key).multiZone;
    expect(v?.known === false && v.cause.inputs).toEqual(['var.cold_storage_class']);
    expect(bucket(all, disabledOnly.key).multiZone).toMatchObject({ known: true, value: true });
  });

  it('CloudFormation Transitions, the legacy Transition and noncurrent transitions', () => {
    const a = cfn('AWS::S3::Bucket', 'Reports', {
      LifecycleConfiguration: { Rules: [{ Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }] }] },
    });
    const b = cfn('AWS::S3::Bucket', 'Scans', {
      LifecycleConfiguration: { Rules: [{ Status: 'Enabled', NoncurrentVersionTransition: { StorageClass: 'ONEZONE_IA', TransitionInDays: 30 } }] },
    });
    const c = cfn('AWS::S3::Bucket', 'Images', {
      LifecycleConfiguration: { Rules: [{ Status: unk('parameter ColdTierStatus'), Transitions: [{ StorageClass: 'ONEZONE_IA', TransitionInDays: 30 }] }] },
    });
    expect(bucket([a], a.key).multiZone).toMatchObject({ known: true, value: true });
    expect(bucket([b], b.key).multiZone).toMatchObject({ known: true, value: false });
    const u = bucket([c], c.key).multiZone;
    expect(u?.known === false && u.cause.inputs).toEqual(['parameter ColdTierStatus']);
  });
});

describe('S3 buckets from CloudFormation', () => {
  it('reads encryption, versioning, lifecycle, logging to itself and object lock', () => {
    const k = cfn('AWS::KMS::Key', 'LogKey', {});
    const b = cfn('AWS::S3::Bucket', 'TrailBucket', {
      BucketName: 'city-b-trail',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: cfnRef('LogKey', 'Arn') } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 1827 }] },
      LoggingConfiguration: { LogFilePrefix: 'self/' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1827 } } },
      Tags: [{ Key: 'lg:classification', Value: '3' }],
    });
    const { model } = lift([k, b]);
    const s = get(model, b.key, 'data-store');
    expect(s.name).toMatchObject({ value: 'city-b-trail' });
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: k.key } } });
    expect(s.versioning).toMatchObject({ value: true });
    expect(s.expirationDays).toMatchObject({ value: 1827 });
    expect(s.immutable).toMatchObject({ value: true });
    expect(s.tags).toMatchObject({ value: { 'lg:classification': '3' } });
    expect(get(model, `${b.key}#access-logging`, 'log-setting').destinations).toMatchObject({ value: [{ value: b.key }] });
  });

  it('a written PublicAccessBlockConfiguration turns off what it leaves out; PublicRead with ACLs enabled is public', () => {
    const b = cfn('AWS::S3::Bucket', 'Web', {
      AccessControl: 'PublicRead',
      OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
      PublicAccessBlockConfiguration: { BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    const s = bucket([b], b.key);
    expect(s.publicAccessBlocked).toMatchObject({ value: false });
    expect(s.publicRead).toMatchObject({ value: true, loc: b.attrs.fields.AccessControl.loc });
    expect(s.name?.known).toBe(false);
  });

  it('a bucket policy by !Ref amends the bucket, and a name given by !Sub joins by its expression', () => {
    const b = cfn('AWS::S3::Bucket', 'Logs', { BucketName: unk('AWS::StackName', 'stack name', '${AWS::StackName}-logs') });
    const p = cfn('AWS::S3::BucketPolicy', 'LogsPolicy', { Bucket: cfnRef('Logs'), PolicyDocument: JSON.parse(publicPolicy) });
    const other = cfn('AWS::S3::Bucket', 'App', {
      LoggingConfiguration: { DestinationBucketName: unk('AWS::StackName', 'stack name', '${AWS::StackName}-logs') },
    });
    const { model } = lift([b, p, other]);
    expect(get(model, b.key, 'data-store').policy?.known).toBe(true);
    expect(get(model, `${other.key}#access-logging`, 'log-setting').destinations).toMatchObject({ value: [{ value: b.key }] });
  });
});

describe('S3 replication destinations are copies of their source', () => {
  it('the destination of an enabled rule links its source; a disabled rule or an unscanned source leaves none', () => {
    const src = tf('aws_s3_bucket', 'docs', { bucket: 'docs' }, { region: 'ap-northeast-1' });
    const dr = tf('aws_s3_bucket', 'docs_dr', { bucket: 'docs-dr' }, { region: 'ap-northeast-3' });
    const off = tf('aws_s3_bucket', 'paused', { bucket: 'paused' });
    const rep = tf('aws_s3_bucket_replication_configuration', 'docs', {
      bucket: tfRef('aws_s3_bucket.docs', 'id'),
      role: 'arn:aws:iam::111122223333:role/rep',
      rule: [
        { id: 'dr', status: 'Enabled', destination: [{ bucket: tfRef('aws_s3_bucket.docs_dr', 'arn') }] },
        { id: 'old', status: 'Disabled', destination: [{ bucket: 'arn:aws:s3:::paused' }] },
      ],
    });
    const { model } = lift([dr, rep, src, off]);
    const destination = (rep.attrs.fields.rule as any).items[0].fields.destination.items[0].fields.bucket;
    expect(get(model, dr.key, 'data-store').replicaOf).toEqual({ known: true, value: src.key, loc: destination.loc });
    expect(get(model, off.key, 'data-store').replicaOf).toBeUndefined();
    expect(get(model, src.key, 'data-store').replicaOf).toBeUndefined();
  });

  it('a rule whose status comes from an unset variable makes its destination an unknown copy', () => {
    const src = tf('aws_s3_bucket', 'docs', { bucket: 'docs' });
    const dr = tf('aws_s3_bucket', 'docs_dr', { bucket: 'docs-dr' });
    const rep = tf('aws_s3_bucket_replication_configuration', 'docs', {
      bucket: tfRef('aws_s3_bucket.docs', 'id'),
      role: 'arn:aws:iam::111122223333:role/rep',
      rule: [{ id: 'dr', status: unk('var.replication_status'), destination: [{ bucket: 'arn:aws:s3:::docs-dr' }] }],
    });
    const r = get(lift([src, dr, rep]).model, dr.key, 'data-store').replicaOf;
    expect(r?.known === false && r.cause.inputs).toEqual(['var.replication_status']);
  });

  it('CloudFormation ReplicationConfiguration names the destination with !GetAtt', () => {
    const src = cfn('AWS::S3::Bucket', 'Docs', {
      BucketName: 'docs',
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::111122223333:role/rep',
        Rules: [{ Status: 'Enabled', Destination: { Bucket: cfnRef('DocsDr', 'Arn') } }],
      },
    });
    const dr = cfn('AWS::S3::Bucket', 'DocsDr', { BucketName: 'docs-dr' });
    expect(get(lift([src, dr]).model, dr.key, 'data-store').replicaOf).toMatchObject({ known: true, value: src.key });
  });
});
