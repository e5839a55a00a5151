// Segment of every entity (SPEC §2), memoised: selectors, own tag, then the
// enclosing subnet, then the network (declared or derived); shared objects
// (route tables, security groups, gateways, connections) take the segments
// of what they attach to.
import type { CloudModel, Entity } from '../model/model.js';
import type { Policy, Segment } from '../policy/types.js';
import type { UnknownCause } from '../readers/value.js';
import type { Connectivity } from './connectivity.js';
import type { Declared } from './declared.js';
import { declaredSegment, noSegment, resourceGroupSegment, selectorForExternal, settle, unknownSegment } from './declared.js';
import type { NodeDeclaration } from './derivation.js';
import { deriveMyNumber } from './derivation.js';
import type { Placement } from './placement.js';
import { ownNetworkLink } from './placement.js';
import type { Selectors } from './selectors.js';
import type { Topology } from './topology.js';
import { knownLinks, knownString } from './topology.js';
import type { ChainStep, SegmentAssignment } from './types.js';

const RANK: Record<Segment, number> = { mynumber: 3, lgwan: 2, internet: 1 };

/** The strictest of several assignments: a closed segment wins over an unknown, an unknown over open or none. */
function strictest(list: readonly SegmentAssignment[]): SegmentAssignment | undefined {
  let best: SegmentAssignment | undefined;
  for (const a of list) if (a.segment === 'mynumber') return a;
  const unknown = list.find((a) => a.source === 'unknown');
  for (const a of list) {
    if (a.segment && (!best?.segment || RANK[a.segment] > RANK[best.segment])) best = a;
  }
  if (best?.segment === 'lgwan') return best;
  return unknown ?? best ?? list[0];
}

type SharedKind = 'route-table' | 'security-group' | 'gateway' | 'connection' | 'transit-route-table' | 'public-ip';
const SHARED: ReadonlySet<string> = new Set<SharedKind>([
  'route-table',
  'security-group',
  'gateway',
  'connection',
  'transit-route-table',
  'public-ip',
]);
// Key Vaults sit where their private endpoints sit.
const PLACED: ReadonlySet<string> = new Set(['compute', 'data-store', 'endpoint', 'load-balancer', 'network-interface', 'firewall', 'key']);

export class Segments {
  private readonly declaredCache = new Map<string, Declared>();
  private readonly memo = new Map<string, SegmentAssignment>();
  private readonly listMemo = new Map<string, SegmentAssignment[]>();
  private readonly derived: Map<string, SegmentAssignment>;
  private readonly inProgress = new Set<string>();
  private readonly listInProgress = new Set<string>();
  /** Subnets whose internet paths pass through an entity (gateway, firewall); set by the graph once paths exist. */
  pathUsers: (id: string) => readonly string[] = () => [];

  constructor(
    private readonly model: CloudModel,
    private readonly policy: Policy,
    private readonly selectors: Selectors,
    private readonly topo: Topology,
    private readonly placement: Placement,
    private readonly conn: Connectivity,
  ) {
    const externals = new Map<string, UnknownCause>();
    for (const l of conn.links) if (l.external) externals.set(l.b, l.external);
    this.derived = deriveMyNumber({
      nodes: [...conn.adjacency.keys()],
      adjacency: conn.adjacency,
      declaration: (id) => this.nodeDeclaration(id, externals.get(id)),
      nodeStep: (id) => this.nodeStep(id),
    });
  }

  private declared(e: Entity): Declared {
    let d = this.declaredCache.get(e.id);
    if (!d) {
      d = declaredSegment(e, this.selectors, this.policy);
      // A network encloses nothing that could come first: its resource group's tag declares it (and stops derivation).
      if (!d.assignment && e.kind === 'network') {
        const rg = resourceGroupSegment(e, this.policy);
        if (rg) d = { ...d, assignment: rg };
      }
      this.declaredCache.set(e.id, d);
    }
    return d;
  }

  private nodeDeclaration(id: string, external: UnknownCause | undefined): NodeDeclaration {
    const e = this.model.get(id);
    if (!e) {
      const sel = selectorForExternal([id, ...(external?.inputs ?? [])], this.selectors);
      if (sel) return { kind: 'declared', assignment: sel };
      return { kind: 'unknown', cause: external ?? { inputs: [id], detail: `${id} is not in the scanned inputs` } };
    }
    const a = this.declared(e).assignment;
    if (!a) return { kind: 'none' };
    if (a.source === 'unknown') return { kind: 'unknown', cause: a.unknown! };
    return { kind: 'declared', assignment: a };
  }

