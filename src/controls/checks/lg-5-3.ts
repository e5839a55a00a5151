// LG-5.3 デジタル証拠の保全: operation logs can serve as evidence, so they
// must be shown to be complete and unaltered. AWS: CloudTrail log file
// validation on, and the trail's bucket locks every log object (Object Lock
// with a default retention). Versioning alone is not enough: anyone allowed
// to delete object versions can still remove the evidence. Azure: the storage
// receiving the activity log and diagnostic logs is immutable (account-level
// immutability, or an immutability policy on the containers the logs land in).
import type { DataStore } from '../../model/data.js';
import type { UnknownFact } from '../../model/fact.js';
import type { Trail } from '../../model/logging.js';
import type { UnknownCause } from '../../readers/value.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknown, unknownFrom } from '../draft.js';
import { isLive } from '../identity/account-level.js';
import { defaultNote } from '../data/encryption.js';
import type { LogFeeder, LogStorage } from '../data/log-destinations.js';
import { logDestinations } from '../data/log-destinations.js';

const NOT_DEFINED = {
  ja: '検査したコードに定義がありません。継承として宣言するか、稼働環境で確認してください',
  en: 'not defined in the scanned code: declare it inherited or check it live',
};

function validation(t: Trail): Draft | undefined {
  const v = t.logFileValidation;
  if (!v) return undefined;
  const key = 'log-file-validation';
  if (!v.known) return unknownFrom(t, { ja: 'ログファイルの検証が有効か判定できません', en: 'cannot tell whether log file validation is on' }, [v], { key });
  const at = { key, location: locOf(v, t) };
  if (v.value) return pass(t, { ja: 'ログファイルの検証（ダイジェスト）が有効で、改ざんを検出できます', en: 'log file validation (digest files) is on: tampering can be detected' }, at);
  const note = defaultNote(v);
  return fail(
    t,
    { ja: `ログファイルの検証が無効${note.ja}で、ログが改ざん・削除されていないことを証明できません`, en: `log file validation is off${note.en}: the logs cannot be shown to be unaltered and complete` },
    at,
  );
}

function bucketLock(s: DataStore, feeders: LogFeeder[]): Draft {
  const evidence: Record<string, unknown> = { receivesFrom: feeders.map((f) => f.address) };
  const lock = s.immutable;
  if (!lock) {
    return unknown(s, { ja: 'Object Lock の設定を判定できません', en: 'cannot tell the Object Lock setting' }, [
      { inputs: [`${s.address} object lock`], detail: 'the model does not give the Object Lock setting of this bucket' },
    ], { evidence });
  }
  if (!lock.known) return unknownFrom(s, { ja: 'Object Lock の設定を判定できません', en: 'cannot tell the Object Lock setting' }, [lock], { evidence });
  if (lock.value) {
    return pass(s, { ja: '証跡のバケットは Object Lock の既定の保持期間により、ログを削除・上書きから保護しています', en: 'the trail bucket protects every log object from deletion and overwrite (Object Lock with a default retention)' }, {
      location: locOf(lock, s),
      evidence: { ...evidence, objectLock: true },
    });
  }
  const v = s.versioning;
  if (v && !v.known) return unknownFrom(s, { ja: 'バージョニングの設定を判定できません', en: 'cannot tell the versioning setting' }, [v], { evidence });
  const versioned = v?.known && v.value;
  return fail(
    s,
    versioned
      ? {
          ja: '証跡のバケットに Object Lock の既定の保持期間がなく、バージョニングによる保護だけです。バージョンを削除できる者が証拠となるログを消せます',
          en: 'the trail bucket has no Object Lock default retention, only versioning: whoever can delete object versions can remove the evidence',
        }
      : {
          ja: '証跡のバケットに Object Lock（既定の保持期間）もバージョニングもなく、ログを削除・上書きできます',
          en: 'the trail bucket has neither Object Lock with a default retention nor versioning: logs can be deleted or overwritten',
        },
    { location: locOf(lock, s), evidence: { ...evidence, objectLock: false, versioning: !!versioned } },
  );
}

const CATEGORY_GROUPS = new Set(['alllogs', 'audit']);

/** Containers Azure writes the feeder's logs to, or the cause when its categories are unknown. */
function containersOf(f: LogFeeder): string[] | UnknownCause {
  if (f.kind === 'trail') return ['insights-activity-logs'];
  if (f.settingType !== 'diagnostic-setting') return [];
  const c = f.categories;
  if (!c) return { inputs: [`${f.address} categories`], detail: 'the log categories of the diagnostic setting are not known' };
  if (!c.known) return c.cause;
  // A category group stands for categories the definition does not list, so their containers cannot be named.
  const group = c.value.find((x) => CATEGORY_GROUPS.has(x.toLowerCase()));
  if (group) return { inputs: [`${f.address} categories`], detail: `the category group ${group} covers log categories whose containers are not named in the definition` };
  return c.value.map((x) => `insights-logs-${x.toLowerCase()}`);
}

