// A small builder of cloud models for the graph tests: each call adds one
// entity the way a lifter would, located on its own line of a pretend file,
// and returns its id. Ids are the addresses.
import type { EntityBase, Link, Links } from '../../src/model/entity.js';
import type { Fact } from '../../src/model/fact.js';
import { fact, unknownFact } from '../../src/model/fact.js';
import { CloudModel } from '../../src/model/model.js';
import type { Connection, ConnectionType, Gateway, GatewayType, RouteTargetKind } from '../../src/model/network.js';
import type { Peer, SecurityRule } from '../../src/model/security.js';
import type { SourceLoc, UnknownCause } from '../../src/readers/value.js';
import type { Cloud } from '../../src/readers/native.js';

export type Tags = Record<string, string> | UnknownCause;

/** A route as tests write it: destination, target kind, target id (or an unknown cause). */
export type RouteSpec = [dest: string | UnknownCause, kind: RouteTargetKind, target?: string | UnknownCause, address?: string];

export function cause(input: string, detail = `${input} is not set`): UnknownCause {
  return { inputs: [input], detail };
}

function isCause(x: unknown): x is UnknownCause {
  return typeof x === 'object' && x !== null && 'inputs' in x;
}

export class ModelBuilder {
  readonly model = new CloudModel();
  private line = 0;

  constructor(
    private readonly cloud: Cloud = 'aws',
    private readonly file = 'network/main.tf',
  ) {}

  loc(): SourceLoc {
    return { file: this.file, line: ++this.line };
  }

  /** A fact located on a fresh line, or an unknown fact from a cause. */
  fact<T>(v: T | UnknownCause): Fact<T> {
    return isCause(v) ? unknownFact(v, this.loc()) : fact(v as T, this.loc());
  }

  link(id: string | UnknownCause): Link {
    return this.fact<string>(id);
  }

  links(ids: (string | UnknownCause)[] | UnknownCause): Links {
    return isCause(ids) ? unknownFact(ids, this.loc()) : fact(ids.map((i) => this.link(i)), this.loc());
  }

  base(address: string, nativeType: string, tags: Tags = {}): EntityBase {
    const loc = this.loc();
    return {
      id: address,
      cloud: this.cloud,
      source: this.cloud === 'aws' ? 'terraform' : 'arm',
      nativeType,
      address,
      scope: 'network',
      loc,
      tags: isCause(tags) ? unknownFact(tags, loc) : fact(tags, loc),
      region: fact(this.cloud === 'aws' ? 'ap-northeast-1' : 'japaneast', loc),
    };
  }

  vpc(address: string, opts: { cidr?: string | UnknownCause; tags?: Tags; ids?: string[] } = {}): string {
    const main = `${address}#main-route-table`;
    const b = this.base(address, this.cloud === 'aws' ? 'aws_vpc' : 'Microsoft.Network/virtualNetworks', opts.tags);
    if (opts.ids) b.native = { source: b.source, cloud: b.cloud, type: b.nativeType, address, key: address, scope: 'network', attrs: { kind: 'object', fields: {} }, loc: b.loc, ids: opts.ids };
    const cidr = opts.cidr ?? '10.0.0.0/16';
    this.model.add({ ...b, kind: 'network', cidrs: isCause(cidr) ? this.fact<string[]>(cidr) : this.fact([cidr]), ...(this.cloud === 'aws' ? { mainRouteTable: this.link(main) } : {}) });
    if (this.cloud === 'aws') {
      this.model.add({
        ...this.base(main, 'aws_vpc', {}),
        kind: 'route-table',
        network: this.link(address),
        routes: [],
        routesComplete: this.fact(true),
        platformDefault: 'main route table',
      });
    }
    return address;
  }

