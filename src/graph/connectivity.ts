// Links between networks: VPC/VNet peerings paired side by side, transit
// gateway attachments joined through their route tables, and hubs (virtual
// WAN hubs, customer gateways, Direct Connect gateways) joined through the
// connections that attach to them.
import type { Link } from '../model/entity.js';
import type { CloudModel } from '../model/model.js';
import type { Connection, GatewayType, TransitRouteTable } from '../model/network.js';
import type { UnknownCause } from '../readers/value.js';
import type { ChainStep, NetworkLink } from './types.js';
import type { Topology } from './topology.js';
import { knownLinks, unknownLinkCauses } from './topology.js';

/** One side of a connection, resolved to something that can carry a segment. */
export type LinkNode =
  | { kind: 'network'; id: string; via: ChainStep[] }
  | { kind: 'transit'; id: string }
  | { kind: 'hub'; id: string; hubType: GatewayType }
  | { kind: 'external'; id: string; cause: UnknownCause };

/** Hubs that stand for a network outside the cloud (on premises): linked member by member. */
const ON_PREMISES_HUBS: readonly GatewayType[] = ['customer', 'direct-connect'];

function step(c: { id: string; address: string; loc?: ChainStep['loc'] }, role: string, note?: string): ChainStep {
  const s: ChainStep = { id: c.id, address: c.address, role };
  if (c.loc) s.loc = c.loc;
  if (note) s.note = note;
  return s;
}

type Reach = 'yes' | 'no' | 'maybe';

interface Attachment {
  conn: Connection;
  tgw: string;
  node: LinkNode;
  /** The transit route table the attachment is associated with. */
  table: { kind: 'table'; id: string } | { kind: 'none' } | { kind: 'unknown'; cause: UnknownCause };
  /** Route tables it propagates its routes to; `unknown` when the model cannot say. */
  propagates: Set<string> | 'unknown';
}

export class Connectivity {
  readonly links: NetworkLink[] = [];
  /** Effective links by node id (both ends), for derivation. */
  readonly adjacency = new Map<string, { other: string; link: NetworkLink }[]>();
  /** Transit gateway attachments by model id of the connection. */
  private readonly attachments = new Map<string, Attachment>();
  private readonly attachmentsByGateway = new Map<string, Attachment[]>();
  private readonly byPair = new Map<string, NetworkLink>();
  private byTable: Map<string, string[]> | undefined;

  constructor(
    private readonly model: CloudModel,
    private readonly topo: Topology,
  ) {
    const peerings: Connection[] = [];
    const hubMembers = new Map<string, { node: LinkNode; conn: Connection }[]>();
    for (const c of topo.connections) {
      const from = this.resolve(c.from);
      const to = this.resolve(c.to);
      if (!from || !to) continue;
      if (c.connectionType === 'vpc-peering' || c.connectionType === 'vnet-peering') {
        peerings.push(c);
        continue;
      }
      if (to.kind === 'transit' || from.kind === 'transit') {
        const [tgw, other] = to.kind === 'transit' ? [to, from] : [from, to];
        this.addAttachment(c, tgw.id, other);
        if (other.kind === 'transit') this.addAttachment(c, other.id, tgw);
        continue;
      }
      if (to.kind === 'hub' || from.kind === 'hub') {
        const [hub, other] = to.kind === 'hub' ? [to, from] : [from, to];
        const l = hubMembers.get(hub.id);
        if (l) l.push({ node: other, conn: c });
        else hubMembers.set(hub.id, [{ node: other, conn: c }]);
        continue;
      }
      this.add(this.linkOf(from, to, [...viaOf(from), step(c, c.connectionType), ...viaOf(to)], c, true, 'definite'));
    }
    this.pairPeerings(peerings);
    for (const list of this.attachmentsByGateway.values()) this.linkTransit(list);
    for (const [hubId, members] of hubMembers) this.linkHub(hubId, members);
  }

