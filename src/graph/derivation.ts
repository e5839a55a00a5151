// Derived `mynumber` segments (SPEC §2): a network that declares no segment
// and is linked, directly or through other such networks, to a declared
// `mynumber` network is itself `mynumber`, with the chain as evidence.
// Declared segments are never overridden and derivation does not pass
// through them; it does not pass through a network whose segment is unknown
// either, but what lies behind such a network becomes unknown, not "none".
import type { UnknownCause } from '../readers/value.js';
import type { ChainStep, NetworkLink, SegmentAssignment } from './types.js';
import { unknownSegment } from './declared.js';

/** What a node of the link graph declares for itself. */
export type NodeDeclaration =
  | { kind: 'declared'; assignment: SegmentAssignment }
  | { kind: 'unknown'; cause: UnknownCause }
  | { kind: 'none' };

export interface DerivationInput {
  /** Node ids in a stable order (model order), so that chains are reproducible. */
  nodes: readonly string[];
  adjacency: ReadonlyMap<string, readonly { other: string; link: NetworkLink }[]>;
  declaration(id: string): NodeDeclaration;
  /** A chain step naming the node itself. */
  nodeStep(id: string): ChainStep;
}

interface Visit {
  prev?: string;
  link?: NetworkLink;
  possible: boolean;
}

/** Assignments for the undeclared nodes that derivation reaches. */
export function deriveMyNumber(input: DerivationInput): Map<string, SegmentAssignment> {
  const { adjacency, declaration } = input;
  const visits = new Map<string, Visit>();
  const sources: string[] = [];
  for (const id of input.nodes) {
    const d = declaration(id);
    if (d.kind === 'declared' && d.assignment.segment === 'mynumber') {
      sources.push(id);
      visits.set(id, { possible: false });
    }
  }
  const barriers = new Map<string, { cause: UnknownCause; from: string }>();
  const walk = (definiteOnly: boolean): void => {
    const queue = [...visits.keys()];
    for (let i = 0; i < queue.length; i++) {
      const x = queue[i]!;
      const vx = visits.get(x)!;
      for (const { other, link } of adjacency.get(x) ?? []) {
        if (definiteOnly && link.certainty === 'possible') continue;
        if (visits.has(other)) continue;
        const d = declaration(other);
        if (d.kind === 'declared') continue;
        if (d.kind === 'unknown') {
          if (!barriers.has(other)) barriers.set(other, { cause: d.cause, from: x });
          continue;
        }
        visits.set(other, { prev: x, link, possible: vx.possible || link.certainty === 'possible' });
        queue.push(other);
      }
    }
  };
  // Definite links first, so a network reachable both ways gets the certain chain.
  walk(true);
  walk(false);

  const out = new Map<string, SegmentAssignment>();
  for (const [id, v] of visits) {
    if (!v.prev) continue;
    const chain = chainTo(id, visits, input);
    const a: SegmentAssignment = { segment: 'mynumber', source: 'derived', chain: chain.steps, certainty: v.possible ? 'possible' : 'definite' };
    const rootDecl = declaration(chain.rootId);
    if (rootDecl.kind === 'declared' && rootDecl.assignment.loc) a.loc = rootDecl.assignment.loc;
    out.set(id, a);
  }

  // Behind a network of unknown segment: possibly mynumber, so unknown.
  const queue = [...barriers.keys()];
  const behind = new Map<string, string>();
  for (const b of queue) behind.set(b, b);
  for (let i = 0; i < queue.length; i++) {
    const x = queue[i]!;
    for (const { other } of adjacency.get(x) ?? []) {
      if (visits.has(other) || behind.has(other)) continue;
      if (declaration(other).kind !== 'none') continue;
      behind.set(other, behind.get(x)!);
      queue.push(other);
    }
  }
  for (const [id, barrier] of behind) {
    if (barriers.has(id)) continue;
    const b = barriers.get(barrier)!;
    const via = input.nodeStep(barrier);
    out.set(
      id,
      unknownSegment({
        inputs: b.cause.inputs,
        detail: `linked to a mynumber network through ${via.address}, whose segment is unknown: ${b.cause.detail}`,
      }),
    );
  }
  return out;
}

function chainTo(id: string, visits: Map<string, Visit>, input: DerivationInput): { steps: ChainStep[]; rootId: string } {
  const hops: { from: string; to: string; link: NetworkLink }[] = [];
  let cur = id;
  // Parent pointers always lead back to a source; the guard only protects against a broken map.
  for (let guard = visits.size; guard >= 0; guard--) {
    const v = visits.get(cur)!;
    if (!v.prev || !v.link) break;
    hops.push({ from: v.prev, to: cur, link: v.link });
    cur = v.prev;
  }
  hops.reverse();
  const root = input.nodeStep(cur);
  const d = input.declaration(cur);
  const steps: ChainStep[] = [{ ...root, role: d.kind === 'declared' ? d.assignment.source : root.role }];
  for (const h of hops) {
    const forward = h.link.a === h.from;
    const via = forward ? h.link.via : [...h.link.via].reverse();
    via.forEach((s, i) => {
      // The uncertain link says why on its first step.
      steps.push(i === 0 && h.link.certainty === 'possible' && h.link.note && !s.note ? { ...s, note: h.link.note } : s);
    });
    steps.push(input.nodeStep(h.to));
  }
  return { steps, rootId: cur };
}
