import { describe, expect, it } from 'vitest';
import { Scan, locOf, refTo, unknownInput } from './scan-builder.js';

describe('gateways', () => {
  it('attaches internet and VPN gateways through CloudFormation VPCGatewayAttachment', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const igw = s.cfn('Igw', 'AWS::EC2::InternetGateway', {});
    const vgw = s.cfn('Vgw', 'AWS::EC2::VPNGateway', { Type: 'ipsec.1' });
    const detached = s.cfn('Spare', 'AWS::EC2::InternetGateway', {});
    const att = s.cfn('IgwAttach', 'AWS::EC2::VPCGatewayAttachment', { VpcId: refTo(vpc, 'Ref'), InternetGatewayId: refTo(igw, 'Ref') });
    s.cfn('VgwAttach', 'AWS::EC2::VPCGatewayAttachment', { VpcId: refTo(vpc, 'Ref'), VpnGatewayId: refTo(vgw, 'Ref') });
    const { model } = s.lift();
    expect(model.getOf(igw.key, 'gateway')).toMatchObject({ gatewayType: 'internet', network: { known: true, value: vpc.key, loc: locOf(att, 'VpcId') } });
    expect(model.getOf(vgw.key, 'gateway')).toMatchObject({ gatewayType: 'virtual-private', network: { value: vpc.key } });
    expect(model.getOf(detached.key, 'gateway')!.network).toMatchObject({ known: true, value: null });
  });

  it('reads NAT gateway connectivity (public by default) and joins its VPC through its subnet', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const sub = s.tf('aws_subnet', 'pub', { vpc_id: refTo(vpc), cidr_block: '10.0.0.0/24', availability_zone: 'ap-northeast-1a' });
    const pub = s.tf('aws_nat_gateway', 'pub', { subnet_id: refTo(sub), allocation_id: 'eipalloc-1' });
    const priv = s.cfn('PrivNat', 'AWS::EC2::NatGateway', { SubnetId: 'subnet-0ff', ConnectivityType: 'private' });
    const regional = s.tf('aws_nat_gateway', 'regional', { vpc_id: refTo(vpc), availability_mode: 'regional' });
    const { model } = s.lift();
    expect(model.getOf(pub.key, 'gateway')).toMatchObject({
      gatewayType: 'nat',
      connectivity: { known: true, value: 'public', defaulted: true },
      subnet: { value: sub.key },
      network: { value: vpc.key },
    });
    const p = model.getOf(priv.key, 'gateway')!;
    expect(p.connectivity).toEqual({ known: true, value: 'private', loc: locOf(priv, 'ConnectivityType') });
    expect(p.network).toBeUndefined();
    const r = model.getOf(regional.key, 'gateway')!;
    expect(r.subnet).toBeUndefined();
    expect(r.network).toMatchObject({ value: vpc.key });
  });
});

