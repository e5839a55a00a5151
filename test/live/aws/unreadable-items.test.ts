// An item whose configuration is not a JSON object (cut short in transit, or
// not JSON) describes a resource that exists: it is a read error naming the
// resource, never a resource lifted with every setting at its default (a
// security group without rules would pass the egress and ingress controls).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '320000000001';
const REGION = 'ap-northeast-1';
const tags = [{ key: 'lg:segment', value: 'mynumber' }];

const items = [
  {
    accountId: ACCOUNT,
    awsRegion: REGION,
    arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-0kaigo00000000a1`,
    resourceType: 'AWS::EC2::VPC',
    resourceId: 'vpc-0kaigo00000000a1',
    configurationItemStatus: 'OK',
    configuration: { vpcId: 'vpc-0kaigo00000000a1', cidrBlock: '10.50.0.0/16', isDefault: false, ipv6CidrBlockAssociationSet: [] },
    tags,
  },
  {
    accountId: ACCOUNT,
    awsRegion: REGION,
    arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0kaigo00000000a1`,
    resourceType: 'AWS::EC2::SecurityGroup',
    resourceId: 'sg-0kaigo00000000a1',
    configurationItemStatus: 'OK',
    // Cut short after the first egress rule.
    configuration: '{"groupId":"sg-0kaigo00000000a1","groupName":"kaigo-app","vpcId":"vpc-0kaigo00000000a1","ipPermissionsEgress":[{"ipProtocol":"-1","ipv4Ranges":[{"cidrIp":"0.0.0.0/0"}]}',
    tags,
  },
];

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({ account: ACCOUNT, items, pageSize: 10 });
});
afterAll(() => fake.close());

describe('unreadable configuration items', () => {
  it('are read errors naming the resource, and the resource is not judged as if it had no settings', async () => {
    let out = '';
    await runScanAws(
      { region: [REGION], format: 'json', lang: 'en', quiet: true, failOn: 'high' },
      { stdout: (t) => (out += t), stderr: () => undefined },
      { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
    );
    const doc = JSON.parse(out) as { findings: { controlId: string; status: string; resource: { address: string } }[]; errors: { file: string; message: string }[] };
    expect(doc.errors).toContainEqual({ file: `aws:${ACCOUNT}/${REGION}`, message: expect.stringContaining('AWS::EC2::SecurityGroup sg-0kaigo00000000a1') });
    expect(doc.findings.filter((f) => f.resource.address.includes('sg-0kaigo00000000a1') && f.status === 'pass')).toEqual([]);
  });
});
