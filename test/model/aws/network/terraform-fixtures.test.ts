// End to end: a Terraform configuration read by the Terraform reader, lifted
// by the network handlers, then seen through the network graph.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../../src/graph/build.js';
import type { NetworkGraph } from '../../../../src/graph/types.js';
import { finishNetwork, networkHandlers } from '../../../../src/model/aws/network/index.js';
import type { Links } from '../../../../src/model/entity.js';
import type { LiftContext } from '../../../../src/model/lifter.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import { defaultPolicy } from '../../../../src/policy/types.js';
import type { NativeResource, ReadError } from '../../../../src/readers/native.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';
import { readTerraform } from '../../../../src/readers/terraform/index.js';

const ROOT = path.resolve(import.meta.dirname, '../../../../fixtures/model/aws/network/tf-egress-hub');
const key = (address: string) => `.#${address}`;

function ids(l: Links | undefined): (string | false)[] | undefined {
  return l?.known ? l.value.map((x) => x.known && x.value) : undefined;
}

describe('egress hub (Terraform)', () => {
  let model: CloudModel;
  let graph: NetworkGraph;
  let unlifted: NativeResource[];
  let errors: ReadError[];

  beforeAll(async () => {
    const read = await readTerraform([ROOT], defaultReadOptions(ROOT));
    errors = read.errors;
    model = new CloudModel();
    const ctx: LiftContext = { model, links: new LinkResolver(read.resources) };
    unlifted = runLifters('aws', networkHandlers, read.resources, ctx, finishNetwork);
    graph = buildGraph(model, defaultPolicy());
  });

  it('reads without errors and lifts every resource', () => {
    expect(errors).toEqual([]);
    expect(unlifted.map((r) => r.address)).toEqual([]);
  });

  it('expands counted subnets and their associations', () => {
    for (const i of [0, 1]) {
      const s = model.getOf(key(`aws_subnet.app[${i}]`), 'subnet')!;
      expect(s.cidr).toMatchObject({ value: `10.40.${i}.0/24` });
      expect(s.routeTable).toMatchObject({ known: true, value: key('aws_route_table.app'), loc: { file: 'main.tf' } });
    }
  });

  it('adopts the default security group and network ACL, and adds standalone egress rules', () => {
    const def = model.getOf(key('aws_vpc.app#default-security-group'), 'security-group')!;
    expect(def).toMatchObject({ nativeType: 'aws_default_security_group', isDefault: true, rules: [] });
    const app = model.getOf(key('aws_security_group.app'), 'security-group')!;
    expect(app.rules.map((r) => `${r.direction} ${r.definedBy}`)).toEqual(['ingress aws_security_group.app', 'egress aws_vpc_security_group_egress_rule.app_https']);
    const acl = model.getOf(key('aws_vpc.inspection#default-network-acl'), 'security-group')!;
    expect(acl.nativeType).toBe('aws_default_network_acl');
    expect(model.getOf(key('aws_subnet.public'), 'subnet')!.securityGroup).toMatchObject({ value: acl.id });
  });

  it('routes the firewall subnet through the NAT and the transit subnet through the firewall endpoint', () => {
    const tgwRoutes = model.getOf(key('aws_route_table.tgw'), 'route-table')!.routes.filter((r) => !r.platformDefault);
    expect(tgwRoutes[0]!.target).toMatchObject({ known: true, value: { kind: 'firewall', ref: { value: key('aws_networkfirewall_firewall.egress') } } });
    const fw = model.getOf(key('aws_networkfirewall_firewall.egress'), 'firewall')!;
    expect(fw.domainRules.known && fw.domainRules.value.map((r) => [r.action, r.domains])).toEqual([['allow', ['.windowsupdate.com', 'pkg.example.jp']]]);
    expect(fw.defaultDeny).toMatchObject({ known: true, value: false });
    const paths = graph.internetPaths(key('aws_subnet.tgw'));
    expect(paths.map((p) => [p.exit, p.certainty, p.firewall])).toEqual([['firewall', 'definite', fw.id]]);
    expect(paths[0]!.hops.map((h) => h.role)).toEqual(expect.arrayContaining(['firewall', 'nat-gateway', 'internet-gateway']));
  });

  it('joins the spoke to the hub through its transit route table', () => {
    const att = model.getOf(key('aws_ec2_transit_gateway_vpc_attachment.app'), 'connection')!;
    expect(att.routeTable).toMatchObject({ known: true, value: key('aws_ec2_transit_gateway_route_table.spokes') });
    expect(att.propagations).toMatchObject({ known: true, value: [] });
    expect(model.getOf(key('aws_ec2_transit_gateway.hub'), 'gateway')!.defaultRouteTable).toMatchObject({ known: true, value: null });
    const paths = graph.internetPaths(key('aws_subnet.app[0]'));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.firewall === key('aws_networkfirewall_firewall.egress'))).toBe(true);
    expect(paths[0]!.hops.map((h) => h.role)).toContain('transit-gateway');
  });

  it('gives the scaling group its template’s settings and its subnets’ zones', () => {
    const asg = model.getOf(key('aws_autoscaling_group.app'), 'compute')!;
    expect(asg.zones).toMatchObject({ known: true, value: ['ap-northeast-1a', 'ap-northeast-1c'] });
    expect(asg.imdsV2Required).toMatchObject({ known: true, value: true });
    expect(ids(asg.securityGroups)).toEqual([key('aws_security_group.app')]);
    expect(asg.region).toMatchObject({ known: true, value: 'ap-northeast-1' });
  });
});