describe('transit gateways', () => {
  it('creates the default route table and routes attachments through it by default', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'a', { cidr_block: '10.0.0.0/16' });
    const tgw = s.tf('aws_ec2_transit_gateway', 'hub', {});
    const att = s.tf('aws_ec2_transit_gateway_vpc_attachment', 'a', {
      transit_gateway_id: refTo(tgw),
      vpc_id: refTo(vpc),
      subnet_ids: [unknownInput('var.tgw_subnet')],
    });
    const { model } = s.lift();
    const defaultTable = `${tgw.key}#default-route-table`;
    expect(model.getOf(tgw.key, 'gateway')).toMatchObject({ gatewayType: 'transit', defaultRouteTable: { known: true, value: defaultTable } });
    expect(model.getOf(defaultTable, 'transit-route-table')).toMatchObject({ gateway: { value: tgw.key }, platformDefault: 'transit gateway default route table' });
    const c = model.getOf(att.key, 'connection')!;
    expect(c).toMatchObject({ connectionType: 'transit-gateway-attachment', from: { value: vpc.key }, to: { value: tgw.key } });
    expect(c.routeTable).toMatchObject({ known: true, value: null });
    expect(c.propagations?.known && c.propagations.value.map((l) => l.known && l.value)).toEqual([defaultTable]);
    expect(c.subnets?.known && c.subnets.value[0]!.known).toBe(false);
  });

  it('honours disabled defaults, opt-outs, explicit associations, propagations and static routes', () => {
    const s = new Scan();
    const vpcA = s.cfn('VpcA', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const vpcB = s.cfn('VpcB', 'AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' });
    const tgw = s.cfn('Tgw', 'AWS::EC2::TransitGateway', { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' });
    const a = s.cfn('AttA', 'AWS::EC2::TransitGatewayAttachment', { TransitGatewayId: refTo(tgw, 'Ref'), VpcId: refTo(vpcA, 'Ref'), SubnetIds: [] });
    const b = s.cfn('AttB', 'AWS::EC2::TransitGatewayVpcAttachment', { TransitGatewayId: refTo(tgw, 'Ref'), VpcId: refTo(vpcB, 'Ref'), SubnetIds: [] });
    const rt = s.cfn('Rt', 'AWS::EC2::TransitGatewayRouteTable', { TransitGatewayId: refTo(tgw, 'Ref') });
    s.cfn('AssocA', 'AWS::EC2::TransitGatewayRouteTableAssociation', { TransitGatewayAttachmentId: refTo(a, 'Ref'), TransitGatewayRouteTableId: refTo(rt, 'Ref') });
    s.cfn('PropB', 'AWS::EC2::TransitGatewayRouteTablePropagation', { TransitGatewayAttachmentId: refTo(b, 'Ref'), TransitGatewayRouteTableId: refTo(rt, 'Ref') });
    const toB = s.cfn('ToB', 'AWS::EC2::TransitGatewayRoute', { TransitGatewayRouteTableId: refTo(rt, 'Ref'), DestinationCidrBlock: '0.0.0.0/0', TransitGatewayAttachmentId: refTo(b, 'Ref') });
    s.cfn('Drop', 'AWS::EC2::TransitGatewayRoute', { TransitGatewayRouteTableId: refTo(rt, 'Ref'), DestinationCidrBlock: '10.9.0.0/16', Blackhole: true });
    const { model } = s.lift();
    expect(model.getOf(tgw.key, 'gateway')!.defaultRouteTable).toMatchObject({ known: true, value: null });
    expect(model.get(`${tgw.key}#default-route-table`)).toBeUndefined();
    expect(model.getOf(a.key, 'connection')!.routeTable).toMatchObject({ value: rt.key });
    const cb = model.getOf(b.key, 'connection')!;
    expect(cb.propagations?.known && cb.propagations.value.map((l) => l.known && l.value)).toEqual([rt.key]);
    const table = model.getOf(rt.key, 'transit-route-table')!;
    expect(table.routes.map((r) => [r.destination.known && r.destination.value, r.attachment.known && r.attachment.value])).toEqual([
      ['0.0.0.0/0', b.key],
      ['10.9.0.0/16', null],
    ]);
    expect(table.routes[0]!.loc).toEqual(toB.loc);

    const t = new Scan();
    const vpc = t.tf('aws_vpc', 'a', { cidr_block: '10.0.0.0/16' });
    const gw = t.tf('aws_ec2_transit_gateway', 'hub', {});
    const opted = t.tf('aws_ec2_transit_gateway_vpc_attachment', 'a', {
      transit_gateway_id: refTo(gw),
      vpc_id: refTo(vpc),
      subnet_ids: [],
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
    });
    const c = t.lift().model.getOf(opted.key, 'connection')!;
    expect(c.routeTable?.known).toBe(false);
    expect(c.propagations).toMatchObject({ known: true, value: [] });
  });

  it('leaves propagation unknown for a transit gateway outside the scan', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'a', { cidr_block: '10.0.0.0/16' });
    const att = s.tf('aws_ec2_transit_gateway_vpc_attachment', 'a', { transit_gateway_id: 'tgw-0shared', vpc_id: refTo(vpc), subnet_ids: [] });
    const c = s.lift().model.getOf(att.key, 'connection')!;
    expect(!c.propagations?.known && c.propagations?.cause.inputs).toEqual(['tgw-0shared']);
    expect(c.to.known).toBe(false);
  });
});

