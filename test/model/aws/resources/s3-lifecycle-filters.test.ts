// Lifecycle rules limited to a prefix, tag or size: a bucket's expiration is
// that of the logs written to it, under the keys each writer uses.
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../../src/model/fact.js';
import type { NativeResource } from '../../../../src/readers/native.js';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift } from './harness.js';

function expiration(resources: NativeResource[], bucket: NativeResource): Fact<number | null> {
  const s = get(lift(resources).model, bucket.key, 'data-store');
  return s.expirationDays!;
}

const trailBucket = tf('aws_s3_bucket', 'trail', { bucket: 'city-a-trail' });

function trail(attrs: Record<string, unknown> = {}): NativeResource {
  return tf('aws_cloudtrail', 'main', { name: 'main', s3_bucket_name: tfRef('aws_s3_bucket.trail', 'id'), ...attrs });
}

function rules(...rule: Record<string, unknown>[]): NativeResource {
  return tf('aws_s3_bucket_lifecycle_configuration', 'trail', { bucket: tfRef('aws_s3_bucket.trail', 'id'), rule });
}

const keep = { id: 'keep', status: 'Enabled', filter: [{}], expiration: [{ days: 3650 }] };

describe('S3 lifecycle filters against the keys a trail writes', () => {
  it('a rule whose prefix covers <s3_key_prefix>/AWSLogs/ deletes the logs; one on other keys does not', () => {
    const covering = { id: 'audit', status: 'Enabled', filter: [{ prefix: 'audit/' }], expiration: [{ days: 90 }] };
    const elsewhere = { id: 'tmp', status: 'Enabled', filter: [{ prefix: 'tmp/' }], expiration: [{ days: 1 }] };
    expect(expiration([trailBucket, trail({ s3_key_prefix: 'audit' }), rules(keep, covering, elsewhere)], trailBucket)).toMatchObject({ known: true, value: 90 });
    expect(expiration([trailBucket, trail({ s3_key_prefix: 'audit' }), rules(keep, elsewhere)], trailBucket)).toMatchObject({ known: true, value: 3650 });
    // Without a key prefix the trail writes under AWSLogs/: a rule on audit/ misses it, one on AWSLogs/ reaches it.
    expect(expiration([trailBucket, trail(), rules(keep, covering)], trailBucket)).toMatchObject({ known: true, value: 3650 });
    const awsLogs = { id: 'root', status: 'Enabled', filter: [{ prefix: 'AWSLogs/' }], expiration: [{ days: 30 }] };
    expect(expiration([trailBucket, trail(), rules(awsLogs)], trailBucket)).toMatchObject({ known: true, value: 30 });
  });

  it('with only rules for other keys, the logs never expire', () => {
    const other = { id: 'exports', status: 'Enabled', filter: [{ and: [{ prefix: 'exports/', tags: { temporary: 'true' } }] }], expiration: [{ days: 1 }] };
    expect(expiration([trailBucket, trail({ s3_key_prefix: 'cloudtrail' }), rules(other)], trailBucket)).toMatchObject({ known: true, value: null });
  });

  it('a rule that may reach only some of the logs is unknown when it deletes sooner, and does not matter when it deletes later', () => {
    const narrower = { id: 'one-account', status: 'Enabled', filter: [{ prefix: 'AWSLogs/111122223333/' }], expiration: [{ days: 30 }] };
    const open = expiration([trailBucket, trail(), rules(keep, narrower)], trailBucket);
    expect(open.known).toBe(false);
    if (!open.known) expect(open.cause.detail).toContain('only some of the logs aws_cloudtrail.main delivers (under "AWSLogs/")');
    const later = { ...narrower, expiration: [{ days: 4000 }] };
    expect(expiration([trailBucket, trail(), rules(keep, later)], trailBucket)).toMatchObject({ known: true, value: 3650 });
    const tagged = { id: 'tagged', status: 'Enabled', filter: [{ and: [{ prefix: 'AWSLogs/', tags: { short: 'yes' } }] }], expiration: [{ days: 7 }] };
    const byTag = expiration([trailBucket, trail(), rules(keep, tagged)], trailBucket);
    expect(byTag.known).toBe(false);
    if (!byTag.known) expect(byTag.cause.detail).toContain('short="yes"');
  });

  it('a key prefix from an unset variable leaves a filtered rule unknown, naming it; a whole-bucket rule stays certain', () => {
    const filtered = { id: 'stg', status: 'Enabled', filter: [{ prefix: 'stg/' }], expiration: [{ days: 90 }] };
    const open = expiration([trailBucket, trail({ s3_key_prefix: unk('var.trail_prefix') }), rules(filtered)], trailBucket);
    expect(open.known).toBe(false);
    if (!open.known) expect(open.cause.inputs).toEqual(['var.trail_prefix']);
    expect(expiration([trailBucket, trail({ s3_key_prefix: unk('var.trail_prefix') }), rules(keep)], trailBucket)).toMatchObject({ known: true, value: 3650 });
  });

  it('reads the deprecated rule-level prefix and plan JSON\'s empty filter attributes', () => {
    const deprecated = { id: 'old', status: 'Enabled', prefix: 'tmp/', expiration: [{ days: 1 }] };
    expect(expiration([trailBucket, trail(), rules(keep, deprecated)], trailBucket)).toMatchObject({ value: 3650 });
    // terraform show -json writes every attribute of an empty filter.
    const plan = {
      id: 'all',
      status: 'Enabled',
      prefix: '',
      filter: [{ and: [], object_size_greater_than: null, object_size_less_than: null, prefix: '', tag: [] }],
      expiration: [{ days: 400, date: null, expired_object_delete_marker: false }],
    };
    expect(expiration([trailBucket, trail({ s3_key_prefix: 'ct' }), rules(plan)], trailBucket)).toMatchObject({ known: true, value: 400 });
  });

  it('days = 0 (and plan JSON\'s date = "") beside expired_object_delete_marker deletes no current object (S3 takes only positive days)', () => {
    const markers = { id: 'markers', status: 'Enabled', filter: [{}], expiration: [{ days: 0, date: '', expired_object_delete_marker: true }] };
    expect(expiration([trailBucket, trail(), rules(markers)], trailBucket)).toMatchObject({ known: true, value: null });
    const inline = tf('aws_s3_bucket', 'trail', { bucket: 'city-a-trail', lifecycle_rule: [{ enabled: true, expiration: [{ days: 0, expired_object_delete_marker: true }] }] });
    expect(expiration([inline, trail()], inline)).toMatchObject({ known: true, value: null });
  });

  it('a disabled or disjoint date rule does not make the expiration unknown', () => {
    const dated = { id: 'dated', status: 'Enabled', filter: [{ prefix: 'exports/' }], expiration: [{ date: '2027-03-31T00:00:00Z' }] };
    expect(expiration([trailBucket, trail(), rules(keep, dated)], trailBucket)).toMatchObject({ known: true, value: 3650 });
  });
});