  subnet(
    address: string,
    network: string | UnknownCause,
    opts: {
      cidr?: string | UnknownCause;
      tags?: Tags;
      zone?: string;
      routeTable?: string | null | UnknownCause;
      natGateway?: string | null | UnknownCause;
      defaultOutboundAccess?: boolean | UnknownCause;
      defaultOutboundDefaulted?: boolean;
      securityGroup?: string | null;
      serviceEndpoints?: string[];
    } = {},
  ): string {
    const b = this.base(address, this.cloud === 'aws' ? 'aws_subnet' : 'Microsoft.Network/virtualNetworks/subnets', opts.tags);
    const doa = opts.defaultOutboundAccess;
    this.model.add({
      ...b,
      kind: 'subnet',
      network: this.link(network),
      cidr: this.fact<string | null>(opts.cidr ?? '10.0.1.0/24'),
      ...(opts.zone ? { zone: this.fact(opts.zone) } : {}),
      routeTable: this.fact<string | null>(opts.routeTable === undefined ? null : opts.routeTable),
      ...(opts.natGateway !== undefined ? { natGateway: this.fact<string | null>(opts.natGateway) } : this.cloud === 'azure' ? { natGateway: this.fact<string | null>(null) } : {}),
      ...(doa !== undefined
        ? { defaultOutboundAccess: isCause(doa) ? this.fact<boolean>(doa) : { known: true as const, value: doa, loc: this.loc(), ...(opts.defaultOutboundDefaulted ? { defaulted: true } : {}) } }
        : {}),
      ...(opts.securityGroup !== undefined ? { securityGroup: this.fact<string | null>(opts.securityGroup) } : {}),
      ...(opts.serviceEndpoints ? { serviceEndpoints: this.fact(opts.serviceEndpoints) } : {}),
    });
    return address;
  }

  routeTable(address: string, network: string | undefined, routes: RouteSpec[], opts: { complete?: boolean | UnknownCause; tags?: Tags } = {}): string {
    const b = this.base(address, this.cloud === 'aws' ? 'aws_route_table' : 'Microsoft.Network/routeTables', opts.tags);
    this.model.add({
      ...b,
      kind: 'route-table',
      ...(network ? { network: this.link(network) } : {}),
      routes: routes.map(([dest, kind, target, nextHop]) => {
        const loc = this.loc();
        return {
          destination: this.fact<string>(dest),
          target: fact(
            {
              kind,
              ...(target !== undefined ? { ref: this.link(target) } : {}),
              ...(nextHop !== undefined ? { address: this.fact(nextHop) } : {}),
            },
            loc,
          ),
          loc,
          definedBy: b.address,
        };
      }),
      routesComplete: this.fact<boolean>(opts.complete ?? true),
    });
    return address;
  }

  /** Makes `table` the main route table of `vpc` (aws_main_route_table_association). */
  setMain(vpc: string, table: string): void {
    const n = this.model.getOf(vpc, 'network')!;
    n.mainRouteTable = this.link(table);
  }

  gateway(address: string, gatewayType: GatewayType, opts: Partial<Pick<Gateway, 'network' | 'subnet' | 'connectivity' | 'defaultRouteTable'>> & { tags?: Tags } = {}): string {
    const { tags, ...rest } = opts;
    this.model.add({ ...this.base(address, `gateway:${gatewayType}`, tags), kind: 'gateway', gatewayType, ...rest });
    return address;
  }

  igw(address: string, vpc: string | null): string {
    return this.gateway(address, 'internet', { network: this.fact<string | null>(vpc) });
  }

  eigw(address: string, vpc: string): string {
    return this.gateway(address, 'egress-only-internet', { network: this.fact<string | null>(vpc) });
  }

  nat(address: string, subnet: string, connectivity: 'public' | 'private' = 'public'): string {
    return this.gateway(address, 'nat', { subnet: this.link(subnet), connectivity: this.fact<'public' | 'private'>(connectivity) });
  }

  tgw(address: string, defaultRouteTable: string | null | UnknownCause = null): string {
    return this.gateway(address, 'transit', { defaultRouteTable: this.fact<string | null>(defaultRouteTable) });
  }

  connection(address: string, connectionType: ConnectionType, from: string | UnknownCause, to: string | UnknownCause, extra: Partial<Connection> & { tags?: Tags } = {}): string {
    const { tags, ...rest } = extra;
    this.model.add({ ...this.base(address, `connection:${connectionType}`, tags), kind: 'connection', connectionType, from: this.link(from), to: this.link(to), ...rest });
    return address;
  }

  /** A VPC peering; `accepted` adds the acceptance the way a lifter reading `auto_accept` or an accepter resource would. */
  peering(address: string, requester: string | UnknownCause, accepter: string | UnknownCause, accepted?: boolean | UnknownCause): string {
    this.connection(address, 'vpc-peering', requester, accepter);
    if (accepted !== undefined) this.model.getOf(address, 'connection')!.accepted = this.fact(accepted);
    return address;
  }

