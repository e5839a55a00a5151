// AWS Config records each item when it changes, so a VPC item may predate the
// IPv6 block its subnet was given since. The subnet's active association is
// the evidence: the subnet's `::/0` route to an egress-only gateway is a path
// out, as it is in the Terraform that deployed the same layout
// (fixtures/LG-3.2/tf-ipv6-per-subnet).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import { loadCatalog } from '../../../src/controls/catalog/load.js';
import { scanDefinitions } from '../../../src/engine/scan.js';
import { loadPolicyFor } from '../../../src/policy/load.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '352000000052';
const REGION = 'ap-northeast-1';
const TERRAFORM = path.resolve(import.meta.dirname, '../../../fixtures/LG-3.2/tf-ipv6-per-subnet');
const VPC = 'vpc-0zeimu0000000052';

function item(resourceType: string, resourceId: string, kind: string, configuration: object, tags: { key: string; value: string }[] = []) {
  return { accountId: ACCOUNT, awsRegion: REGION, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${resourceId}`, resourceType, resourceId, configurationItemStatus: 'OK', configuration, tags };
}

const segment = [{ key: 'lg:segment', value: 'LGWAN接続系' }];

function subnet(id: string, cidr: string, ipv6: object[]) {
  return item('AWS::EC2::Subnet', id, 'subnet', { subnetId: id, vpcId: VPC, cidrBlock: cidr, availabilityZone: `${REGION}a`, mapPublicIpOnLaunch: false, assignIpv6AddressOnCreation: ipv6.length > 0, ipv6CidrBlockAssociationSet: ipv6 }, segment);
}

/** The VPC as recorded before `assign_generated_ipv6_cidr_block` was applied: no IPv6 block listed. */
const staleVpc = item('AWS::EC2::VPC', VPC, 'vpc', { vpcId: VPC, cidrBlock: '10.52.0.0/16', isDefault: false, ipv6CidrBlockAssociationSet: [] }, segment);

const items = [
  staleVpc,
  subnet('subnet-0zeimuapp000052', '10.52.10.0/24', [
    { associationId: 'subnet-cidr-assoc-0zeimu52', ipv6CidrBlock: '2406:da14:aa0:520a::/64', ipv6CidrBlockState: { state: 'associated' } },
  ]),
  subnet('subnet-0zeimudb0000052', '10.52.20.0/24', []),
  item('AWS::EC2::EgressOnlyInternetGateway', 'eigw-0zeimu00000052', 'egress-only-internet-gateway', {
    egressOnlyInternetGatewayId: 'eigw-0zeimu00000052',
    attachments: [{ state: 'attached', vpcId: VPC }],
  }),
  item('AWS::EC2::RouteTable', 'rtb-0zeimumain00052', 'route-table', {
    routeTableId: 'rtb-0zeimumain00052',
    vpcId: VPC,
    routes: [{ destinationCidrBlock: '10.52.0.0/16', gatewayId: 'local', state: 'active' }],
    associations: [{ main: true, routeTableAssociationId: 'rtbassoc-0zeimumain', routeTableId: 'rtb-0zeimumain00052' }],
  }),
  item('AWS::EC2::RouteTable', 'rtb-0zeimupriv00052', 'route-table', {
    routeTableId: 'rtb-0zeimupriv00052',
    vpcId: VPC,
    routes: [
      { destinationCidrBlock: '10.52.0.0/16', gatewayId: 'local', state: 'active' },
      { destinationIpv6CidrBlock: '::/0', egressOnlyInternetGatewayId: 'eigw-0zeimu00000052', state: 'active' },
    ],
    associations: [
      { main: false, routeTableAssociationId: 'rtbassoc-0zeimuapp', subnetId: 'subnet-0zeimuapp000052', routeTableId: 'rtb-0zeimupriv00052' },
      { main: false, routeTableAssociationId: 'rtbassoc-0zeimudb', subnetId: 'subnet-0zeimudb0000052', routeTableId: 'rtb-0zeimupriv00052' },
    ],
  }),
];

type Result = { controlId: string; status: string; resource: { address: string }; message: string };

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({ account: ACCOUNT, items, pageSize: 10 });
});
afterAll(() => fake.close());

async function liveFindings(): Promise<Result[]> {
  let out = '';
  await runScanAws(
    { region: [REGION], format: 'json', lang: 'en', quiet: true },
    { stdout: (t) => (out += t), stderr: () => undefined },
    { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
  );
  return (JSON.parse(out) as { findings: Result[] }).findings;
}

describe('a VPC item that predates its subnet\'s IPv6 block', () => {
  it('does not hide the subnet\'s IPv6 path: LG-3.2 fails on it as in the Terraform, and the IPv4-only subnet passes in both', async () => {
    const live = await liveFindings();
    const lg32 = (fs: readonly Pick<Result, 'controlId' | 'status' | 'resource'>[], address: string) => fs.filter((f) => f.controlId === 'LG-3.2' && f.resource.address.endsWith(address)).map((f) => f.status);
    expect(lg32(live, 'subnet/subnet-0zeimuapp000052')).toEqual(['fail']);
    expect(lg32(live, 'subnet/subnet-0zeimudb0000052')).toEqual(['pass']);
    expect(live.find((f) => f.controlId === 'LG-3.2' && f.status === 'fail')?.message).toMatch(/IPv6/);

    const catalog = loadCatalog();
    const tf = await scanDefinitions({
      paths: [TERRAFORM],
      read: { root: TERRAFORM, vars: {}, varFiles: [], params: {}, paramFiles: [] },
      policy: loadPolicyFor(TERRAFORM, undefined),
      now: new Date(),
      severityOf: (id) => catalog.byId.get(id)?.severity ?? 'medium',
    });
    expect(lg32(tf.findings, 'aws_subnet.app')).toEqual(lg32(live, 'subnet/subnet-0zeimuapp000052'));
    expect(lg32(tf.findings, 'aws_subnet.db')).toEqual(lg32(live, 'subnet/subnet-0zeimudb0000052'));
  });
});
