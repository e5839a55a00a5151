// Which stores each customer key encrypts (LG-2.4): stores are grouped by
// the key entity they name, else by the key as written (a literal ARN or
// alias), else by the one input that names a customer key the scan cannot
// resolve: stores fed from the same input get the same key.
import type { DataStore, Encryption } from '../../model/data.js';
import type { Fact, UnknownFact } from '../../model/fact.js';
import type { Key } from '../../model/keys.js';
import type { LogStore } from '../../model/logging.js';
import type { CloudModel } from '../../model/model.js';
import type { SourceLoc } from '../../readers/value.js';
import { encryptionOfLogs } from './encryption.js';

export type KeyUserEntity = DataStore | LogStore;

export interface KeyUser {
  store: KeyUserEntity;
  /** Where the store names the key. */
  loc: SourceLoc;
}

export interface KeyGroup {
  /** The key entity, when the model has it. */
  key?: Key;
  /** A disk encryption set whose Key Vault key cannot be told: it may share that key with other groups. */
  hiddenKey?: UnknownFact;
  /** How the key is named when there is no entity: the ARN or alias as written, or the input that gives it. */
  named?: { text: string; from: 'written' | 'input' };
  users: KeyUser[];
}

/** A disk encryption set stands for the Key Vault key behind it: destroying that key erases both. */
function rootKey(model: CloudModel, id: string): Key | undefined {
  const k = model.getOf(id, 'key');
  if (k?.keyType === 'disk-encryption-set' && k.parent?.known) return model.getOf(k.parent.value, 'key') ?? k;
  return k;
}

function groupId(model: CloudModel, enc: Fact<Encryption>): { id: string; key?: Key; named?: KeyGroup['named'] } | undefined {
  // An unknown encryption may be unknown for another reason than its key (the algorithm): not grouped.
  if (!enc.known) return undefined;
  const e = enc.value;
  if (e.mode !== 'customer-managed') return undefined;
  if (e.key?.known) {
    const key = rootKey(model, e.key.value);
    if (key) return { id: `key:${key.id}`, key };
  }
  if (e.keyText) return { id: `text:${e.keyText}`, named: { text: e.keyText, from: 'written' } };
  if (e.key && !e.key.known && e.key.cause.inputs.length === 1) {
    const input = e.key.cause.inputs[0];
    return { id: `input:${input}`, named: { text: input, from: 'input' } };
  }
  return undefined;
}

/** Every customer key of the model (used or not) and every key named only by text or input, with the stores it encrypts. */
export function keyGroups(model: CloudModel): KeyGroup[] {
  const groups = new Map<string, KeyGroup>();
  for (const k of model.all('key')) {
    if (k.keyType === 'key-vault') continue;
    const root = rootKey(model, k.id);
    if (!root || root.id !== k.id) continue;
    const hidden = k.keyType === 'disk-encryption-set' && k.parent && !k.parent.known ? k.parent : undefined;
    groups.set(`key:${k.id}`, { key: k, ...(hidden ? { hiddenKey: hidden } : {}), users: [] });
  }
  const add = (store: KeyUserEntity, enc: Fact<Encryption> | undefined) => {
    if (!enc) return;
    const g = groupId(model, enc);
    if (!g) return;
    let group = groups.get(g.id);
    if (!group) groups.set(g.id, (group = { ...(g.key ? { key: g.key } : {}), ...(g.named ? { named: g.named } : {}), users: [] }));
    group.users.push({ store, loc: enc.loc ?? store.loc });
  };
  for (const s of model.all('data-store')) add(s, s.encryption);
  for (const l of model.all('log-store')) add(l, encryptionOfLogs(l));
  return [...groups.values()];
}