  private nodeStep(id: string): ChainStep {
    const e = this.model.get(id);
    if (!e) return { id, address: id, role: 'external' };
    const s: ChainStep = { id, address: e.address, role: e.kind === 'gateway' ? e.gatewayType : e.kind, loc: e.loc };
    return s;
  }

  /**
   * What a lookup that comes back to an entity still being worked out gets:
   * unknown, never "no segment", so that a cycle of attachments (two vWAN
   * hubs joined to each other) cannot make a closed segment look open.
   */
  private cyclic(id: string): SegmentAssignment {
    const e = this.model.get(id);
    return unknownSegment({ inputs: [e?.address ?? id], detail: `the segment of ${e?.address ?? id} depends on itself through a cycle of attachments` }, e?.loc);
  }

  segmentOf(id: string): SegmentAssignment {
    const hit = this.memo.get(id);
    if (hit) return hit;
    if (this.inProgress.has(id)) return this.cyclic(id);
    this.inProgress.add(id);
    const a = this.compute(id);
    this.inProgress.delete(id);
    this.memo.set(id, a);
    return a;
  }

  private compute(id: string): SegmentAssignment {
    const e = this.model.get(id);
    if (!e) {
      const sel = selectorForExternal([id], this.selectors);
      return sel ?? unknownSegment({ inputs: [id], detail: `${id} is not in the scanned inputs` });
    }
    const d = this.declared(e);
    let a = d.assignment ?? this.inherited(e);
    // Last of SPEC §2's sources: the resource group's tag, when nothing closer gave a segment.
    if (a.source === 'none') a = resourceGroupSegment(e, this.policy) ?? a;
    return settle(a, d.pending, e.address);
  }

  /** What an entity that declares nothing takes from where it sits or what it attaches to. */
  private inherited(e: Entity): SegmentAssignment {
    if (e.kind === 'network') return this.derived.get(e.id) ?? noSegment();
    if (e.kind === 'subnet') {
      if (e.network.known) return inherit(this.segmentOf(e.network.value), 'network', e.network.value);
      const sel = selectorForExternal(e.network.cause.inputs, this.selectors);
      if (sel) return sel;
      return unknownSegment(
        {
          ...e.network.cause,
          detail: `the network of ${e.address} is not in the scan (${e.network.cause.detail}); name it with a policy selector`,
        },
        e.network.loc ?? e.loc,
      );
    }
    if (SHARED.has(e.kind)) {
      // A hub (customer gateway, WAN hub) reached by derivation keeps its chain.
      const derived = this.derived.get(e.id);
      if (derived) return derived;
      const s = strictest(this.attachedSegments(e) ?? []);
      if (s && (s.segment !== null || s.source === 'unknown')) {
        const out: SegmentAssignment = { ...s, source: s.source === 'derived' || s.source === 'unknown' ? s.source : 'attachment' };
        const from = s.attachedTo?.[0] ?? s.inheritedFrom;
        if (from) out.inheritedFrom = from;
        delete out.attachedTo;
        return out;
      }
      return this.fromOwnNetwork(e) ?? noSegment();
    }
    if (PLACED.has(e.kind)) {
      const p = this.placement.of(e.id);
      if (p.subnets.length > 0 || p.unknown.length > 0) {
        const list = p.subnets.map((s) => inherit(this.segmentOf(s), 'subnet', s));
        for (const c of p.unknown) list.push(unknownSegment({ ...c, detail: `a subnet of ${e.address} is not in the scan: ${c.detail}` }));
        return strictest(list)!;
      }
      const net = this.fromOwnNetwork(e);
      if (net) return net;
    }
    const parent = 'parent' in e ? knownString(e.parent) : undefined;
    if (parent && this.model.get(parent)) return inherit(this.segmentOf(parent), 'attachment', parent);
    return noSegment();
  }

  private fromOwnNetwork(e: Entity): SegmentAssignment | undefined {
    const l = ownNetworkLink(e);
    if (!l) return undefined;
    if (l.known) return inherit(this.segmentOf(l.value), 'network', l.value);
    return selectorForExternal(l.cause.inputs, this.selectors) ?? unknownSegment(l.cause);
  }

