// Whether a graph segment assignment puts an entity in a closed segment
// (mynumber, lgwan; a derived mynumber counts as mynumber), and how findings
// word the segment and where it came from.
import type { NetworkGraph, SegmentAssignment } from '../../graph/types.js';
import type { CloudModel } from '../../model/model.js';
import type { SecurityGroup } from '../../model/security.js';
import { CLOSED_SEGMENTS } from '../../policy/types.js';
import type { Segment } from '../../policy/types.js';
import type { SourceLoc, UnknownCause } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';

export type ClosedSegment = 'mynumber' | 'lgwan';

export type Closedness =
  | { kind: 'closed'; segment: ClosedSegment; assignment: SegmentAssignment }
  /** The segment cannot be told (unknown tags, an uncertain derivation): it may be closed. */
  | { kind: 'maybe'; cause: UnknownCause; loc?: SourceLoc; assignment: SegmentAssignment }
  | { kind: 'open'; assignment: SegmentAssignment };

export function isClosed(s: Segment | null): s is ClosedSegment {
  return s !== null && (CLOSED_SEGMENTS as readonly string[]).includes(s);
}

/** The address a derived assignment would need a tag on: the last network of its chain. */
function derivedAddress(a: SegmentAssignment): string | undefined {
  for (let i = a.chain.length - 1; i >= 0; i--) if (a.chain[i]!.role === 'network') return a.chain[i]!.address;
  return a.chain[a.chain.length - 1]?.address;
}

export function closednessOf(a: SegmentAssignment, tagKey: string): Closedness {
  if (a.source === 'unknown') {
    const c: Closedness = { kind: 'maybe', cause: a.unknown ?? { inputs: [], detail: 'the segment cannot be told' }, assignment: a };
    if (a.loc) c.loc = a.loc;
    return c;
  }
  if (!isClosed(a.segment)) return { kind: 'open', assignment: a };
  if (a.source === 'derived' && a.certainty === 'possible') {
    const address = derivedAddress(a);
    const note = a.chain.find((s) => s.note)?.note ?? 'a connection in the chain may not carry traffic';
    return {
      kind: 'maybe',
      cause: { inputs: address ? [`${address} tag ${tagKey}`] : [], detail: `the network is mynumber only if its connection carries traffic: ${note}` },
      assignment: a,
    };
  }
  return { kind: 'closed', segment: a.segment, assignment: a };
}

/** The strictest of several assignments: closed, then maybe, then open. */
export function strictestClosedness(list: readonly SegmentAssignment[], tagKey: string): Closedness | undefined {
  let best: Closedness | undefined;
  for (const a of list) {
    const c = closednessOf(a, tagKey);
    if (c.kind === 'closed' && (best?.kind !== 'closed' || (c.segment === 'mynumber' && best.segment !== 'mynumber'))) best = c;
    else if (c.kind === 'maybe' && best?.kind !== 'closed' && best?.kind !== 'maybe') best = c;
    else if (!best) best = c;
  }
  return best;
}

export const SEGMENT_LABEL: Record<Segment, LocalText> = {
  mynumber: { ja: 'マイナンバー利用事務系', en: 'mynumber segment' },
  lgwan: { ja: 'LGWAN接続系', en: 'lgwan segment' },
  internet: { ja: 'インターネット接続系', en: 'internet segment' },
};

/** `マイナンバー利用事務系（aws_vpc.app から継承）`: the segment with where it comes from. */
export function describeSegment(a: SegmentAssignment, model: CloudModel): LocalText {
  if (!a.segment) return { ja: '区分不明', en: 'unknown segment' };
  const label = SEGMENT_LABEL[a.segment];
  const from = a.inheritedFrom ? (model.get(a.inheritedFrom)?.address ?? a.inheritedFrom) : undefined;
  switch (a.source) {
    case 'tag':
      return { ja: `${label.ja}（タグ）`, en: `${label.en} (tag)` };
    case 'selector':
      return { ja: `${label.ja}（ポリシーファイルの指定）`, en: `${label.en} (policy selector)` };
    case 'derived': {
      const root = a.chain[0]?.address;
      return root
        ? { ja: `${label.ja}（${root} との接続から導出）`, en: `${label.en} (derived from the connection to ${root})` }
        : { ja: `${label.ja}（接続から導出）`, en: `${label.en} (derived from connections)` };
    }
    case 'resource-group':
      return { ja: `${label.ja}（リソースグループのタグ）`, en: `${label.en} (resource group tag)` };
    default:
      return from ? { ja: `${label.ja}（${from} から継承）`, en: `${label.en} (from ${from})` } : label;
  }
}

/** Segment facts for a finding's evidence; the chain when the segment is derived. */
export function segmentEvidence(a: SegmentAssignment, model: CloudModel): Record<string, unknown> {
  const out: Record<string, unknown> = { segment: a.segment, segmentSource: a.source };
  if (a.inheritedFrom) out.segmentFrom = model.get(a.inheritedFrom)?.address ?? a.inheritedFrom;
  if (a.source === 'derived') out.segmentChain = a.chain.map((s) => ({ address: s.address, role: s.role, ...(s.note ? { note: s.note } : {}) }));
  return out;
}

/**
 * The segment a packet filter is judged by: the strictest of what it is
 * attached to, and of its own network (an unused group, or one used only by
 * a launch template, is judged by its VPC).
 */
export function groupClosedness(graph: NetworkGraph, group: SecurityGroup, tagKey: string): Closedness {
  const list = [...graph.segmentsOf(group.id)];
  const net = group.network?.known ? group.network.value : undefined;
  if (net) list.push(graph.segmentOf(net));
  return strictestClosedness(list, tagKey) ?? { kind: 'open', assignment: graph.segmentOf(group.id) };
}
