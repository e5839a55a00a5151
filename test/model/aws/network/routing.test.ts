import { describe, expect, it } from 'vitest';
import { finishNetwork, networkHandlers } from '../../../../src/model/aws/network/index.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import type { Route } from '../../../../src/model/network.js';
import { readCloudFormation } from '../../../../src/readers/cloudformation/index.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';
import { Scan, locOf, refTo, unknownExpr, unknownInput } from './scan-builder.js';

function targetKinds(routes: Route[]): (string | undefined)[] {
  return routes.map((r) => (r.target.known ? r.target.value.kind : undefined));
}

describe('route tables and routes', () => {
  it('resolves route target kinds from the referenced resource type, not from the attribute name', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const igw = s.tf('aws_internet_gateway', 'igw', { vpc_id: refTo(vpc) });
    const nat = s.tf('aws_nat_gateway', 'nat', { subnet_id: 'subnet-0aa' });
    const vgw = s.tf('aws_vpn_gateway', 'vgw', { vpc_id: refTo(vpc) });
    const rt = s.tf('aws_route_table', 'private', {
      vpc_id: refTo(vpc),
      route: [
        { cidr_block: '0.0.0.0/0', gateway_id: refTo(nat) },
        { cidr_block: '192.168.0.0/16', gateway_id: refTo(vgw) },
        { ipv6_cidr_block: '::/0', gateway_id: refTo(igw) },
      ],
    });
    const { model } = s.lift();
    const table = model.getOf(rt.key, 'route-table');
    const declared = table!.routes.filter((r) => !r.platformDefault);
    expect(targetKinds(declared)).toEqual(['nat-gateway', 'virtual-private-gateway', 'internet-gateway']);
    expect(declared[0]!.target).toMatchObject({ known: true, value: { ref: { known: true, value: nat.key } } });
    expect(declared[0]!.destination).toEqual({ known: true, value: '0.0.0.0/0', loc: locOf(rt, 'route', 0, 'cidr_block') });
    expect(declared[2]!.destination).toMatchObject({ value: '::/0' });
    expect(declared[0]!.loc).toEqual(locOf(rt, 'route', 0));
    expect(declared[0]!.definedBy).toBe('aws_route_table.private');
  });

  it('reads literal ID prefixes, keeping the object unknown when it is not scanned', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const rt = s.tf('aws_route_table', 'rt', {
      vpc_id: refTo(vpc),
      route: [
        { cidr_block: '0.0.0.0/0', gateway_id: 'igw-0123' },
        { cidr_block: '10.20.0.0/16', vpc_peering_connection_id: 'pcx-99' },
        { cidr_block: '10.30.0.0/16', transit_gateway_id: 'tgw-1' },
        { ipv6_cidr_block: '::/0', egress_only_gateway_id: 'eigw-7' },
        { cidr_block: '10.40.0.0/16', network_interface_id: 'eni-5' },
        { cidr_block: '10.50.0.0/16', gateway_id: 'something-else' },
        { cidr_block: '10.60.0.0/16', gateway_id: unknownInput('var.gateway') },
        { cidr_block: '10.70.0.0/16', nat_gateway_id: unknownInput('var.nat_id') },
      ],
    });
    const table = s.lift().model.getOf(rt.key, 'route-table')!;
    const declared = table.routes.filter((r) => !r.platformDefault);
    expect(targetKinds(declared)).toEqual([
      'internet-gateway',
      'peering',
      'transit-gateway',
      'egress-only-internet-gateway',
      'network-interface',
      'unknown',
      undefined,
      'nat-gateway',
    ]);
    const igw = declared[0]!.target;
    expect(igw.known && igw.value.ref?.known).toBe(false);
    // gateway_id takes several kinds of gateway: unknown; nat_gateway_id only one: a NAT gateway, which one unknown.
    const gateway = declared[6]!.target;
    expect(!gateway.known && gateway.cause.inputs).toEqual(['var.gateway']);
    const nat = declared[7]!.target;
    expect(nat.known && nat.value.ref).toMatchObject({ known: false, cause: { inputs: ['var.nat_id'] } });
  });

  it('reads the kind of a target computed from one resource’s attributes, as a firewall endpoint out of its status', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const fw = s.tf('aws_networkfirewall_firewall', 'fw', { vpc_id: refTo(vpc), firewall_policy_arn: 'arn:policy', subnet_mapping: [] });
    const nat = s.tf('aws_nat_gateway', 'n', { subnet_id: 'subnet-0a' });
    const after = (name: string) => unknownInput(`${name} (known after apply)`);
    const rt = s.tf('aws_route_table', 'rt', {
      vpc_id: refTo(vpc),
      route: [
        { cidr_block: '0.0.0.0/0', vpc_endpoint_id: after('aws_networkfirewall_firewall.fw.firewall_status[0].sync_states') },
        { cidr_block: '10.1.0.0/16', gateway_id: after('aws_nat_gateway.n.id') },
        { cidr_block: '10.2.0.0/16', vpc_endpoint_id: unknownInput('var.endpoint') },
        // Computed from a variable too: nothing is inferred.
        { cidr_block: '10.3.0.0/16', gateway_id: unknownInput(['aws_nat_gateway.n.id (known after apply)', 'var.other']) },
      ],
    });
    const routes = s.lift().model.getOf(rt.key, 'route-table')!.routes.filter((r) => !r.platformDefault);
    expect(routes[0]!.target).toMatchObject({ known: true, value: { kind: 'firewall', ref: { known: true, value: fw.key } } });
    expect(routes[1]!.target).toMatchObject({ known: true, value: { kind: 'nat-gateway', ref: { value: nat.key } } });
    expect(routes[2]!.target.known).toBe(false);
    expect(routes[3]!.target.known).toBe(false);
  });

  it('reads a CloudFormation route to a firewall endpoint picked out of the firewall’s EndpointIds as the firewall', () => {
    const template = [
      'Parameters:',
      '  InspectionEndpoint: { Type: String }',
      'Resources:',
      '  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }',
      '  Firewall:',
      '    Type: AWS::NetworkFirewall::Firewall',
      '    Properties: { FirewallName: fw, FirewallPolicyArn: arn:policy, VpcId: !Ref Vpc, SubnetMappings: [{ SubnetId: subnet-0a }] }',
      '  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }',
      '  ToFirewall:',
      '    Type: AWS::EC2::Route',
      '    Properties:',
      '      RouteTableId: !Ref Rt',
      '      DestinationCidrBlock: 0.0.0.0/0',
      '      VpcEndpointId: !Select [1, !Split [":", !Select [0, !GetAtt Firewall.EndpointIds]]]',
      '  FromInput:',
      '    Type: AWS::EC2::Route',
      '    Properties:',
      '      RouteTableId: !Ref Rt',
      '      DestinationCidrBlock: 10.9.0.0/16',
      '      VpcEndpointId: !Select [1, !Split [":", !Ref InspectionEndpoint]]',
      '  Mixed:',
      '    Type: AWS::EC2::Route',
      '    Properties:',
      '      RouteTableId: !Ref Rt',
      '      DestinationCidrBlock: 10.8.0.0/16',
      '      VpcEndpointId: !Join ["", [!Select [0, !GetAtt Firewall.EndpointIds], !Ref InspectionEndpoint]]',
    ].join('\n');
    const read = readCloudFormation('stack.yaml', template, defaultReadOptions('/nonexistent'));
    expect(read.errors).toEqual([]);
    const model = new CloudModel();
    runLifters('aws', networkHandlers, read.resources, { model, links: new LinkResolver(read.resources) }, finishNetwork);
    const routes = model.getOf('stack.yaml#Rt', 'route-table')!.routes.filter((r) => !r.platformDefault);
    const by = (cidr: string) => routes.find((r) => r.destination.known && r.destination.value === cidr)!;
    expect(by('0.0.0.0/0').target).toMatchObject({ known: true, value: { kind: 'firewall', ref: { known: true, value: 'stack.yaml#Firewall' } } });
    // A parameter could name any endpoint: nothing is inferred.
    expect(by('10.9.0.0/16').target).toMatchObject({ known: false, cause: { inputs: ['parameter InspectionEndpoint'] } });
    expect(by('10.8.0.0/16').target.known).toBe(false);
  });

  it('adds standalone routes (Terraform and CloudFormation) to their tables, whatever the order', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const route = s.cfn('DefaultRoute', 'AWS::EC2::Route', {
      RouteTableId: refTo({ key: 'stack.yaml#PublicRt' } as never, 'Ref'),
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: refTo({ key: 'stack.yaml#Igw' } as never, 'Ref'),
    });
    const rt = s.cfn('PublicRt', 'AWS::EC2::RouteTable', { VpcId: refTo(vpc, 'Ref') });
    s.cfn('Igw', 'AWS::EC2::InternetGateway', {});
    const fw = s.cfn('FwRoute', 'AWS::EC2::Route', {
      RouteTableId: refTo(rt, 'Ref'),
      DestinationIpv6CidrBlock: '::/0',
      VpcEndpointId: 'vpce-0fw',
    });
    const table = s.lift().model.getOf(rt.key, 'route-table')!;
    const declared = table.routes.filter((r) => !r.platformDefault);
    expect(targetKinds(declared)).toEqual(['internet-gateway', 'vpc-endpoint']);
    expect(declared[0]!.definedBy).toBe('DefaultRoute');
    expect(declared[0]!.loc).toEqual(route.loc);
    expect(declared[1]!.destination).toEqual({ known: true, value: '::/0', loc: locOf(fw, 'DestinationIpv6CidrBlock') });
  });

  it('adds local routes for the VPC blocks to every table', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const rt = s.tf('aws_route_table', 'rt', { vpc_id: refTo(vpc) });
    const table = s.lift().model.getOf(rt.key, 'route-table')!;
    expect(table.routes).toHaveLength(1);
    expect(table.routes[0]).toMatchObject({ platformDefault: 'local route', destination: { value: '10.0.0.0/16' }, target: { value: { kind: 'local' } } });
    expect(table.routesComplete).toMatchObject({ known: true, value: true });
  });

  it('leaves routes incomplete when the route blocks come from an unknown collection', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const rt = s.tf('aws_route_table', 'rt', { vpc_id: refTo(vpc), route: unknownInput('var.routes') });
    const table = s.lift().model.getOf(rt.key, 'route-table')!;
    expect(table.routesComplete.known).toBe(false);
    if (!table.routesComplete.known) expect(table.routesComplete.cause.inputs).toEqual(['var.routes']);
  });

  it('models VPN route propagation as routes to the VPN gateway with unknown destinations', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const vgw = s.tf('aws_vpn_gateway', 'vgw', { vpc_id: refTo(vpc) });
    const rt = s.tf('aws_route_table', 'rt', { vpc_id: refTo(vpc), propagating_vgws: [refTo(vgw)] });
    const rt2 = s.tf('aws_route_table', 'rt2', { vpc_id: refTo(vpc) });
    s.tf('aws_vpn_gateway_route_propagation', 'p', { vpn_gateway_id: refTo(vgw), route_table_id: refTo(rt2) });
    const { model } = s.lift();
    for (const key of [rt.key, rt2.key]) {
      const routes = model.getOf(key, 'route-table')!.routes.filter((r) => !r.platformDefault);
      expect(routes).toHaveLength(1);
      expect(routes[0]!.destination.known).toBe(false);
      expect(routes[0]!.target).toMatchObject({ known: true, value: { kind: 'virtual-private-gateway', ref: { value: vgw.key } } });
    }
  });
});

