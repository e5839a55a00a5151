// An aggregator's items, account by account: the account's S3 public access
// block (recorded in one region) holds for its buckets in every region, and
// the account services an aggregator does not hold are named as not scanned
// for each account and region, not left out of the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '330000000001';

const items = [
  {
    accountId: ACCOUNT,
    awsRegion: 'ap-northeast-1',
    resourceType: 'AWS::S3::AccountPublicAccessBlock',
    resourceId: ACCOUNT,
    configurationItemStatus: 'OK',
    configuration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    tags: [],
  },
  {
    accountId: ACCOUNT,
    awsRegion: 'ap-northeast-3',
    arn: 'arn:aws:s3:::zeimu-dr-copies',
    resourceType: 'AWS::S3::Bucket',
    resourceId: 'zeimu-dr-copies',
    resourceName: 'zeimu-dr-copies',
    configurationItemStatus: 'OK',
    configuration: { name: 'zeimu-dr-copies', owner: { id: 'cafe' } },
    supplementaryConfiguration: {
      AccessControlList: '{"grantList":[{"grantee":"AllUsers","permission":"Read"}],"owner":{"id":"cafe"}}',
      BucketPolicy: { policyText: null },
    },
    tags: [{ key: 'lg:classification', value: '2' }],
  },
];

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({ account: ACCOUNT, items, pageSize: 10 });
});
afterAll(() => fake.close());

describe('an aggregator, account by account', () => {
  it('applies the account public access block across regions and names the account services it cannot read', async () => {
    let out = '';
    await runScanAws(
      { region: ['ap-northeast-1'], aggregator: 'gcas-org', format: 'json', lang: 'en', quiet: true, failOn: 'high' },
      { stdout: (t) => (out += t), stderr: () => undefined },
      { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
    );
    const doc = JSON.parse(out) as {
      findings: { controlId: string; status: string; resource: { address: string } }[];
      notScanned: { address: string; cause: { inputs: string[] } }[];
    };
    const publicAccess = doc.findings.filter((f) => f.controlId === 'LG-2.6' && f.resource.address === 'arn:aws:s3:::zeimu-dr-copies');
    expect(publicAccess.map((f) => f.status)).toEqual(['pass']);
    const services = doc.notScanned.filter((n) => n.address.endsWith(' account services')).map((n) => n.address).sort();
    expect(services).toEqual([`aws:${ACCOUNT}/ap-northeast-1 account services`, `aws:${ACCOUNT}/ap-northeast-3 account services`]);
  });
});
