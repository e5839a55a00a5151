import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import type { Policy, SegmentSelector } from '../../src/policy/types.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from './model-builder.js';

function policyWith(selectors: SegmentSelector[] = []): Policy {
  return { ...defaultPolicy(), selectors };
}

describe('segments from tags', () => {
  it('takes a subnet tag, else the VPC tag, and says where it comes from', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.mn', { tags: { 'lg:segment': 'mynumber' } });
    const tagged = m.subnet('aws_subnet.dmz', vpc, { tags: { 'lg:segment': 'internet' } });
    const plain = m.subnet('aws_subnet.app', vpc);
    const g = buildGraph(m.model, policyWith());

    expect(g.segmentOf(vpc)).toMatchObject({ segment: 'mynumber', source: 'tag' });
    expect(g.segmentOf(vpc).loc).toEqual(m.model.get(vpc)!.tags.loc);
    expect(g.segmentOf(tagged)).toMatchObject({ segment: 'internet', source: 'tag' });
    expect(g.segmentOf(plain)).toMatchObject({ segment: 'mynumber', source: 'network', inheritedFrom: vpc });
    expect(g.subnetsOf(vpc)).toEqual([tagged, plain]);
    expect(g.networkOf(plain)).toBe(vpc);
  });

  it('reads the Japanese segment names and case-insensitive tag keys', () => {
    const m = new ModelBuilder('azure', 'main.json');
    const a = m.vpc('vnet-a', { tags: { 'lg:segment': 'マイナンバー利用事務系' } });
    const b = m.vpc('vnet-b', { tags: { 'LG:Segment': 'LGWAN接続系' } });
    const c = m.vpc('vnet-c', { tags: { 'lg:segment': 'インターネット接続系' } });
    const g = buildGraph(m.model, policyWith());
    expect([a, b, c].map((id) => g.segmentOf(id).segment)).toEqual(['mynumber', 'lgwan', 'internet']);
  });

  it('honours a renamed tag key from the policy', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.x', { tags: { Zone: 'lgwan', 'lg:segment': 'internet' } });
    const p = policyWith();
    p.tagKeys = { ...p.tagKeys, segment: 'Zone' };
    expect(buildGraph(m.model, p).segmentOf(vpc)).toMatchObject({ segment: 'lgwan', source: 'tag' });
  });

  it('makes unknown tags and unrecognised values unknown, with the cause, never inherited', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.mn', { tags: { 'lg:segment': 'mynumber' } });
    const s1 = m.subnet('aws_subnet.a', vpc, { tags: cause('var.subnet_tags') });
    const s2 = m.subnet('aws_subnet.b', vpc, { tags: { 'lg:segment': 'mynumbr' } });
    const g = buildGraph(m.model, policyWith());
    expect(g.segmentOf(s1)).toMatchObject({ segment: null, source: 'unknown', unknown: { inputs: ['var.subnet_tags'] } });
    expect(g.segmentOf(s2).source).toBe('unknown');
    expect(g.segmentOf(s2).unknown!.detail).toContain('"mynumbr"');
  });

  it('reads a literal segment tag beside a tag whose value is unknown, and is unknown only when the segment tag itself is', () => {
    const m = new ModelBuilder();
    const a = m.vpc('aws_vpc.a', { tags: { 'lg:segment': 'mynumber' } });
    const b = m.vpc('aws_vpc.b');
    m.model.get(a)!.unknownTags = { Name: m.fact<string>(cause('AWS::StackName')) as never };
    m.model.get(b)!.unknownTags = { 'lg:segment': m.fact<string>(cause('var.segment')) as never };
    const g = buildGraph(m.model, policyWith());
    expect(g.segmentOf(a)).toMatchObject({ segment: 'mynumber', source: 'tag' });
    expect(g.segmentOf(b)).toMatchObject({ segment: null, source: 'unknown', unknown: { inputs: ['var.segment'] } });
  });

  it('leaves an untagged, unconnected network without a segment', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.tools');
    const s = m.subnet('aws_subnet.tools', vpc);
    const g = buildGraph(m.model, policyWith());
    expect(g.segmentOf(vpc)).toEqual({ segment: null, source: 'none', chain: [] });
    expect(g.segmentOf(s)).toMatchObject({ segment: null, source: 'none' });
  });
});

