// Encryption at rest as the data and log controls read it: the same
// Encryption fact for data stores, log stores and trails, and how a result
// names the key.
import type { Encryption } from '../../model/data.js';
import type { Fact } from '../../model/fact.js';
import type { LogStore, Trail } from '../../model/logging.js';
import type { CloudModel } from '../../model/model.js';
import type { LocalText } from '../../results/finding.js';

/** A log store's or trail's encryption; older lifters only set `kmsKey` (null = the service's own key). */
export function encryptionOfLogs(l: LogStore | Trail): Fact<Encryption> | undefined {
  if (l.encryption) return l.encryption;
  const k = l.kmsKey;
  if (!k) return undefined;
  if (!k.known) return k;
  const value: Encryption = k.value === null ? { mode: 'provider-managed' } : { mode: 'customer-managed', keyText: k.value };
  return { ...k, value };
}

/** The key as a result shows it: the key entity's address, else the key as written. */
export function keyLabel(model: CloudModel, e: Encryption): string | undefined {
  if (e.key?.known) {
    const k = model.get(e.key.value);
    if (k) return k.address;
  }
  return e.keyText;
}

/** Evidence of an encryption fact. */
export function encryptionEvidence(model: CloudModel, f: Fact<Encryption> & { known: true }): Record<string, unknown> {
  const key = keyLabel(model, f.value);
  return { encryption: f.value.mode, ...(key ? { key } : {}), ...(f.defaulted ? { defaulted: true } : {}) };
}

/** `（既定）` / ` (default)` after a value the definition left to the platform. */
export function defaultNote(f: Fact<unknown>): LocalText {
  return f.known && f.defaulted ? { ja: '（未設定時の既定）', en: ' (the default when unset)' } : { ja: '', en: '' };
}

/** `（alias/aws/s3、未設定時の既定）` / ` (alias/aws/s3, the default when unset)`: the provider key as written and whether it is the default. */
export function keyNote(enc: Fact<Encryption> & { known: true }): LocalText {
  const ja = [enc.value.keyText, enc.defaulted ? '未設定時の既定' : undefined].filter(Boolean);
  const en = [enc.value.keyText, enc.defaulted ? 'the default when unset' : undefined].filter(Boolean);
  return ja.length ? { ja: `（${ja.join('、')}）`, en: ` (${en.join(', ')})` } : { ja: '', en: '' };
}
