// LG-3.1 ネットワーク区分の識別: every VPC/VNet and subnet has a segment —
// from a policy selector, its own tag, its network, or derived through its
// connections to a mynumber network. A derivation that hangs on a link the
// graph cannot confirm leaves the segment unknown here (LG-3.6 judges the
// derivation itself).
import type { SegmentAssignment } from '../../graph/types.js';
import type { Network, Subnet } from '../../model/network.js';
import { parseSegment } from '../../policy/types.js';
import type { ControlCheck, ControlContext, Draft } from '../control.js';
import { fail, pass, unknown } from '../draft.js';
import { closednessOf, describeSegment, segmentEvidence } from '../network/closed-segment.js';
import { tagValue } from '../../model/tags.js';

function kindLabel(e: Network | Subnet): { ja: string; en: string } {
  if (e.kind === 'subnet') return { ja: 'サブネット', en: 'subnet' };
  return e.cloud === 'azure' ? { ja: 'VNet', en: 'VNet' } : { ja: 'VPC', en: 'VPC' };
}

/** A segment tag written with a value that names no segment: a definite mistake, not an unknown. */
function badTagValue(e: Network | Subnet, key: string): { value: string } | undefined {
  if (!e.tags.known) return undefined;
  const value = tagValue(e.tags.value, key);
  if (value === undefined || parseSegment(value)) return undefined;
  return { value };
}

function judge(e: Network | Subnet, a: SegmentAssignment, ctx: ControlContext): Draft {
  const key = ctx.policy.tagKeys.segment;
  const what = kindLabel(e);
  const evidence = segmentEvidence(a, ctx.model);
  const bad = a.source === 'selector' ? undefined : badTagValue(e, key);
  if (bad) {
    return fail(
      e,
      {
        ja: `${what.ja}の ${key} タグの値「${bad.value}」は区分（mynumber・lgwan・internet、または日本語の区分名）ではありません`,
        en: `the ${key} tag of the ${what.en} is "${bad.value}", which is not a segment (mynumber, lgwan, internet or their Japanese names)`,
      },
      { location: e.tags.loc ?? e.loc, evidence: { ...evidence, tagValue: bad.value } },
    );
  }
  if (a.source === 'unknown') {
    return unknown(e, { ja: `${what.ja}の区分を判定できません`, en: `cannot tell the segment of the ${what.en}` }, a.unknown ? [a.unknown] : [], {
      location: a.loc ?? e.loc,
      evidence,
    });
  }
  if (a.segment === null) {
    const net = e.kind === 'subnet' && e.network.known ? ctx.model.get(e.network.value)?.address : undefined;
    return fail(
      e,
      {
        ja: net
          ? `サブネットにも所属する ${net} にも区分がありません（${key} タグ、ポリシーファイルの指定のいずれもなく、マイナンバー利用事務系との接続もありません）`
          : `${what.ja}に区分がありません（${key} タグ、ポリシーファイルの指定のいずれもなく、マイナンバー利用事務系との接続もありません）`,
        en: net
          ? `neither the subnet nor its network ${net} has a segment (no ${key} tag, no policy selector, no connection to a mynumber network)`
          : `the ${what.en} has no segment (no ${key} tag, no policy selector, no connection to a mynumber network)`,
      },
      { location: e.tags.loc ?? e.loc, evidence },
    );
  }
  const c = closednessOf(a, key);
  if (c.kind === 'maybe') {
    return unknown(
      e,
      {
        ja: `${what.ja}は接続からマイナンバー利用事務系と導出されますが、その接続が通信を運ぶか確認できません`,
        en: `the ${what.en} is derived mynumber only through a connection that may not carry traffic`,
      },
      [c.cause],
      { location: e.loc, evidence },
    );
  }
  const d = describeSegment(a, ctx.model);
  return pass(e, { ja: `${what.ja}の区分: ${d.ja}`, en: `${what.en} segment: ${d.en}` }, { location: a.loc ?? e.loc, evidence });
}

export const check: ControlCheck = {
  id: 'LG-3.1',
  check(ctx) {
    const drafts: Draft[] = [];
    for (const kind of ['network', 'subnet'] as const) {
      for (const e of ctx.model.all(kind)) drafts.push(judge(e, ctx.graph.segmentOf(e.id), ctx));
    }
    return drafts;
  },
};
