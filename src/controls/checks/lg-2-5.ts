// LG-2.5 鍵の廃棄可能性と誤削除防止: the municipality can destroy its key
// (crypto erasure), yet not at once by accident. KMS: the key policy does not
// take kms:ScheduleKeyDeletion away from the account, the waiting period is at
// least the policy minimum, and (live) a key pending deletion is an approved
// disposal. Key Vault: purge protection is on; its soft-delete retention is
// how long a crypto erasure takes to complete, reported with the result.
import type { Key } from '../../model/keys.js';
import type { Policy } from '../../policy/types.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknown, unknownFrom } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { deletionDenial } from '../data/key-policy.js';
import { readTag } from '../data/tags.js';

function keyPolicy(k: Key): Draft | undefined {
  if (!k.policy) return undefined;
  const key = 'key-policy';
  const d = deletionDenial(k.policy);
  if ('known' in d) {
    return unknownFrom(k, { ja: 'キーポリシーを判定できません', en: 'cannot read the key policy' }, [d], { key, location: locOf(k.policy, k) });
  }
  const at = { key, location: locOf(k.policy, k) };
  switch (d.kind) {
    case 'denied': {
      const sid = d.statement.sid ? `「${d.statement.sid}」` : `${d.statement.index + 1} 番目`;
      const sidEn = d.statement.sid ? `"${d.statement.sid}"` : `#${d.statement.index + 1}`;
      return fail(
        k,
        {
          ja: `キーポリシーのステートメント${sid}が、条件なしでアカウント全体に kms:ScheduleKeyDeletion を拒否しており、鍵を廃棄（暗号化消去）できません`,
          en: `key policy statement ${sidEn} denies kms:ScheduleKeyDeletion to the whole account without a condition, so the key cannot be destroyed (crypto erasure)`,
        },
        { ...at, evidence: { statement: d.statement.sid ?? d.statement.index } },
      );
    }
    case 'open':
      return unknown(
        k,
        { ja: 'キーポリシーが鍵の削除を拒否しているか判定できません', en: 'cannot tell whether the key policy denies key deletion' },
        d.causes,
        at,
      );
    case 'allowed': {
      if (k.policy.known && k.policy.value === null) {
        return pass(k, { ja: '既定のキーポリシーで、アカウントが鍵を削除できます', en: 'the default key policy lets the account delete the key' }, at);
      }
      const partial = d.partial.map((s) => s.sid ?? s.index);
      return pass(
        k,
        partial.length
          ? {
              ja: 'キーポリシーの削除拒否は一部のプリンシパルまたは条件付きに限られ、アカウントは鍵を削除できます',
              en: 'the key policy denies deletion only to some principals or under a condition; the account can still delete the key',
            }
          : { ja: 'キーポリシーは鍵の削除を拒否していません', en: 'the key policy does not deny key deletion' },
        { ...at, ...(partial.length ? { evidence: { conditionalDenials: partial } } : {}) },
      );
    }
  }
}

function deletionWindow(k: Key, policy: Policy): Draft | undefined {
  const w = k.deletionWindowDays;
  if (!w) return undefined;
  const key = 'deletion-window';
  const min = policy.thresholds.keyDeletionWindowMinDays;
  if (!w.known) return unknownFrom(k, { ja: '削除の待機期間を判定できません', en: 'cannot tell the deletion waiting period' }, [w], { key });
  const at = { key, location: locOf(w, k), evidence: { deletionWindowDays: w.value, minimumDays: min } };
  if (w.value >= min) {
    const dflt = w.defaulted ? { ja: '未設定時の既定、', en: 'the default when unset; ' } : { ja: '', en: '' };
    return pass(k, { ja: `削除の待機期間は ${w.value} 日です（${dflt.ja}基準 ${min} 日以上）`, en: `the deletion waiting period is ${w.value} days (${dflt.en}at least ${min})` }, at);
  }
  return fail(
    k,
    {
      ja: `削除の待機期間が ${w.value} 日で、基準の ${min} 日に足りません。誤った削除を取り消す猶予が短すぎます`,
      en: `the deletion waiting period is ${w.value} days, less than ${min}: too little time to cancel a mistaken deletion`,
    },
    at,
  );
}

