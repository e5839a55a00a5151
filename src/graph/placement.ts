// Where resources sit: the subnets of instances, scaling groups, data
// stores, endpoints, load balancers, NICs, firewalls and NAT gateways, and
// the reverse (what lives in a subnet). A resource reached only through a
// private endpoint sits where the endpoint sits.
import type { Links } from '../model/entity.js';
import type { CloudModel, Entity } from '../model/model.js';
import type { UnknownCause } from '../readers/value.js';
import { knownLinks, knownString, unknownLinkCauses } from './topology.js';
import type { Topology } from './topology.js';

export interface PlacementInfo {
  /** Known subnets, in model order, without duplicates. */
  subnets: string[];
  /** Subnet references that could not be resolved. */
  unknown: UnknownCause[];
}

const EMPTY: PlacementInfo = Object.freeze({ subnets: [], unknown: [] }) as PlacementInfo;

export class Placement {
  private readonly byEntity = new Map<string, PlacementInfo>();
  private readonly bySubnet = new Map<string, string[]>();

  constructor(model: CloudModel, topo: Topology) {
    const add = (id: string, subnets: string[], unknown: UnknownCause[]): void => {
      if (subnets.length === 0 && unknown.length === 0) return;
      let p = this.byEntity.get(id);
      if (!p) this.byEntity.set(id, (p = { subnets: [], unknown: [] }));
      for (const s of subnets) if (!p.subnets.includes(s)) p.subnets.push(s);
      p.unknown.push(...unknown);
    };
    const addLinks = (id: string, l: Links | undefined): void => add(id, knownLinks(l), unknownLinkCauses(l));

    for (const nic of model.all('network-interface')) {
      if (nic.subnet.known) add(nic.id, [nic.subnet.value], []);
      else add(nic.id, [], [nic.subnet.cause]);
    }
    for (const c of model.all('compute')) {
      addLinks(c.id, c.subnets);
      // Azure VMs are placed through their NICs.
      for (const nic of topo.nicsByOwner.get(c.id) ?? []) add(c.id, this.byEntity.get(nic.id)?.subnets ?? [], []);
    }
    for (const lb of model.all('load-balancer')) addLinks(lb.id, lb.subnets);
    for (const f of model.all('firewall')) addLinks(f.id, f.subnets);
    for (const g of model.all('gateway')) {
      if (!g.subnet) continue;
      if (g.subnet.known) add(g.id, [g.subnet.value], []);
      else add(g.id, [], [g.subnet.cause]);
    }
    for (const e of model.all('endpoint')) {
      addLinks(e.id, e.subnets);
      const target = knownString(e.target);
      if (target) add(target, knownLinks(e.subnets), []);
    }
    const stores = model.all('data-store');
    for (const d of stores) addLinks(d.id, d.subnets);
    // A database sits where its server sits (Azure SQL database -> server).
    for (const d of stores) {
      const parent = knownString(d.parent);
      const pp = parent ? this.byEntity.get(parent) : undefined;
      if (pp) add(d.id, pp.subnets, pp.unknown);
    }
    for (const [id, p] of this.byEntity) for (const s of p.subnets) {
      const l = this.bySubnet.get(s);
      if (l) l.push(id);
      else this.bySubnet.set(s, [id]);
    }
  }

  of(id: string): PlacementInfo {
    return this.byEntity.get(id) ?? EMPTY;
  }

  /** Ids of the resources placed in a subnet. */
  residents(subnetId: string): readonly string[] {
    return this.bySubnet.get(subnetId) ?? [];
  }
}

/** The network an entity names directly (not through subnets), when it has such a field. */
export function ownNetworkLink(e: Entity): { known: true; value: string } | { known: false; cause: UnknownCause } | undefined {
  switch (e.kind) {
    case 'endpoint':
    case 'firewall':
    case 'load-balancer':
    case 'route-table':
    case 'security-group': {
      const l = e.network;
      if (!l) return undefined;
      return l.known ? { known: true, value: l.value } : { known: false, cause: l.cause };
    }
    case 'gateway': {
      const l = e.network;
      if (!l) return undefined;
      if (!l.known) return { known: false, cause: l.cause };
      return l.value === null ? undefined : { known: true, value: l.value };
    }
    default:
      return undefined;
  }
}
