// LG-2.3 顧客管理鍵による保存時暗号化: data at rest is encrypted with a key
// the municipality controls, so that destroying the key erases the data
// (crypto erasure). Provider-managed keys cannot be destroyed by the customer.
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom } from '../draft.js';

export const check: ControlCheck = {
  id: 'LG-2.3',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const s of model.all('data-store')) {
      const enc = s.encryption;
      if (!enc) continue;
      if (!enc.known) {
        drafts.push(unknownFrom(s, { ja: '保存時暗号化の鍵を判定できません', en: 'cannot tell which key encrypts the data at rest' }, [enc]));
        continue;
      }
      const at = { location: locOf(enc, s), evidence: { encryption: enc.value.mode, ...(enc.value.keyText ? { key: enc.value.keyText } : {}) } };
      switch (enc.value.mode) {
        case 'customer-managed':
          drafts.push(pass(s, { ja: '顧客管理鍵で暗号化されています', en: 'encrypted with a customer-managed key' }, at));
          break;
        case 'provider-managed':
          drafts.push(
            fail(
              s,
              {
                ja: 'クラウド事業者管理の鍵で暗号化されており、団体が鍵を廃棄して暗号化消去することができません',
                en: 'encrypted with a provider-managed key, which the municipality cannot destroy for crypto erasure',
              },
              at,
            ),
          );
          break;
        case 'none':
          drafts.push(fail(s, { ja: '保存時に暗号化されていません', en: 'not encrypted at rest' }, at));
          break;
      }
    }
    for (const l of model.all('log-store')) {
      const k = l.kmsKey;
      if (!k) continue;
      if (!k.known) drafts.push(unknownFrom(l, { ja: 'ログの暗号化鍵を判定できません', en: 'cannot tell which key encrypts the logs' }, [k]));
      else if (k.value === null) {
        drafts.push(
          fail(l, {
            ja: 'ログが顧客管理鍵で暗号化されていません（既定のサービス鍵のみ）',
            en: 'logs are not encrypted with a customer-managed key (service default key only)',
          }, { location: locOf(k, l) }),
        );
      } else drafts.push(pass(l, { ja: 'ログは顧客管理鍵で暗号化されています', en: 'logs are encrypted with a customer-managed key' }, { location: locOf(k, l) }));
    }
    return drafts;
  },
};
