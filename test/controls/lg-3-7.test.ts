// LG-3.3 and LG-3.7 on hand-built models: public exposure in closed
// segments, and the endpoints a closed VPC needs for what runs in it.
import { describe, expect, it } from 'vitest';
import { check as exposure } from '../../src/controls/checks/lg-3-3.js';
import { check as endpoints } from '../../src/controls/checks/lg-3-7.js';
import type { Compute } from '../../src/model/compute.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { endpoint, known, loadBalancer, of, publicIp, run, statuses, store } from './lg-3-support.js';

const MN = { 'lg:segment': 'mynumber' };

function managed(m: ModelBuilder, id: string, v: boolean | ReturnType<typeof cause>): void {
  (m.model.getOf(id, 'compute') as Compute).managed = m.fact<boolean>(v);
}

describe('LG-3.3', () => {
  it('fails public IPs, public subnets, internet-facing load balancers and public databases in a closed segment', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    const s = m.subnet('aws_subnet.app', vpc);
    m.model.getOf(s, 'subnet')!.mapPublicIpOnLaunch = known(m, true);
    const i = m.instance('aws_instance.app', [s]);
    (m.model.getOf(i, 'compute') as Compute).publicIp = known(m, true, true);
    loadBalancer(m, 'aws_lb.app', [s], { internetFacing: true });
    store(m, 'aws_db_instance.juki', { storeType: 'rds-instance', subnets: m.links([s]), publiclyAccessible: known(m, false) });
    publicIp(m, 'aws_eip.app', i);
    const drafts = run(exposure, m);
    expect(statuses(drafts)).toEqual(['aws_subnet.app=fail', 'aws_instance.app=fail', 'aws_lb.app=fail', 'aws_db_instance.juki=pass', 'aws_eip.app=fail']);
    expect(of(drafts, 'aws_instance.app')[0]!.message.en).toContain('(default)');
    expect(of(drafts, 'aws_subnet.app')[0]!.location).toEqual(m.model.getOf(s, 'subnet')!.mapPublicIpOnLaunch!.loc);
  });

  it("judges a NAT gateway's public IP by the NAT's own subnet, not by the closed subnets routed through it", () => {
    const m = new ModelBuilder();
    const egress = m.vpc('aws_vpc.egress', { tags: { 'lg:segment': 'internet' }, cidr: '10.8.0.0/16' });
    const igw = m.igw('aws_internet_gateway.egress', egress);
    const pub = m.subnet('aws_subnet.public', egress, { routeTable: m.routeTable('aws_route_table.public', egress, [['0.0.0.0/0', 'internet-gateway', igw]]), cidr: '10.8.0.0/24' });
    const nat = m.nat('aws_nat_gateway.egress', pub);
    publicIp(m, 'aws_eip.nat', nat);
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    m.subnet('aws_subnet.app', vpc, { routeTable: m.routeTable('aws_route_table.app', egress, [['0.0.0.0/0', 'nat-gateway', nat]]) });
    expect(statuses(run(exposure, m))).toEqual([]);
  });

  it('gives unknown for an exposure setting from an input, and for an exposed resource of unknown segment', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    const s = m.subnet('aws_subnet.app', vpc);
    loadBalancer(m, 'aws_lb.app', [s]);
    m.model.getOf('aws_lb.app', 'load-balancer')!.internetFacing = m.fact<boolean>(cause('var.lb_internal'));
    const other = m.vpc('aws_vpc.misc', { tags: cause('var.tags'), cidr: '10.7.0.0/16' });
    const ms = m.subnet('aws_subnet.misc', other, { cidr: '10.7.1.0/24' });
    loadBalancer(m, 'aws_lb.misc', [ms], { internetFacing: true });
    const drafts = run(exposure, m);
    expect(drafts.map((d) => [d.subject.id, d.status, d.unknown?.flatMap((c) => c.inputs)])).toEqual([
      ['aws_lb.app', 'unknown', ['var.lb_internal']],
      ['aws_lb.misc', 'unknown', ['var.tags']],
    ]);
  });
});

