// LG-2.4 鍵の分離（選択的な暗号化消去）: a customer key encrypts the data of
// one tenant (団体), one segment and one classification only, so that one of
// them can be crypto-erased without touching the others. Reported on the key,
// with the stores that share it as evidence.
import type { NetworkGraph } from '../../graph/types.js';
import type { UnknownFact } from '../../model/fact.js';
import type { CloudModel } from '../../model/model.js';
import { parseClassification } from '../../policy/classification.js';
import type { Policy } from '../../policy/types.js';
import type { UnknownCause } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, notApplicable, pass, unknown, unknownFrom } from '../draft.js';
import type { KeyGroup, KeyUserEntity } from '../data/key-users.js';
import { keyGroups } from '../data/key-users.js';
import { readTag } from '../data/tags.js';

type Label = { state: 'known'; value: string } | { state: 'absent' } | { state: 'unknown'; cause: UnknownCause };

interface Dimension {
  name: 'tenant' | 'segment' | 'classification';
  text: LocalText;
  /** The tag that would settle it. */
  tag: string;
  /** Stores that all lack the label count as the same: only the tenant, in an estate that tags no tenant (one municipality). */
  unlabelledAlike: boolean;
  read(s: KeyUserEntity): Label;
}

function tagLabel(s: KeyUserEntity, key: string, normalise: (v: string) => string = (v) => v): Label {
  const t = readTag(s, key);
  if (t.state === 'known') return { state: 'known', value: normalise(t.value) };
  if (t.state === 'absent') return t;
  return { state: 'unknown', cause: (t.fact as UnknownFact).cause };
}

function dimensions(policy: Policy, graph: NetworkGraph, model: CloudModel): Dimension[] {
  const { tenant, classification, segment } = policy.tagKeys;
  const tenantsTagged = [...model.entities()].some((e) => readTag(e, tenant).state !== 'absent');
  return [
    { name: 'tenant', text: { ja: `団体（${tenant}）`, en: `tenant (${tenant})` }, tag: tenant, unlabelledAlike: !tenantsTagged, read: (s) => tagLabel(s, tenant) },
    {
      name: 'segment',
      text: { ja: '区分', en: 'segment' },
      tag: segment,
      unlabelledAlike: false,
      read(s) {
        const a = graph.segmentOf(s.id);
        if (a.source === 'unknown') return { state: 'unknown', cause: a.unknown ?? { inputs: [], detail: `the segment of ${s.address} cannot be decided` } };
        return a.segment === null ? { state: 'absent' } : { state: 'known', value: a.segment };
      },
    },
    {
      name: 'classification',
      text: { ja: `機密性（${classification}）`, en: `classification (${classification})` },
      tag: classification,
      unlabelledAlike: false,
      read: (s) => tagLabel(s, classification, (v) => String(parseClassification(v) ?? v)),
    },
  ];
}

type Outcome = { kind: 'mixed'; values: Record<string, string[]> } | { kind: 'open'; causes: UnknownCause[] } | { kind: 'same'; value?: string };

/** Known values that differ decide; otherwise an unreadable label, or a store without the label beside stores with one, leaves it open. */
function compare(group: KeyGroup, d: Dimension): Outcome {
  const values: Record<string, string[]> = {};
  const causes: UnknownCause[] = [];
  const unlabelled: string[] = [];
  for (const u of group.users) {
    const l = d.read(u.store);
    if (l.state === 'known') (values[l.value] ??= []).push(u.store.address);
    else if (l.state === 'absent') unlabelled.push(u.store.address);
    else causes.push(l.cause);
  }
  const distinct = Object.keys(values);
  if (distinct.length > 1) return { kind: 'mixed', values };
  if (causes.length) return { kind: 'open', causes };
  if (distinct.length === 1 && unlabelled.length) {
    return {
      kind: 'open',
      causes: unlabelled.map((a) => ({ inputs: [`${a} tag ${d.tag}`], detail: `${a} has no ${d.name} label, so whether it belongs with ${distinct[0]} cannot be told` })),
    };
  }
  // Two stores without the label may hold data of different kinds: nothing says they are alike.
  if (distinct.length === 0 && unlabelled.length > 1 && !d.unlabelledAlike) {
    return {
      kind: 'open',
      causes: unlabelled.map((a) => ({ inputs: [`${a} tag ${d.tag}`], detail: `${a} has no ${d.name} label, so whether the stores sharing its key hold the same cannot be told` })),
    };
  }
  return { kind: 'same', ...(distinct.length ? { value: distinct[0] } : {}) };
}