  /** The attachment record of a transit gateway attachment (used by reachability). */
  attachment(connId: string): Attachment | undefined {
    return this.attachments.get(connId);
  }

  /** The networks (and hubs) whose transit attachments are associated with a transit route table. */
  attachedToTable(tableId: string): string[] {
    if (!this.byTable) {
      this.byTable = new Map();
      for (const a of this.attachments.values()) {
        if (a.table.kind !== 'table' || a.node.kind === 'transit') continue;
        const l = this.byTable.get(a.table.id);
        if (l) l.push(a.node.id);
        else this.byTable.set(a.table.id, [a.node.id]);
      }
    }
    return [...(this.byTable.get(tableId) ?? [])];
  }

  /** Attachments of a network to a transit gateway. */
  attachmentsOf(networkId: string, tgwId: string): Attachment[] {
    return (this.attachmentsByGateway.get(tgwId) ?? []).filter((a) => a.node.kind === 'network' && a.node.id === networkId);
  }

  /** Resolves one end of a connection. Undefined for something that carries no traffic (a detached gateway). */
  resolve(l: Link): LinkNode | undefined {
    if (!l.known) return { kind: 'external', id: l.cause.inputs[0] ?? `(${l.cause.detail})`, cause: l.cause };
    const e = this.model.get(l.value);
    if (!e) return { kind: 'external', id: l.value, cause: { inputs: [l.value], detail: `${l.value} is not in the model` } };
    if (e.kind === 'network') return { kind: 'network', id: e.id, via: [] };
    if (e.kind !== 'gateway') return undefined;
    if (e.gatewayType === 'transit') return { kind: 'transit', id: e.id };
    if (e.network) {
      if (!e.network.known) return { kind: 'external', id: e.network.cause.inputs[0] ?? e.id, cause: e.network.cause };
      if (e.network.value !== null && this.topo.networks.has(e.network.value)) {
        return { kind: 'network', id: e.network.value, via: [step(e, e.gatewayType === 'virtual-private' ? 'vpn-gateway' : e.gatewayType)] };
      }
      if (e.network.value === null && e.gatewayType === 'virtual-private') return undefined;
    }
    return { kind: 'hub', id: e.id, hubType: e.gatewayType };
  }

  /** The link between two nodes, the most certain one when there are several. */
  linkBetween(x: string, y: string): NetworkLink | undefined {
    return this.byPair.get(pairKey(x, y));
  }

  private add(l: NetworkLink | undefined): void {
    if (!l) return;
    this.links.push(l);
    const key = pairKey(l.a, l.b);
    const prev = this.byPair.get(key);
    if (!prev || rank(l) > rank(prev)) this.byPair.set(key, l);
    if (!l.effective) return;
    for (const [x, y] of [
      [l.a, l.b],
      [l.b, l.a],
    ] as const) {
      const list = this.adjacency.get(x);
      if (list) list.push({ other: y, link: l });
      else this.adjacency.set(x, [{ other: y, link: l }]);
    }
  }

  private linkOf(
    a: LinkNode,
    b: LinkNode,
    via: ChainStep[],
    c: Connection,
    effective: boolean,
    certainty: 'definite' | 'possible',
    note?: string,
  ): NetworkLink | undefined {
    if (a.id === b.id) return undefined;
    // Keep the side in the model first so that `b` is the one that may be external.
    if (a.kind === 'external' && b.kind !== 'external') [a, b] = [b, a];
    const l: NetworkLink = { a: a.id, b: b.id, via, effective, loc: c.loc, connectionType: c.connectionType, certainty };
    if (note) l.note = note;
    if (b.kind === 'external') l.external = b.cause;
    return l;
  }

