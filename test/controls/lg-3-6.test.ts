// LG-3.1 and LG-3.6 on hand-built models: segment identification, links
// between segments (peering, transit), approvals of a mynumber-lgwan link,
// networks derived mynumber and uncertain derivations.
import { describe, expect, it } from 'vitest';
import { check as identify } from '../../src/controls/checks/lg-3-1.js';
import { check } from '../../src/controls/checks/lg-3-6.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { of, policyWith, run, statuses } from './lg-3-support.js';

const MN = { 'lg:segment': 'mynumber' };

describe('LG-3.1', () => {
  it('passes tagged, inherited and derived segments and fails a network with none', () => {
    const m = new ModelBuilder();
    const mn = m.vpc('aws_vpc.juki', { tags: MN });
    m.subnet('aws_subnet.app', mn);
    const peer = m.vpc('aws_vpc.backup', { cidr: '10.60.0.0/16' });
    m.peering('aws_vpc_peering_connection.backup', mn, peer, true);
    const lonely = m.vpc('aws_vpc.sandbox', { cidr: '10.99.0.0/16' });
    m.subnet('aws_subnet.sandbox', lonely, { cidr: '10.99.1.0/24' });
    const drafts = run(identify, m);
    expect(statuses(drafts)).toEqual(['aws_vpc.juki=pass', 'aws_vpc.backup=pass', 'aws_vpc.sandbox=fail', 'aws_subnet.app=pass', 'aws_subnet.sandbox=fail']);
    expect(of(drafts, 'aws_vpc.backup')[0]!.message.en).toContain('derived from the connection to aws_vpc.juki');
    expect(of(drafts, 'aws_subnet.sandbox')[0]!.message.en).toContain('neither the subnet nor its network aws_vpc.sandbox has a segment');
  });

  it('fails a tag value that names no segment and gives unknown for tags it cannot read', () => {
    const m = new ModelBuilder();
    m.vpc('aws_vpc.typo', { tags: { 'lg:segment': 'my-nunber' } });
    m.vpc('aws_vpc.vars', { tags: cause('var.common_tags'), cidr: '10.1.0.0/16' });
    const drafts = run(identify, m);
    expect(statuses(drafts)).toEqual(['aws_vpc.typo=fail', 'aws_vpc.vars=unknown']);
    expect(drafts[0]!.message.en).toContain('"my-nunber"');
    expect(drafts[1]!.unknown!.flatMap((c) => c.inputs)).toContain('var.common_tags');
  });

  it('gives unknown for a network derived only through a link that may not carry traffic', () => {
    const m = new ModelBuilder();
    const mn = m.vpc('aws_vpc.juki', { tags: MN });
    const other = m.vpc('aws_vpc.ops', { cidr: '10.61.0.0/16' });
    m.peering('aws_vpc_peering_connection.ops', mn, other, cause('var.auto_accept'));
    const d = of(run(identify, m), 'aws_vpc.ops');
    expect(d.map((x) => x.status)).toEqual(['unknown']);
    expect(d[0]!.unknown!.flatMap((c) => c.inputs)).toContain('aws_vpc.ops tag lg:segment');
  });
});