describe('LG-3.7', () => {
  function closedVpcWithInstance() {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    const rt = m.routeTable('aws_route_table.app', vpc, []);
    const s = m.subnet('aws_subnet.app', vpc, { routeTable: rt });
    const i = m.instance('aws_instance.app', [s]);
    managed(m, i, true);
    return { m, vpc, rt, s, i };
  }

  it('fails the SSM endpoints a closed VPC with an SSM-managed instance lacks', () => {
    const { m } = closedVpcWithInstance();
    const drafts = run(endpoints, m);
    expect(statuses(drafts)).toEqual(['aws_vpc.juki[ssm]=fail', 'aws_vpc.juki[ssmmessages]=fail', 'aws_vpc.juki[ec2messages]=fail']);
    expect(drafts[0]!.message.en).toContain('instances managed by SSM (aws_instance.app)');
  });

  it('passes interface endpoints with private DNS and fails one without it, at the setting', () => {
    const { m, vpc, s } = closedVpcWithInstance();
    for (const svc of ['ssm', 'ssmmessages']) endpoint(m, `aws_vpc_endpoint.${svc}`, { service: `com.amazonaws.ap-northeast-1.${svc}`, network: vpc, subnets: [s], privateDns: true });
    endpoint(m, 'aws_vpc_endpoint.ec2messages', { service: 'com.amazonaws.ap-northeast-1.ec2messages', network: vpc, subnets: [s], privateDns: false });
    const drafts = run(endpoints, m);
    expect(statuses(drafts)).toEqual(['aws_vpc.juki[ssm]=pass', 'aws_vpc.juki[ssmmessages]=pass', 'aws_vpc.juki[ec2messages]=fail']);
    expect(drafts[2]!.location).toEqual(m.model.getOf('aws_vpc_endpoint.ec2messages', 'endpoint')!.privateDns!.loc);
  });

  it('needs an S3 gateway endpoint on the route table of every subnet with compute when buckets exist', () => {
    const { m, vpc, rt, i } = closedVpcWithInstance();
    managed(m, i, false);
    store(m, 'aws_s3_bucket.docs', { storeType: 's3-bucket' });
    const other = m.routeTable('aws_route_table.other', vpc, []);
    endpoint(m, 'aws_vpc_endpoint.s3', { type: 'gateway', service: 'com.amazonaws.ap-northeast-1.s3', network: vpc, routeTables: [other] });
    const off = run(endpoints, m);
    expect(statuses(off)).toEqual(['aws_vpc.juki[s3]=fail']);
    expect(off[0]!.message.en).toContain('is not on the route tables of subnets aws_subnet.app');
    m.model.getOf('aws_vpc_endpoint.s3', 'endpoint')!.routeTables = m.links([other, rt]);
    expect(statuses(run(endpoints, m))).toEqual(['aws_vpc.juki[s3]=pass']);
  });

  it('gives unknown when management or an endpoint service cannot be told, and for an endpoint of a connected VPC', () => {
    const { m, vpc, s, i } = closedVpcWithInstance();
    managed(m, i, cause('aws_iam_instance_profile.app'));
    expect(run(endpoints, m).map((d) => [d.status, d.unknown?.[0]?.inputs])).toEqual([
      ['unknown', ['aws_iam_instance_profile.app']],
      ['unknown', ['aws_iam_instance_profile.app']],
      ['unknown', ['aws_iam_instance_profile.app']],
    ]);
    managed(m, i, true);
    endpoint(m, 'SsmEndpoint', { service: { inputs: ['--region'], detail: 'AWS::Region is the deployment region' }, network: vpc, subnets: [s], privateDns: true });
    expect(run(endpoints, m).map((d) => d.unknown?.[0]?.inputs)).toEqual([['--region'], ['--region'], ['--region']]);
  });

  it('judges an endpoint whose name is unknown only in its region by the service it names', () => {
    const { m, vpc, s } = closedVpcWithInstance();
    const region = { inputs: ['--region'], detail: 'AWS::Region is the deployment region' };
    endpoint(m, 'SsmEndpoint', { service: region, network: vpc, subnets: [s], privateDns: true });
    endpoint(m, 'MessagesEndpoint', { service: region, network: vpc, subnets: [s], privateDns: false });
    m.model.getOf('SsmEndpoint', 'endpoint')!.serviceSuffix = 'ssm';
    m.model.getOf('MessagesEndpoint', 'endpoint')!.serviceSuffix = 'ssmmessages';
    const drafts = run(endpoints, m);
    expect(statuses(drafts)).toEqual(['aws_vpc.juki[ssm]=pass', 'aws_vpc.juki[ssmmessages]=fail', 'aws_vpc.juki[ec2messages]=fail']);
    expect(drafts[1]!.message.en).toContain('private DNS disabled');
    expect(drafts[2]!.message.en).toContain('has no VPC endpoint for ec2messages');
  });

  it('takes an endpoint in a peered VPC as unknown: it serves this one only through a private hosted zone', () => {
    const { m, vpc } = closedVpcWithInstance();
    const hub = m.vpc('aws_vpc.endpoints', { tags: MN, cidr: '10.90.0.0/16' });
    const hs = m.subnet('aws_subnet.endpoints', hub, { cidr: '10.90.1.0/24' });
    m.peering('aws_vpc_peering_connection.hub', vpc, hub, true);
    endpoint(m, 'aws_vpc_endpoint.hub_ssm', { service: 'com.amazonaws.ap-northeast-1.ssm', network: hub, subnets: [hs], privateDns: false });
    const ssm = run(endpoints, m).find((d) => d.key === 'ssm')!;
    expect(ssm.status).toBe('unknown');
    expect(ssm.unknown![0]!.inputs).toEqual(['Route 53 private hosted zone for ssm']);
  });

  it('requires Azure data stores of a closed segment to sit behind a private endpoint in a closed subnet, public access off', () => {
    const m = new ModelBuilder('azure', 'main.json');
    const v = m.vpc('vnet-juki', { tags: MN });
    const s = m.subnet('vnet-juki/pe', v, { defaultOutboundAccess: false });
    store(m, 'stjukidocs', { storeType: 'storage-account', publiclyAccessible: known(m, false) });
    m.privateEndpoint('pe-stjukidocs', s, 'stjukidocs');
    store(m, 'sql-juki', { storeType: 'sql-server', publiclyAccessible: known(m, true, true), tags: m.fact(MN) });
    const drafts = run(endpoints, m);
    expect(statuses(drafts)).toEqual(['stjukidocs=pass', 'sql-juki=fail']);
    expect(drafts[1]!.message.en).toContain('it has no private endpoint; public network access is enabled (default)');
  });
});
