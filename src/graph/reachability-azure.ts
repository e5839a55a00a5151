// Azure: every way out of a subnet to the internet. NAT gateway on the
// subnet; user-defined routes to the internet, to an Azure Firewall (also in
// a peered hub VNet) or to another appliance; default outbound access when
// nothing else takes the traffic; NICs with public IPs; service endpoints,
// which reach public service addresses.
import type { Fact } from '../model/fact.js';
import type { CloudModel } from '../model/model.js';
import type { Route, RouteTable, Subnet } from '../model/network.js';
import type { UnknownCause } from '../readers/value.js';
import { coversInternet, isWholeSpace, parseCidr } from './cidr.js';
import type { Connectivity } from './connectivity.js';
import type { Beyond } from './path-parts.js';
import { hopOf, namedHop, possible, weaken } from './path-parts.js';
import type { Topology } from './topology.js';
import { knownString } from './topology.js';
import type { InternetPath, PathHop } from './types.js';

/** UDR destinations that are service tags (`Internet`, `AzureCloud`, `Storage.JapanEast`) name public addresses. */
function destinationCoversInternet(dest: string): { family: 'ipv4' | 'ipv6'; whole: boolean } | undefined {
  const c = parseCidr(dest);
  if (c) return coversInternet(c) ? { family: c.family, whole: isWholeSpace(c) } : undefined;
  if (/^[A-Za-z][A-Za-z0-9.]*$/.test(dest)) return { family: 'ipv4', whole: dest.toLowerCase() === 'internet' };
  return undefined;
}

export class AzureReachability {
  constructor(
    private readonly model: CloudModel,
    private readonly topo: Topology,
    private readonly conn: Connectivity,
  ) {}

  pathsOf(subnet: Subnet): InternetPath[] {
    const subnetHop = hopOf(subnet, 'subnet');
    const out: InternetPath[] = [];
    const emit = (b: Beyond, family: 'ipv4' | 'ipv6', openedAt: InternetPath['openedAt'], openedBy: string): void => {
      const p: InternetPath = { subnet: subnet.id, family, hops: [subnetHop, ...b.hops], exit: b.exit, openedAt, openedBy, certainty: b.certainty };
      if (b.cause) p.cause = b.cause;
      if (b.firewall) p.firewall = b.firewall;
      out.push(p);
    };

    // NAT gateway: all outbound traffic of the subnet leaves through it.
    const nat = subnet.natGateway;
    if (nat && !nat.known) emit(possible([namedHop(nat.cause.inputs[0] ?? 'NAT gateway', 'nat-gateway')], 'nat-gateway', nat.cause), 'ipv4', nat.loc ?? subnet.loc, subnet.address);
    else if (nat?.known && nat.value !== null) {
      const g = this.topo.gateways.get(nat.value);
      const hop = g ? hopOf(g, 'nat-gateway') : namedHop(nat.value, 'nat-gateway');
      emit(weaken({ hops: [hop], exit: 'nat-gateway', certainty: 'definite' }, g?.conditional), 'ipv4', nat.loc ?? subnet.loc, subnet.address);
    }

    // User-defined routes.
    let defaultRouted: 'yes' | 'no' | 'maybe' = 'no';
    let udrCause: UnknownCause | undefined;
    const rt = subnet.routeTable;
    if (!rt.known) {
      defaultRouted = 'maybe';
      udrCause = rt.cause;
      emit(possible([], 'route-to-internet', { ...rt.cause, detail: `the route table of ${subnet.address} is unknown: ${rt.cause.detail}` }), 'ipv4', rt.loc ?? subnet.loc, subnet.address);
    } else if (rt.value !== null) {
      const table = this.topo.routeTables.get(rt.value);
      if (!table) {
        defaultRouted = 'maybe';
        udrCause = { inputs: [rt.value], detail: `route table ${rt.value} is not in the model` };
        emit(possible([namedHop(rt.value, 'route-table')], 'route-to-internet', udrCause), 'ipv4', rt.loc ?? subnet.loc, subnet.address);
      } else {
        const tableHop = hopOf(table, 'route-table');
        for (const r of table.routes) {
          const res = this.routePath(r, table, subnet);
          if (!res) continue;
          if (res.whole) defaultRouted = 'yes';
          if (res.beyond) emit(through(tableHop, res.beyond, table), res.family, r.loc, r.definedBy);
        }
        const complete = table.routesComplete;
        if (defaultRouted === 'no' && (!complete.known || !complete.value)) {
          defaultRouted = 'maybe';
          udrCause = complete.known ? { inputs: [table.address], detail: `routes of ${table.address} may come from outside the scan` } : complete.cause;
        }
      }
    }

    // Default outbound access: only when nothing else takes the traffic.
    const doa = subnet.defaultOutboundAccess;
    const natKnownAbsent = !nat || (nat.known && nat.value === null);
    const natMaybe = nat !== undefined && !nat.known;
    if (defaultRouted !== 'yes' && (natKnownAbsent || natMaybe)) {
      const doaCause: UnknownCause | undefined = !doa
        ? { inputs: [subnet.address], detail: `default outbound access of ${subnet.address} is not modelled` }
        : doa.known
          ? undefined
          : doa.cause;
      const on = doa?.known ? doa.value : true;
      if (on) {
        const cause = doaCause ?? (natMaybe ? nat!.cause : undefined) ?? (defaultRouted === 'maybe' ? udrCause : undefined);
        const hop = namedHop(subnet.address, 'default-outbound', doa?.known && doa.defaulted ? 'platform default: on' : 'defaultOutboundAccess: on');
        if (doa?.loc) hop.loc = doa.loc;
        const b: Beyond = cause ? possible([hop], 'default-outbound-access', cause) : { hops: [hop], exit: 'default-outbound-access', certainty: 'definite' };
        emit(b, 'ipv4', doa?.loc ?? subnet.loc, subnet.address);
      }
    }

    // NICs with a public IP leave through it.
    for (const nic of this.topo.nicsBySubnet.get(subnet.id) ?? []) {
      if (nic.publicIp.known && !nic.publicIp.value) continue;
      const hop = hopOf(nic, 'network-interface', 'public IP');
      const b: Beyond = nic.publicIp.known ? { hops: [hop], exit: 'public-ip', certainty: 'definite' } : possible([hop], 'public-ip', nic.publicIp.cause);
      emit(weaken(b, nic.conditional), 'ipv4', nic.publicIp.loc ?? nic.loc, nic.address);
    }

    // Service endpoints reach the public addresses of the services (LG-3.7/3.8 decide).
    const se = subnet.serviceEndpoints;
    if (se && !se.known) emit(possible([namedHop(subnet.address, 'service-endpoint')], 'service-endpoint', se.cause), 'ipv4', se.loc ?? subnet.loc, subnet.address);
    else if (se?.known) {
      for (const svc of se.value) {
        emit({ hops: [namedHop(svc, 'service-endpoint', svc)], exit: 'service-endpoint', certainty: 'definite' }, 'ipv4', se.loc ?? subnet.loc, subnet.address);
      }
    }
    return out;
  }