describe('connections', () => {
  it('records peering acceptance per source', () => {
    const s = new Scan();
    const a = s.tf('aws_vpc', 'a', { cidr_block: '10.0.0.0/16' });
    const b = s.tf('aws_vpc', 'b', { cidr_block: '10.1.0.0/16' });
    const auto = s.tf('aws_vpc_peering_connection', 'auto', { vpc_id: refTo(a), peer_vpc_id: refTo(b), auto_accept: true });
    const pending = s.tf('aws_vpc_peering_connection', 'pending', { vpc_id: refTo(a), peer_vpc_id: refTo(b) });
    const cross = s.tf('aws_vpc_peering_connection', 'cross', { vpc_id: refTo(a), peer_vpc_id: 'vpc-0other', peer_owner_id: '210987654321' });
    const accepted = s.tf('aws_vpc_peering_connection', 'accepted', { vpc_id: refTo(a), peer_vpc_id: refTo(b) });
    s.tf('aws_vpc_peering_connection_accepter', 'acc', { vpc_peering_connection_id: refTo(accepted), auto_accept: true });
    const cfnVpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.5.0.0/16' });
    const same = s.cfn('Peer', 'AWS::EC2::VPCPeeringConnection', { VpcId: refTo(cfnVpc, 'Ref'), PeerVpcId: 'vpc-0abc' });
    const other = s.cfn('PeerX', 'AWS::EC2::VPCPeeringConnection', { VpcId: refTo(cfnVpc, 'Ref'), PeerVpcId: 'vpc-0abc', PeerOwnerId: '111122223333' });
    const { model } = s.lift();
    const acc = (k: string) => model.getOf(k, 'connection')!.accepted;
    expect(acc(auto.key)).toEqual({ known: true, value: true, loc: locOf(auto, 'auto_accept') });
    expect(acc(pending.key)).toMatchObject({ known: true, value: false, defaulted: true });
    expect(acc(cross.key)?.known).toBe(false);
    expect(acc(accepted.key)).toMatchObject({ known: true, value: true });
    expect(acc(same.key)).toMatchObject({ known: true, value: true, defaulted: true });
    expect(!acc(other.key)?.known && acc(other.key)).toMatchObject({ cause: { inputs: ['PeerOwnerId'] } });
    expect(model.getOf(auto.key, 'connection')).toMatchObject({ connectionType: 'vpc-peering', from: { value: a.key }, to: { value: b.key } });
    expect(model.all('connection')).toHaveLength(6);
  });

  it('keeps an accepter whose request is in another code base as its own connection', () => {
    const s = new Scan();
    const acc = s.tf('aws_vpc_peering_connection_accepter', 'from_partner', { vpc_peering_connection_id: unknownInput('var.peering_id'), auto_accept: true });
    const c = s.lift().model.getOf(acc.key, 'connection')!;
    expect(c.accepted).toMatchObject({ known: true, value: true });
    expect(!c.from.known && c.from.cause.inputs).toEqual(['var.peering_id']);
  });

  it('joins VPN connections to their customer gateway and VPN or transit gateway', () => {
    const s = new Scan();
    const cgw = s.tf('aws_customer_gateway', 'office', { bgp_asn: 65000, ip_address: '203.0.113.10', type: 'ipsec.1' });
    const vgw = s.tf('aws_vpn_gateway', 'vgw', { vpc_id: 'vpc-0x' });
    const tgw = s.tf('aws_ec2_transit_gateway', 'hub', { default_route_table_propagation: 'disable' });
    const viaVgw = s.tf('aws_vpn_connection', 'a', { customer_gateway_id: refTo(cgw), vpn_gateway_id: refTo(vgw), type: 'ipsec.1' });
    const viaTgw = s.tf('aws_vpn_connection', 'b', { customer_gateway_id: refTo(cgw), transit_gateway_id: refTo(tgw), type: 'ipsec.1' });
    const dxgw = s.tf('aws_dx_gateway', 'dx', { name: 'dx', amazon_side_asn: '64512' });
    const dx = s.tf('aws_dx_gateway_association', 'dx', { dx_gateway_id: refTo(dxgw), associated_gateway_id: refTo(tgw) });
    const { model } = s.lift();
    expect(model.getOf(cgw.key, 'gateway')!.gatewayType).toBe('customer');
    expect(model.getOf(viaVgw.key, 'connection')).toMatchObject({ connectionType: 'vpn', from: { value: cgw.key }, to: { value: vgw.key } });
    const t = model.getOf(viaTgw.key, 'connection')!;
    expect(t).toMatchObject({ to: { value: tgw.key }, routeTable: { value: null }, propagations: { known: true, value: [] } });
    expect(model.getOf(dx.key, 'connection')).toMatchObject({ connectionType: 'direct-connect', from: { value: dxgw.key }, to: { value: tgw.key } });
    expect(model.getOf(dxgw.key, 'gateway')!.gatewayType).toBe('direct-connect');
  });
});
