// The type counts of a recorder, read with the real SDK client against the fake endpoint.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecordedTypes } from '../../../src/live/aws/recorded-types.js';
import { startFakeAws, type FakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '111122223333';
const item = (resourceType: string, resourceId: string) => ({ accountId: ACCOUNT, awsRegion: 'ap-northeast-1', resourceType, resourceId, configuration: {} });
const ITEMS = [
  item('AWS::DynamoDB::Table', 'juki-jumin'),
  item('AWS::DynamoDB::Table', 'juki-rireki'),
  item('AWS::EC2::VPC', 'vpc-0a1'),
  item('AWS::Config::ResourceCompliance', 'AWS::EC2::VPC/vpc-0a1'),
];

let fake: FakeAws | undefined;
afterEach(() => fake?.close());

function client(endpoint: string): ConfigServiceClient {
  return new ConfigServiceClient({ region: 'ap-northeast-1', endpoint, maxAttempts: 1, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
}

describe('readRecordedTypes', () => {
  it('counts every recorded type of the scope, leaving out Config’s own compliance records', async () => {
    fake = await startFakeAws({ account: ACCOUNT, items: ITEMS });
    const r = await readRecordedTypes(client(fake.endpoint), `aws:${ACCOUNT}/ap-northeast-1`);
    expect(r.errors).toEqual([]);
    expect(r.types.sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { scope: `aws:${ACCOUNT}/ap-northeast-1`, type: 'AWS::DynamoDB::Table', count: 2 },
      { scope: `aws:${ACCOUNT}/ap-northeast-1`, type: 'AWS::EC2::VPC', count: 1 },
    ]);
  });

  it('names the call and what it kept from the report when the query is denied', async () => {
    fake = await startFakeAws({ account: ACCOUNT, items: ITEMS, deniedTypeCounts: true });
    const r = await readRecordedTypes(client(fake.endpoint), `aws:${ACCOUNT}/ap-northeast-1`);
    expect(r.types).toEqual([]);
    expect(r.errors).toEqual([
      {
        file: `aws:${ACCOUNT}/ap-northeast-1`,
        message: expect.stringMatching(/^config:SelectResourceConfig \(SELECT resourceType, COUNT\(\*\) GROUP BY resourceType\) failed \(AccessDeniedException.*the resource types of .* that kikan does not read are not listed$/),
      },
    ]);
  });
});
