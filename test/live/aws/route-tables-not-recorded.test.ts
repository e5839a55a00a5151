// A recorder that leaves out AWS::EC2::RouteTable: every VPC has a main route
// table, so a closed subnet's path to the internet is unknown, naming the
// recorder setting, not a pass on the platform default's local route only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '340000000001';
const REGION = 'ap-northeast-1';

function item(resourceType: string, resourceId: string, kind: string, configuration: object, tags: { key: string; value: string }[] = []) {
  return { accountId: ACCOUNT, awsRegion: REGION, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${resourceId}`, resourceType, resourceId, configurationItemStatus: 'OK', configuration, tags };
}

const items = [
  item('AWS::EC2::VPC', 'vpc-0hoiku00000000a1', 'vpc', { vpcId: 'vpc-0hoiku00000000a1', cidrBlock: '10.60.0.0/16', isDefault: false, ipv6CidrBlockAssociationSet: [] }, [{ key: 'lg:segment', value: 'mynumber' }]),
  item('AWS::EC2::Subnet', 'subnet-0hoiku0000000a1', 'subnet', { subnetId: 'subnet-0hoiku0000000a1', vpcId: 'vpc-0hoiku00000000a1', cidrBlock: '10.60.1.0/24', availabilityZone: `${REGION}a`, mapPublicIpOnLaunch: false, ipv6CidrBlockAssociationSet: [] }),
  item('AWS::EC2::InternetGateway', 'igw-0hoiku00000000a1', 'internet-gateway', { internetGatewayId: 'igw-0hoiku00000000a1', attachments: [{ state: 'available', vpcId: 'vpc-0hoiku00000000a1' }] }),
];

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({
    account: ACCOUNT,
    items,
    pageSize: 10,
    recorder: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::InternetGateway'] },
  });
});
afterAll(() => fake.close());

describe('route tables not recorded', () => {
  it('leave the closed subnet unknown, naming the recorder setting', async () => {
    let out = '';
    await runScanAws(
      { region: [REGION], format: 'json', lang: 'en', quiet: true },
      { stdout: (t) => (out += t), stderr: () => undefined },
      { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
    );
    const doc = JSON.parse(out) as { findings: { controlId: string; status: string; resource: { address: string }; unknown?: { inputs: string[] }[] }[] };
    const paths = doc.findings.filter((f) => f.controlId === 'LG-3.2' && f.resource.address.endsWith('subnet/subnet-0hoiku0000000a1'));
    expect(paths.map((f) => [f.status, f.unknown?.flatMap((u) => u.inputs)])).toEqual([['unknown', ['AWS Config recorder: AWS::EC2::RouteTable']]]);
  });
});
