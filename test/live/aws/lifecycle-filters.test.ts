// Live S3 lifecycle rules with filters (supplementaryConfiguration
// BucketLifecycleConfiguration, the S3 Java model AWS Config records): a
// rule counts for a trail bucket's logs only when its prefix reaches the
// trail's <s3KeyPrefix>/AWSLogs/ keys; one that may reach only some of them
// leaves LG-6.2 unknown; a predicate of an unknown kind names the API call.
// Transitions are translated as well, for LG-4.3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '462000000046';
const REGION = 'ap-northeast-1';

function trail(name: string, bucket: string, keyPrefix?: string) {
  return {
    accountId: ACCOUNT,
    awsRegion: REGION,
    resourceType: 'AWS::CloudTrail::Trail',
    resourceId: name,
    resourceName: name,
    arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${name}`,
    configurationItemStatus: 'OK',
    configuration: { name, s3BucketName: bucket, ...(keyPrefix ? { s3KeyPrefix: keyPrefix } : {}), isMultiRegionTrail: true, logFileValidationEnabled: true, homeRegion: REGION },
    supplementaryConfiguration: { TrailStatus: JSON.stringify({ isLogging: true }) },
    tags: [],
  };
}

function bucket(name: string, rules: object[]) {
  return {
    accountId: ACCOUNT,
    awsRegion: REGION,
    resourceType: 'AWS::S3::Bucket',
    resourceId: name,
    resourceName: name,
    arn: `arn:aws:s3:::${name}`,
    configurationItemStatus: 'OK',
    configuration: { name, owner: { id: 'c0ffee' } },
    supplementaryConfiguration: {
      BucketVersioningConfiguration: JSON.stringify({ status: 'Enabled' }),
      BucketLifecycleConfiguration: JSON.stringify({ rules }),
    },
    tags: [],
  };
}

const whole = (id: string, days: number) => ({ id, status: 'Enabled', expirationInDays: days, filter: { predicate: null } });
const byPrefix = (id: string, prefix: string, days: number) => ({ id, status: 'Enabled', expirationInDays: days, filter: { predicate: { type: 'LifecyclePrefixPredicate', prefix } } });

const items = [
  // 住基: the trail writes under cloudtrail/AWSLogs/, and a rule on cloudtrail/ deletes it after 180 days.
  trail('juki-trail', 'juki-trail-logs', 'cloudtrail'),
  bucket('juki-trail-logs', [
    { ...whole('keep', 3653), transitions: [{ days: 30, date: null, storageClass: 'ONEZONE_IA' }], noncurrentVersionTransitions: [] },
    byPrefix('trail-rotation', 'cloudtrail/', 180),
  ]),
  // 福祉: rules on tmp/ (with a tag) and on athena/ (the legacy rule-level prefix) miss AWSLogs/.
  trail('fukushi-trail', 'fukushi-trail-logs'),
  bucket('fukushi-trail-logs', [
    whole('keep', 2557),
    {
      id: 'tmp',
      status: 'Enabled',
      expirationInDays: 1,
      filter: {
        predicate: {
          type: 'LifecycleAndOperator',
          operands: [
            { type: 'LifecyclePrefixPredicate', prefix: 'tmp/' },
            { type: 'LifecycleTagPredicate', tag: { key: 'temporary', value: 'true' } },
          ],
        },
      },
    },
    { id: 'athena', status: 'Enabled', prefix: 'athena/', expirationInDays: 3, filter: null },
  ]),
  // 税務: a rule for one account's folder may or may not hold this trail's logs.
  trail('zeimu-trail', 'zeimu-trail-logs'),
  bucket('zeimu-trail-logs', [whole('keep', 1827), byPrefix('one-account', 'AWSLogs/999900001111/', 30)]),
  // 国保: a predicate kikan does not read.
  trail('kokuho-trail', 'kokuho-trail-logs'),
  bucket('kokuho-trail-logs', [{ id: 'future', status: 'Enabled', expirationInDays: 400, filter: { predicate: { type: 'LifecycleNewPredicate', value: 1 } } }]),
];

type Result = { controlId: string; status: string; resource: { address: string }; message: string; unknown?: { inputs: string[]; detail: string }[] };

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({ account: ACCOUNT, items, pageSize: 10 });
});
afterAll(() => fake.close());

describe('live S3 lifecycle filters', () => {
  it('judge each trail bucket by the rules that reach the trail\'s keys', async () => {
    let out = '';
    await runScanAws(
      { region: [REGION], format: 'json', lang: 'en', quiet: true },
      { stdout: (t) => (out += t), stderr: () => undefined },
      { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
    );
    const findings = (JSON.parse(out) as { findings: Result[] }).findings;
    const of = (name: string) => findings.filter((f) => f.controlId === 'LG-6.2' && f.resource.address === `arn:aws:s3:::${name}`);
    expect(of('juki-trail-logs').map((f) => [f.status, f.message])).toEqual([['fail', 'the log store deletes logs after 180 days, less than 365']]);
    expect(of('fukushi-trail-logs').map((f) => [f.status, f.message])).toEqual([['pass', 'the log store deletes logs after 2557 days (at least 365)']]);
    const zeimu = of('zeimu-trail-logs');
    expect(zeimu.map((f) => f.status)).toEqual(['unknown']);
    expect(zeimu[0]!.unknown?.[0]?.detail).toContain('"AWSLogs/999900001111/"');
    // Transitions are read too: One Zone-IA keeps the trail logs in one zone (LG-4.3).
    const zones = (name: string) => findings.filter((f) => f.controlId === 'LG-4.3' && f.resource.address === `arn:aws:s3:::${name}`).map((f) => f.status);
    expect([zones('juki-trail-logs'), zones('fukushi-trail-logs')]).toEqual([['fail'], ['pass']]);
    const kokuho = of('kokuho-trail-logs');
    expect(kokuho.map((f) => [f.status, f.unknown?.flatMap((u) => u.inputs)])).toEqual([['unknown', ['s3:GetBucketLifecycleConfiguration']]]);
  });

  it('read an and-operator with no readable operand (an item cut short) as unknown, not as a rule for every object', () => {
    const cut = { id: 'cut', status: 'Enabled', expirationInDays: 1, filter: { predicate: { type: 'LifecycleAndOperator', operands: 'not a list' } } };
    const natives = [bucket('cut-short-logs', [whole('keep', 3653), cut])].map((i) => nativeOfItem(i, { accountId: ACCOUNT, region: REGION })!);
    const model = new CloudModel();
    liftAws(natives, { model, links: new LinkResolver(natives) });
    const e = model.getOf((natives[0] as NativeResource).key, 'data-store')?.expirationDays;
    expect(e?.known).toBe(false);
    if (e && !e.known) expect(e.cause.inputs).toEqual(['s3:GetBucketLifecycleConfiguration']);
  });
});
