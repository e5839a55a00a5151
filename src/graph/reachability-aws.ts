// AWS: every way out of a subnet to the internet. The subnet's route table
// (explicit association, else the VPC's main table), its routes to internet
// addresses, and their targets: internet gateways, egress-only gateways, NAT
// gateways (through the NAT's own subnet), firewall and Gateway Load
// Balancer endpoints (through the endpoint's subnet), transit gateways
// (through the attachment's route table into another VPC), appliances.
// Peering never carries traffic on to the internet (no edge-to-edge routing).
import type { Fact } from '../model/fact.js';
import type { CloudModel } from '../model/model.js';
import type { Route, RouteTable, Subnet } from '../model/network.js';
import type { UnknownCause } from '../readers/value.js';
import { coversInternet, parseCidr } from './cidr.js';
import type { Connectivity } from './connectivity.js';
import type { Beyond, Tail } from './path-parts.js';
import { MAX_TAILS_PER_TABLE, hopOf, namedHop, possible, sameZone, through, weaken, zoneOf } from './path-parts.js';
import type { Topology } from './topology.js';
import { knownLinks, knownString, unknownLinkCauses } from './topology.js';
import type { InternetPath, PathHop } from './types.js';

type Family = 'ipv4' | 'ipv6';

/** Where the walk is: the tables already entered (cycle guard) and the zone of the traffic. */
interface Walk {
  visited: Set<string>;
  zone: string | undefined;
  /** Set when a cycle was cut: the result then depends on the walk and is not memoised. */
  cut: { value: boolean };
}

export class AwsReachability {
  private readonly memo = new Map<string, Tail[]>();

  constructor(
    private readonly model: CloudModel,
    private readonly topo: Topology,
    private readonly conn: Connectivity,
    /** True when the subnet's explicit association, not the route, is what opens its paths. */
    private readonly associationOpens: (subnet: Subnet, table: RouteTable) => boolean,
  ) {}

  pathsOf(subnet: Subnet): InternetPath[] {
    const subnetHop = hopOf(subnet, 'subnet');
    const eff = this.topo.effectiveTable(subnet);
    if (eff.kind === 'none') return [];
    if (eff.kind === 'unknown') {
      return [
        {
          subnet: subnet.id,
          family: 'ipv4',
          hops: [subnetHop],
          exit: 'route-to-internet',
          openedAt: eff.loc ?? subnet.loc,
          openedBy: subnet.address,
          certainty: 'possible',
          cause: { ...eff.cause, detail: `the route table of ${subnet.address} is unknown: ${eff.cause.detail}` },
        },
      ];
    }
    const table = eff.table;
    const tableHop = hopOf(table, 'route-table', eff.explicit ? 'explicit association' : 'main route table of the VPC');
    const all = this.tablePaths(table, undefined, { visited: new Set(), zone: zoneOf(subnet), cut: { value: false } });
    const tails = this.ipv6Bounded(subnet, all);
    const byAssociation = eff.explicit && tails.length > 0 && this.associationOpens(subnet, table);
    return tails.map((t) => {
      const p: InternetPath = {
        subnet: subnet.id,
        family: t.family,
        hops: [subnetHop, tableHop, ...t.hops],
        exit: t.exit,
        openedAt: byAssociation ? (eff.loc ?? subnet.loc) : t.openedAt,
        openedBy: byAssociation ? subnet.address : t.openedBy,
        certainty: t.certainty,
      };
      if (t.cause) p.cause = t.cause;
      if (t.firewall) p.firewall = t.firewall;
      return p;
    });
  }

  /**
   * IPv6 paths only leave a subnet with IPv6 addresses: none when the subnet
   * certainly has no IPv6 block (`::/0` routes then carry nothing), or when
   * its VPC certainly has none and the subnet does not say otherwise;
   * possible when whether the subnet has one is unknown. A subnet with a
   * block decides: AWS gives a subnet a block only from its VPC's, so a VPC
   * that lists none is out of date (live items are recorded at different
   * times) or gets its block from outside what was read.
   */
  private ipv6Bounded(subnet: Subnet, tails: Tail[]): Tail[] {
    const own = subnet.ipv6Enabled;
    if (own?.known && own.value) return tails;
    const net = this.topo.networks.get(knownString(subnet.network) ?? '');
    const noIpv6 = (f: Fact<boolean> | undefined): boolean => f?.known === true && !f.value;
    if (noIpv6(net?.ipv6Enabled) || noIpv6(own)) return tails.filter((t) => t.family !== 'ipv6');
    if (!own || own.known) return tails;
    return tails.map((t) => (t.family === 'ipv6' ? { ...t, ...weaken(t, own.cause) } : t));
  }