describe('resources whose count could not be evaluated', () => {
  it('resolves references to instances of a conditional resource to the one resource the reader emitted', () => {
    const s = new Scan();
    const m = 'module.net.';
    const azs = 'data.aws_availability_zones.available';
    const vpc = s.tfIn(m, 'aws_vpc', 'this', { cidr_block: '10.0.0.0/16' });
    const rt = s.tfIn(m, 'aws_route_table', 'public', { vpc_id: refTo(vpc) });
    const sub = s.tfIn(m, 'aws_subnet', 'public', { vpc_id: refTo(vpc), cidr_block: unknownInput(azs), availability_zone: unknownInput(azs) });
    rt.conditional = { inputs: [azs], detail: 'count of module.net.aws_route_table.public is not known' };
    sub.conditional = rt.conditional;
    s.tfIn(m, 'aws_route', 'igw', {
      route_table_id: unknownExpr('aws_route_table.public[count.index].id', azs),
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: 'igw-0abc',
    });
    s.tfIn(m, 'aws_route_table_association', 'public', {
      subnet_id: unknownExpr('element(aws_subnet.public[*].id, count.index)', azs),
      route_table_id: unknownExpr('aws_route_table.public[count.index].id', azs),
    });
    // Two resources named: which one is meant cannot be told.
    s.tfIn(m, 'aws_route', 'ambiguous', {
      route_table_id: unknownExpr('element(coalescelist(aws_route_table.database[*].id, aws_route_table.public[*].id), 0)', azs),
      destination_cidr_block: '10.9.0.0/16',
      gateway_id: 'vgw-1',
    });
    // Outside a module the same expression names a resource that does not exist.
    s.tf('aws_route', 'root', { route_table_id: unknownExpr('aws_route_table.public[0].id', azs), destination_cidr_block: '10.8.0.0/16', gateway_id: 'vgw-1' });
    const { model } = s.lift();
    const table = model.getOf(rt.key, 'route-table')!;
    expect(table.routes.filter((r) => !r.platformDefault).map((r) => r.definedBy)).toEqual(['module.net.aws_route.igw']);
    expect(model.getOf(sub.key, 'subnet')!.routeTable).toMatchObject({ known: true, value: rt.key });
    // The ambiguous route may belong to this table: its routes are not all known.
    expect(!table.routesComplete.known && table.routesComplete.cause.inputs).toEqual(['module.net.aws_route.ambiguous', azs]);
    expect(!table.routesComplete.known && table.routesComplete.loc).toEqual(s.resources.find((r) => r.address === 'module.net.aws_route.ambiguous')!.loc);
  });
});

