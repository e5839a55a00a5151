// LG-3.6 区分間接続と区分の伝播: connections between networks must not join
// a closed segment with another segment, and a network that only becomes
// mynumber through its connections must be declared and protected as such.
// - Per network link (peering, transit gateway, VPN/Direct Connect hub):
//   mynumber with internet fails, and so does lgwan with internet (closed
//   segments alike, SPEC §2; approvals exist for closed segments only);
//   mynumber with lgwan fails unless an approval lists both segments and
//   names a point of the connection in `via` (then `exception`; a lapsed
//   approval fails); links within one
//   closed segment pass; a link to a network whose segment is unknown is
//   unknown. A peering with a missing side carries nothing and passes; a
//   transit link that routes one way still carries traffic.
// - Every network whose segment is derived fails, with the chain.
// Results are on the connection entity nearest the closed side (key: the
// two networks), or on the derived network.
import type { NetworkLink, SegmentAssignment } from '../../graph/types.js';
import type { Entity } from '../../model/model.js';
import type { Segment } from '../../policy/types.js';
import type { UnknownCause } from '../../readers/value.js';
import type { ControlCheck, ControlContext, Draft } from '../control.js';
import { fail, pass, unknown } from '../draft.js';
import { approvalEvidence, findApproval } from '../network/approved-paths.js';
import { SEGMENT_LABEL, closednessOf, describeSegment, isClosed, segmentEvidence } from '../network/closed-segment.js';

interface Side {
  id: string;
  address: string;
  a: SegmentAssignment;
}

function sideOf(id: string, ctx: ControlContext): Side {
  return { id, address: ctx.model.get(id)?.address ?? id, a: ctx.graph.segmentOf(id) };
}

/** The connection entity a link result is reported on: the first one seen from `from`. */
function subjectOf(l: NetworkLink, fromA: boolean, ctx: ControlContext): Entity | undefined {
  const steps = fromA ? l.via : [...l.via].reverse();
  for (const s of steps) {
    const e = ctx.model.get(s.id);
    if (e?.kind === 'connection') return e;
  }
  return ctx.model.get(fromA ? l.a : l.b);
}

function linkEvidence(l: NetworkLink, x: Side, y: Side, ctx: ControlContext): Record<string, unknown> {
  return {
    networks: [x, y].map((s) => ({ address: s.address, ...segmentEvidence(s.a, ctx.model) })),
    connectionType: l.connectionType,
    via: l.via.map((s) => ({ address: s.address, role: s.role, ...(s.loc ? { file: s.loc.file, line: s.loc.line } : {}), ...(s.note ? { note: s.note } : {}) })),
    effective: l.effective,
    ...(l.note ? { note: l.note } : {}),
  };
}

const FORBIDDEN: readonly [Segment, Segment][] = [
  ['mynumber', 'internet'],
  ['mynumber', 'lgwan'],
  ['lgwan', 'internet'],
];

/** The forbidden pair two segments make, as FORBIDDEN writes it, if they make one. */
function forbiddenPair(x: Segment | null, y: Segment | null): readonly [Segment, Segment] | undefined {
  return FORBIDDEN.find(([p, q]) => (p === x && q === y) || (p === y && q === x));
}

