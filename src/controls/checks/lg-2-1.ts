// LG-2.1 情報資産の分類ラベル: every data store says how confidential its
// information is (機密性 3/2/1) and which segment it belongs to, and every
// network says its segment, so that the other controls (and people) can tell
// which rules apply. A store's classification must be its own tag; a segment
// may also come from a policy selector or from where the resource sits.
import type { DataStore } from '../../model/data.js';
import type { Network, Subnet } from '../../model/network.js';
import { parseClassification } from '../../policy/classification.js';
import { parseSegment } from '../../policy/types.js';
import type { NetworkGraph, SegmentAssignment } from '../../graph/types.js';
import type { UnknownFact } from '../../model/fact.js';
import type { Entity } from '../../model/model.js';
import type { SourceLoc } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, pass, unknown } from '../draft.js';
import { holdsInformation } from '../data/information-stores.js';
import { partKey } from '../data/entity-part.js';
import { readTag } from '../data/tags.js';

/** What one label says: fine, missing or wrong (a problem), or unreadable. */
type LabelJudgement =
  | { kind: 'ok'; value: string; source: string }
  | { kind: 'problem'; text: LocalText; loc?: SourceLoc }
  | { kind: 'unknown'; facts: UnknownFact[]; text: LocalText };

const SOURCE_TEXT: Record<string, LocalText> = {
  selector: { ja: 'ポリシーファイルのセレクタ', en: 'a policy-file selector' },
  tag: { ja: '自身のタグ', en: 'its own tag' },
  subnet: { ja: '所属するサブネット', en: 'its subnet' },
  network: { ja: '所属するネットワーク', en: 'its network' },
  'resource-group': { ja: 'リソースグループのタグ', en: "its resource group's tag" },
  attachment: { ja: '接続先のリソース', en: 'the resource it belongs to' },
  derived: { ja: 'マイナンバー利用事務系との接続', en: 'its connection to a mynumber network' },
};

function classificationOf(e: Entity, key: string): LabelJudgement {
  const t = readTag(e, key);
  if (t.state === 'unknown') return { kind: 'unknown', facts: [t.fact], text: { ja: `${key} タグの値が分かりません`, en: `the ${key} tag value is unknown` } };
  if (t.state === 'absent') {
    return { kind: 'problem', text: { ja: `機密性を示す ${key} タグがありません`, en: `no ${key} tag gives its classification` } };
  }
  const c = parseClassification(t.value);
  if (c === undefined) {
    return {
      kind: 'problem',
      loc: t.loc,
      text: {
        ja: `${key} タグの値「${t.value}」は機密性（3、2、1 または 機密性3 など）ではありません`,
        en: `${key} = "${t.value}" is not a classification (3, 2, 1 or 機密性3 …)`,
      },
    };
  }
  return { kind: 'ok', value: String(c), source: 'tag' };
}

/**
 * The segment label: a wrong own tag is a problem even when a selector
 * assigns the segment (the label misleads whoever reads it); otherwise the
 * graph's assignment counts unless it is only derived through connections.
 */
function segmentOf(e: Entity, key: string, graph: NetworkGraph, acceptDerived: boolean): LabelJudgement {
  const own = readTag(e, key);
  if (own.state === 'known' && !parseSegment(own.value)) {
    return {
      kind: 'problem',
      loc: own.loc,
      text: {
        ja: `${key} タグの値「${own.value}」は区分（mynumber、lgwan、internet またはその日本語名）ではありません`,
        en: `${key} = "${own.value}" is not a segment (mynumber, lgwan, internet or their Japanese names)`,
      },
    };
  }
  const a: SegmentAssignment = graph.segmentOf(e.id);
  if (a.source === 'unknown') {
    const cause = a.unknown ?? { inputs: [], detail: `the segment of ${e.address} cannot be decided` };
    const fact: UnknownFact = { known: false, cause, ...(a.loc ? { loc: a.loc } : {}) };
    return { kind: 'unknown', facts: [fact], text: { ja: '区分を判定できません', en: 'cannot tell its segment' } };
  }
  if (a.segment === null) {
    return {
      kind: 'problem',
      text: {
        ja: `区分を示す ${key} タグがなく、セレクタや所属するネットワーク・リソースグループからも決まりません`,
        en: `no ${key} tag, and no selector, enclosing network or resource group gives its segment`,
      },
    };
  }
  if (a.source === 'derived' && !acceptDerived) {
    const via = a.chain.map((s) => s.address).join(' → ');
    return {
      kind: 'problem',
      text: {
        ja: `${key} タグがありません（${via} の接続によりマイナンバー利用事務系とみなされます。区分を明示してください）`,
        en: `no ${key} tag (it counts as mynumber through ${via}; declare the segment)`,
      },
    };
  }
  return { kind: 'ok', value: a.segment, source: a.source };
}

function verdict(e: Entity, labels: { name: string; j: LabelJudgement }[]): Draft {
  const key = partKey(e);
  const extra = key ? { key } : {};
  const evidence: Record<string, unknown> = {};
  for (const { name, j } of labels) if (j.kind === 'ok') evidence[name] = { value: j.value, from: j.source };
  const problems = labels.filter((l) => l.j.kind === 'problem').map((l) => l.j as Extract<LabelJudgement, { kind: 'problem' }>);
  if (problems.length) {
    return fail(
      e,
      { ja: problems.map((p) => p.text.ja).join('。'), en: problems.map((p) => p.text.en).join('; ') },
      { location: problems.find((p) => p.loc)?.loc ?? e.loc, evidence, ...extra },
    );
  }
  const open = labels.filter((l) => l.j.kind === 'unknown').map((l) => l.j as Extract<LabelJudgement, { kind: 'unknown' }>);
  if (open.length) {
    const facts = open.flatMap((o) => o.facts);
    return unknown(
      e,
      { ja: open.map((o) => o.text.ja).join('。'), en: open.map((o) => o.text.en).join('; ') },
      facts.map((f) => f.cause),
      { location: facts.find((f) => f.loc)?.loc ?? e.loc, evidence, ...extra },
    );
  }
  const said = labels.map(({ name, j }) => {
    const ok = j as Extract<LabelJudgement, { kind: 'ok' }>;
    const from = SOURCE_TEXT[ok.source] ?? { ja: ok.source, en: ok.source };
    return { ja: `${name === 'classification' ? '機密性' : '区分'} ${ok.value}（${from.ja}）`, en: `${name} ${ok.value} (from ${from.en})` };
  });
  return pass(e, { ja: `${said.map((s) => s.ja).join('、')} が付いています`, en: `labelled ${said.map((s) => s.en).join(', ')}` }, {
    location: e.loc,
    evidence,
    ...extra,
  });
}

export const check: ControlCheck = {
  id: 'LG-2.1',
  check({ model, graph, policy }) {
    const { classification, segment } = policy.tagKeys;
    const drafts: Draft[] = [];
    const stores: DataStore[] = model.all('data-store').filter(holdsInformation);
    for (const s of stores) {
      drafts.push(
        verdict(
          s,
          [
            { name: 'classification', j: classificationOf(s, classification) },
            { name: 'segment', j: segmentOf(s, segment, graph, true) },
          ],
        ),
      );
    }
    const networks: (Network | Subnet)[] = [...model.all('network'), ...model.all('subnet')];
    for (const n of networks) {
      if (n.platformDefault) continue;
      drafts.push(verdict(n, [{ name: 'segment', j: segmentOf(n, segment, graph, false) }]));
    }
    return drafts;
  },
};
