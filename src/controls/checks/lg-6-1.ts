// LG-6.1 クラウド操作ログの取得: every account records the operations done on
// it. AWS: a CloudTrail trail that covers every region and records
// management events, both read and write, with logging on. Azure: a
// diagnostic setting on the subscription's activity log that exports
// administrative operations somewhere.
//
// The requirement is per account or subscription (scan scope): one trail
// that meets it is enough. It passes on the trails that meet it; other
// trails of the scope are not_applicable then. When none meets it, trails
// that cannot be told are unknown (and the known-deficient ones
// not_applicable, since the open one may still meet it); when every trail
// is known to fall short, each fails at the setting that falls short. A
// scope without trails is unknown in code (the ガバメントクラウド baseline may
// provide it: declare it inherited, or check it live) and fails live.
import type { KnownFact, UnknownFact } from '../../model/fact.js';
import type { Trail } from '../../model/logging.js';
import type { CloudModel, ScanScope } from '../../model/model.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknownFrom } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { absentFrom, scopesOf } from '../identity/account-level.js';

type Verdict = { state: 'meets' } | { state: 'short'; gaps: { text: LocalText; fact: KnownFact<unknown> }[] } | { state: 'open'; open: UnknownFact[] };

interface Requirement {
  fact: Trail['multiRegion'];
  off: LocalText;
}

function requirements(t: Trail): Requirement[] {
  const reqs: Requirement[] = [
    { fact: t.managementEvents, off: { ja: '管理イベント（読み取りと書き込み）を記録していません', en: 'does not record management events (read and write)' } },
    { fact: t.loggingEnabled, off: { ja: 'ログの記録が停止されています', en: 'has logging turned off' } },
  ];
  // The activity log covers the whole subscription; a CloudTrail trail must say it covers every region.
  if (t.trailType === 'cloudtrail') reqs.unshift({ fact: t.multiRegion, off: { ja: 'マルチリージョンではなく、一つのリージョンの操作しか記録しません', en: 'is not multi-region, so it records one region only' } });
  return reqs;
}

function verdictOf(t: Trail): Verdict {
  if (t.conditional) return { state: 'open', open: [{ known: false, cause: t.conditional, loc: t.loc }] };
  const gaps: { text: LocalText; fact: KnownFact<unknown> }[] = [];
  const open: UnknownFact[] = [];
  for (const r of requirements(t)) {
    // Logging is on unless a definition turns it off.
    if (r.fact === undefined) continue;
    if (!r.fact.known) open.push(r.fact);
    else if (!r.fact.value) gaps.push({ text: r.off, fact: r.fact });
  }
  if (gaps.length) return { state: 'short', gaps };
  if (open.length) return { state: 'open', open };
  if (t.trailType === 'activity-log' && t.destinations.known && t.destinations.value.length === 0) {
    return { state: 'short', gaps: [{ text: { ja: '送信先がありません', en: 'has no destination' }, fact: t.destinations }] };
  }
  return { state: 'meets' };
}

function nameOf(t: Trail): LocalText {
  return t.trailType === 'cloudtrail' ? { ja: 'CloudTrail の証跡', en: 'the CloudTrail trail' } : { ja: 'アクティビティログの診断設定', en: 'the activity log diagnostic setting' };
}

function meets(t: Trail): Draft {
  const text: LocalText =
    t.trailType === 'cloudtrail'
      ? { ja: 'CloudTrail の証跡が全リージョンの管理イベント（読み取りと書き込み）を記録しています', en: 'the CloudTrail trail records management events (read and write) in every region' }
      : { ja: 'アクティビティログの管理操作を診断設定で保存しています', en: 'the activity log diagnostic setting exports administrative operations' };
  return pass(t, text, { location: locOf(t.managementEvents, t) });
}

function short(t: Trail, gaps: { text: LocalText; fact: KnownFact<unknown> }[]): Draft {
  const what = nameOf(t);
  const parts = gaps.map((g) => ({ ja: `${g.text.ja}${defaultNote(g.fact).ja}`, en: `${g.text.en}${defaultNote(g.fact).en}` }));
  return fail(t, { ja: `${what.ja}が${parts.map((p) => p.ja).join('。また、')}`, en: `${what.en} ${parts.map((p) => p.en).join(', and ')}` }, {
    location: locOf(gaps[0]!.fact, t),
  });
}

function judgeScope(model: CloudModel, scope: ScanScope, type: Trail['trailType']): Draft[] {
  const trails = model.allIn('trail', scope).filter((t) => t.trailType === type);
  if (!trails.length) {
    const what = type === 'cloudtrail' ? { ja: '全リージョンの CloudTrail の証跡', en: 'multi-region CloudTrail trail' } : { ja: 'アクティビティログの診断設定', en: 'activity log diagnostic setting' };
    // A multi-region trail of another region covers this one too.
    const covers = (s: ScanScope, sameRegion: boolean) =>
      model.allIn('trail', s).some((t) => t.trailType === type && (sameRegion || (t.multiRegion?.known === true && t.multiRegion.value === true)));
    return [absentFrom(model, scope, what, covers)];
  }
  const verdicts = trails.map((t) => ({ t, v: verdictOf(t) }));
  const good = verdicts.filter((x) => x.v.state === 'meets').map((x) => x.t);
  if (good.length) {
    const by = good.map((t) => t.address).join(', ');
    return verdicts.map(({ t, v }) =>
      v.state === 'meets'
        ? meets(t)
        : notApplicable(t, { ja: `操作ログの取得は ${by} が満たしています`, en: `${by} already records the account's operations` }, { evidence: { coveredBy: good.map((g) => g.address) } }),
    );
  }
  const open = verdicts.filter((x) => x.v.state === 'open');
  if (open.length) {
    const names = open.map((x) => x.t.address).join(', ');
    return verdicts.map(({ t, v }) =>
      v.state === 'open'
        ? unknownFrom(t, { ja: `${nameOf(t).ja}が操作ログの要件を満たすか判定できません`, en: `cannot tell whether ${nameOf(t).en} records the account's operations` }, v.open)
        : notApplicable(t, {
            ja: `${nameOf(t).ja}だけでは要件を満たしませんが、判定できない ${names} が満たす可能性があります`,
            en: `${nameOf(t).en} does not meet the requirement by itself, but ${names}, which cannot be told, may`,
          }),
    );
  }
  return verdicts.map(({ t, v }) => short(t, (v as Extract<Verdict, { state: 'short' }>).gaps));
}

export const check: ControlCheck = {
  id: 'LG-6.1',
  check({ model }) {
    return [
      ...scopesOf(model, 'aws').flatMap((s) => judgeScope(model, s, 'cloudtrail')),
      ...scopesOf(model, 'azure').flatMap((s) => judgeScope(model, s, 'activity-log')),
    ];
  },
};