function storageImmutability(s: DataStore, feeders: LogFeeder[]): Draft {
  const evidence: Record<string, unknown> = { receivesFrom: feeders.map((f) => f.address) };
  const account = s.immutable;
  if (account?.known && account.value) {
    return pass(s, { ja: 'ストレージアカウント全体が不変（immutable）で、ログを削除・上書きから保護しています', en: 'the whole storage account is immutable: logs are protected from deletion and overwrite' }, {
      location: locOf(account, s),
      evidence,
    });
  }
  const causes: UnknownCause[] = [];
  if (account && !account.known) causes.push(account.cause);
  const needed = new Set<string>();
  for (const f of feeders) {
    const c = containersOf(f);
    if (Array.isArray(c)) for (const n of c) needed.add(n);
    else causes.push(c);
  }
  evidence.containers = [...needed];
  // A lifter that models the account's immutability lists the containers with a policy only when there are some.
  const held = s.immutableContainers ?? (account?.known ? { known: true as const, value: [], loc: account.loc ?? s.loc } : undefined);
  if (!held) {
    causes.push({ inputs: [`${s.address} immutability policy`], detail: 'the model does not give the container immutability policies of this storage account' });
  } else if (!held.known) {
    causes.push(held.cause);
  } else {
    const have = new Set(held.value.map((n) => n.toLowerCase()));
    const missing = [...needed].filter((n) => !have.has(n));
    if (missing.length) {
      return fail(
        s,
        {
          ja: `ログを受け取るコンテナー（${missing.join(', ')}）に不変性ポリシーがなく、ログを削除・上書きできます`,
          en: `the containers receiving logs (${missing.join(', ')}) have no immutability policy: logs can be deleted or overwritten`,
        },
        { location: locOf(held, s), evidence: { ...evidence, missing } },
      );
    }
  }
  if (causes.length) {
    return unknown(s, { ja: 'ログを受け取るコンテナーが不変か判定できません', en: 'cannot tell whether the containers receiving logs are immutable' }, causes, { evidence });
  }
  return pass(s, { ja: 'ログを受け取るコンテナーに不変性ポリシーがあります', en: 'the containers receiving logs have an immutability policy' }, {
    location: locOf(held, s),
    evidence,
  });
}

function isAuditFeeder(f: LogFeeder): boolean {
  if (f.kind === 'trail') return true;
  return f.cloud === 'azure' && f.settingType === 'diagnostic-setting';
}

export const check: ControlCheck = {
  id: 'LG-5.3',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const t of model.all('trail')) {
      if (t.trailType !== 'cloudtrail') continue;
      const d = validation(t);
      if (d) drafts.push(d);
    }
    const dest = logDestinations(model, isAuditFeeder);
    for (const { store, feeders } of dest.storages as LogStorage[]) {
      if (store.storeType === 's3-bucket') drafts.push(bucketLock(store, feeders));
      else if (store.storeType === 'storage-account') drafts.push(storageImmutability(store, feeders));
    }
    for (const { feeder, link } of dest.unresolved) {
      drafts.push(
        unknownFrom(
          feeder,
          { ja: 'ログの送信先が検査対象にないため、ログの保全を判定できません', en: 'the log destination is not in the scanned inputs, so whether the logs are preserved cannot be judged' },
          [link as UnknownFact],
          { key: `destination:${link.cause.inputs.join(',') || link.cause.detail}` },
        ),
      );
    }
    for (const scope of model.scopes) {
      const mine = model.allIn('trail', scope).length > 0;
      if (mine) continue;
      // Live, the absence itself is LG-6.1's failure; here there is no log to preserve.
      if (isLive(scope)) drafts.push(notApplicable(scope, { ja: 'この範囲には監査ログの証跡がないため、保全を確認するものがありません（証跡の有無は LG-6.1 で判定します）', en: 'no audit trail is recorded in this scope, so there is no log to preserve (LG-6.1 judges whether one must exist)' }));
      else drafts.push(unknown(scope, NOT_DEFINED, [{ inputs: ['policy: inherited', 'live scan'], detail: `no audit trail is defined in ${scope.label}` }]));
    }
    return drafts;
  },
};
