// Indexes over the model's network entities, built in one pass per kind so
// that every later question (which subnets use this route table, which
// attachments sit on this transit gateway) is a map lookup, never a scan.
import type { Link, Links } from '../model/entity.js';
import type { Fact } from '../model/fact.js';
import type { CloudModel } from '../model/model.js';
import type { Connection, Firewall, Gateway, Network, NetworkInterface, RouteTable, Subnet } from '../model/network.js';
import type { UnknownCause, SourceLoc } from '../readers/value.js';

/** The route table a subnet uses, as far as the model tells. */
export type EffectiveTable =
  | { kind: 'table'; table: RouteTable; explicit: boolean; loc?: SourceLoc }
  | { kind: 'none' }
  | { kind: 'unknown'; cause: UnknownCause; loc?: SourceLoc };

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** Known members of a list of links. */
export function knownLinks(l: Links | undefined): string[] {
  if (!l || !l.known) return [];
  const out: string[] = [];
  for (const x of l.value) if (x.known) out.push(x.value);
  return out;
}

/** Causes of the unknown parts of a list of links. */
export function unknownLinkCauses(l: Links | undefined): UnknownCause[] {
  if (!l) return [];
  if (!l.known) return [l.cause];
  const out: UnknownCause[] = [];
  for (const x of l.value) if (!x.known) out.push(x.cause);
  return out;
}

export function knownString(f: Fact<string | null> | Link | undefined): string | undefined {
  return f && f.known && typeof f.value === 'string' ? f.value : undefined;
}

export class Topology {
  readonly networks = new Map<string, Network>();
  readonly subnets = new Map<string, Subnet>();
  readonly routeTables = new Map<string, RouteTable>();
  readonly gateways = new Map<string, Gateway>();
  readonly connections: Connection[];
  /** Connections by the model id of either end (network, gateway, hub). */
  readonly connectionsByEnd = new Map<string, Connection[]>();
  readonly subnetsByNetwork = new Map<string, string[]>();
  /** Subnets explicitly associated with a route table (AWS association, Azure subnet property). */
  readonly subnetsByTable = new Map<string, string[]>();
  /** AWS: subnets whose association is known to be absent, i.e. that use their VPC's main table. */
  readonly unassociatedByNetwork = new Map<string, string[]>();
  /** AWS: the networks whose main route table this is. */
  readonly networksByMainTable = new Map<string, string[]>();
  /** Route tables with a route whose target is this entity (gateway, firewall, endpoint …). */
  readonly tablesByRouteTarget = new Map<string, string[]>();
  /** Azure: subnets with this NAT gateway. */
  readonly subnetsByNatGateway = new Map<string, string[]>();
  /** Subnets whose NSG / network ACL is this security group. */
  readonly subnetsBySecurityGroup = new Map<string, string[]>();
  readonly nicsBySubnet = new Map<string, NetworkInterface[]>();
  readonly nicsByOwner = new Map<string, NetworkInterface[]>();
  /** Azure firewalls by private address (UDR next hops name them). */
  readonly firewallsByAddress = new Map<string, Firewall>();
  /** Resources (instances, stores, endpoints, load balancers, NICs) that use a security group. */
  readonly usersBySecurityGroup = new Map<string, string[]>();

