// End to end: a vendor-style Terraform configuration read by the Terraform
// reader and lifted by the whole AWS lifter.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { liftAws } from '../../../../src/model/aws/lift.js';
import type { Fact } from '../../../../src/model/fact.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import { parsePolicyDocument } from '../../../../src/model/policy-document.js';
import type { NativeResource, ReadError } from '../../../../src/readers/native.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';
import { readTerraform } from '../../../../src/readers/terraform/index.js';
import { get } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../../../fixtures/model/aws/resources/tf-juki-data');
const key = (address: string) => `.#${address}`;
const at = (file: string, line: number) => ({ file, line });

function inputs(f: Fact<unknown> | undefined): string[] | undefined {
  return f && !f.known ? f.cause.inputs : undefined;
}

describe('juki data environment (Terraform)', () => {
  let model: CloudModel;
  let unlifted: NativeResource[];
  let errors: ReadError[];

  beforeAll(async () => {
    const read = await readTerraform([ROOT], defaultReadOptions(ROOT));
    errors = read.errors;
    model = new CloudModel();
    unlifted = liftAws(read.resources, { model, links: new LinkResolver(read.resources) });
  });

  it('reads without errors and lifts every resource', () => {
    expect(errors).toEqual([]);
    expect(unlifted.map((r) => r.address)).toEqual([]);
  });

  it('buckets from for_each: customer key through the alias ARN, tags merged with default_tags, TLS-only policy', () => {
    for (const [name, cls, versioned] of [['juki', '3', true], ['docs', '2', false]] as const) {
      const b = get(model, key(`aws_s3_bucket.data["${name}"]`), 'data-store');
      expect(b.name).toMatchObject({ value: `city-kanagi-prd-${name}` });
      expect(b.tags).toMatchObject({ value: { 'lg:tenant': 'city-kanagi', 'lg:segment': 'mynumber', 'lg:classification': cls } });
      expect(b.encryption).toMatchObject({
        value: { mode: 'customer-managed', key: { value: key('aws_kms_key.data') } },
        loc: at('storage.tf', 24),
      });
      expect(b.versioning).toMatchObject({ value: versioned, loc: at('storage.tf', 13) });
      expect(b.publicAccessBlocked).toMatchObject({ value: true });
      expect(b.publicRead).toMatchObject({ value: false });
      // The policy names the bucket's own ARN, known only after apply; the deny is judged all the same.
      expect(b.httpsOnly).toMatchObject({ value: true, loc: at('storage.tf', 44) });
      expect(b.accessLogging).toMatchObject({ value: true });
      expect(get(model, key(`aws_s3_bucket_logging.data["${name}"]`), 'log-setting').destinations).toMatchObject({
        value: [{ value: key('aws_s3_bucket.trail') }],
      });
    }
  });

  it('the trail bucket: Object Lock with a default retention from a variable default, lifecycle, versioning by lock', () => {
    const b = get(model, key('aws_s3_bucket.trail'), 'data-store');
    expect(b.immutable).toMatchObject({ value: true });
    expect(b.versioning).toMatchObject({ value: true });
    expect(b.expirationDays).toMatchObject({ value: 2555, loc: at('logging.tf', 26) });
    expect(b.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
  });

  it('the trail: multi-region, validated, management events, bucket and log group destinations, customer key', () => {
    const t = get(model, key('aws_cloudtrail.main'), 'trail');
    expect(t.multiRegion).toMatchObject({ value: true, loc: at('logging.tf', 49) });
    expect(t.logFileValidation).toMatchObject({ value: true });
    expect(t.managementEvents).toMatchObject({ value: true });
    expect(t.destinations).toMatchObject({ value: [{ value: key('aws_s3_bucket.trail') }, { value: key('aws_cloudwatch_log_group.trail') }] });
    expect(t.kmsKey).toMatchObject({ value: key('aws_kms_key.logs') });
  });

  it('log groups: kept 400 days, never expire, or unknown naming the root variable', () => {
    expect(get(model, key('aws_cloudwatch_log_group.trail'), 'log-store').retentionDays).toMatchObject({ value: 400 });
    expect(get(model, key('aws_cloudwatch_log_group.debug'), 'log-store').retentionDays).toMatchObject({ value: null, defaulted: true });
    expect(inputs(get(model, key('aws_cloudwatch_log_group.app'), 'log-store').retentionDays)).toEqual(['var.log_retention_days']);
  });

  it('keys: rotation, alias, a jsonencode policy whose account ID is unknown, and the inline waiver', () => {
    const data = get(model, key('aws_kms_key.data'), 'key');
    expect(data.aliases).toEqual(['alias/city-kanagi-prd-data']);
    expect(data.rotationEnabled).toMatchObject({ value: true });
    const logs = get(model, key('aws_kms_key.logs'), 'key');
    expect(logs.rotationEnabled).toMatchObject({ value: false, loc: at('kms.tf', 18) });
    expect(logs.waivers?.map((w) => w.controlId)).toEqual(['LG-6.8']);
    const doc = parsePolicyDocument(logs.policy!);
    const root = doc.known && doc.value ? doc.value.statements[0] : undefined;
    expect(root?.action?.values).toEqual(['kms:*']);
    expect(root?.principal?.unknowns[0].inputs).toEqual(['data.aws_caller_identity.current']);
  });

  it('databases: the hardened one, and the one with a literal password and defaults', () => {
    const juki = get(model, key('aws_db_instance.juki'), 'data-store');
    expect(juki).toMatchObject({
      encryption: { value: { mode: 'customer-managed', key: { value: key('aws_kms_key.data') } } },
      multiZone: { value: true },
      backupRetentionDays: { value: 14 },
      deletionProtection: { value: true },
      accessLogging: { value: true },
    });
    // The password comes from a variable without a value: not a literal.
    expect(juki.literalSecrets).toBeUndefined();
    expect(juki.subnets?.known && juki.subnets.value.map(inputs)).toEqual([['subnet-0aa11bb22cc33dd44'], ['subnet-0ee55ff66aa77bb88']]);
    const batch = get(model, key('aws_db_instance.batch'), 'data-store');
    expect(batch.literalSecrets).toEqual([{ attribute: 'password', loc: expect.objectContaining(at('storage.tf', 94)) }]);
    expect(batch.encryption).toMatchObject({ value: { mode: 'none' }, defaulted: true });
    expect(batch.backupRetentionDays).toMatchObject({ value: 1, defaulted: true });
  });

  it('a volume without encryption settings takes the account default key defined in the same root module', () => {
    expect(get(model, key('aws_ebs_volume.work'), 'data-store').encryption).toMatchObject({
      value: { mode: 'customer-managed', key: { value: key('aws_kms_key.data') } },
      loc: at('account.tf', 36),
    });
  });

  it('backup: locked vault with the data key, plan selecting by tag', () => {
    expect(get(model, key('aws_backup_vault.main'), 'data-store').immutable).toMatchObject({ value: true });
    const plan = get(model, key('aws_backup_plan.daily'), 'backup-plan');
    expect(plan.retentionDays).toMatchObject({ value: 35 });
    expect(plan.vault).toMatchObject({ value: key('aws_backup_vault.main') });
    expect(plan.selectsByTag).toMatchObject({ value: [{ key: 'backup', value: 'daily' }] });
  });

  it('IAM: trust policies rendered from aws_iam_policy_document, attachments, an admin policy on a group', () => {
    const app = get(model, key('aws_iam_role.app'), 'iam-role');
    const trust = parsePolicyDocument(app.trustPolicy!);
    expect(trust.known && trust.value?.statements[0].principal?.entries).toEqual([{ type: 'Service', id: 'ec2.amazonaws.com' }]);
    expect(app.managedPolicyArns).toMatchObject({ value: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'] });
    expect(get(model, key('aws_iam_instance_profile.app'), 'iam-role').roles).toMatchObject({ value: [{ value: key('aws_iam_role.app') }] });
    const ops = get(model, key('aws_iam_group.ops'), 'iam-role');
    expect(ops.policies).toMatchObject({ value: [{ value: key('aws_iam_policy.ops_admin') }] });
    const admin = parsePolicyDocument(get(model, key('aws_iam_policy.ops_admin'), 'iam-policy').document);
    expect(admin.known && admin.value?.statements[0].action?.values).toEqual(['*']);
  });

  it('account services: GuardDuty alerts reach the CISO by e-mail, Config records everything', () => {
    const rule = get(model, key('aws_cloudwatch_event_rule.guardduty'), 'account-service');
    expect(rule.settings.matchesGuardDuty).toMatchObject({ value: true });
    expect(rule.targets).toMatchObject({ value: [{ value: key('aws_sns_topic.security') }] });
    expect(get(model, key('aws_sns_topic.security'), 'account-service').settings.subscriptions).toMatchObject({
      value: ['email:ciso@city.kanagi.example.jp'],
    });
    const rec = get(model, key('aws_config_configuration_recorder.main'), 'account-service');
    expect(rec.enabled).toMatchObject({ value: true, loc: at('account.tf', 57) });
    expect(rec.settings).toMatchObject({ allSupported: { value: true }, includeGlobal: { value: true } });
    expect(get(model, key('aws_guardduty_detector.main'), 'account-service').enabled).toMatchObject({ value: true });
  });
});