  private pairPeerings(peerings: Connection[]): void {
    const groups = new Map<string, { a: LinkNode; b: LinkNode; sides: Connection[] }>();
    const order: string[] = [];
    for (const c of peerings) {
      const a = this.resolve(c.from)!;
      const b = this.resolve(c.to)!;
      const key = [a.id, b.id].sort().join('\u0000') + '\u0000' + c.connectionType;
      const g = groups.get(key);
      if (g) g.sides.push(c);
      else {
        groups.set(key, { a, b, sides: [c] });
        order.push(key);
      }
    }
    for (const key of order) {
      const { a, b, sides } = groups.get(key)!;
      const first = sides[0]!;
      const via = sides.map((s) => step(s, s.connectionType));
      const fromIds = new Set(sides.map((s) => (s.from.known ? s.from.value : '')));
      const bothSides = sides.length > 1 && fromIds.size > 1;
      if (bothSides) {
        this.add(this.linkOf(a, b, via, first, true, 'definite'));
        continue;
      }
      // AWS records both sides on the one peering: `accepted` (auto-accept, an accepter resource).
      const accepted = sides.map((s) => s.accepted).find((f) => f !== undefined);
      if (accepted?.known && accepted.value) {
        this.add(this.linkOf(a, b, via, first, true, 'definite'));
      } else if (accepted && !accepted.known) {
        this.add(this.linkOf(a, b, via, first, true, 'possible', `acceptance is unknown: ${accepted.cause.detail}`));
      } else if (a.kind === 'external' || b.kind === 'external') {
        this.add(this.linkOf(a, b, via, first, true, 'possible', 'the other side of the peering is outside the scan'));
      } else {
        const missing = first.connectionType === 'vnet-peering' ? 'the peering back from the remote network' : 'the accepter side';
        this.add(this.linkOf(a, b, via, first, false, 'definite', `only one side of the peering is defined: ${missing} is missing`));
      }
    }
  }

  private addAttachment(conn: Connection, tgw: string, node: LinkNode): void {
    const g = this.topo.gateways.get(tgw);
    let table: Attachment['table'];
    const assoc = conn.routeTable;
    if (assoc && !assoc.known) table = { kind: 'unknown', cause: assoc.cause };
    else if (assoc?.known && assoc.value !== null) table = { kind: 'table', id: assoc.value };
    else {
      const def = g?.defaultRouteTable;
      if (!def) table = { kind: 'unknown', cause: { inputs: [], detail: `the default route table of ${g?.address ?? tgw} is not known` } };
      else if (!def.known) table = { kind: 'unknown', cause: def.cause };
      else table = def.value === null ? { kind: 'none' } : { kind: 'table', id: def.value };
    }
    let propagates: Attachment['propagates'];
    if (!conn.propagations || unknownLinkCauses(conn.propagations).length > 0) propagates = 'unknown';
    else propagates = new Set(knownLinks(conn.propagations));
    const a: Attachment = { conn, tgw, node, table, propagates };
    this.attachments.set(conn.id, a);
    const l = this.attachmentsByGateway.get(tgw);
    if (l) l.push(a);
    else this.attachmentsByGateway.set(tgw, [a]);
  }