  constructor(readonly model: CloudModel) {
    for (const n of model.all('network')) {
      this.networks.set(n.id, n);
      const main = knownString(n.mainRouteTable);
      if (main) push(this.networksByMainTable, main, n.id);
    }
    for (const s of model.all('subnet')) {
      this.subnets.set(s.id, s);
      const net = knownString(s.network);
      if (net) push(this.subnetsByNetwork, net, s.id);
      if (s.routeTable.known) {
        if (s.routeTable.value !== null) push(this.subnetsByTable, s.routeTable.value, s.id);
        else if (net && s.cloud === 'aws') push(this.unassociatedByNetwork, net, s.id);
      }
      const nat = knownString(s.natGateway);
      if (nat) push(this.subnetsByNatGateway, nat, s.id);
      const sg = knownString(s.securityGroup);
      if (sg) push(this.subnetsBySecurityGroup, sg, s.id);
    }
    for (const t of model.all('route-table')) {
      this.routeTables.set(t.id, t);
      const seen = new Set<string>();
      for (const r of t.routes) {
        const ref = r.target.known ? knownString(r.target.value.ref) : undefined;
        if (ref && !seen.has(ref)) {
          seen.add(ref);
          push(this.tablesByRouteTarget, ref, t.id);
        }
      }
    }
    for (const g of model.all('gateway')) this.gateways.set(g.id, g);
    this.connections = [...model.all('connection')];
    for (const c of this.connections) {
      for (const end of [c.from, c.to]) if (end.known) push(this.connectionsByEnd, end.value, c);
    }
    for (const nic of model.all('network-interface')) {
      const s = knownString(nic.subnet);
      if (s) push(this.nicsBySubnet, s, nic);
      const owner = knownString(nic.attachedTo);
      if (owner) push(this.nicsByOwner, owner, nic);
    }
    for (const f of model.all('firewall')) {
      if (f.privateAddresses?.known) for (const a of f.privateAddresses.value) this.firewallsByAddress.set(a.trim(), f);
    }
    const sgUsers: { id: string; securityGroups?: Links }[] = [
      ...model.all('compute'),
      ...model.all('data-store'),
      ...model.all('endpoint'),
      ...model.all('load-balancer'),
      ...model.all('network-interface'),
    ];
    for (const u of sgUsers) for (const sg of knownLinks(u.securityGroups)) push(this.usersBySecurityGroup, sg, u.id);
  }

  /** The route table a subnet uses: its explicit one, else (AWS) its VPC's main table. */
  effectiveTable(subnet: Subnet): EffectiveTable {
    const rt = subnet.routeTable;
    if (!rt.known) return { kind: 'unknown', cause: rt.cause, loc: rt.loc ?? subnet.loc };
    if (rt.value !== null) {
      const table = this.routeTables.get(rt.value);
      if (!table) {
        return {
          kind: 'unknown',
          cause: { inputs: [rt.value], detail: `route table ${rt.value} of ${subnet.address} is not in the model` },
          loc: rt.loc ?? subnet.loc,
        };
      }
      return { kind: 'table', table, explicit: true, loc: rt.loc ?? subnet.loc };
    }
    if (subnet.cloud !== 'aws') return { kind: 'none' };
    if (!subnet.network.known) return { kind: 'unknown', cause: subnet.network.cause, loc: subnet.network.loc ?? subnet.loc };
    const net = this.networks.get(subnet.network.value);
    const main = net?.mainRouteTable;
    if (!net || !main) {
      return {
        kind: 'unknown',
        cause: { inputs: [], detail: `the main route table of ${net?.address ?? subnet.network.value} is not in the model` },
        loc: subnet.loc,
      };
    }
    if (!main.known) return { kind: 'unknown', cause: main.cause, loc: main.loc ?? net.loc };
    const table = this.routeTables.get(main.value);
    if (!table) {
      return {
        kind: 'unknown',
        cause: { inputs: [main.value], detail: `main route table ${main.value} of ${net.address} is not in the model` },
        loc: main.loc ?? net.loc,
      };
    }
    return { kind: 'table', table, explicit: false, loc: main.loc ?? table.loc };
  }

  /** Subnets that use a route table: explicitly associated ones plus, for a main table, its VPC's unassociated ones. */
  subnetsUsingTable(tableId: string): string[] {
    const out = [...(this.subnetsByTable.get(tableId) ?? [])];
    for (const net of this.networksByMainTable.get(tableId) ?? []) out.push(...(this.unassociatedByNetwork.get(net) ?? []));
    return out;
  }
}
