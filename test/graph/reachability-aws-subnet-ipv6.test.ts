import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from './model-builder.js';

/** A dual-stack VPC whose private route table sends `::/0` to an egress-only gateway and `2000::/3` to the IGW. */
function dualStack(m: ModelBuilder) {
  const vpc = m.vpc('aws_vpc.dual');
  m.model.getOf(vpc, 'network')!.ipv6Enabled = m.fact(true);
  const eigw = m.eigw('aws_egress_only_internet_gateway.v6', vpc);
  const igw = m.igw('aws_internet_gateway.gw', vpc);
  const rt = m.routeTable('aws_route_table.private', vpc, [
    ['::/0', 'egress-only-internet-gateway', eigw],
    ['2000::/3', 'internet-gateway', igw],
  ]);
  return { vpc, rt };
}

function subnetWithIpv6(m: ModelBuilder, address: string, vpc: string, rt: string, ipv6: boolean | ReturnType<typeof cause>): string {
  const s = m.subnet(address, vpc, { routeTable: rt });
  m.model.getOf(s, 'subnet')!.ipv6Enabled = m.fact(ipv6);
  return s;
}

describe('AWS reachability: IPv6 paths only from subnets with IPv6', () => {
  it('keeps the IPv6 paths of a subnet that has an IPv6 block', () => {
    const m = new ModelBuilder();
    const { vpc, rt } = dualStack(m);
    const s = subnetWithIpv6(m, 'aws_subnet.app', vpc, rt, true);
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => [p.family, p.exit, p.certainty])).toEqual([
      ['ipv6', 'egress-only-internet-gateway', 'definite'],
      ['ipv6', 'internet-gateway', 'definite'],
    ]);
  });

  it('gives no IPv6 path to a subnet without a block in the same VPC and table, but keeps its IPv4 paths', () => {
    const m = new ModelBuilder();
    const { vpc, rt } = dualStack(m);
    const withV4 = m.routeTable('aws_route_table.mixed', vpc, [
      ['::/0', 'egress-only-internet-gateway', 'aws_egress_only_internet_gateway.v6'],
      ['0.0.0.0/0', 'internet-gateway', 'aws_internet_gateway.gw'],
    ]);
    const noV6 = subnetWithIpv6(m, 'aws_subnet.db', vpc, rt, false);
    const mixed = subnetWithIpv6(m, 'aws_subnet.web', vpc, withV4, false);
    const g = buildGraph(m.model, defaultPolicy());
    expect(g.internetPaths(noV6)).toEqual([]);
    expect(g.internetPaths(mixed).map((p) => [p.family, p.exit])).toEqual([['ipv4', 'internet-gateway']]);
  });

  it('drops a route of unknown destination to an egress-only gateway from a subnet without IPv6: it carries IPv6 only', () => {
    const m = new ModelBuilder();
    const { vpc } = dualStack(m);
    const rt = m.routeTable('aws_route_table.v6_input', vpc, [[cause('var.ipv6_destination'), 'egress-only-internet-gateway', 'aws_egress_only_internet_gateway.v6']]);
    const without = subnetWithIpv6(m, 'aws_subnet.db', vpc, rt, false);
    const dual = subnetWithIpv6(m, 'aws_subnet.app', vpc, rt, true);
    const g = buildGraph(m.model, defaultPolicy());
    expect(g.internetPaths(without)).toEqual([]);
    expect(g.internetPaths(dual).map((p) => [p.family, p.certainty, p.cause?.inputs])).toEqual([['ipv6', 'possible', ['var.ipv6_destination']]]);
  });

  it('makes IPv6 paths possible, with the cause, when whether the subnet has a block is unknown', () => {
    const m = new ModelBuilder();
    const { vpc, rt } = dualStack(m);
    const s = subnetWithIpv6(m, 'aws_subnet.maybe', vpc, rt, cause('var.enable_ipv6'));
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => [p.family, p.certainty])).toEqual([
      ['ipv6', 'possible'],
      ['ipv6', 'possible'],
    ]);
    expect(paths.map((p) => p.cause?.inputs)).toEqual([['var.enable_ipv6'], ['var.enable_ipv6']]);
  });

  it('follows a subnet with an IPv6 block even when its VPC lists none (a VPC item recorded before the block)', () => {
    const m = new ModelBuilder();
    const { vpc, rt } = dualStack(m);
    m.model.getOf(vpc, 'network')!.ipv6Enabled = m.fact(false);
    const dual = subnetWithIpv6(m, 'aws_subnet.app', vpc, rt, true);
    const maybe = subnetWithIpv6(m, 'aws_subnet.maybe', vpc, rt, cause('var.enable_ipv6'));
    const g = buildGraph(m.model, defaultPolicy());
    expect(g.internetPaths(dual).map((p) => [p.family, p.exit, p.certainty])).toEqual([
      ['ipv6', 'egress-only-internet-gateway', 'definite'],
      ['ipv6', 'internet-gateway', 'definite'],
    ]);
    // Without the subnet's word, the VPC's answer stands: no block in the VPC, none in the subnet.
    expect(g.internetPaths(maybe)).toEqual([]);
  });

  it('keeps a subnet without a recorded answer (no ipv6Enabled) as before: paths stay definite', () => {
    const m = new ModelBuilder();
    const { vpc, rt } = dualStack(m);
    const s = m.subnet('aws_subnet.unrecorded', vpc, { routeTable: rt });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => p.certainty)).toEqual(['definite', 'definite']);
  });
});