  /** One UDR: whether it takes all internet traffic (`whole`) and where it leads, if out. */
  private routePath(r: Route, table: RouteTable, subnet: Subnet): { whole: boolean; family: 'ipv4' | 'ipv6'; beyond?: Beyond } | undefined {
    const routeHop: PathHop = { id: table.id, address: r.definedBy, role: 'route', loc: r.loc };
    let destCause: UnknownCause | undefined;
    let cover: { family: 'ipv4' | 'ipv6'; whole: boolean };
    if (!r.destination.known) {
      destCause = r.destination.cause;
      cover = { family: 'ipv4', whole: false };
    } else {
      const c = destinationCoversInternet(r.destination.value);
      if (!c) return undefined;
      cover = c;
    }
    if (!r.target.known) return { ...cover, beyond: possible([routeHop], 'route-to-internet', r.target.cause) };
    const t = r.target.value;
    routeHop.note = `${r.destination.known ? r.destination.value : '?'} -> ${t.kind}`;
    let beyond: Beyond | undefined;
    switch (t.kind) {
      case 'internet':
        beyond = { hops: [routeHop], exit: 'route-to-internet', certainty: 'definite' };
        break;
      case 'virtual-appliance':
        beyond = this.appliancePath(routeHop, t.address, subnet);
        break;
      case 'unknown':
        beyond = possible([routeHop], 'route-to-internet', t.ref && !t.ref.known ? t.ref.cause : { inputs: [r.definedBy], detail: `the next hop of a route in ${r.definedBy} could not be resolved` });
        break;
      default:
        // VirtualNetworkGateway (forced tunnelling on premises), VnetLocal, None: not the internet.
        beyond = undefined;
    }
    return { ...cover, beyond: beyond ? weaken(beyond, destCause) : undefined };
  }

  private appliancePath(routeHop: PathHop, addr: Fact<string> | undefined, subnet: Subnet): Beyond {
    if (!addr || !addr.known) {
      return possible([routeHop], 'virtual-appliance', addr && !addr.known ? addr.cause : { inputs: [routeHop.address], detail: 'the next hop address of the route is not set' });
    }
    const fw = this.topo.firewallsByAddress.get(addr.value.trim());
    if (!fw) {
      return possible([routeHop, namedHop(addr.value, 'virtual-appliance')], 'virtual-appliance', {
        inputs: [addr.value],
        detail: `next hop ${addr.value} is not an Azure Firewall in the scan: the appliance's onward path is not in the model`,
      });
    }
    const fwHop = hopOf(fw, 'firewall');
    const here = knownString(subnet.network);
    const there = knownString(fw.network) ?? this.firewallNetwork(fw.id);
    // Azure Firewall always has a public IP: traffic it lets through reaches the internet.
    if (!there || !here || here === there) return { hops: [routeHop, fwHop], exit: 'firewall', firewall: fw.id, certainty: 'definite' };
    const link = this.conn.linkBetween(here, there);
    if (!link) {
      return possible([routeHop, fwHop], 'firewall', { inputs: [fw.address], detail: `firewall ${fw.address} is in another network with no peering to this one in the scan` }, fw.id);
    }
    const peerHops: PathHop[] = link.via.map((s) => ({ id: s.id, address: s.address, role: s.role, ...(s.loc ? { loc: s.loc } : {}) }));
    const b: Beyond = { hops: [routeHop, ...peerHops, fwHop], exit: 'firewall', firewall: fw.id, certainty: 'definite' };
    if (!link.effective) return possible(b.hops, 'firewall', { inputs: [], detail: link.note ?? 'the peering to the hub network is not in effect' }, fw.id);
    return link.certainty === 'possible' ? possible(b.hops, 'firewall', { inputs: [], detail: link.note ?? 'the peering may not carry traffic' }, fw.id) : b;
  }

  private firewallNetwork(fwId: string): string | undefined {
    const fw = this.model.getOf(fwId, 'firewall');
    for (const s of fw?.subnets.known ? fw.subnets.value : []) {
      if (!s.known) continue;
      const sub = this.topo.subnets.get(s.value);
      const n = sub ? knownString(sub.network) : undefined;
      if (n) return n;
    }
    return undefined;
  }
}

function through(tableHop: PathHop, b: Beyond, table: RouteTable): Beyond {
  return weaken({ ...b, hops: [tableHop, ...b.hops] }, table.conditional);
}