  /** Partial paths from the routes of a table; `family` restricts to one address family (after a NAT: IPv4). */
  private tablePaths(table: RouteTable, family: Family | undefined, walk: Walk): Tail[] {
    const key = `${table.id}\u0000${family ?? '*'}\u0000${walk.zone ?? ''}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (walk.visited.has(table.id)) {
      walk.cut.value = true;
      return [];
    }
    walk.visited.add(table.id);
    const inner: Walk = { visited: walk.visited, zone: walk.zone, cut: { value: false } };
    const network = knownString(table.network);
    const out: Tail[] = [];
    for (const r of table.routes) {
      if (out.length >= MAX_TAILS_PER_TABLE) break;
      for (const t of this.routePaths(r, table, network, family, inner)) out.push(t);
    }
    if (!out.some((t) => t.certainty === 'definite')) {
      const incomplete = this.incompleteRoutes(table);
      if (incomplete) {
        out.push({
          ...possible([namedHop(table.address, 'route-table', 'routes may come from outside the scan')], 'route-to-internet', incomplete),
          family: family ?? 'ipv4',
          openedAt: table.loc,
          openedBy: table.address,
        });
      }
    }
    const result = table.conditional ? out.map((t) => ({ ...t, ...weaken(t, table.conditional) })) : out;
    walk.visited.delete(table.id);
    if (inner.cut.value) walk.cut.value = true;
    else this.memo.set(key, result);
    return result;
  }

  private incompleteRoutes(table: RouteTable): UnknownCause | undefined {
    const c = table.routesComplete;
    if (!c.known) return c.cause;
    if (c.value) return undefined;
    return { inputs: [table.address], detail: `routes of ${table.address} may come from resources outside the scan (propagation, data sources)` };
  }

  private routePaths(r: Route, table: RouteTable, network: string | undefined, family: Family | undefined, walk: Walk): Tail[] {
    let destCause: UnknownCause | undefined;
    let fam: Family;
    let dest: string;
    if (!r.destination.known) {
      destCause = { ...r.destination.cause, detail: `the destination of a route in ${table.address} is unknown: ${r.destination.cause.detail}` };
      fam = family ?? (r.target.known && r.target.value.kind === 'egress-only-internet-gateway' ? 'ipv6' : 'ipv4');
      dest = '?';
    } else {
      dest = r.destination.value;
      const c = parseCidr(dest);
      // Prefix lists and other non-CIDR destinations name service ranges, not the internet.
      if (!c || !coversInternet(c)) return [];
      fam = c.family;
    }
    if (family && fam !== family) return [];
    const routeHop: PathHop = { id: table.id, address: r.definedBy, role: 'route', loc: r.loc };
    const beyond = this.targetPaths(r, routeHop, dest, fam, network, walk);
    // A route that exists only under an unresolved condition opens a path that may or may not be there.
    return beyond.map((b) => ({ ...weaken(weaken(b, destCause), r.conditional), family: fam, openedAt: r.loc, openedBy: r.definedBy }));
  }

  private targetPaths(r: Route, routeHop: PathHop, dest: string, fam: Family, network: string | undefined, walk: Walk): Beyond[] {
    if (!r.target.known) {
      routeHop.note = `${dest} -> unknown target`;
      return [possible([routeHop], 'route-to-internet', r.target.cause)];
    }
    const t = r.target.value;
    routeHop.note = `${dest} -> ${t.kind}`;
    const ref = t.ref;
    const refCause: UnknownCause | undefined = ref && !ref.known ? ref.cause : undefined;
    const refId = ref?.known ? ref.value : undefined;
    const refName = refId ?? refCause?.inputs[0] ?? r.definedBy;
    switch (t.kind) {
      case 'internet-gateway':
      case 'egress-only-internet-gateway': {
        if (t.kind === 'egress-only-internet-gateway' && fam !== 'ipv6') return [];
        const g = refId ? this.topo.gateways.get(refId) : undefined;
        const hop = g ? hopOf(g, t.kind) : namedHop(refName, t.kind);
        const b: Beyond = { hops: [routeHop, hop], exit: t.kind, certainty: 'definite' };
        if (g?.network) {
          if (g.network.known && g.network.value === null) return []; // detached: the route is a blackhole
          if (g.network.known && network && g.network.value !== network) return [];
          if (!g.network.known) return [weaken(b, g.network.cause)];
        }
        return [weaken(b, g?.conditional)];
      }
      case 'nat-gateway':
        return this.natPaths(routeHop, refId, refCause, refName, walk);
      case 'firewall':
      case 'vpc-endpoint':
        return this.inspectionPaths(routeHop, t.kind, refId, refCause, refName, fam, walk);
      case 'transit-gateway':
        return this.transitPaths(routeHop, refId, refCause, refName, network, fam, walk);
      case 'instance':
      case 'network-interface':
        return [
          possible([routeHop, refId && this.model.get(refId) ? hopOf(this.model.get(refId)!, t.kind) : namedHop(refName, t.kind)], 'virtual-appliance', {
            inputs: [refName],
            detail: `the route sends internet traffic to an appliance (${t.kind}) whose onward path is not in the model`,
          }),
        ];
      case 'carrier-gateway':
        return [{ hops: [routeHop, namedHop(refName, t.kind, 'carrier network')], exit: 'route-to-internet', certainty: 'definite' }];
      case 'internet':
        return [{ hops: [routeHop], exit: 'route-to-internet', certainty: 'definite' }];
      case 'unknown':
        return [
          possible([routeHop], 'route-to-internet', refCause ?? { inputs: [r.definedBy], detail: `the target of a route in ${r.definedBy} could not be resolved` }),
        ];
      default:
        // local, peering (no transit to the internet), gateway endpoints, VPN/local gateways, blackholes.
        return [];
    }
  }

  /** A route table's paths seen from a subnet the traffic arrives in (a NAT's, a firewall endpoint's, a transit attachment's). */
  private fromSubnet(subnetId: string, family: Family, walk: Walk): Beyond[] {
    const s = this.topo.subnets.get(subnetId);
    if (!s) return [possible([namedHop(subnetId, 'subnet')], 'route-to-internet', { inputs: [subnetId], detail: `subnet ${subnetId} is not in the model` })];
    const hop = hopOf(s, 'subnet');
    const eff = this.topo.effectiveTable(s);
    if (eff.kind === 'none') return [];
    if (eff.kind === 'unknown') return [possible([hop], 'route-to-internet', eff.cause)];
    const tails = this.tablePaths(eff.table, family, { ...walk, zone: zoneOf(s) ?? walk.zone });
    return tails.map((t) => through([hop, hopOf(eff.table, 'route-table')], t));
  }

  private natPaths(routeHop: PathHop, refId: string | undefined, refCause: UnknownCause | undefined, refName: string, walk: Walk): Beyond[] {
    const g = refId ? this.topo.gateways.get(refId) : undefined;
    if (!g) {
      return [
        possible([routeHop, namedHop(refName, 'nat-gateway')], 'nat-gateway', refCause ?? { inputs: [refName], detail: `NAT gateway ${refName} is not in the model` }),
      ];
    }
    const natHop = hopOf(g, 'nat-gateway');
    let cause: UnknownCause | undefined = g.conditional;
    const c = g.connectivity;
    if (c?.known && c.value === 'private') return [];
    if (c && !c.known) cause = c.cause;
    if (!g.subnet || !g.subnet.known) {
      return [possible([routeHop, natHop], 'nat-gateway', g.subnet?.known === false ? g.subnet.cause : { inputs: [g.address], detail: `the subnet of ${g.address} is not known` })];
    }
    // A public NAT leaves through its own subnet's routes (to an IGW, possibly through a firewall).
    return this.fromSubnet(g.subnet.value, 'ipv4', walk).map((b) => weaken(through([routeHop, natHop], b, 'nat-gateway'), cause));
  }

  private inspectionPaths(
    routeHop: PathHop,
    kind: 'firewall' | 'vpc-endpoint',
    refId: string | undefined,
    refCause: UnknownCause | undefined,
    refName: string,
    fam: Family,
    walk: Walk,
  ): Beyond[] {
    const e = refId ? this.model.get(refId) : undefined;
    const unresolved = (why: UnknownCause): Beyond[] => [
      possible([routeHop, namedHop(refName, kind)], kind === 'firewall' ? 'firewall' : 'virtual-appliance', why),
    ];
    if (!e) return unresolved(refCause ?? { inputs: [refName], detail: `${refName} is not in the model` });
    let subnets: string[];
    let hop: PathHop;
    let firewall: string | undefined;
    let missing: UnknownCause[];
    if (e.kind === 'firewall') {
      hop = hopOf(e, 'firewall');
      firewall = e.id;
      subnets = knownLinks(e.subnets);
      missing = unknownLinkCauses(e.subnets);
    } else if (e.kind === 'endpoint' && e.endpointType === 'gateway-load-balancer') {
      hop = hopOf(e, 'gateway-load-balancer-endpoint', 'traffic is inspected by appliances behind the endpoint');
      subnets = knownLinks(e.subnets);
      missing = unknownLinkCauses(e.subnets);
    } else if (e.kind === 'endpoint') {
      return []; // interface and gateway endpoints reach AWS services only
    } else {
      return unresolved({ inputs: [e.address], detail: `${e.address} is not a firewall or appliance endpoint` });
    }
    const out: Beyond[] = [];
    for (const s of sameZone(subnets, walk.zone, (id) => this.topo.subnets.get(id))) {
      for (const b of this.fromSubnet(s, fam, walk)) out.push(through([routeHop, hop], b, firewall ? 'firewall' : 'virtual-appliance', firewall));
    }
    if (missing.length > 0 && !out.some((b) => b.certainty === 'definite')) {
      out.push(possible([routeHop, hop], firewall ? 'firewall' : 'virtual-appliance', missing[0]!, firewall));
    }
    return out;
  }

  private transitPaths(
    routeHop: PathHop,
    refId: string | undefined,
    refCause: UnknownCause | undefined,
    refName: string,
    network: string | undefined,
    fam: Family,
    walk: Walk,
  ): Beyond[] {
    const g = refId ? this.topo.gateways.get(refId) : undefined;
    const tgwHop = g ? hopOf(g, 'transit-gateway') : namedHop(refName, 'transit-gateway');
    if (!g || !refId) {
      return [possible([routeHop, tgwHop], 'route-to-internet', refCause ?? { inputs: [refName], detail: `transit gateway ${refName} is not in the model` })];
    }
    const atts = network ? this.conn.attachmentsOf(network, refId) : [];
    if (atts.length === 0) {
      return [
        possible([routeHop, tgwHop], 'route-to-internet', {
          inputs: [g.address],
          detail: `no attachment of ${network ? (this.model.get(network)?.address ?? network) : 'this VPC'} to ${g.address} is in the scan`,
        }),
      ];
    }
    const out: Beyond[] = [];
    for (const a of atts) {
      const attHop = hopOf(a.conn, 'transit-gateway-attachment');
      if (a.table.kind === 'none') continue;
      if (a.table.kind === 'unknown') {
        out.push(possible([routeHop, attHop, tgwHop], 'route-to-internet', a.table.cause));
        continue;
      }
      const trt = this.model.getOf(a.table.id, 'transit-route-table');
      if (!trt) {
        out.push(
          possible([routeHop, attHop, tgwHop], 'route-to-internet', { inputs: [a.table.id], detail: `transit route table ${a.table.id} is not in the model` }),
        );
        continue;
      }
      const trtHop = hopOf(trt, 'transit-route-table');
      for (const tr of trt.routes) {
        let cause: UnknownCause | undefined;
        if (tr.destination.known) {
          const c = parseCidr(tr.destination.value);
          if (!c || !coversInternet(c) || c.family !== fam) continue;
        } else cause = tr.destination.cause;
        const trHop: PathHop = { id: trt.id, address: tr.definedBy, role: 'transit-route', loc: tr.loc };
        if (tr.destination.known) trHop.note = tr.destination.value;
        if (!tr.attachment.known) {
          out.push(possible([routeHop, attHop, tgwHop, trtHop, trHop], 'route-to-internet', tr.attachment.cause));
          continue;
        }
        if (tr.attachment.value === null) continue; // blackhole
        const target = this.conn.attachment(tr.attachment.value);
        const attached = target ? undefined : this.model.get(tr.attachment.value);
        if (attached?.kind === 'firewall') {
          // A firewall attached to the transit gateway natively hands traffic back to the gateway,
          // routed by the firewall attachment's own table, which the model does not hold.
          out.push(
            possible([routeHop, attHop, tgwHop, trtHop, trHop, hopOf(attached, 'firewall')], 'firewall', {
              inputs: [attached.address],
              detail: `traffic returns from ${attached.address} to the transit gateway; where it goes next is not in the model`,
            }, attached.id),
          );
          continue;
        }
        if (!target) {
          out.push(
            possible([routeHop, attHop, tgwHop, trtHop, trHop], 'route-to-internet', {
              inputs: [attached?.address ?? tr.attachment.value],
              detail: `transit attachment ${attached?.address ?? tr.attachment.value} is not in the model`,
            }),
          );
          continue;
        }
        // VPN, Direct Connect and peering attachments lead out of the cloud, not to the internet through it.
        if (target.node.kind !== 'network') continue;
        const targetHop = hopOf(target.conn, 'transit-gateway-attachment');
        const prefix = [routeHop, attHop, tgwHop, trtHop, trHop, targetHop];
        const subnets = knownLinks(target.conn.subnets);
        for (const s of sameZone(subnets, walk.zone, (id) => this.topo.subnets.get(id))) {
          for (const b of this.fromSubnet(s, fam, walk)) out.push(weaken(through(prefix, b), cause));
        }
        const missing = unknownLinkCauses(target.conn.subnets);
        if (missing.length > 0 && subnets.length === 0) out.push(possible(prefix, 'route-to-internet', missing[0]!));
      }
    }
    return out;
  }
}
