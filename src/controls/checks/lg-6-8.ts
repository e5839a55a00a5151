// LG-6.8 鍵のローテーション: customer keys are replaced regularly. KMS:
// automatic rotation on every symmetric encryption key whose material KMS
// generates (asymmetric, HMAC and imported keys cannot rotate automatically
// and are not judged). Key Vault keys: a rotation policy or an expiry date.
import type { Key } from '../../model/keys.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknown, unknownFrom, unknownsOf } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import type { LocalText } from '../../results/finding.js';

/** Whether KMS can rotate the key automatically: true, false with why not, or undefined when it cannot be told. */
function rotatable(k: Key): { can: false; why: LocalText } | { can: true } | undefined {
  const spec = k.keySpec;
  const origin = k.origin;
  if (spec?.known && spec.value !== 'SYMMETRIC_DEFAULT') return { can: false, why: { ja: `鍵の仕様 ${spec.value}`, en: `key spec ${spec.value}` } };
  if (origin?.known && origin.value !== 'AWS_KMS') return { can: false, why: { ja: `鍵マテリアルの生成元 ${origin.value}`, en: `key material origin ${origin.value}` } };
  if (spec?.known && origin?.known) return { can: true };
  return undefined;
}

function kmsKey(k: Key): Draft | undefined {
  const r = k.rotationEnabled;
  if (!r) return undefined;
  if (r.known && r.value) return pass(k, { ja: '自動ローテーションが有効です', en: 'automatic rotation is on' }, { location: locOf(r, k) });
  const can = rotatable(k);
  if (can && !can.can) {
    return notApplicable(
      k,
      { ja: `自動ローテーションできない鍵です（${can.why.ja}）`, en: `the key cannot rotate automatically (${can.why.en})` },
      { location: locOf(k.keySpec?.known && k.keySpec.value !== 'SYMMETRIC_DEFAULT' ? k.keySpec : k.origin, k) },
    );
  }
  const open = unknownsOf(r, k.keySpec, k.origin);
  if (open.length) return unknownFrom(k, { ja: '自動ローテーションが有効か判定できません', en: 'cannot tell whether automatic rotation is on' }, open);
  if (!can) {
    // The lifter did not report what kind of key this is: only a symmetric key with KMS material must rotate.
    return unknown(
      k,
      { ja: '自動ローテーションは無効ですが、対称鍵かどうか判定できません', en: 'automatic rotation is off, but whether the key is a symmetric KMS key cannot be told' },
      [{ inputs: [`${k.address} key spec`], detail: 'the model does not give the key spec and origin of this key' }],
      { location: locOf(r, k) },
    );
  }
  const note = r.known ? defaultNote(r) : { ja: '', en: '' };
  return fail(
    k,
    { ja: `対称鍵の自動ローテーションが無効です${note.ja}`, en: `automatic rotation of the symmetric key is off${note.en}` },
    { location: locOf(r, k), evidence: { rotationEnabled: false } },
  );
}

function vaultKey(k: Key): Draft | undefined {
  const r = k.rotationEnabled;
  const x = k.expires;
  if (!r && !x) return undefined;
  if (r?.known && r.value) return pass(k, { ja: 'ローテーションポリシーで自動的に更新されます', en: 'a rotation policy rotates the key' }, { location: locOf(r, k) });
  if (x?.known && x.value !== null) {
    return pass(k, { ja: `有効期限（${x.value}）が設定されています`, en: `the key expires (${x.value})` }, { location: locOf(x, k), evidence: { expires: x.value } });
  }
  const open = unknownsOf(r, x);
  if (open.length) return unknownFrom(k, { ja: 'ローテーションポリシーまたは有効期限を判定できません', en: 'cannot tell whether the key has a rotation policy or an expiry' }, open);
  if (!r || !x) {
    const missing = !r ? 'rotation policy' : 'expiry';
    return unknown(
      k,
      { ja: 'ローテーションポリシーまたは有効期限を判定できません', en: 'cannot tell whether the key has a rotation policy or an expiry' },
      [{ inputs: [`${k.address} ${missing}`], detail: `the model does not give the ${missing} of this key` }],
    );
  }
  const written = [r, x].find((f) => f.known && !f.defaulted);
  return fail(
    k,
    {
      ja: 'キーを自動で更新するローテーションポリシーも有効期限もありません',
      en: 'the key has neither a rotation policy that rotates it nor an expiry date',
    },
    { location: locOf(written, k) },
  );
}

export const check: ControlCheck = {
  id: 'LG-6.8',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const k of model.all('key')) {
      const d = k.keyType === 'kms-key' ? kmsKey(k) : k.keyType === 'key-vault-key' ? vaultKey(k) : undefined;
      if (d) drafts.push(d);
    }
    return drafts;
  },
};