describe('S3 lifecycle filters against other writers', () => {
  it('access logs start with a date or account ID after the target prefix; provider v3 inline rules read prefix and tags', () => {
    const logs = tf('aws_s3_bucket', 'logs', {
      bucket: 'city-a-access-logs',
      lifecycle_rule: [
        { id: 'tmp', enabled: true, prefix: 'tmp/', expiration: [{ days: 1 }] },
        { id: 'app', enabled: true, prefix: 'app/', expiration: [{ days: 60 }] },
      ],
    });
    const app = tf('aws_s3_bucket', 'app', { bucket: 'city-a-app' });
    const logging = (prefix?: string) =>
      tf('aws_s3_bucket_logging', 'app', { bucket: tfRef('aws_s3_bucket.app', 'id'), target_bucket: tfRef('aws_s3_bucket.logs', 'id'), ...(prefix === undefined ? {} : { target_prefix: prefix }) });
    expect(expiration([logs, app, logging('app/')], logs)).toMatchObject({ known: true, value: 60 });
    expect(expiration([logs, app, logging()], logs)).toMatchObject({ known: true, value: null });
    const dated = tf('aws_s3_bucket', 'logs', { bucket: 'city-a-access-logs', lifecycle_rule: [{ enabled: true, prefix: '2026-', expiration: [{ days: 5 }] }] });
    expect(expiration([dated, app, logging()], dated).known).toBe(false);
  });

  it('flow logs write under the folder of their destination ARN, even one whose bucket part is known only after deployment', () => {
    const vpc = cfn('AWS::EC2::VPC', 'Vpc', { CidrBlock: '10.0.0.0/16' });
    const flows = cfn('AWS::S3::Bucket', 'Flows', {
      LifecycleConfiguration: { Rules: [{ Id: 'root', Status: 'Enabled', Prefix: 'AWSLogs/', ExpirationInDays: 30 }] },
    });
    const flowLog = (destination: unknown) =>
      cfn('AWS::EC2::FlowLog', 'FlowLog', { ResourceId: cfnRef('Vpc'), ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: destination });
    expect(expiration([vpc, flows, flowLog(cfnRef('Flows', 'Arn'))], flows)).toMatchObject({ known: true, value: 30 });
    const inFolder = unk('after deploy', 'the Ref value of Flows is known only after deployment', 'arn:aws:s3:::${Flows}/vpc/');
    expect(expiration([vpc, flows, flowLog(inFolder)], flows)).toMatchObject({ known: true, value: null });
    // A folder after some other unknown value may be anywhere.
    const elsewhere = unk('parameter FlowDestination', 'parameter FlowDestination has no Default', '${FlowDestination}/vpc/');
    const open = expiration([vpc, flows, flowLog(elsewhere)], flows);
    expect(open.known).toBe(false);
  });

  it('CloudFormation TagFilters and size bounds limit a rule; a bucket no one writes logs to is judged for all its objects', () => {
    const bucket = cfn('AWS::S3::Bucket', 'Data', {
      LifecycleConfiguration: {
        Rules: [
          { Id: 'All', Status: 'Enabled', ExpirationInDays: 1000 },
          { Id: 'Big', Status: 'Enabled', ObjectSizeGreaterThan: 1048576, ExpirationInDays: 10 },
        ],
      },
    });
    const open = expiration([bucket], bucket);
    expect(open.known).toBe(false);
    if (!open.known) expect(open.cause.detail).toContain('the objects of Data');
    const tagged = cfn('AWS::S3::Bucket', 'Data', {
      LifecycleConfiguration: { Rules: [{ Id: 'All', Status: 'Enabled', ExpirationInDays: 1000 }, { Id: 'T', Status: 'Enabled', TagFilters: [{ Key: 'k', Value: 'v' }], ExpirationInDays: 2000 }] },
    });
    expect(expiration([tagged], tagged)).toMatchObject({ known: true, value: 1000 });
  });
});