/** What the stores sharing a key have in common; a tenant no store is tagged with is not claimed. */
function sameText(outcomes: { d: Dimension; o: Outcome }[], n: number, named: LocalText): LocalText {
  const alike = outcomes.filter(({ o }) => o.kind === 'same' && o.value !== undefined).map(({ d }) => d);
  const ja = alike.map((d) => (d.name === 'tenant' ? '団体' : d.name === 'segment' ? '区分' : '機密性')).join('・');
  const en = alike.map((d) => d.name).join(', ');
  const untagged = outcomes.some(({ d, o }) => d.name === 'tenant' && o.kind === 'same' && o.value === undefined);
  return {
    ja: `鍵${named.ja}を共用する ${n} 件のリソースは${ja}が同じです${untagged ? '（団体タグはどのリソースにもなく、単独の団体とみなします）' : ''}`,
    en: `the ${n} resources sharing the key${named.en} have the same ${en}${untagged ? ' (no resource carries a tenant tag: one municipality)' : ''}`,
  };
}

function keyName(g: KeyGroup): string {
  return g.key?.address ?? g.named?.text ?? '?';
}

export const check: ControlCheck = {
  id: 'LG-2.4',
  check({ model, graph, policy }) {
    const dims = dimensions(policy, graph, model);
    const drafts: Draft[] = [];
    const groups = keyGroups(model);
    for (const g of groups) {
      const users = [...g.users].sort((a, b) => a.store.address.localeCompare(b.store.address));
      const subject = g.key ?? users[0]?.store;
      if (!subject) continue;
      const extra = {
        location: g.key ? g.key.loc : users[0].loc,
        ...(g.key ? {} : { key: `key:${keyName(g)}` }),
      };
      if (users.length === 0) {
        drafts.push(notApplicable(subject, { ja: '検査したコードにはこの鍵で暗号化されたリソースがありません', en: 'no scanned resource is encrypted with this key' }, extra));
        continue;
      }
      const stores = users.map((u) => u.store.address);
      if (g.hiddenKey) {
        // Its key may be any other customer key of the cloud: unknown if sharing one would mix labels.
        const others = groups.filter((o) => o !== g && (o.key?.cloud ?? o.users[0]?.store.cloud) === subject.cloud).flatMap((o) => o.users);
        if (others.length && dims.some((d) => compare({ ...g, users: [...users, ...others] }, d).kind === 'mixed')) {
          drafts.push(
            unknownFrom(
              subject,
              {
                ja: 'ディスク暗号化セットが使う Key Vault のキーを判定できず、他の鍵と共用されていないか分かりません',
                en: 'cannot tell which Key Vault key the disk encryption set wraps, so whether it is shared with other stores cannot be told',
              },
              [g.hiddenKey],
              { ...extra, evidence: { stores } },
            ),
          );
          continue;
        }
      }
      const outcomes = dims.map((d) => ({ d, o: compare({ ...g, users }, d) }));
      const mixed = outcomes.filter((x) => x.o.kind === 'mixed');
      const named = g.key ? { ja: '', en: '' } : { ja: `（${keyName(g)}）`, en: ` (${keyName(g)})` };
      if (mixed.length) {
        const evidence: Record<string, unknown> = { stores };
        for (const { d, o } of mixed) evidence[d.name] = (o as Extract<Outcome, { kind: 'mixed' }>).values;
        const list = (lang: 'ja' | 'en') =>
          mixed
            .map(({ d, o }) => {
              const v = (o as Extract<Outcome, { kind: 'mixed' }>).values;
              return `${d.text[lang]} ${Object.keys(v).join(lang === 'ja' ? '・' : ' / ')}`;
            })
            .join(lang === 'ja' ? '、' : ', ');
        drafts.push(
          fail(
            subject,
            {
              ja: `一つの鍵${named.ja}が、${list('ja')} の異なるデータの暗号化に共用されており、そのうち一つだけを暗号化消去することができません`,
              en: `one key${named.en} encrypts data of different ${list('en')}; one of them cannot be crypto-erased alone`,
            },
            { ...extra, evidence },
          ),
        );
        continue;
      }
      const open = outcomes.filter((x) => x.o.kind === 'open');
      if (open.length) {
        const causes = open.flatMap(({ o }) => (o as Extract<Outcome, { kind: 'open' }>).causes);
        drafts.push(
          unknown(
            subject,
            {
              ja: `鍵${named.ja}を共用する ${users.length} 件のリソースの${open.map(({ d }) => d.text.ja).join('・')}が同じか判定できません`,
              en: `cannot tell whether the ${users.length} resources sharing the key${named.en} have the same ${open.map(({ d }) => d.text.en).join(', ')}`,
            },
            causes,
            { ...extra, evidence: { stores } },
          ),
        );
        continue;
      }
      const evidence: Record<string, unknown> = { stores };
      for (const { d, o } of outcomes) if (o.kind === 'same' && o.value !== undefined) evidence[d.name] = o.value;
      drafts.push(
        pass(
          subject,
          users.length === 1
            ? { ja: `鍵${named.ja}は ${stores[0]} だけを暗号化しています`, en: `the key${named.en} encrypts ${stores[0]} only` }
            : sameText(outcomes, users.length, named),
          { ...extra, evidence },
        ),
      );
    }
    return drafts;
  },
};