function judgeLink(l: NetworkLink, ctx: ControlContext): Draft | undefined {
  const a = sideOf(l.a, ctx);
  const b = sideOf(l.b, ctx);
  // A possibly derived side is mynumber or nothing: neither makes a link to mynumber wrong, so its segment is used as is.
  const unknownA = a.a.source === 'unknown';
  const unknownB = b.a.source === 'unknown';
  const touches = (s: SegmentAssignment, otherUnknown: boolean): boolean => isClosed(s.segment) || (otherUnknown && s.segment === 'internet');
  if (!touches(a.a, unknownB) && !touches(b.a, unknownA)) return undefined;
  const fromA = isClosed(a.a.segment) || !isClosed(b.a.segment);
  const [x, y] = fromA ? [a, b] : [b, a];
  const subject = subjectOf(l, fromA, ctx);
  if (!subject) return undefined;
  const key = [a.address, b.address].sort().join(' <-> ');
  const evidence = linkEvidence(l, x, y, ctx);
  const base = { location: subject.kind === 'connection' ? subject.loc : (l.loc ?? subject.loc), key, evidence };
  const sx = describeSegment(x.a, ctx.model);
  const sy = describeSegment(y.a, ctx.model);
  const between = { ja: `${x.address}（${sx.ja}）と ${y.address}（${sy.ja}）`, en: `${x.address} (${sx.en}) and ${y.address} (${sy.en})` };

  const unknownSide = unknownA ? a : unknownB ? b : undefined;
  if (unknownSide) {
    const cause = unknownSide.a.unknown ?? { inputs: [unknownSide.address], detail: `the segment of ${unknownSide.address} cannot be told` };
    return unknown(subject, { ja: `${between.ja}の接続ですが、${unknownSide.address} の区分を判定できません`, en: `connects ${between.en}, but the segment of ${unknownSide.address} cannot be told` }, [cause], base);
  }
  if (!l.effective && l.connectionType !== 'transit-gateway-attachment') {
    return pass(subject, { ja: `${between.ja}の接続は通信を運びません（${l.note ?? '片側のみ'}）`, en: `the connection between ${between.en} carries no traffic (${l.note ?? 'one side only'})` }, base);
  }
  const sa = x.a.segment;
  const sb = y.a.segment;
  if (!isClosed(sa) && !isClosed(sb)) return undefined;
  if (sa === sb) return pass(subject, { ja: `${between.ja}は同じ区分どうしの接続です`, en: `connects ${between.en}, which are in the same segment` }, base);
  const pair = forbiddenPair(sa, sb);
  if (!pair) {
    // A closed network linked to one with no segment: derivation makes that mynumber, else lgwan does not propagate.
    return undefined;
  }
  // A connection whose count or for_each could not be evaluated may not exist at all.
  const conditional = l.via.flatMap((s) => {
    const c = ctx.model.get(s.id)?.conditional;
    return c ? [{ ...c, detail: `${s.address} exists only under a condition: ${c.detail}` }] : [];
  });
  const possible: UnknownCause | undefined =
    l.certainty === 'possible' ? { inputs: l.external?.inputs ?? [], detail: l.note ?? 'the connection may not carry traffic' } : conditional[0];
  if (pair[0] === 'mynumber' && pair[1] === 'lgwan') {
    const m = findApproval(ctx.policy, ctx.now, { segments: pair, addresses: [...l.via.map((s) => s.address), a.address, b.address] });
    if (m.kind === 'approved') {
      const ap = m.approval;
      return {
        status: 'exception',
        subject,
        message: {
          ja: `${between.ja}の接続は、承認「${ap.id}」（${ap.reason}、承認者 ${ap.approver}、期限 ${ap.expires}）による例外です`,
          en: `the connection between ${between.en} is an exception approved as "${ap.id}" (${ap.reason}; approver ${ap.approver}; expires ${ap.expires})`,
        },
        ...base,
        evidence: { ...evidence, approval: approvalEvidence(ap) },
      };
    }
    if (m.kind === 'expired') {
      const text = {
        ja: `${between.ja}が接続されています。承認「${m.approval.id}」は期限（${m.approval.expires}）が切れています`,
        en: `${between.en} are connected; approval "${m.approval.id}" expired on ${m.approval.expires}`,
      };
      const ev = { ...evidence, approval: approvalEvidence(m.approval) };
      return possible ? unknown(subject, text, [possible], { ...base, evidence: ev }) : fail(subject, text, { ...base, evidence: ev });
    }
  }
  const text = {
    ja: `${SEGMENT_LABEL[pair[0]].ja}と${SEGMENT_LABEL[pair[1]].ja}が接続されています: ${between.ja}`,
    en: `the ${SEGMENT_LABEL[pair[0]].en} is connected with the ${SEGMENT_LABEL[pair[1]].en}: ${between.en}`,
  };
  if (possible) return unknown(subject, { ja: `${text.ja}（接続が通信を運ぶか確認できません）`, en: `${text.en} (whether the connection carries traffic cannot be told)` }, [possible], base);
  return fail(subject, text, base);
}

function chainText(a: SegmentAssignment): string {
  return a.chain.map((s) => s.address).join(' → ');
}