describe('segments from policy selectors', () => {
  const sel = (s: SegmentSelector): SegmentSelector => ({ ...s, loc: { file: 'kikan.yaml', line: 4 } });

  it('matches address globs before tags', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('module.mn.aws_vpc.this[0]', { tags: { 'lg:segment': 'internet' } });
    const other = m.vpc('module.web.aws_vpc.this[0]');
    const s = m.subnet('module.mn.aws_subnet.private["a"]', other);
    const exact = m.vpc('aws_vpc.lg["tokyo"]');
    const g = buildGraph(
      m.model,
      policyWith([sel({ segment: 'mynumber', address: 'module.mn.*' }), sel({ segment: 'lgwan', address: 'aws_vpc.lg["tokyo"]' }), { segment: 'internet' }]),
    );
    expect(g.segmentOf(exact)).toMatchObject({ segment: 'lgwan', source: 'selector' });
    expect(g.segmentOf(vpc)).toMatchObject({ segment: 'mynumber', source: 'selector', loc: { file: 'kikan.yaml', line: 4 } });
    expect(g.segmentOf(other).segment).toBeNull();
    expect(g.segmentOf(s)).toMatchObject({ segment: 'mynumber', source: 'selector' });
  });

  it('matches resource IDs case-insensitively against native IDs', () => {
    const m = new ModelBuilder('azure', 'vnet.json');
    const id = '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-mn';
    const vnet = m.vpc('Microsoft.Network/virtualNetworks/vnet-mn', { ids: [id.toLowerCase()] });
    const g = buildGraph(m.model, policyWith([sel({ segment: 'mynumber', resourceId: id })]));
    expect(g.segmentOf(vnet)).toMatchObject({ segment: 'mynumber', source: 'selector' });
  });

  it('matches networks and subnets whose CIDR lies within the selector CIDR', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.a', { cidr: '10.20.0.0/16' });
    const inside = m.subnet('aws_subnet.in', vpc, { cidr: '10.20.1.0/24' });
    const vpc2 = m.vpc('aws_vpc.b', { cidr: '10.30.0.0/16' });
    const sub2 = m.subnet('aws_subnet.lg', vpc2, { cidr: '10.30.8.0/24' });
    const g = buildGraph(
      m.model,
      policyWith([sel({ segment: 'mynumber', cidr: '10.20.0.0/16' }), sel({ segment: 'lgwan', cidr: '10.30.8.0/22' })]),
    );
    expect(g.segmentOf(vpc)).toMatchObject({ segment: 'mynumber', source: 'selector' });
    expect(g.segmentOf(inside)).toMatchObject({ segment: 'mynumber', source: 'selector' });
    expect(g.segmentOf(vpc2).segment).toBeNull();
    expect(g.segmentOf(sub2)).toMatchObject({ segment: 'lgwan', source: 'selector' });
  });

  it('cannot decide a CIDR selector on an unknown CIDR unless the outcome is the same', () => {
    const m = new ModelBuilder();
    const clash = m.vpc('aws_vpc.a', { cidr: cause('var.vpc_cidr'), tags: { 'lg:segment': 'internet' } });
    const same = m.vpc('aws_vpc.b', { cidr: cause('var.vpc_cidr'), tags: { 'lg:segment': 'mynumber' } });
    const g = buildGraph(m.model, policyWith([sel({ segment: 'mynumber', cidr: '10.0.0.0/8' })]));
    expect(g.segmentOf(clash)).toMatchObject({ source: 'unknown', unknown: { inputs: ['var.vpc_cidr'] } });
    expect(g.segmentOf(same)).toMatchObject({ segment: 'mynumber', source: 'tag' });
  });

  it('makes a subnet of a network outside the scan unknown unless a selector names that network', () => {
    const m = new ModelBuilder();
    const s = m.subnet('aws_subnet.a', cause('data.aws_vpc.shared', 'vpc_id refers to a data source'));
    const t = m.subnet('aws_subnet.b', cause('vpc-0abc1234', 'vpc_id names vpc-0abc1234'));
    const g0 = buildGraph(m.model, policyWith());
    expect(g0.segmentOf(s)).toMatchObject({ source: 'unknown', unknown: { inputs: ['data.aws_vpc.shared'] } });
    const g1 = buildGraph(
      m.model,
      policyWith([sel({ segment: 'lgwan', address: 'data.aws_vpc.shared' }), sel({ segment: 'mynumber', resourceId: 'vpc-0abc1234' })]),
    );
    expect(g1.segmentOf(s)).toMatchObject({ segment: 'lgwan', source: 'selector' });
    expect(g1.segmentOf(t)).toMatchObject({ segment: 'mynumber', source: 'selector' });
  });
});