describe('LG-3.6', () => {
  it('fails a peering between mynumber and an internet-tagged VPC, on the connection', () => {
    const m = new ModelBuilder();
    const mn = m.vpc('aws_vpc.juki', { tags: MN });
    const web = m.vpc('aws_vpc.web', { tags: { 'lg:segment': 'インターネット接続系' }, cidr: '10.9.0.0/16' });
    m.peering('aws_vpc_peering_connection.web', mn, web, true);
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_vpc_peering_connection.web[aws_vpc.juki <-> aws_vpc.web]=fail']);
    expect(drafts[0]!.location).toEqual(m.model.get('aws_vpc_peering_connection.web')!.loc);
    expect(drafts[0]!.message.en).toContain('the mynumber segment is connected with the internet segment');
  });

  it('passes a peering with its accepter side missing, which carries nothing', () => {
    const m = new ModelBuilder();
    const mn = m.vpc('aws_vpc.juki', { tags: MN });
    const web = m.vpc('aws_vpc.web', { tags: { 'lg:segment': 'internet' }, cidr: '10.9.0.0/16' });
    m.peering('aws_vpc_peering_connection.web', mn, web);
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_vpc_peering_connection.web[aws_vpc.juki <-> aws_vpc.web]=pass']);
    expect(drafts[0]!.message.en).toContain('carries no traffic');
  });

  it('fails mynumber with lgwan through a transit gateway unless approved, and fails a lapsed approval', () => {
    const build = () => {
      const m = new ModelBuilder();
      const mn = m.vpc('aws_vpc.juki', { tags: MN });
      const lg = m.vpc('aws_vpc.lgwan', { tags: { 'lg:segment': 'lgwan' }, cidr: '10.30.0.0/16' });
      const tgw = m.tgw('aws_ec2_transit_gateway.hub', 'aws_ec2_transit_gateway_route_table.hub');
      m.attachment('aws_ec2_transit_gateway_vpc_attachment.juki', mn, tgw, { propagations: ['aws_ec2_transit_gateway_route_table.hub'] });
      m.attachment('aws_ec2_transit_gateway_vpc_attachment.lgwan', lg, tgw, { propagations: ['aws_ec2_transit_gateway_route_table.hub'] });
      m.transitTable('aws_ec2_transit_gateway_route_table.hub', tgw);
      return m;
    };
    const plain = run(check, build());
    expect(statuses(plain)).toEqual(['aws_ec2_transit_gateway_vpc_attachment.juki[aws_vpc.juki <-> aws_vpc.lgwan]=fail']);
    const approval = { via: 'aws_ec2_transit_gateway.hub', segments: ['mynumber' as const, 'lgwan' as const], reason: '住基ネット連携' };
    const ok = run(check, build(), policyWith([approval]));
    expect(ok.map((d) => d.status)).toEqual(['exception']);
    expect(ok[0]!.message.en).toContain('住基ネット連携');
    const lapsed = run(check, build(), policyWith([{ ...approval, expires: '2025-12-31' }]));
    expect(lapsed.map((d) => d.status)).toEqual(['fail']);
    expect(lapsed[0]!.message.en).toContain('expired on 2025-12-31');
    // An approval of only one of the two segments does not apply.
    expect(run(check, build(), policyWith([{ ...approval, segments: ['mynumber'] }])).map((d) => d.status)).toEqual(['fail']);
  });

  it('fails every untagged network derived mynumber with the chain, and passes the link itself', () => {
    const m = new ModelBuilder();
    const mn = m.vpc('aws_vpc.juki', { tags: MN });
    const mid = m.vpc('aws_vpc.shared', { cidr: '10.50.0.0/16' });
    const far = m.vpc('aws_vpc.ops', { cidr: '10.51.0.0/16' });
    m.peering('aws_vpc_peering_connection.a', mn, mid, true);
    m.peering('aws_vpc_peering_connection.b', mid, far, true);
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_vpc_peering_connection.a[aws_vpc.juki <-> aws_vpc.shared]=pass',
      'aws_vpc_peering_connection.b[aws_vpc.ops <-> aws_vpc.shared]=pass',
      'aws_vpc.shared=fail',
      'aws_vpc.ops=fail',
    ]);
    const ops = of(drafts, 'aws_vpc.ops')[0]!;
    expect(ops.message.en).toContain('aws_vpc.juki → aws_vpc_peering_connection.a → aws_vpc.shared → aws_vpc_peering_connection.b → aws_vpc.ops');
    expect(ops.message.en).toContain('declare it mynumber and protect it as such');
    expect(ops.location).toEqual(m.model.get('aws_vpc.ops')!.tags.loc);
  });

  it('gives unknown for a link to a peer outside the scan and for an uncertain derivation', () => {
    const m = new ModelBuilder();
    const mn = m.vpc('aws_vpc.juki', { tags: MN });
    m.peering('aws_vpc_peering_connection.partner', mn, cause('var.partner_vpc_id'), true);
    const maybe = m.vpc('aws_vpc.ops', { cidr: '10.61.0.0/16' });
    m.peering('aws_vpc_peering_connection.ops', mn, maybe, cause('var.auto_accept'));
    const drafts = run(check, m);
    const partner = of(drafts, 'aws_vpc_peering_connection.partner');
    expect(partner.map((d) => d.status)).toEqual(['unknown']);
    expect(partner[0]!.unknown!.flatMap((c) => c.inputs)).toContain('var.partner_vpc_id');
    expect(of(drafts, 'aws_vpc.ops').map((d) => d.status)).toEqual(['unknown']);
  });
});