  attachment(
    address: string,
    vpc: string,
    tgw: string,
    opts: { subnets?: string[]; routeTable?: string | null | UnknownCause; propagations?: string[] | UnknownCause } = {},
  ): string {
    return this.connection(address, 'transit-gateway-attachment', vpc, tgw, {
      subnets: this.links(opts.subnets ?? []),
      routeTable: this.fact<string | null>(opts.routeTable === undefined ? null : opts.routeTable),
      ...(opts.propagations !== undefined ? { propagations: this.links(opts.propagations) } : {}),
    });
  }

  transitTable(address: string, tgw: string, routes: [dest: string, attachment: string | null | UnknownCause][] = []): string {
    this.model.add({
      ...this.base(address, 'aws_ec2_transit_gateway_route_table'),
      kind: 'transit-route-table',
      gateway: this.link(tgw),
      routes: routes.map(([d, a]) => ({ destination: this.fact(d), attachment: this.fact<string | null>(a), loc: this.loc(), definedBy: `${address}/${d}` })),
    });
    return address;
  }

  firewall(address: string, network: string | undefined, subnets: string[], opts: { privateAddresses?: string[]; type?: 'aws-network-firewall' | 'azure-firewall' } = {}): string {
    this.model.add({
      ...this.base(address, 'firewall'),
      kind: 'firewall',
      firewallType: opts.type ?? (this.cloud === 'aws' ? 'aws-network-firewall' : 'azure-firewall'),
      ...(network ? { network: this.link(network) } : {}),
      subnets: this.links(subnets),
      domainRules: this.fact([]),
      defaultDeny: this.fact(true),
      ...(opts.privateAddresses ? { privateAddresses: this.fact(opts.privateAddresses) } : {}),
    });
    return address;
  }

  securityGroup(address: string, network: string | undefined, rules: Partial<SecurityRule>[], flavor: 'aws-security-group' | 'azure-nsg' | 'aws-network-acl' = 'aws-security-group', tags?: Tags): string {
    this.model.add({
      ...this.base(address, flavor, tags),
      kind: 'security-group',
      flavor,
      ...(network ? { network: this.link(network) } : {}),
      rules: rules.map((r) => ({
        direction: 'egress',
        action: 'allow',
        protocol: fact('all'),
        ports: fact([{ from: 0, to: 65535 }]),
        peers: fact<Peer[]>([{ kind: 'cidr', cidr: '0.0.0.0/0' }]),
        loc: this.loc(),
        definedBy: address,
        ...r,
      })),
      rulesComplete: this.fact(true),
    });
    return address;
  }

  instance(address: string, subnets: (string | UnknownCause)[], opts: { securityGroups?: string[]; tags?: Tags } = {}): string {
    this.model.add({
      ...this.base(address, this.cloud === 'aws' ? 'aws_instance' : 'Microsoft.Compute/virtualMachines', opts.tags),
      kind: 'compute',
      computeType: this.cloud === 'aws' ? 'ec2-instance' : 'azure-vm',
      subnets: this.links(subnets),
      ...(opts.securityGroups ? { securityGroups: this.links(opts.securityGroups) } : {}),
    });
    return address;
  }

  nic(address: string, subnet: string, opts: { publicIp?: boolean | UnknownCause; securityGroups?: string[]; attachedTo?: string } = {}): string {
    this.model.add({
      ...this.base(address, 'Microsoft.Network/networkInterfaces'),
      kind: 'network-interface',
      subnet: this.link(subnet),
      publicIp: this.fact<boolean>(opts.publicIp ?? false),
      securityGroups: this.links(opts.securityGroups ?? []),
      ...(opts.attachedTo ? { attachedTo: this.fact<string | null>(opts.attachedTo) } : {}),
    });
    return address;
  }

  store(address: string, subnets: string[] | undefined, opts: { tags?: Tags; parent?: string } = {}): string {
    this.model.add({
      ...this.base(address, 'data-store', opts.tags),
      kind: 'data-store',
      storeType: 'rds-instance',
      ...(subnets ? { subnets: this.links(subnets) } : {}),
      ...(opts.parent ? { parent: this.link(opts.parent) } : {}),
    });
    return address;
  }

  privateEndpoint(address: string, subnet: string, target: string): string {
    this.model.add({
      ...this.base(address, 'Microsoft.Network/privateEndpoints'),
      kind: 'endpoint',
      endpointType: 'private-endpoint',
      service: this.fact('blob'),
      subnets: this.links([subnet]),
      target: this.link(target),
    });
    return address;
  }
}
