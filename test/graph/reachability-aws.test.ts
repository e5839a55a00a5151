import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import type { InternetPath } from '../../src/graph/types.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from './model-builder.js';

const roles = (p: InternetPath) => p.hops.map((h) => h.role);
const routeLoc = (m: ModelBuilder, table: string, i = 0) => m.model.getOf(table, 'route-table')!.routes[i]!.loc;

/** A VPC with a public subnet (route to the IGW) and a NAT gateway in it. */
function withPublicSubnet(m: ModelBuilder, vpc: string, zone = 'ap-northeast-1a') {
  const igw = m.igw(`aws_internet_gateway.${vpc}`, vpc);
  const pubRt = m.routeTable(`aws_route_table.${vpc}_public`, vpc, [['0.0.0.0/0', 'internet-gateway', igw]]);
  const pub = m.subnet(`aws_subnet.${vpc}_public`, vpc, { routeTable: pubRt, zone, tags: { 'lg:segment': 'internet' } });
  const nat = m.nat(`aws_nat_gateway.${vpc}`, pub);
  return { igw, pubRt, pub, nat };
}

describe('AWS reachability', () => {
  it('follows an unassociated subnet to the main route table and its internet gateway', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const igw = m.igw('aws_internet_gateway.gw', vpc);
    const main = m.routeTable('aws_default_route_table.main', vpc, [
      ['10.0.0.0/8', 'virtual-private-gateway', 'vgw'],
      ['0.0.0.0/0', 'internet-gateway', igw],
    ]);
    m.setMain(vpc, main);
    const s = m.subnet('aws_subnet.app', vpc);
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ subnet: s, family: 'ipv4', exit: 'internet-gateway', certainty: 'definite', openedBy: main });
    expect(paths[0]!.openedAt).toEqual(routeLoc(m, main, 1));
    expect(roles(paths[0]!)).toEqual(['subnet', 'route-table', 'route', 'internet-gateway']);
    expect(paths[0]!.hops[1]!.note).toBe('main route table of the VPC');
  });

  it('lets an explicit association override the main table', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const igw = m.igw('aws_internet_gateway.gw', vpc);
    m.setMain(vpc, m.routeTable('aws_route_table.main', vpc, [['0.0.0.0/0', 'internet-gateway', igw]]));
    const priv = m.routeTable('aws_route_table.private', vpc, [['pl-61a54008', 'vpc-endpoint', 'aws_vpc_endpoint.s3']]);
    const s = m.subnet('aws_subnet.db', vpc, { routeTable: priv });
    expect(buildGraph(m.model, defaultPolicy()).internetPaths(s)).toEqual([]);
  });

  it('ignores private destinations, prefix lists, detached gateways and peerings', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const igw = m.igw('aws_internet_gateway.gw', vpc);
    const loose = m.igw('aws_internet_gateway.detached', null);
    const rt = m.routeTable('aws_route_table.x', vpc, [
      ['172.16.0.0/12', 'internet-gateway', igw],
      ['pl-0123', 'internet-gateway', igw],
      ['8.8.8.0/24', 'internet-gateway', loose],
      ['0.0.0.0/0', 'peering', 'pcx.hub'],
    ]);
    const s = m.subnet('aws_subnet.a', vpc, { routeTable: rt });
    expect(buildGraph(m.model, defaultPolicy()).internetPaths(s)).toEqual([]);
  });

  it('follows a public NAT gateway through its own subnet to the internet gateway', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const { nat, igw, pub } = withPublicSubnet(m, vpc);
    const rt = m.routeTable('aws_route_table.private', vpc, [['0.0.0.0/0', 'nat-gateway', nat]]);
    const s = m.subnet('aws_subnet.private', vpc, { routeTable: rt, zone: 'ap-northeast-1a' });
    const g = buildGraph(m.model, defaultPolicy());
    const [p, ...rest] = g.internetPaths(s);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ exit: 'nat-gateway', certainty: 'definite', openedAt: routeLoc(m, rt) });
    expect(roles(p!)).toEqual(['subnet', 'route-table', 'route', 'nat-gateway', 'subnet', 'route-table', 'route', 'internet-gateway']);
    expect(p!.hops.map((h) => h.id)).toContain(pub);
    expect(p!.hops.at(-1)!.id).toBe(igw);
    // The public subnet itself leaves directly.
    expect(g.internetPaths(pub).map((x) => x.exit)).toEqual(['internet-gateway']);
  });

  it('finds no way out through a private NAT or a NAT whose subnet has no internet route', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const inner = m.subnet('aws_subnet.inner', vpc, { routeTable: m.routeTable('aws_route_table.inner', vpc, []) });
    const natPrivate = m.nat('aws_nat_gateway.private', inner, 'private');
    const natStuck = m.nat('aws_nat_gateway.stuck', inner, 'public');
    const a = m.subnet('aws_subnet.a', vpc, { routeTable: m.routeTable('aws_route_table.a', vpc, [['0.0.0.0/0', 'nat-gateway', natPrivate]]) });
    const b = m.subnet('aws_subnet.b', vpc, { routeTable: m.routeTable('aws_route_table.b', vpc, [['0.0.0.0/0', 'nat-gateway', natStuck]]) });
    const g = buildGraph(m.model, defaultPolicy());
    expect(g.internetPaths(a)).toEqual([]);
    expect(g.internetPaths(b)).toEqual([]);
  });

  it('reports IPv6 through an egress-only gateway and through the internet gateway, separately', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const eigw = m.eigw('aws_egress_only_internet_gateway.v6', vpc);
    const igw = m.igw('aws_internet_gateway.gw', vpc);
    const rt = m.routeTable('aws_route_table.v6', vpc, [
      ['::/0', 'egress-only-internet-gateway', eigw],
      ['0.0.0.0/0', 'egress-only-internet-gateway', eigw],
      ['2000::/3', 'internet-gateway', igw],
      ['fd00::/8', 'internet-gateway', igw],
    ]);
    const s = m.subnet('aws_subnet.v6', vpc, { routeTable: rt });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => [p.family, p.exit])).toEqual([
      ['ipv6', 'egress-only-internet-gateway'],
      ['ipv6', 'internet-gateway'],
    ]);
  });

  it('ignores ::/0 routes in a VPC that has no IPv6 block', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.v4only');
    m.model.getOf(vpc, 'network')!.ipv6Enabled = m.fact(false);
    const igw = m.igw('aws_internet_gateway.gw', vpc);
    const rt = m.routeTable('aws_route_table.a', vpc, [['::/0', 'internet-gateway', igw]]);
    const s = m.subnet('aws_subnet.a', vpc, { routeTable: rt });
    expect(buildGraph(m.model, defaultPolicy()).internetPaths(s)).toEqual([]);
  });

  it('follows a transit gateway to a central egress VPC with a NAT gateway', () => {
    const m = new ModelBuilder();
    const spoke = m.vpc('aws_vpc.spoke', { cidr: '10.1.0.0/16', tags: { 'lg:segment': 'mynumber' } });
    const egress = m.vpc('aws_vpc.egress', { cidr: '10.99.0.0/16' });
    const tgw = m.tgw('aws_ec2_transit_gateway.core');
    const { nat } = withPublicSubnet(m, egress);
    const tgwSub = m.subnet('aws_subnet.egress_tgw', egress, {
      zone: 'ap-northeast-1a',
      routeTable: m.routeTable('aws_route_table.egress_tgw', egress, [['0.0.0.0/0', 'nat-gateway', nat]]),
    });
    m.attachment('att.egress', egress, tgw, { subnets: [tgwSub], routeTable: 'tgw-rt.egress', propagations: [] });
    m.attachment('att.spoke', spoke, tgw, { routeTable: 'tgw-rt.spokes', propagations: ['tgw-rt.egress'] });
    m.transitTable('tgw-rt.spokes', tgw, [['0.0.0.0/0', 'att.egress']]);
    m.transitTable('tgw-rt.egress', tgw);
    const spokeRt = m.routeTable('aws_route_table.spoke', spoke, [['0.0.0.0/0', 'transit-gateway', tgw]]);
    const s = m.subnet('aws_subnet.spoke_app', spoke, { routeTable: spokeRt, zone: 'ap-northeast-1a' });
    const g = buildGraph(m.model, defaultPolicy());
    const paths = g.internetPaths(s);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ exit: 'nat-gateway', certainty: 'definite', openedBy: spokeRt, openedAt: routeLoc(m, spokeRt) });
    expect(roles(paths[0]!)).toEqual([
      'subnet', 'route-table', 'route',
      'transit-gateway-attachment', 'transit-gateway', 'transit-route-table', 'transit-route', 'transit-gateway-attachment',
      'subnet', 'route-table', 'route', 'nat-gateway', 'subnet', 'route-table', 'route', 'internet-gateway',
    ]);
    // The NAT serves the My Number spoke: it carries that segment too.
    expect(g.segmentsOf(nat).map((a) => a.segment)).toContain('mynumber');
  });

  it('reports a transit route it cannot follow as possible, naming the cause', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.spoke');
    const tgw = m.tgw('tgw');
    m.attachment('att', vpc, tgw, { routeTable: cause('var.tgw_route_table_id') });
    const s = m.subnet('aws_subnet.a', vpc, { routeTable: m.routeTable('rt', vpc, [['0.0.0.0/0', 'transit-gateway', tgw]]) });
    const [p] = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(p).toMatchObject({ certainty: 'possible', exit: 'route-to-internet', cause: { inputs: ['var.tgw_route_table_id'] } });
  });

  it('names a firewall attached natively to the transit gateway, as a possible way out', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.spoke');
    const tgw = m.tgw('tgw', 'trt');
    const fw = m.firewall('aws_networkfirewall_firewall.tgw', undefined, []);
    m.attachment('att', vpc, tgw, { propagations: [] });
    m.transitTable('trt', tgw, [['0.0.0.0/0', fw]]);
    const s = m.subnet('aws_subnet.a', vpc, { routeTable: m.routeTable('rt', vpc, [['0.0.0.0/0', 'transit-gateway', tgw]]) });
    const [p, ...rest] = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ exit: 'firewall', firewall: fw, certainty: 'possible', cause: { inputs: [fw] } });
  });

  it('goes through a Network Firewall endpoint in the same zone and names the firewall', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.inspect');
    const { nat } = withPublicSubnet(m, vpc);
    const fwRt = m.routeTable('aws_route_table.fw', vpc, [['0.0.0.0/0', 'nat-gateway', nat]]);
    const fwA = m.subnet('aws_subnet.fw_a', vpc, { zone: 'ap-northeast-1a', routeTable: fwRt });
    const fwC = m.subnet('aws_subnet.fw_c', vpc, { zone: 'ap-northeast-1c', routeTable: fwRt });
    const fw = m.firewall('aws_networkfirewall_firewall.egress', vpc, [fwA, fwC]);
    const rt = m.routeTable('aws_route_table.app', vpc, [['0.0.0.0/0', 'firewall', fw]]);
    const s = m.subnet('aws_subnet.app_c', vpc, { routeTable: rt, zone: 'ap-northeast-1c' });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ exit: 'firewall', firewall: fw, certainty: 'definite' });
    expect(paths[0]!.hops.map((h) => h.id)).toContain(fwC);
    expect(paths[0]!.hops.map((h) => h.id)).not.toContain(fwA);
  });

  it('calls appliances and unresolved targets possible', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const rt = m.routeTable('aws_route_table.a', vpc, [
      ['0.0.0.0/0', 'instance', 'aws_instance.proxy'],
      ['::/0', 'unknown', cause('var.next_hop')],
    ]);
    const s = m.subnet('aws_subnet.a', vpc, { routeTable: rt });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => [p.family, p.exit, p.certainty])).toEqual([
      ['ipv4', 'virtual-appliance', 'possible'],
      ['ipv6', 'route-to-internet', 'possible'],
    ]);
    expect(paths[1]!.cause!.inputs).toEqual(['var.next_hop']);
  });

  it('gives a subnet with an unknown route table one possible path with the cause', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const s = m.subnet('aws_subnet.a', vpc, { routeTable: cause('var.route_table_id') });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ certainty: 'possible', exit: 'route-to-internet', cause: { inputs: ['var.route_table_id'] } });
  });

  it('calls a table whose routes may come from outside the scan possible', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const rt = m.routeTable('aws_route_table.a', vpc, [], { complete: false });
    const s = m.subnet('aws_subnet.a', vpc, { routeTable: rt });
    const [p] = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(p).toMatchObject({ certainty: 'possible', cause: { inputs: [rt] } });
  });

  it('terminates on routing cycles', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    // Two NAT gateways whose subnets route to each other; a firewall whose subnet routes back to itself.
    const a = m.subnet('aws_subnet.a', vpc, { routeTable: 'rt.a' });
    const b = m.subnet('aws_subnet.b', vpc, { routeTable: 'rt.b' });
    const natA = m.nat('nat.a', a);
    const natB = m.nat('nat.b', b);
    m.routeTable('rt.a', vpc, [['0.0.0.0/0', 'nat-gateway', natB]]);
    m.routeTable('rt.b', vpc, [['0.0.0.0/0', 'nat-gateway', natA]]);
    const fwSub = m.subnet('aws_subnet.fw', vpc, { routeTable: 'rt.fw' });
    const fw = m.firewall('fw', vpc, [fwSub]);
    m.routeTable('rt.fw', vpc, [['0.0.0.0/0', 'firewall', fw]]);
    // A transit gateway that sends the VPC's internet traffic back into the same VPC's looping subnet.
    const tgw = m.tgw('tgw');
    m.attachment('att', vpc, tgw, { subnets: [a], routeTable: 'trt', propagations: [] });
    m.transitTable('trt', tgw, [['0.0.0.0/0', 'att']]);
    const c = m.subnet('aws_subnet.c', vpc, { routeTable: m.routeTable('rt.c', vpc, [['0.0.0.0/0', 'transit-gateway', tgw]]) });
    const g = buildGraph(m.model, defaultPolicy());
    for (const s of [a, b, fwSub, c]) expect(g.internetPaths(s)).toEqual([]);
  });

  it('locates the path at the association when the table also serves internet subnets', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.main');
    const { pubRt, pub } = withPublicSubnet(m, vpc);
    const mn = m.subnet('aws_subnet.mn', vpc, { routeTable: pubRt, tags: { 'lg:segment': 'mynumber' } });
    const g = buildGraph(m.model, defaultPolicy());
    const [p] = g.internetPaths(mn);
    expect(p!.openedBy).toBe(mn);
    expect(p!.openedAt).toEqual(m.model.getOf(mn, 'subnet')!.routeTable.loc);
    expect(g.internetPaths(pub)[0]!.openedAt).toEqual(routeLoc(m, pubRt));
  });

  describe('security rules on the path', () => {
    function subnetWith(sgRules: Parameters<ModelBuilder['securityGroup']>[2][], opts: { unknownSg?: boolean } = {}) {
      const m = new ModelBuilder();
      const vpc = m.vpc('aws_vpc.main');
      const igw = m.igw('igw', vpc);
      const s = m.subnet('aws_subnet.a', vpc, { routeTable: m.routeTable('rt', vpc, [['0.0.0.0/0', 'internet-gateway', igw]]) });
      sgRules.forEach((rules, i) => {
        const sg = m.securityGroup(`aws_security_group.s${i}`, vpc, rules);
        m.instance(`aws_instance.i${i}`, [s], { securityGroups: opts.unknownSg ? [sg, 'aws_security_group.missing'] : [sg] });
      });
      return buildGraph(m.model, defaultPolicy()).internetPaths(s)[0]!;
    }

    it('marks the path blocked when every resource has egress only to private addresses or groups', () => {
      expect(
        subnetWith([
          [],
          [{ peers: { known: true, value: [{ kind: 'cidr', cidr: '10.0.0.0/8' }] } }],
          [{ peers: { known: true, value: [{ kind: 'security-group', ref: { known: true, value: 'sg-db' } }] } }],
        ]).blockedByRules,
      ).toBe(true);
    });

    it('does not when one resource may reach the internet, or when unsure', () => {
      expect(subnetWith([[], [{}]]).blockedByRules).toBeUndefined();
      // ICMP has no ports, and still reaches the internet.
      expect(subnetWith([[{ protocol: { known: true, value: 'icmp' }, ports: { known: true, value: [] } }]]).blockedByRules).toBeUndefined();
      expect(subnetWith([[{ peers: { known: false, cause: cause('var.egress_cidrs') } }]]).blockedByRules).toBeUndefined();
      expect(subnetWith([[]], { unknownSg: true }).blockedByRules).toBeUndefined();
      expect(subnetWith([]).blockedByRules).toBeUndefined();
    });

    it('marks the path blocked by a network ACL that denies all egress before any allow', () => {
      const m = new ModelBuilder();
      const vpc = m.vpc('aws_vpc.main');
      const igw = m.igw('igw', vpc);
      const acl = m.securityGroup(
        'aws_network_acl.closed',
        vpc,
        [
          { action: 'allow', priority: 100, peers: { known: true, value: [{ kind: 'cidr', cidr: '10.0.0.0/8' }] } },
          { action: 'deny', priority: 200 },
          { action: 'allow', priority: 300 },
        ],
        'aws-network-acl',
      );
      const s = m.subnet('aws_subnet.a', vpc, { securityGroup: acl, routeTable: m.routeTable('rt', vpc, [['0.0.0.0/0', 'internet-gateway', igw]]) });
      expect(buildGraph(m.model, defaultPolicy()).internetPaths(s)[0]!.blockedByRules).toBe(true);
    });
  });
});