describe('segments of placed resources and shared objects', () => {
  it('places resources in their subnets and lists each segment when they span several', () => {
    const m = new ModelBuilder();
    const mn = m.vpc('aws_vpc.mn', { tags: { 'lg:segment': 'mynumber' } });
    const net = m.vpc('aws_vpc.web', { tags: { 'lg:segment': 'internet' } });
    const a = m.subnet('aws_subnet.mn', mn);
    const b = m.subnet('aws_subnet.web', net);
    const db = m.store('aws_db_instance.juki', [a]);
    const wide = m.instance('aws_autoscaling_group.app', [a, b]);
    const tagged = m.instance('aws_instance.bastion', [a], { tags: { 'lg:segment': 'internet' } });
    const lost = m.instance('aws_instance.lost', [cause('data.aws_subnet.x')]);
    const g = buildGraph(m.model, policyWith());

    expect(g.segmentOf(db)).toMatchObject({ segment: 'mynumber', source: 'subnet', inheritedFrom: a });
    expect(g.placementOf(wide)).toEqual([a, b]);
    expect(g.segmentOf(wide).segment).toBe('mynumber');
    expect(g.segmentsOf(wide).map((x) => [x.segment, x.attachedTo])).toEqual([
      ['mynumber', [a]],
      ['internet', [b]],
    ]);
    expect(g.segmentOf(tagged)).toMatchObject({ segment: 'internet', source: 'tag' });
    expect(g.segmentOf(lost)).toMatchObject({ source: 'unknown', unknown: { inputs: ['data.aws_subnet.x'] } });
    expect(g.networkOf(db)).toBe(mn);
  });

  it('places a store reached through a private endpoint, and its databases, where the endpoint is', () => {
    const m = new ModelBuilder('azure', 'main.json');
    const vnet = m.vpc('vnet-mn', { tags: { 'lg:segment': 'mynumber' } });
    const pe = m.subnet('vnet-mn/pe', vnet);
    const server = m.store('Microsoft.Sql/servers/sql-juki', undefined);
    const db = m.store('Microsoft.Sql/servers/databases/sql-juki/juki', undefined, { parent: server });
    m.privateEndpoint('pe-sql', pe, server);
    const g = buildGraph(m.model, policyWith());
    expect(g.placementOf(server)).toEqual([pe]);
    expect(g.segmentOf(server)).toMatchObject({ segment: 'mynumber', source: 'subnet' });
    expect(g.segmentOf(db).segment).toBe('mynumber');
  });

  it('gives route tables, security groups and NAT gateways the segments of what they attach to', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const mn = m.subnet('aws_subnet.mn', vpc, { tags: { 'lg:segment': 'mynumber' }, routeTable: 'aws_route_table.shared' });
    const web = m.subnet('aws_subnet.web', vpc, { tags: { 'lg:segment': 'internet' }, routeTable: 'aws_route_table.shared' });
    const pub = m.subnet('aws_subnet.public', vpc, { tags: { 'lg:segment': 'internet' }, routeTable: 'aws_route_table.public' });
    const igw = m.igw('aws_internet_gateway.gw', vpc);
    const nat = m.nat('aws_nat_gateway.gw', pub);
    m.routeTable('aws_route_table.shared', vpc, [['0.0.0.0/0', 'nat-gateway', nat]]);
    m.routeTable('aws_route_table.public', vpc, [['0.0.0.0/0', 'internet-gateway', igw]]);
    const sg = m.securityGroup('aws_security_group.app', vpc, []);
    const unused = m.securityGroup('aws_security_group.unused', vpc, []);
    m.instance('aws_instance.mn', [mn], { securityGroups: [sg] });
    const g = buildGraph(m.model, policyWith());

    const shared = g.segmentsOf('aws_route_table.shared');
    expect(shared.map((a) => [a.segment, a.attachedTo])).toEqual([
      ['mynumber', [mn]],
      ['internet', [web]],
    ]);
    expect(g.segmentOf('aws_route_table.shared')).toMatchObject({ segment: 'mynumber', source: 'attachment' });
    expect(g.segmentsOf(sg).map((a) => a.segment)).toEqual(['mynumber']);
    expect(g.segmentsOf(unused)).toEqual([{ segment: null, source: 'none', chain: [], inheritedFrom: vpc }]);
    // The NAT serves both subnets of the shared table (and sits in the public one it leaves through).
    expect(g.segmentsOf(nat).map((a) => a.segment).sort()).toEqual(['internet', 'mynumber']);
    expect(g.segmentsOf(igw).map((a) => a.segment).sort()).toEqual(['internet', 'mynumber']);
  });
});