function pendingDeletion(k: Key, policy: Policy): Draft | undefined {
  const p = k.pendingDeletion;
  if (!p) return undefined;
  const key = 'pending-deletion';
  if (!p.known) return unknownFrom(k, { ja: '削除予定かどうか判定できません', en: 'cannot tell whether the key is pending deletion' }, [p], { key });
  if (!p.value) return pass(k, { ja: '鍵は削除予定ではありません', en: 'the key is not pending deletion' }, { key, location: locOf(p, k) });
  const tagKey = policy.tagKeys.disposal;
  const t = readTag(k, tagKey);
  const at = { key, location: locOf(p, k) };
  if (t.state === 'unknown') {
    return unknownFrom(k, { ja: `削除予定の鍵の ${tagKey} タグを判定できません`, en: `the key is pending deletion and its ${tagKey} tag is unknown` }, [t.fact], at);
  }
  if (t.state === 'known' && t.value.trim().toLowerCase() === 'approved') {
    return pass(k, { ja: `鍵は削除予定で、${tagKey} = approved により承認された廃棄です`, en: `the key is pending deletion, an approved disposal (${tagKey} = approved)` }, at);
  }
  return fail(
    k,
    {
      ja: `鍵が削除予定ですが、承認された廃棄を示す ${tagKey} = approved タグがありません。誤った削除であれば待機期間中に取り消してください`,
      en: `the key is pending deletion without ${tagKey} = approved; if the deletion is a mistake, cancel it within the waiting period`,
    },
    { ...at, evidence: { [tagKey]: t.state === 'known' ? t.value : null } },
  );
}

function purgeProtection(k: Key): Draft | undefined {
  const p = k.purgeProtection;
  if (!p) return undefined;
  const key = 'purge-protection';
  if (!p.known) return unknownFrom(k, { ja: '消去保護が有効か判定できません', en: 'cannot tell whether purge protection is on' }, [p], { key });
  const r = k.softDeleteRetentionDays;
  const days = r?.known ? r.value : undefined;
  const evidence = { purgeProtection: p.value, softDeleteRetentionDays: days ?? null };
  const at = { key, location: locOf(p, k), evidence };
  if (p.value) {
    const delay =
      days !== undefined
        ? { ja: `鍵を削除してから完全に消去されるまで ${days} 日${defaultNote(r!).ja}かかります（暗号化消去の完了までの期間）`, en: `a deleted key is kept ${days} days${defaultNote(r!).en} before it is purged, which is how long a crypto erasure takes to complete` }
        : { ja: '論理削除の保持日数は判定できません', en: 'the soft-delete retention cannot be told' };
    return pass(k, { ja: `消去保護が有効です。${delay.ja}`, en: `purge protection is on; ${delay.en}` }, at);
  }
  const note = defaultNote(p);
  return fail(
    k,
    {
      ja: `消去保護が無効${note.ja}で、削除されたキーや Key Vault を保持期間${days !== undefined ? `（${days} 日）` : ''}が過ぎる前に完全消去（パージ）できてしまい、誤操作による消去を防げません`,
      en: `purge protection is off${note.en}: deleted keys and the vault can be purged before the retention period${days !== undefined ? ` (${days} days)` : ''} ends, so an accidental erasure cannot be prevented`,
    },
    at,
  );
}

export const check: ControlCheck = {
  id: 'LG-2.5',
  check({ model, policy }) {
    const drafts: Draft[] = [];
    for (const k of model.all('key')) {
      const results =
        k.keyType === 'kms-key'
          ? [keyPolicy(k), deletionWindow(k, policy), pendingDeletion(k, policy)]
          : k.keyType === 'key-vault'
            ? [purgeProtection(k)]
            : [];
      for (const d of results) if (d) drafts.push(d);
    }
    return drafts;
  },
};