function judgeDerived(id: string, a: SegmentAssignment, ctx: ControlContext): Draft | undefined {
  const n = ctx.model.getOf(id, 'network');
  if (!n || a.source !== 'derived') return undefined;
  const tagKey = ctx.policy.tagKeys.segment;
  const root = a.chain[0]?.address ?? '?';
  const evidence = segmentEvidence(a, ctx.model);
  const c = closednessOf(a, tagKey);
  if (c.kind === 'maybe') {
    return unknown(
      n,
      {
        ja: `区分の宣言がなく、${root} との接続（${chainText(a)}）からマイナンバー利用事務系と導出される可能性があります`,
        en: `declares no segment and may be derived mynumber through its connection to ${root} (${chainText(a)})`,
      },
      [c.cause],
      { location: n.tags.loc ?? n.loc, evidence },
    );
  }
  return fail(
    n,
    {
      ja: `区分の宣言（${tagKey} タグ）がありませんが、${root} との接続（${chainText(a)}）によりマイナンバー利用事務系になります。マイナンバー利用事務系と宣言し、同じ基準で保護してください`,
      en: `declares no segment (${tagKey}) but is mynumber through its connection to ${root} (${chainText(a)}): declare it mynumber and protect it as such`,
    },
    { location: n.tags.loc ?? n.loc, evidence },
  );
}

export const check: ControlCheck = {
  id: 'LG-3.6',
  check(ctx) {
    const drafts: Draft[] = [];
    const at = new Map<string, number>();
    for (const l of ctx.graph.links()) {
      const d = judgeLink(l, ctx);
      if (!d) continue;
      // Two links between the same networks (both peering sides, two attachments): report once, the worst.
      const k = `${d.subject.id}\u0000${d.key}`;
      const i = at.get(k);
      if (i === undefined) {
        at.set(k, drafts.length);
        drafts.push(d);
      } else if (rank(d) > rank(drafts[i]!)) drafts[i] = d;
    }
    for (const n of ctx.model.all('network')) {
      const d = judgeDerived(n.id, ctx.graph.segmentOf(n.id), ctx);
      if (d) drafts.push(d);
    }
    drafts.push(...judgeMixedSubnets(ctx));
    return drafts;
  },
};

/**
 * Subnets declared (tag or selector) in a segment that may not meet another
 * segment of the same network — the network's own or another declared
 * subnet's: local routing joins every subnet of a network, so the segments
 * are connected whatever the route tables say.
 */
function judgeMixedSubnets(ctx: ControlContext): Draft[] {
  const declared = (a: SegmentAssignment) => (a.source === 'tag' || a.source === 'selector') && a.segment !== null;
  const byNetwork = new Map<string, { subnet: Entity; a: SegmentAssignment }[]>();
  for (const s of ctx.model.all('subnet')) {
    const a = ctx.graph.segmentOf(s.id);
    if (!s.network.known || !declared(a)) continue;
    const list = byNetwork.get(s.network.value) ?? [];
    list.push({ subnet: s, a });
    byNetwork.set(s.network.value, list);
  }
  const drafts: Draft[] = [];
  for (const [networkId, subnets] of byNetwork) {
    const network = { id: networkId, address: ctx.model.get(networkId)?.address ?? networkId, a: ctx.graph.segmentOf(networkId) };
    for (const { subnet, a } of subnets) {
      const others = [network, ...subnets.filter((o) => o.subnet !== subnet).map((o) => ({ id: o.subnet.id, address: o.subnet.address, a: o.a }))];
      const clash = others.find((o) => forbiddenPair(a.segment, o.a.segment));
      if (!clash) continue;
      const mine = describeSegment(a, ctx.model);
      const theirs = describeSegment(clash.a, ctx.model);
      const where =
        clash === network
          ? { ja: `ネットワーク ${network.address}（${theirs.ja}）の中にあります`, en: `is inside network ${network.address} (${theirs.en})` }
          : { ja: `${clash.address}（${theirs.ja}）と同じネットワーク ${network.address} にあります`, en: `is in network ${network.address} with ${clash.address} (${theirs.en})` };
      const text = {
        ja: `${mine.ja}のサブネットが${where.ja}。ネットワーク内のサブネットはローカルルートで常に接続されるため、区分が分離されていません`,
        en: `the subnet (${mine.en}) ${where.en}: local routing joins every subnet of a network, so the segments are not separated`,
      };
      const evidence = { subnet: segmentEvidence(a, ctx.model), other: { address: clash.address, ...segmentEvidence(clash.a, ctx.model) }, network: network.address };
      const at = { location: a.loc ?? subnet.loc, key: `${subnet.address} in ${network.address}`, evidence };
      drafts.push(subnet.conditional ? unknown(subnet, { ja: `${text.ja}（サブネットが作成されるか判定できません）`, en: `${text.en} (whether the subnet is created cannot be told)` }, [subnet.conditional], at) : fail(subnet, text, at));
    }
  }
  return drafts;
}

function rank(d: Draft): number {
  return ({ fail: 4, unknown: 3, exception: 2, pass: 1, not_applicable: 0 } as const)[d.status];
}
