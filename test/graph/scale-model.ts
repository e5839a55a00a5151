// A large, realistic-shaped AWS estate for measuring the graph: many VPCs,
// each with a public subnet, a NAT gateway and private subnets with their
// own route tables; a transit gateway with a central egress VPC; peerings
// between neighbouring VPCs; an instance with a security group per subnet.
import { ModelBuilder } from './model-builder.js';

export function scaleModel(subnets: number, subnetsPerVpc = 20): ModelBuilder {
  const m = new ModelBuilder();
  const tgw = m.tgw('aws_ec2_transit_gateway.core', 'tgw-rt.default');
  m.transitTable('tgw-rt.default', tgw, [['0.0.0.0/0', 'att.egress']]);

  const egress = m.vpc('aws_vpc.egress', { cidr: '100.64.0.0/16', tags: { 'lg:segment': 'internet' } });
  const eIgw = m.igw('igw.egress', egress);
  const ePub = m.subnet('subnet.egress_public', egress, { routeTable: m.routeTable('rt.egress_public', egress, [['0.0.0.0/0', 'internet-gateway', eIgw]]) });
  const eNat = m.nat('nat.egress', ePub);
  const eTgwSub = m.subnet('subnet.egress_tgw', egress, { routeTable: m.routeTable('rt.egress_tgw', egress, [['0.0.0.0/0', 'nat-gateway', eNat]]) });
  m.attachment('att.egress', egress, tgw, { subnets: [eTgwSub], propagations: ['tgw-rt.default'] });

  let made = 0;
  for (let v = 0; made < subnets; v++) {
    const tags: Record<string, string> = v % 10 === 0 ? { 'lg:segment': 'mynumber' } : v % 10 === 5 ? { 'lg:segment': 'lgwan' } : {};
    const vpc = m.vpc(`module.vpc${v}.aws_vpc.this`, { cidr: `10.${v % 256}.0.0/16`, tags });
    const sg = m.securityGroup(`module.vpc${v}.aws_security_group.app`, vpc, v % 3 === 0 ? [] : [{}]);
    const viaTransit = v % 4 === 0;
    let nat: string | undefined;
    if (!viaTransit) {
      const igw = m.igw(`module.vpc${v}.aws_internet_gateway.this`, vpc);
      const pubRt = m.routeTable(`module.vpc${v}.aws_route_table.public`, vpc, [['0.0.0.0/0', 'internet-gateway', igw]]);
      const pub = m.subnet(`module.vpc${v}.aws_subnet.public`, vpc, { routeTable: pubRt, zone: 'ap-northeast-1a' });
      nat = m.nat(`module.vpc${v}.aws_nat_gateway.this`, pub);
      made++;
    } else {
      m.attachment(`module.vpc${v}.att`, vpc, tgw, { propagations: ['tgw-rt.default'] });
    }
    if (v > 0 && v % 7 === 0) m.peering(`pcx.${v}`, `module.vpc${v - 1}.aws_vpc.this`, vpc, true);
    for (let i = 0; made < subnets && i < subnetsPerVpc - 1; i++, made++) {
      const target: [string, 'nat-gateway' | 'transit-gateway', string] = nat ? ['0.0.0.0/0', 'nat-gateway', nat] : ['0.0.0.0/0', 'transit-gateway', tgw];
      const rt = m.routeTable(`module.vpc${v}.aws_route_table.private[${i}]`, vpc, [target]);
      const s = m.subnet(`module.vpc${v}.aws_subnet.private[${i}]`, vpc, { routeTable: rt, zone: i % 2 ? 'ap-northeast-1a' : 'ap-northeast-1c' });
      m.instance(`module.vpc${v}.aws_instance.app[${i}]`, [s], { securityGroups: [sg] });
    }
  }
  return m;
}