describe('resources that exist only under a condition', () => {
  it('marks routes and associations that may not exist, unless their target shares the condition', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const rt = s.tf('aws_route_table', 'rt', { vpc_id: refTo(vpc) });
    const fixed = s.tf('aws_subnet', 'fixed', { vpc_id: refTo(vpc), cidr_block: '10.0.0.0/24', availability_zone: 'ap-northeast-1a' });
    const zonal = s.tf('aws_subnet', 'zonal', { vpc_id: refTo(vpc), cidr_block: '10.0.1.0/24', availability_zone: 'ap-northeast-1c' });
    const nat = s.tf('aws_route', 'nat', { route_table_id: refTo(rt), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-0a' });
    const a1 = s.tf('aws_route_table_association', 'fixed', { subnet_id: refTo(fixed), route_table_id: refTo(rt) });
    const a2 = s.tf('aws_route_table_association', 'zonal', { subnet_id: refTo(zonal), route_table_id: refTo(rt) });
    const natCondition = { inputs: ['var.enable_nat'], detail: 'count of aws_route.nat is not known' };
    const zoneCondition = { inputs: ['data.aws_availability_zones.available'], detail: 'count is not known' };
    nat.conditional = natCondition;
    a1.conditional = natCondition;
    zonal.conditional = zoneCondition;
    a2.conditional = { ...zoneCondition, detail: 'count of aws_route_table_association.zonal is not known' };
    const { model } = s.lift();
    const route = model.getOf(rt.key, 'route-table')!.routes.find((r) => !r.platformDefault)!;
    expect(route.conditional).toEqual(natCondition);
    const f = model.getOf(fixed.key, 'subnet')!.routeTable;
    expect(!f.known && f.cause.inputs).toEqual(['var.enable_nat']);
    expect(model.getOf(zonal.key, 'subnet')!.routeTable).toMatchObject({ known: true, value: rt.key });
  });
});

describe('associations and main route tables', () => {
  it('associates subnets and gateways, locating the subnet association at the association', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const sub = s.tf('aws_subnet', 'a', { vpc_id: refTo(vpc), cidr_block: '10.0.0.0/24', availability_zone: 'ap-northeast-1a' });
    const igw = s.tf('aws_internet_gateway', 'igw', { vpc_id: refTo(vpc) });
    const rt = s.tf('aws_route_table', 'rt', { vpc_id: refTo(vpc) });
    const edge = s.tf('aws_route_table', 'edge', { vpc_id: refTo(vpc) });
    const assoc = s.tf('aws_route_table_association', 'a', { subnet_id: refTo(sub), route_table_id: refTo(rt) });
    s.tf('aws_route_table_association', 'edge', { gateway_id: refTo(igw), route_table_id: refTo(edge) });
    const { model } = s.lift();
    expect(model.getOf(sub.key, 'subnet')!.routeTable).toEqual({ known: true, value: rt.key, loc: locOf(assoc, 'route_table_id') });
    const gw = model.getOf(edge.key, 'route-table')!.gatewayAssociations;
    expect(gw?.known && gw.value.map((l) => l.known && l.value)).toEqual([igw.key]);
  });

  it('synthesizes the main route table with only the local route and points the VPC at it', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.8.0.0/16' });
    const { model } = s.lift();
    const network = model.getOf(vpc.key, 'network')!;
    expect(network.mainRouteTable).toMatchObject({ known: true, value: 'stack.yaml#Vpc#main-route-table', defaulted: true });
    const main = model.getOf('stack.yaml#Vpc#main-route-table', 'route-table')!;
    expect(main.platformDefault).toBe('main route table');
    expect(main.network).toMatchObject({ value: vpc.key });
    expect(main.routes.map((r) => r.platformDefault)).toEqual(['local route']);
    expect(main.routesComplete).toMatchObject({ known: true, value: true });
  });

  it('gives the default VPC a main route table to its own internet gateway', () => {
    const s = new Scan();
    const vpc = s.tf('aws_default_vpc', 'd', {});
    const { model } = s.lift();
    const main = model.getOf(`${vpc.key}#main-route-table`, 'route-table')!;
    const internet = main.routes.find((r) => r.target.known && r.target.value.kind === 'internet-gateway');
    expect(internet?.destination).toMatchObject({ value: '0.0.0.0/0' });
    const igw = model.getOf(`${vpc.key}#internet-gateway`, 'gateway');
    expect(igw).toMatchObject({ gatewayType: 'internet', platformDefault: 'default VPC internet gateway', network: { value: vpc.key } });
  });

  it('lets aws_default_route_table define the main table and routes added to main_route_table_id land on it', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const adopted = s.tf('aws_default_route_table', 'main', {
      default_route_table_id: refTo(vpc, 'default_route_table_id'),
      route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-0123' }],
    });
    s.tf('aws_route', 'extra', { route_table_id: refTo(vpc, 'main_route_table_id'), destination_cidr_block: '10.99.0.0/16', transit_gateway_id: 'tgw-9' });
    const { model } = s.lift();
    const id = `${vpc.key}#main-route-table`;
    const main = model.getOf(id, 'route-table')!;
    expect(main.nativeType).toBe('aws_default_route_table');
    expect(main.address).toBe('aws_default_route_table.main');
    expect(main.platformDefault).toBeUndefined();
    expect(main.loc).toEqual(adopted.loc);
    expect(targetKinds(main.routes.filter((r) => !r.platformDefault))).toEqual(['nat-gateway', 'transit-gateway']);
    expect(model.getOf(vpc.key, 'network')!.mainRouteTable).toMatchObject({ value: id });
    expect(model.get(adopted.key)).toBeUndefined();
  });

  it('follows aws_main_route_table_association over the original main table', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const rt = s.tf('aws_route_table', 'custom', { vpc_id: refTo(vpc) });
    const assoc = s.tf('aws_main_route_table_association', 'm', { vpc_id: refTo(vpc), route_table_id: refTo(rt) });
    s.tf('aws_default_route_table', 'orig', { default_route_table_id: refTo(vpc, 'default_route_table_id') });
    const { model } = s.lift();
    expect(model.getOf(vpc.key, 'network')!.mainRouteTable).toEqual({ known: true, value: rt.key, loc: locOf(assoc, 'route_table_id') });
  });
});
