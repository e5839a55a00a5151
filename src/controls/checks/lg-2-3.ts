// LG-2.3 顧客管理鍵による保存時暗号化: data at rest is encrypted with a key
// the municipality controls, so that destroying the key erases the data
// (crypto erasure). Provider-managed keys cannot be destroyed by the customer.
import type { Encryption } from '../../model/data.js';
import type { Fact } from '../../model/fact.js';
import type { Entity } from '../../model/model.js';
import type { CloudModel } from '../../model/model.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom } from '../draft.js';
import { defaultNote, encryptionEvidence, encryptionOfLogs, keyLabel, keyNote } from '../data/encryption.js';
import { needsCustomerKey } from '../data/information-stores.js';
import { partKey } from '../data/entity-part.js';

function judge(model: CloudModel, e: Entity, enc: Fact<Encryption>, what: LocalText): Draft {
  const key = partKey(e);
  const extra = key ? { key } : {};
  if (!enc.known) {
    return unknownFrom(e, { ja: `${what.ja}の暗号化鍵を判定できません`, en: `cannot tell which key encrypts the ${what.en}` }, [enc], extra);
  }
  const at = { location: locOf(enc, e), evidence: encryptionEvidence(model, enc), ...extra };
  const note = defaultNote(enc);
  switch (enc.value.mode) {
    case 'customer-managed': {
      const k = keyLabel(model, enc.value);
      return pass(e, { ja: `${what.ja}は顧客管理鍵${k ? `（${k}）` : ''}で暗号化されています`, en: `the ${what.en} are encrypted with a customer-managed key${k ? ` (${k})` : ''}` }, at);
    }
    case 'provider-managed': {
      const k = keyNote(enc);
      return fail(
        e,
        {
          ja: `${what.ja}はクラウド事業者管理の鍵${k.ja}で暗号化されており、団体が鍵を廃棄して暗号化消去することができません`,
          en: `the ${what.en} are encrypted with a provider-managed key${k.en}, which the municipality cannot destroy for crypto erasure`,
        },
        at,
      );
    }
    case 'none':
      return fail(e, { ja: `${what.ja}は保存時に暗号化されていません${note.ja}`, en: `the ${what.en} are not encrypted at rest${note.en}` }, at);
  }
}

const DATA: LocalText = { ja: 'データ', en: 'data' };
const LOGS: LocalText = { ja: 'ログ', en: 'logs' };

export const check: ControlCheck = {
  id: 'LG-2.3',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const s of model.all('data-store')) {
      if (s.encryption && needsCustomerKey(s)) drafts.push(judge(model, s, s.encryption, DATA));
    }
    for (const l of model.all('log-store')) {
      const enc = encryptionOfLogs(l);
      if (enc) drafts.push(judge(model, l, enc, LOGS));
    }
    return drafts;
  },
};
