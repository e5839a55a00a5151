// LG-3.2 on hand-built models: every way out of a closed subnet, the main
// route table, derived segments, approvals (valid, lapsed, without via),
// uncertain paths, and subnets that are not closed.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-3-2.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { NOW, of, policyWith, run, statuses } from './lg-3-support.js';

const MN = { 'lg:segment': 'mynumber' };

/** A public subnet with an IGW route and a NAT gateway in it, tagged internet. */
function egressVpc(m: ModelBuilder, vpc: string) {
  const igw = m.igw(`aws_internet_gateway.${vpc}`, vpc);
  const pubRt = m.routeTable(`aws_route_table.${vpc}_public`, vpc, [['0.0.0.0/0', 'internet-gateway', igw]]);
  const pub = m.subnet(`aws_subnet.${vpc}_public`, vpc, { routeTable: pubRt, tags: { 'lg:segment': 'internet' } });
  return { igw, pub, nat: m.nat(`aws_nat_gateway.${vpc}`, pub) };
}

describe('LG-3.2', () => {
  it('fails a closed subnet that uses a main route table with an internet gateway route, located at the route', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: { 'lg:segment': 'マイナンバー利用事務系' } });
    const igw = m.igw('aws_internet_gateway.juki', vpc);
    const main = m.routeTable('aws_route_table.main', vpc, [['0.0.0.0/0', 'internet-gateway', igw]]);
    m.setMain(vpc, main);
    m.subnet('aws_subnet.app', vpc);
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([`aws_subnet.app[ipv4 aws_route_table.main internet-gateway ${igw}]=fail`]);
    const d = drafts[0]!;
    expect(d.location).toEqual(m.model.getOf(main, 'route-table')!.routes[0]!.loc);
    expect(d.message.en).toContain('internet gateway (aws_internet_gateway.juki)');
    expect(d.message.ja).toContain('マイナンバー利用事務系');
    expect((d.evidence!.path as { role: string }[]).map((h) => h.role)).toEqual(['subnet', 'route-table', 'route', 'internet-gateway']);
  });

  it('passes a closed subnet with no way out, and leaves internet subnets alone', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    const rt = m.routeTable('aws_route_table.private', vpc, [['172.16.0.0/12', 'transit-gateway', 'tgw-office']]);
    m.subnet('aws_subnet.app', vpc, { routeTable: rt });
    const web = m.vpc('aws_vpc.web', { tags: { 'lg:segment': 'internet' }, cidr: '10.9.0.0/16' });
    egressVpc(m, web);
    expect(statuses(run(check, m))).toEqual(['aws_subnet.app=pass']);
  });

  it('fails the subnets of an untagged VPC peered with a My Number VPC that has a NAT route, with the chain', () => {
    const m = new ModelBuilder();
    const mn = m.vpc('aws_vpc.juki', { tags: MN });
    m.subnet('aws_subnet.juki_app', mn);
    const shared = m.vpc('aws_vpc.shared', { cidr: '10.50.0.0/16' });
    const { nat } = egressVpc(m, shared);
    const rt = m.routeTable('aws_route_table.shared_private', shared, [['0.0.0.0/0', 'nat-gateway', nat]]);
    m.subnet('aws_subnet.shared_ops', shared, { routeTable: rt, cidr: '10.50.2.0/24' });
    m.peering('aws_vpc_peering_connection.juki_shared', mn, shared, true);
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_subnet.juki_app=pass', `aws_subnet.shared_ops[ipv4 aws_route_table.shared_private nat-gateway aws_internet_gateway.aws_vpc.shared]=fail`]);
    const f = of(drafts, 'aws_subnet.shared_ops')[0]!;
    expect(f.evidence).toMatchObject({ segment: 'mynumber', segmentSource: 'derived' });
    expect((f.evidence!.segmentChain as { address: string }[]).map((s) => s.address)).toEqual([
      'aws_vpc.juki',
      'aws_vpc_peering_connection.juki_shared',
      'aws_vpc.shared',
    ]);
    expect(f.message.en).toContain('derived from the connection to aws_vpc.juki');
  });

  it('reports an approved NAT path as an exception and a lapsed approval as a failure that says so', () => {
    const build = () => {
      const m = new ModelBuilder();
      const vpc = m.vpc('aws_vpc.lgwan', { tags: { 'lg:segment': 'LGWAN接続系' } });
      const rt = m.routeTable('aws_route_table.lg', vpc, [['0.0.0.0/0', 'internet-gateway', m.igw('aws_internet_gateway.lg', vpc)]]);
      m.subnet('aws_subnet.lg', vpc, { routeTable: rt });
      return m;
    };
    const approve = (expires: string) => policyWith([{ via: 'aws_internet_gateway.lg', segments: ['lgwan'], expires }]);
    const ok = run(check, build(), approve('2027-03-31')).filter((d) => d.subject.id === 'aws_subnet.lg');
    expect(ok.map((d) => d.status)).toEqual(['exception']);
    expect(ok[0]!.evidence!.approval).toMatchObject({ id: 'approval-1', expires: '2027-03-31', approver: '情報政策課長' });
    const lapsed = run(check, build(), approve('2026-03-31')).filter((d) => d.subject.id === 'aws_subnet.lg');
    expect(lapsed.map((d) => d.status)).toEqual(['fail']);
    expect(lapsed[0]!.message.en).toContain('approval "approval-1" expired on 2026-03-31');
    // An approval for the other closed segment does not apply.
    const other = run(check, build(), policyWith([{ via: 'aws_internet_gateway.lg', segments: ['mynumber'] }])).filter((d) => d.subject.id === 'aws_subnet.lg');
    expect(other.map((d) => d.status)).toEqual(['fail']);
  });

  it('needs via for a NAT path but takes an approval without via for a firewall path', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    const inspection = m.vpc('aws_vpc.inspection', { tags: { 'lg:segment': 'internet' }, cidr: '10.100.0.0/16' });
    const { nat } = egressVpc(m, inspection);
    const fwRt = m.routeTable('aws_route_table.fw', inspection, [['0.0.0.0/0', 'nat-gateway', nat]]);
    const fwSubnet = m.subnet('aws_subnet.fw', inspection, { routeTable: fwRt, tags: { 'lg:segment': 'internet' } });
    const fw = m.firewall('aws_networkfirewall_firewall.egress', inspection, [fwSubnet]);
    const viaFw = m.routeTable('aws_route_table.via_fw', vpc, [['0.0.0.0/0', 'firewall', fw]]);
    const viaNat = m.routeTable('aws_route_table.via_nat', vpc, [['0.0.0.0/0', 'nat-gateway', nat]]);
    m.subnet('aws_subnet.patched', vpc, { routeTable: viaFw });
    m.subnet('aws_subnet.nat', vpc, { routeTable: viaNat });
    const drafts = run(check, m, policyWith([{ domains: ['.windowsupdate.com'] }]));
    expect(of(drafts, 'aws_subnet.patched').map((d) => d.status)).toEqual(['exception']);
    expect(of(drafts, 'aws_subnet.patched')[0]!.evidence!.firewall).toBe('aws_networkfirewall_firewall.egress');
    expect(of(drafts, 'aws_subnet.nat').map((d) => d.status)).toEqual(['fail']);
  });

  it('gives unknown for a route whose target is an input, naming it, and for a subnet of unknown segment with a way out', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    const rt = m.routeTable('aws_route_table.app', vpc, [['0.0.0.0/0', 'unknown', cause('var.egress_target_id')]]);
    m.subnet('aws_subnet.app', vpc, { routeTable: rt });
    const other = m.vpc('aws_vpc.misc', { tags: cause('var.tags'), cidr: '10.70.0.0/16' });
    const igw = m.igw('aws_internet_gateway.misc', other);
    m.subnet('aws_subnet.misc', other, { routeTable: m.routeTable('aws_route_table.misc', other, [['0.0.0.0/0', 'internet-gateway', igw]]) });
    const drafts = run(check, m);
    const app = of(drafts, 'aws_subnet.app');
    expect(app.map((d) => d.status)).toEqual(['unknown']);
    expect(app[0]!.unknown!.flatMap((c) => c.inputs)).toContain('var.egress_target_id');
    const misc = of(drafts, 'aws_subnet.misc');
    expect(misc.map((d) => d.status)).toEqual(['unknown']);
    expect(misc[0]!.unknown!.flatMap((c) => c.inputs)).toContain('var.tags');
  });

  it('reports each way out once per subnet, IPv6 apart', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.juki', { tags: MN });
    m.model.getOf(vpc, 'network')!.ipv6Enabled = m.fact(true);
    const eigw = m.eigw('aws_egress_only_internet_gateway.juki', vpc);
    const igw = m.igw('aws_internet_gateway.juki', vpc);
    const rt = m.routeTable('aws_route_table.app', vpc, [
      ['0.0.0.0/0', 'internet-gateway', igw],
      ['::/0', 'egress-only-internet-gateway', eigw],
    ]);
    m.subnet('aws_subnet.app', vpc, { routeTable: rt });
    const drafts = run(check, m, policyWith(), NOW);
    expect(drafts.map((d) => [d.status, d.evidence!.family])).toEqual([
      ['fail', 'ipv4'],
      ['fail', 'ipv6'],
    ]);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(2);
    expect(drafts[1]!.message.en).toContain('IPv6');
  });

  it('judges Azure default outbound access and reports a path that packet filters block', () => {
    const m = new ModelBuilder('azure', 'vnet.json');
    const v = m.vpc('Microsoft.Network/virtualNetworks/vnet-juki', { tags: MN });
    const nsg = m.securityGroup('Microsoft.Network/networkSecurityGroups/nsg-juki', undefined, [{ action: 'deny', priority: 100, peers: m.fact([{ kind: 'service-tag', tag: 'Internet' }]) }], 'azure-nsg');
    m.subnet('Microsoft.Network/virtualNetworks/subnets/vnet-juki/app', v, { defaultOutboundAccess: true, defaultOutboundDefaulted: true, securityGroup: nsg });
    const drafts = run(check, m);
    expect(drafts.map((d) => d.status)).toEqual(['fail']);
    expect(drafts[0]!.message.en).toContain('default outbound access');
    expect(drafts[0]!.message.en).toContain('security rules block the egress today');
    expect(drafts[0]!.evidence!.blockedByRules).toBe(true);
  });
});
