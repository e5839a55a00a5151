// End to end: a vendor-style CloudFormation template read by the
// CloudFormation reader and lifted by the whole AWS lifter.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liftAws } from '../../../../src/model/aws/lift.js';
import type { Fact } from '../../../../src/model/fact.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import { parsePolicyDocument } from '../../../../src/model/policy-document.js';
import { readCloudFormation } from '../../../../src/readers/cloudformation/index.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';
import { get } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../../../fixtures/model/aws/resources/cfn-juki-data');
const FILE = 'template.yaml';

function lift(params: Record<string, string> = {}) {
  const opts = { ...defaultReadOptions(ROOT), region: 'ap-northeast-1', params };
  const read = readCloudFormation(FILE, readFileSync(path.join(ROOT, FILE), 'utf8'), opts);
  const model = new CloudModel();
  const unlifted = liftAws(read.resources, { model, links: new LinkResolver(read.resources) });
  return { model, unlifted, errors: read.errors };
}

const key = (id: string) => `${FILE}#${id}`;
const line = (n: number) => ({ file: FILE, line: n });
const inputs = (f: Fact<unknown> | undefined) => (f && !f.known ? f.cause.inputs : undefined);

describe('juki data tier (CloudFormation)', () => {
  const { model, unlifted, errors } = lift();

  it('reads without errors and lifts every resource', () => {
    expect(errors).toEqual([]);
    expect(unlifted.map((r) => r.address)).toEqual([]);
  });

  it('the log bucket: key through an alias built with !Sub, Object Lock, TLS-only policy naming its own ARN', () => {
    const b = get(model, key('LogBucket'), 'data-store');
    expect(b.name).toMatchObject({ value: 'city-hoshino-prd-logs' });
    expect(b.encryption).toMatchObject({ value: { mode: 'customer-managed', keyText: 'alias/city-hoshino-data', key: { value: key('DataKey') } } });
    expect(b.immutable).toMatchObject({ value: true });
    expect(b.versioning).toMatchObject({ value: true });
    expect(b.expirationDays).toMatchObject({ value: 2557, loc: line(76) });
    expect(b.httpsOnly).toMatchObject({ value: true });
    expect(b.publicRead).toMatchObject({ value: false });
  });

  it('a bucket without settings: SSE-S3 and public access blocked by the platform; access logs to the log bucket', () => {
    const b = get(model, key('DocsBucket'), 'data-store');
    expect(b.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(b.publicAccessBlocked).toMatchObject({ value: true, defaulted: true });
    expect(b.versioning).toMatchObject({ value: true, loc: line(111) });
    expect(get(model, key('DocsBucket#access-logging'), 'log-setting').destinations).toMatchObject({ value: [{ value: key('LogBucket') }] });
  });

  it('the trail and its log group', () => {
    const t = get(model, key('Trail'), 'trail');
    expect(t).toMatchObject({
      multiRegion: { value: true },
      logFileValidation: { value: true },
      loggingEnabled: { value: true },
      managementEvents: { value: true, defaulted: true },
      kmsKey: { value: key('DataKey') },
    });
    expect(t.destinations).toMatchObject({ value: [{ value: key('LogBucket') }, { value: key('TrailLogs') }] });
    expect(inputs(get(model, key('TrailLogs'), 'log-store').retentionDays)).toEqual(['parameter LogRetentionDays']);
  });

  it('the Aurora cluster: two instances in production, the NoEcho default password is a literal secret', () => {
    const c = get(model, key('JukiCluster'), 'data-store');
    expect(c.instanceCount).toMatchObject({ value: 2 });
    expect(c.multiZone).toMatchObject({ value: true });
    expect(c.backupRetentionDays).toMatchObject({ value: 35 });
    expect(c.deletionProtection).toMatchObject({ value: true });
    expect(c.literalSecrets).toEqual([{ attribute: 'MasterUserPassword', loc: expect.objectContaining(line(168)) }]);
    expect(inputs(c.subnets)).toEqual(['parameter PrivateSubnetIds']);
    expect(model.get(key('JukiWriter'))).toBeUndefined();
  });

  it('in staging the condition drops the reader: one instance, short backups', () => {
    const stg = lift({ Env: 'stg' }).model;
    const c = get(stg, key('JukiCluster'), 'data-store');
    expect(c.instanceCount).toMatchObject({ value: 1 });
    expect(c.multiZone).toMatchObject({ value: false });
    expect(c.backupRetentionDays).toMatchObject({ value: 7 });
    expect(c.deletionProtection).toMatchObject({ value: false });
  });

  it('DynamoDB and EFS defaults; the backup plan selects the file system and the cluster by ARN', () => {
    expect(get(model, key('Sessions'), 'data-store')).toMatchObject({
      encryption: { value: { mode: 'provider-managed' }, defaulted: true },
      backupRetentionDays: { value: 0, defaulted: true },
    });
    expect(get(model, key('Share'), 'data-store')).toMatchObject({
      encryption: { value: { mode: 'provider-managed', keyText: 'alias/aws/elasticfilesystem' } },
      backupRetentionDays: { value: 35 },
    });
    const plan = get(model, key('Plan'), 'backup-plan');
    expect(plan.retentionDays).toMatchObject({ value: 30 });
    expect(plan.vault).toMatchObject({ value: key('Vault') });
    expect(plan.selects).toMatchObject({ value: [{ value: key('Share') }, { value: key('JukiCluster') }] });
    expect(get(model, key('Vault'), 'data-store').immutable).toMatchObject({ value: false, defaulted: true });
  });

  it('IAM: inline policy of the trail role keeps its unknown resource', () => {
    const pol = get(model, key('TrailRole#Policies[logs]'), 'iam-policy');
    const doc = parsePolicyDocument(pol.document);
    const st = doc.known && doc.value ? doc.value.statements[0] : undefined;
    expect(st?.action?.values).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(st?.resource?.unknowns.map((c) => c.inputs)).toEqual([['TrailLogs.Arn']]);
  });

  it('account services: GuardDuty with alerts to e-mail, Config started by its delivery channel', () => {
    expect(get(model, key('Detector'), 'account-service').enabled).toMatchObject({ value: true });
    const rule = get(model, key('FindingsRule'), 'account-service');
    expect(rule.settings.matchesGuardDuty).toMatchObject({ value: true });
    expect(rule.targets).toMatchObject({ value: [{ value: key('AlertTopic') }] });
    expect(get(model, key('AlertTopic'), 'account-service').settings.subscriptions).toMatchObject({
      value: ['email:security@city.hoshino.example.jp'],
    });
    const rec = get(model, key('Recorder'), 'account-service');
    expect(rec.enabled).toMatchObject({ value: true });
    expect(rec.settings).toMatchObject({ allSupported: { value: true }, includeGlobal: { value: true } });
  });
});
