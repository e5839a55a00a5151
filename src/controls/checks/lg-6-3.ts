// LG-6.3 ログの保護: logs are encrypted with a customer key and their store is
// not public. Judged on log groups and Log Analytics workspaces, on CloudTrail
// trails (the key of their log files), and on the buckets and storage
// accounts that receive trails, flow logs, access logs and diagnostic logs.
import type { Encryption } from '../../model/data.js';
import type { Fact } from '../../model/fact.js';
import type { CloudModel, Entity } from '../../model/model.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknownFrom, unknownsOf } from '../draft.js';
import { defaultNote, encryptionEvidence, encryptionOfLogs, keyLabel, keyNote } from '../data/encryption.js';
import type { LogStorage } from '../data/log-destinations.js';
import { logDestinations } from '../data/log-destinations.js';

const LOGS: LocalText = { ja: 'ログ', en: 'logs' };
const TRAIL_LOGS: LocalText = { ja: '証跡のログファイル', en: 'trail log files' };

interface Problem {
  text: LocalText;
  fact: Fact<unknown>;
}

/** The encryption problem, if any; undefined when a customer key is used. */
function encryptionProblem(enc: Fact<Encryption> & { known: true }, what: LocalText): Problem | undefined {
  const note = defaultNote(enc);
  if (enc.value.mode === 'customer-managed') return undefined;
  if (enc.value.mode === 'none') return { text: { ja: `${what.ja}が暗号化されていません${note.ja}`, en: `the ${what.en} are not encrypted${note.en}` }, fact: enc };
  const k = keyNote(enc);
  return {
    text: {
      ja: `${what.ja}がクラウド事業者管理の鍵${k.ja}で暗号化されており、顧客管理鍵ではありません`,
      en: `the ${what.en} are encrypted with a provider-managed key${k.en}, not a customer-managed key`,
    },
    fact: enc,
  };
}

function judgeEncryption(model: CloudModel, e: Entity, enc: Fact<Encryption>, what: LocalText): Draft {
  if (!enc.known) return unknownFrom(e, { ja: `${what.ja}の暗号化鍵を判定できません`, en: `cannot tell which key encrypts the ${what.en}` }, [enc]);
  const at = { location: locOf(enc, e), evidence: encryptionEvidence(model, enc) };
  const p = encryptionProblem(enc, what);
  if (p) return fail(e, p.text, at);
  const k = keyLabel(model, enc.value);
  return pass(e, { ja: `${what.ja}は顧客管理鍵${k ? `（${k}）` : ''}で暗号化されています`, en: `the ${what.en} are encrypted with a customer-managed key${k ? ` (${k})` : ''}` }, at);
}

/**
 * Whether every writer of the store delivers only to buckets with S3-managed
 * keys (Application and Classic Load Balancer logs): true, unknown (a writer
 * whose load balancer type cannot be told), or undefined (some writer can use
 * a customer key).
 */
function s3KeysOnly(feeders: LogStorage['feeders']): Fact<boolean> | undefined {
  let result: Fact<boolean> | undefined;
  for (const f of feeders) {
    const only = f.kind === 'log-setting' ? f.onlyS3ManagedKeys : undefined;
    if (!only || (only.known && !only.value)) return undefined;
    if (!result || (result.known && !only.known)) result = only;
  }
  return result;
}

const LB_KEYS: LocalText = {
  ja: 'ロードバランサーのログは S3 管理の鍵（SSE-S3）で暗号化したバケットにだけ配信されます',
  en: 'load balancer logs are delivered only to buckets encrypted with S3-managed keys (SSE-S3)',
};

function judgeStorage(model: CloudModel, { store, feeders }: LogStorage): Draft | undefined {
  const enc = store.encryption;
  const exposed = store.publicRead;
  if (!enc && !exposed) return undefined;
  const problems: Problem[] = [];
  if (exposed?.known && exposed.value) {
    problems.push({ text: { ja: 'ログの保存先が公開されており、誰でも読み取れます', en: 'the log store is public: anyone can read the logs' }, fact: exposed });
  }
  const lbOnly = s3KeysOnly(feeders);
  const evidence = {
    receivesFrom: feeders.map((f) => f.address),
    ...(enc?.known ? encryptionEvidence(model, enc) : {}),
    ...(exposed?.known ? { publicRead: exposed.value } : {}),
  };
  if (enc?.known) {
    const p = encryptionProblem(enc, LOGS);
    if (lbOnly?.known && lbOnly.value) {
      // A customer key cannot be had here, and one set stops the delivery.
      if (!p) problems.push({ text: { ja: `${LB_KEYS.ja}。顧客管理鍵を設定したこのバケットにはログが書き込まれません`, en: `${LB_KEYS.en}: with a customer-managed key this bucket receives no logs` }, fact: enc });
    } else if (p && lbOnly && !lbOnly.known) {
      return unknownFrom(store, { ja: `${LB_KEYS.ja}が、ロードバランサーの種類を判定できず、顧客管理鍵が使えるか分かりません`, en: `${LB_KEYS.en}, and the load balancer's type cannot be told, so whether a customer key can be used is unknown` }, [lbOnly], { evidence });
    } else if (p) {
      problems.push(p);
    }
  }
  if (!problems.length && lbOnly?.known && lbOnly.value && enc?.known && exposed?.known) {
    return notApplicable(store, { ja: `${LB_KEYS.ja}。顧客管理鍵は使えず、公開もされていません`, en: `${LB_KEYS.en}: a customer-managed key cannot be used, and the store is not public` }, {
      location: locOf(enc, store),
      evidence,
    });
  }
  if (problems.length) {
    return fail(store, { ja: problems.map((p) => p.text.ja).join('。'), en: problems.map((p) => p.text.en).join('; ') }, {
      location: locOf(problems[0].fact, store),
      evidence,
    });
  }
  const open = unknownsOf(enc, exposed);
  if (open.length) return unknownFrom(store, { ja: 'ログの保存先の暗号化または公開状態を判定できません', en: 'cannot tell how the log store is encrypted or whether it is public' }, open, { evidence });
  const k = enc?.known ? keyLabel(model, enc.value) : undefined;
  return pass(
    store,
    { ja: `ログの保存先は顧客管理鍵${k ? `（${k}）` : ''}で暗号化され、公開されていません`, en: `the log store is encrypted with a customer-managed key${k ? ` (${k})` : ''} and not public` },
    { location: locOf(enc ?? exposed, store), evidence },
  );
}

export const check: ControlCheck = {
  id: 'LG-6.3',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const l of model.all('log-store')) {
      const enc = encryptionOfLogs(l);
      if (enc) drafts.push(judgeEncryption(model, l, enc, LOGS));
    }
    for (const t of model.all('trail')) {
      if (t.trailType !== 'cloudtrail') continue;
      const enc = encryptionOfLogs(t);
      if (enc) drafts.push(judgeEncryption(model, t, enc, TRAIL_LOGS));
    }
    const dest = logDestinations(model);
    for (const s of dest.storages) {
      const d = judgeStorage(model, s);
      if (d) drafts.push(d);
    }
    for (const { feeder, link } of dest.unresolved) {
      drafts.push(
        unknownFrom(
          feeder,
          { ja: 'ログの送信先が検査対象にないため、その保護を判定できません', en: 'the log destination is not in the scanned inputs, so its protection cannot be judged' },
          [link],
          { key: `destination:${link.cause.inputs.join(',') || link.cause.detail}` },
        ),
      );
    }
    return drafts;
  },
};
