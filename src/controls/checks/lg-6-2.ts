// LG-6.2 ログの保存期間: log groups, Log Analytics workspaces and log buckets
// keep logs at least the configured number of days (kikan default 365).
import type { DataStore } from '../../model/data.js';
import type { CloudModel } from '../../model/model.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom } from '../draft.js';

/** Buckets and storage accounts that receive trails, flow logs or access logs. */
function logBuckets(model: CloudModel): DataStore[] {
  const ids = new Set<string>();
  for (const t of model.all('trail')) if (t.destinations.known) for (const d of t.destinations.value) if (d.known) ids.add(d.value);
  for (const s of model.all('log-setting')) if (s.destinations.known) for (const d of s.destinations.value) if (d.known) ids.add(d.value);
  const out: DataStore[] = [];
  for (const id of ids) {
    const e = model.getOf(id, 'data-store');
    if (e) out.push(e);
  }
  return out;
}

export const check: ControlCheck = {
  id: 'LG-6.2',
  check({ model, policy }) {
    const min = policy.thresholds.logRetentionDays;
    const drafts: Draft[] = [];
    const what = { ja: 'ログの保存期間', en: 'log retention' };
    for (const s of model.all('log-store')) {
      const r = s.retentionDays;
      if (!r.known) {
        drafts.push(unknownFrom(s, { ja: `${what.ja}を判定できません`, en: `cannot tell the ${what.en}` }, [r]));
      } else if (r.value === null) {
        drafts.push(pass(s, { ja: 'ログは無期限に保存されます', en: 'logs never expire' }, { location: locOf(r, s) }));
      } else if (r.value >= min) {
        drafts.push(
          pass(s, { ja: `ログを${r.value}日保存します（基準${min}日以上）`, en: `logs are kept ${r.value} days (at least ${min})` }, {
            location: locOf(r, s),
          }),
        );
      } else {
        const platform = r.defaulted ? { ja: '（未設定時の既定値）', en: ' (the platform default when unset)' } : { ja: '', en: '' };
        drafts.push(
          fail(
            s,
            {
              ja: `ログの保存期間が${r.value}日${platform.ja}で、基準の${min}日に足りません`,
              en: `logs are kept only ${r.value} days${platform.en}, less than ${min}`,
            },
            { location: locOf(r, s), evidence: { retentionDays: r.value, minimumDays: min } },
          ),
        );
      }
    }
    for (const b of logBuckets(model)) {
      const e = b.expirationDays;
      if (!e) continue;
      if (!e.known) {
        drafts.push(unknownFrom(b, { ja: 'ログ保存先の削除ルールを判定できません', en: 'cannot tell when the log store deletes logs' }, [e]));
      } else if (e.value === null || e.value >= min) {
        drafts.push(
          pass(b, {
            ja: e.value === null ? 'ログ保存先のログは削除されません' : `ログ保存先は${e.value}日後に削除します（基準${min}日以上）`,
            en: e.value === null ? 'the log store never deletes logs' : `the log store deletes logs after ${e.value} days (at least ${min})`,
          }, { location: locOf(e, b) }),
        );
      } else {
        drafts.push(
          fail(
            b,
            {
              ja: `ログ保存先がログを${e.value}日で削除し、基準の${min}日に足りません`,
              en: `the log store deletes logs after ${e.value} days, less than ${min}`,
            },
            { location: locOf(e, b), evidence: { expirationDays: e.value, minimumDays: min } },
          ),
        );
      }
    }
    return drafts;
  },
};
