// A fake AWS Config service on 127.0.0.1 speaking AWS JSON 1.1, read by the
// real SDK client with static credentials: pagination, throttling, a denied
// region, and the lifted model of the served items.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfigItems } from '../../../src/live/aws/read-config.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { defaultSecurityGroupId, mainRouteTableId } from '../../../src/model/aws/network/references.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '111122223333';
const REGION = 'ap-northeast-1';

function item(resourceType: string, resourceId: string, configuration: object, extra: object = {}): string {
  return JSON.stringify({
    accountId: ACCOUNT,
    awsRegion: REGION,
    resourceId,
    resourceType,
    arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:${resourceType.split('::')[2]!.toLowerCase()}/${resourceId}`,
    configurationItemStatus: 'OK',
    configuration,
    supplementaryConfiguration: {},
    tags: [{ key: 'Name', value: resourceId }],
    ...extra,
  });
}

const ITEMS = [
  item('AWS::EC2::VPC', 'vpc-0a1', { vpcId: 'vpc-0a1', cidrBlock: '10.20.0.0/16', cidrBlockAssociationSet: [{ cidrBlock: '10.20.0.0/16', cidrBlockState: { state: 'associated' } }], ipv6CidrBlockAssociationSet: [], isDefault: false }),
  item('AWS::EC2::Subnet', 'subnet-0pub', { subnetId: 'subnet-0pub', vpcId: 'vpc-0a1', cidrBlock: '10.20.1.0/24', availabilityZone: 'ap-northeast-1a', mapPublicIpOnLaunch: true, ipv6CidrBlockAssociationSet: [] }),
  item('AWS::EC2::Subnet', 'subnet-0app', { subnetId: 'subnet-0app', vpcId: 'vpc-0a1', cidrBlock: '10.20.2.0/24', availabilityZone: 'ap-northeast-1c', mapPublicIpOnLaunch: false }),
  item('AWS::EC2::InternetGateway', 'igw-0b2', { internetGatewayId: 'igw-0b2', attachments: [{ state: 'available', vpcId: 'vpc-0a1' }] }),
  item('AWS::EC2::RouteTable', 'rtb-0main', { routeTableId: 'rtb-0main', vpcId: 'vpc-0a1', routes: [{ destinationCidrBlock: '10.20.0.0/16', gatewayId: 'local', origin: 'CreateRouteTable', state: 'active' }], associations: [{ main: true, routeTableAssociationId: 'rtbassoc-01', routeTableId: 'rtb-0main' }] }),
  item('AWS::EC2::RouteTable', 'rtb-0pub', { routeTableId: 'rtb-0pub', vpcId: 'vpc-0a1', routes: [{ destinationCidrBlock: '10.20.0.0/16', gatewayId: 'local', state: 'active' }, { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0b2', origin: 'CreateRoute', state: 'active' }], associations: [{ main: false, subnetId: 'subnet-0pub', routeTableId: 'rtb-0pub' }] }),
  item('AWS::EC2::SecurityGroup', 'sg-0def', { groupId: 'sg-0def', groupName: 'default', vpcId: 'vpc-0a1', ipPermissions: [{ ipProtocol: '-1', userIdGroupPairs: [{ groupId: 'sg-0def', userId: ACCOUNT }], ipv4Ranges: [], ipRanges: [] }], ipPermissionsEgress: [{ ipProtocol: '-1', ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipRanges: ['0.0.0.0/0'] }] }),
  item('AWS::EC2::SecurityGroup', 'sg-0ssh', { groupId: 'sg-0ssh', groupName: 'bastion', vpcId: 'vpc-0a1', ipPermissions: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: [{ cidrIp: '0.0.0.0/0', description: 'anywhere' }], ipRanges: ['0.0.0.0/0'] }], ipPermissionsEgress: [] }),
  'not json',
];

const calls: { target: string; token?: string }[] = [];
let throttled = false;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const target = String(req.headers['x-amz-target']);
    const input = JSON.parse(body || '{}') as { NextToken?: string };
    calls.push({ target, ...(input.NextToken ? { token: input.NextToken } : {}) });
    const send = (status: number, doc: object) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(doc));
    };
    if (String(req.headers.authorization).includes('/eu-west-9/')) {
      send(400, { __type: 'AccessDeniedException', message: 'not authorized to perform config:SelectResourceConfig' });
      return;
    }
    if (input.NextToken === 'page-2' && !throttled) {
      throttled = true;
      send(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
      return;
    }
    if (!input.NextToken) send(200, { Results: ITEMS.slice(0, 5), NextToken: 'page-2' });
    else send(200, { Results: ITEMS.slice(5) });
  });
});

let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

function client(region: string): ConfigServiceClient {
  return new ConfigServiceClient({ region, endpoint, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 3 });
}

describe('AWS Config reader against a fake service', () => {
  it('reads every page through a throttled call, skips a broken result, and lifts the deployed network', async () => {
    const read = await readConfigItems(client(REGION), ACCOUNT, REGION);
    expect(calls.filter((c) => c.token === 'page-2').length).toBe(2);
    expect(read.resources.map((r) => r.key)).toHaveLength(8);
    expect(read.errors.map((e) => e.message)).toEqual([expect.stringContaining('not JSON')]);
    const ssh = read.resources.find((r) => r.type === 'AWS::EC2::SecurityGroup' && r.ids?.includes('sg-0ssh'))!;
    expect(ssh.address).toBe(`arn:aws:ec2:${REGION}:${ACCOUNT}:securitygroup/sg-0ssh`);
    expect(ssh.key).toBe(`aws:${ACCOUNT}/${REGION}#sg-0ssh`);

    const model = new CloudModel();
    const unlifted = liftAws(read.resources, { model, links: new LinkResolver(read.resources) });
    expect(unlifted).toEqual([]);
    const vpcKey = `aws:${ACCOUNT}/${REGION}#vpc-0a1`;
    const bastion = model.getOf(ssh.key, 'security-group')!;
    const ingress = bastion.rules.filter((r) => r.direction === 'ingress');
    expect(ingress).toHaveLength(1);
    expect(ingress[0]!.peers).toMatchObject({ known: true, value: [{ kind: 'cidr', cidr: '0.0.0.0/0' }] });
    expect(ingress[0]!.ports).toMatchObject({ known: true, value: [{ from: 22, to: 22 }] });
    // The live default group and main table are the real items, not synthesized ones.
    const defaults = model.all('security-group').filter((g) => g.isDefault);
    expect(defaults.map((g) => g.id)).toEqual([defaultSecurityGroupId(vpcKey)]);
    expect(defaults[0]!.address).toContain('sg-0def');
    const mainTable = model.getOf(mainRouteTableId(vpcKey), 'route-table')!;
    expect(mainTable.address).toContain('rtb-0main');
    const pub = model.getOf(`aws:${ACCOUNT}/${REGION}#subnet-0pub`, 'subnet')!;
    expect(pub.routeTable).toMatchObject({ known: true, value: `aws:${ACCOUNT}/${REGION}#rtb-0pub` });
    const pubTable = model.getOf(`aws:${ACCOUNT}/${REGION}#rtb-0pub`, 'route-table')!;
    expect(pubTable.routes.map((r) => r.target.known && r.target.value.kind)).toContain('internet-gateway');
  });

  it('records a denied region as an error naming the call and goes on', async () => {
    const read = await readConfigItems(client('eu-west-9'), ACCOUNT, 'eu-west-9');
    expect(read.resources).toEqual([]);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]!.file).toBe(`aws:${ACCOUNT}/eu-west-9`);
    expect(read.errors[0]!.message).toMatch(/config:SelectResourceConfig failed \(AccessDeniedException/);
  });
});