  private linkTransit(list: Attachment[]): void {
    // Per transit route table: attachments it surely routes to, and whether it may route anywhere.
    const routesTo = new Map<string, Set<string>>();
    const routesAnywhere = new Set<string>();
    const tableOf = (id: string): TransitRouteTable | undefined => this.model.getOf(id, 'transit-route-table');
    const tableIds = new Set<string>();
    for (const a of list) if (a.table.kind === 'table') tableIds.add(a.table.id);
    for (const t of tableIds) {
      const set = new Set<string>();
      const table = tableOf(t);
      if (!table) routesAnywhere.add(t);
      for (const r of table?.routes ?? []) {
        if (!r.attachment.known) routesAnywhere.add(t);
        else if (r.attachment.value !== null) set.add(r.attachment.value);
      }
      routesTo.set(t, set);
    }
    const unknownProps = list.filter((a) => a.propagates === 'unknown');
    for (const a of list) if (a.propagates !== 'unknown') for (const t of a.propagates) routesTo.get(t)?.add(a.conn.id);

    const reach = (x: Attachment, y: Attachment): Reach => {
      if (x.table.kind === 'unknown') return 'maybe';
      if (x.table.kind === 'none') return 'no';
      const t = x.table.id;
      if (routesTo.get(t)?.has(y.conn.id)) return 'yes';
      if (routesAnywhere.has(t) || y.propagates === 'unknown') return 'maybe';
      return 'no';
    };
    const byConn = new Map(list.map((a) => [a.conn.id, a]));
    const done = new Set<string>();
    for (const x of list) {
      let candidates: Iterable<Attachment>;
      if (x.table.kind === 'unknown' || (x.table.kind === 'table' && routesAnywhere.has(x.table.id))) candidates = list;
      else if (x.table.kind === 'none') candidates = unknownProps;
      else {
        const ids = routesTo.get(x.table.id) ?? new Set<string>();
        candidates = [...[...ids].map((id) => byConn.get(id)).filter((y): y is Attachment => !!y), ...unknownProps];
      }
      for (const y of candidates) {
        if (y === x || y.node.id === x.node.id) continue;
        const key = x.conn.id < y.conn.id ? `${x.conn.id}\u0000${y.conn.id}` : `${y.conn.id}\u0000${x.conn.id}`;
        if (done.has(key)) continue;
        done.add(key);
        const fwd = reach(x, y);
        const back = reach(y, x);
        if (fwd === 'no' && back === 'no') continue;
        const via = [
          ...viaOf(x.node),
          ...this.transitSteps(x),
          this.gatewayStep(x.tgw),
          ...this.transitSteps(y).reverse(),
          ...viaOf(y.node).reverse(),
        ];
        if (fwd === 'no' || back === 'no') {
          this.add(this.linkOf(x.node, y.node, via, x.conn, false, 'definite', 'the transit route tables route only one way'));
        } else if (fwd === 'yes' && back === 'yes') {
          this.add(this.linkOf(x.node, y.node, via, x.conn, true, 'definite'));
        } else {
          this.add(
            this.linkOf(x.node, y.node, via, x.conn, true, 'possible', 'transit gateway routing between the attachments cannot be told'),
          );
        }
      }
    }
  }

  /** The attachment and the transit route table it is associated with. */
  private transitSteps(a: Attachment): ChainStep[] {
    const out = [step(a.conn, a.conn.connectionType)];
    if (a.table.kind === 'table') {
      const t = this.model.get(a.table.id);
      out.push(t ? step(t, 'transit-route-table') : { id: a.table.id, address: a.table.id, role: 'transit-route-table' });
    }
    return out;
  }

  private gatewayStep(tgw: string): ChainStep {
    const g = this.topo.gateways.get(tgw);
    return g ? step(g, 'transit-gateway') : { id: tgw, address: tgw, role: 'transit-gateway' };
  }

  private linkHub(hubId: string, members: { node: LinkNode; conn: Connection }[]): void {
    const hub = this.topo.gateways.get(hubId);
    const hubNode: LinkNode = { kind: 'hub', id: hubId, hubType: hub?.gatewayType ?? 'customer' };
    const hubStep = hub ? step(hub, hub.gatewayType) : { id: hubId, address: hubId, role: 'hub' };
    if (ON_PREMISES_HUBS.includes(hubNode.hubType)) {
      for (const m of members) {
        this.add(this.linkOf(m.node, hubNode, [...viaOf(m.node), step(m.conn, m.conn.connectionType)], m.conn, true, 'definite'));
      }
      return;
    }
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const x = members[i]!;
        const y = members[j]!;
        const via = [...viaOf(x.node), step(x.conn, x.conn.connectionType), hubStep, step(y.conn, y.conn.connectionType), ...viaOf(y.node)];
        this.add(this.linkOf(x.node, y.node, via, x.conn, true, 'definite'));
      }
    }
  }
}

function pairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

function rank(l: NetworkLink): number {
  return (l.effective ? 2 : 0) + (l.certainty === 'possible' ? 0 : 1);
}

function viaOf(n: LinkNode): ChainStep[] {
  return n.kind === 'network' ? n.via : [];
}