  segmentsOf(id: string): SegmentAssignment[] {
    const hit = this.listMemo.get(id);
    if (hit) return hit;
    if (this.listInProgress.has(id)) return [this.cyclic(id)];
    this.listInProgress.add(id);
    const e = this.model.get(id);
    let list: SegmentAssignment[];
    if (!e) list = [this.segmentOf(id)];
    else {
      const attached = this.attachedSegments(e);
      list = attached && attached.length > 0 ? attached : [this.segmentOf(id)];
    }
    this.listInProgress.delete(id);
    this.listMemo.set(id, list);
    return list;
  }

  private attachedSegments(e: Entity): SegmentAssignment[] | undefined {
    const ids = this.attachedTo(e);
    return ids === undefined ? undefined : this.group(ids);
  }

  /** The entities a shared object attaches to; undefined for things that are not shared. */
  private attachedTo(e: Entity): string[] | undefined {
    switch (e.kind) {
      case 'route-table': {
        const out = this.topo.subnetsUsingTable(e.id);
        for (const g of knownLinks(e.gatewayAssociations)) out.push(g);
        return out;
      }
      case 'security-group':
        return [...(this.topo.subnetsBySecurityGroup.get(e.id) ?? []), ...(this.topo.usersBySecurityGroup.get(e.id) ?? [])];
      case 'gateway': {
        const out = [...(this.topo.subnetsByNatGateway.get(e.id) ?? [])];
        for (const t of this.topo.tablesByRouteTarget.get(e.id) ?? []) out.push(...this.topo.subnetsUsingTable(t));
        out.push(...this.pathUsers(e.id));
        // Hubs and transit gateways: what their connections join them to.
        for (const c of this.topo.connectionsByEnd.get(e.id) ?? []) {
          for (const end of [c.from, c.to]) {
            const n = this.conn.resolve(end);
            if (n && n.id !== e.id && n.kind !== 'transit') out.push(n.id);
          }
        }
        return out;
      }
      case 'firewall':
        return [...this.placement.of(e.id).subnets, ...this.pathUsers(e.id)];
      case 'connection': {
        const out: string[] = [];
        for (const end of [e.from, e.to]) {
          const n = this.conn.resolve(end);
          if (n && n.kind !== 'transit') out.push(n.id);
        }
        return out;
      }
      case 'transit-route-table':
        return this.conn.attachedToTable(e.id);
      case 'public-ip': {
        const t = knownString(e.attachedTo);
        return t ? [t] : [];
      }
      case 'endpoint': {
        const out = [...this.placement.of(e.id).subnets];
        for (const t of knownLinks(e.routeTables)) out.push(...this.topo.subnetsUsingTable(t));
        return this.declared(e).assignment ? undefined : out;
      }
      default:
        if (PLACED.has(e.kind) && !this.declared(e).assignment) {
          const p = this.placement.of(e.id);
          return p.subnets.length > 1 ? p.subnets : undefined;
        }
        return undefined;
    }
  }

  /** One assignment per distinct segment (unknowns and none kept apart), naming what carries it. */
  private group(ids: readonly string[]): SegmentAssignment[] {
    const byKey = new Map<string, SegmentAssignment>();
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const e = this.model.get(id);
      // A public IP attached to a shared object takes that object's segments.
      const parts = e && e.kind !== 'subnet' && e.kind !== 'network' && SHARED.has(e.kind) ? this.segmentsOf(id) : [this.segmentOf(id)];
      for (const a of parts) {
        const key = a.segment ?? (a.source === 'unknown' ? `unknown:${a.unknown?.detail}` : 'none');
        const g = byKey.get(key);
        if (g) g.attachedTo!.push(id);
        else byKey.set(key, { ...a, attachedTo: [id] });
      }
    }
    return [...byKey.values()];
  }
}

function inherit(a: SegmentAssignment, source: 'subnet' | 'network' | 'attachment', from: string): SegmentAssignment {
  if (a.source === 'unknown') return { ...a, inheritedFrom: from };
  if (a.segment === null) return { segment: null, source: 'none', chain: [], inheritedFrom: from };
  const out: SegmentAssignment = { ...a, source: a.source === 'derived' ? 'derived' : source, inheritedFrom: from };
  delete out.attachedTo;
  return out;
}
