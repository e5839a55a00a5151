// A live trail's destinations: its bucket by name (global, so a bucket of any
// scanned account is that bucket) and its log group by ARN; one outside the
// scan (the log archive account's bucket) is unknown, naming the bucket.
import { describe, expect, it } from 'vitest';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';

const ACCOUNT = '666677778888';
const origin = { accountId: ACCOUNT, region: 'ap-northeast-1' };

function trail(bucket: string, logGroupArn?: string) {
  return {
    resourceType: 'AWS::CloudTrail::Trail',
    resourceId: 'fukushi-trail',
    resourceName: 'fukushi-trail',
    arn: `arn:aws:cloudtrail:ap-northeast-1:${ACCOUNT}:trail/fukushi-trail`,
    configurationItemStatus: 'OK',
    configuration: { name: 'fukushi-trail', s3BucketName: bucket, isMultiRegionTrail: true, logFileValidationEnabled: true, homeRegion: 'ap-northeast-1', ...(logGroupArn ? { cloudWatchLogsLogGroupArn: logGroupArn } : {}) },
    supplementaryConfiguration: { TrailStatus: { isLogging: true } },
    tags: [],
  };
}

const bucket = {
  resourceType: 'AWS::S3::Bucket',
  resourceId: 'fukushi-trail-logs',
  resourceName: 'fukushi-trail-logs',
  arn: 'arn:aws:s3:::fukushi-trail-logs',
  configurationItemStatus: 'OK',
  configuration: { name: 'fukushi-trail-logs', owner: { id: 'beef' } },
  supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Enabled' } },
  tags: [],
};

const logGroup = {
  resourceType: 'AWS::Logs::LogGroup',
  resourceId: '/fukushi/cloudtrail',
  resourceName: '/fukushi/cloudtrail',
  arn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/fukushi/cloudtrail`,
  configuration: { logGroupName: '/fukushi/cloudtrail', retentionInDays: 731 },
};

function destinationsOf(items: Record<string, unknown>[]) {
  const natives = items.map((i) => nativeOfItem(i, origin)).filter((r): r is NativeResource => r !== undefined);
  const model = new CloudModel();
  liftAws(natives, { model, links: new LinkResolver(natives) });
  const t = model.all('trail')[0]!;
  const byKey = new Map(natives.map((n) => [n.key, n.address]));
  return { destinations: t.destinations, addressOf: (k: string) => byKey.get(k) };
}

describe('live trail destinations', () => {
  it('the scanned bucket and the log group the trail names', () => {
    const { destinations, addressOf } = destinationsOf([trail('fukushi-trail-logs', `${logGroup.arn}:*`), bucket, logGroup]);
    expect(destinations.known).toBe(true);
    const links = destinations.known ? destinations.value : [];
    expect(links.map((l) => (l.known ? addressOf(l.value) : undefined))).toEqual(['arn:aws:s3:::fukushi-trail-logs', logGroup.arn]);
  });

  it('a bucket outside the scan is unknown and named', () => {
    const { destinations } = destinationsOf([trail('gcas-log-archive-999900001111')]);
    const links = destinations.known ? destinations.value : [];
    expect(links).toHaveLength(1);
    expect(links[0]!.known).toBe(false);
    expect(!links[0]!.known && links[0]!.cause.inputs).toEqual(['gcas-log-archive-999900001111']);
  });
});
