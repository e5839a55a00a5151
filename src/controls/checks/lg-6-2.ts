// LG-6.2 ログの保存期間: logs are kept at least `thresholds.logRetentionDays`
// (kikan default 365). Judged: log groups and Log Analytics workspaces
// (their retention; unset is "never expire" for CloudWatch Logs and 30 days
// for Log Analytics, as the lifters model it), the buckets and storage
// accounts that trails, flow logs, access logs and diagnostic settings
// deliver to (their lifecycle expiration), and flow logs that delete what
// they deliver after a number of days of their own. A destination the scan
// cannot resolve keeps logs for a time no one can tell: unknown on what
// delivers there, once per destination.
import type { DataStore } from '../../model/data.js';
import type { LogSetting, LogStore } from '../../model/logging.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { logDestinations } from '../data/log-destinations.js';
import { modelGap } from '../resilience/model-gap.js';

function logStore(s: LogStore, min: number): Draft {
  const r = s.retentionDays;
  if (!r.known) return unknownFrom(s, { ja: 'ログの保存期間を判定できません', en: 'cannot tell the log retention' }, [r]);
  const note = defaultNote(r);
  const at = { location: locOf(r, s), evidence: { retentionDays: r.value, minimumDays: min, ...(r.defaulted ? { defaulted: true } : {}) } };
  if (r.value === null) return pass(s, { ja: `ログは無期限に保存されます${note.ja}`, en: `logs never expire${note.en}` }, at);
  if (r.value >= min) return pass(s, { ja: `ログを${r.value}日保存します${note.ja}（基準${min}日以上）`, en: `logs are kept ${r.value} days${note.en} (at least ${min})` }, at);
  return fail(s, { ja: `ログの保存期間が${r.value}日${note.ja}で、基準の${min}日に足りません`, en: `logs are kept only ${r.value} days${note.en}, less than ${min}` }, at);
}

function logBucket(b: DataStore, min: number): Draft {
  const e = b.expirationDays;
  if (!e) return unknownFrom(b, { ja: 'ログ保存先の削除ルールを判定できません', en: 'cannot tell when the log store deletes logs' }, [modelGap(b, 'object expiration')]);
  if (!e.known) return unknownFrom(b, { ja: 'ログ保存先の削除ルールを判定できません', en: 'cannot tell when the log store deletes logs' }, [e]);
  const note = defaultNote(e);
  const at = { location: locOf(e, b), evidence: { expirationDays: e.value, minimumDays: min } };
  if (e.value === null) return pass(b, { ja: `ログ保存先はログを削除しません${note.ja}`, en: `the log store never deletes logs${note.en}` }, at);
  if (e.value >= min) return pass(b, { ja: `ログ保存先は${e.value}日後に削除します（基準${min}日以上）`, en: `the log store deletes logs after ${e.value} days (at least ${min})` }, at);
  return fail(b, { ja: `ログ保存先がログを${e.value}日で削除し、基準の${min}日に足りません`, en: `the log store deletes logs after ${e.value} days, less than ${min}` }, at);
}

const FLOW_LOG: LocalText = { ja: 'フローログ', en: 'the flow log' };

/** A flow log whose own retention policy deletes what it delivered; null leaves it to the destination. */
function settingRetention(s: LogSetting, min: number): Draft | undefined {
  const r = s.retentionDays;
  if (!r) return undefined;
  if (!r.known) return unknownFrom(s, { ja: `${FLOW_LOG.ja}の保持期間を判定できません`, en: `cannot tell how long ${FLOW_LOG.en} keeps its records` }, [r]);
  if (r.value === null) return undefined;
  const at = { location: locOf(r, s), evidence: { retentionDays: r.value, minimumDays: min } };
  if (r.value >= min) return pass(s, { ja: `${FLOW_LOG.ja}の記録を${r.value}日保持します（基準${min}日以上）`, en: `${FLOW_LOG.en} keeps its records ${r.value} days (at least ${min})` }, at);
  return fail(s, { ja: `${FLOW_LOG.ja}の保持ポリシーが記録を${r.value}日で削除し、基準の${min}日に足りません`, en: `${FLOW_LOG.en} retention policy deletes its records after ${r.value} days, less than ${min}` }, at);
}

export const check: ControlCheck = {
  id: 'LG-6.2',
  check({ model, policy }) {
    const min = policy.thresholds.logRetentionDays;
    const drafts: Draft[] = [];
    for (const s of model.all('log-store')) drafts.push(logStore(s, min));
    const dest = logDestinations(model);
    for (const { store } of dest.storages) drafts.push(logBucket(store, min));
    for (const s of model.all('log-setting')) {
      const d = settingRetention(s, min);
      if (d) drafts.push(d);
    }
    const seen = new Set<string>();
    for (const { feeder, link } of dest.unresolved) {
      const key = `destination:${link.cause.inputs.join(',') || link.cause.detail}`;
      if (seen.has(`${feeder.id} ${key}`)) continue;
      seen.add(`${feeder.id} ${key}`);
      drafts.push(
        unknownFrom(feeder, { ja: 'ログの送信先がスキャンの範囲外にあり、保存期間を判定できません', en: 'the logs go to a destination outside the scan, so their retention cannot be told' }, [link], { key }),
      );
    }
    return drafts;
  },
};
