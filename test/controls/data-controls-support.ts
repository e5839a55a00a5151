// Shared pieces of the data, key and evidence control tests (LG-2.x, 5.3,
// 6.3, 6.8): entities the graph tests' ModelBuilder does not make, built the
// way the lifters build them, and a runner for one control.
import type { ControlCheck, Draft } from '../../src/controls/control.js';
import { buildGraph } from '../../src/graph/build.js';
import type { DataStore, Encryption, StoreType } from '../../src/model/data.js';
import type { Fact } from '../../src/model/fact.js';
import { defaulted, fact } from '../../src/model/fact.js';
import type { Key } from '../../src/model/keys.js';
import type { LogSetting, LogStore, Trail } from '../../src/model/logging.js';
import type { Policy } from '../../src/policy/types.js';
import { defaultPolicy } from '../../src/policy/types.js';
import type { ModelBuilder, Tags } from '../graph/model-builder.js';

export const NOW = new Date('2026-11-28T10:00:00+09:00');

export function run(check: ControlCheck, b: ModelBuilder, policy: Policy = defaultPolicy()): Draft[] {
  return check.check({ model: b.model, graph: buildGraph(b.model, policy), policy, now: NOW });
}

/** The drafts about one address (entity or scope label). */
export function about(drafts: Draft[], address: string): Draft[] {
  return drafts.filter((d) => ('address' in d.subject ? d.subject.address : d.subject.label) === address);
}

/** The one draft about an address (with that key); fails the test when there are none or several. */
export function only(drafts: Draft[], address: string, key?: string): Draft {
  const hits = about(drafts, address).filter((d) => key === undefined || d.key === key);
  if (hits.length !== 1) throw new Error(`expected one draft for ${address}${key ? ` [${key}]` : ''}, got ${hits.length}`);
  return hits[0];
}

export function customerKey(b: ModelBuilder, keyId: string | { keyText: string }): Fact<Encryption> {
  return typeof keyId === 'string' ? b.fact<Encryption>({ mode: 'customer-managed', key: b.link(keyId) }) : b.fact<Encryption>({ mode: 'customer-managed', keyText: keyId.keyText });
}

export function providerKey(b: ModelBuilder, keyText?: string, isDefault = false): Fact<Encryption> {
  const e: Encryption = { mode: 'provider-managed', ...(keyText ? { keyText } : {}) };
  return isDefault ? defaulted(e, b.loc()) : b.fact(e);
}

export function store(b: ModelBuilder, address: string, storeType: StoreType, fields: Partial<DataStore> = {}, tags: Tags = {}): DataStore {
  const s: DataStore = { ...b.base(address, storeType, tags), kind: 'data-store', storeType, ...fields };
  b.model.add(s);
  return s;
}

export function key(b: ModelBuilder, address: string, keyType: Key['keyType'], fields: Partial<Key> = {}, tags: Tags = {}): Key {
  const k: Key = { ...b.base(address, keyType, tags), kind: 'key', keyType, ...fields };
  b.model.add(k);
  return k;
}

export function logStore(b: ModelBuilder, address: string, fields: Partial<LogStore> = {}, tags: Tags = {}): LogStore {
  const l: LogStore = { ...b.base(address, 'log-store', tags), kind: 'log-store', storeType: 'cloudwatch-log-group', retentionDays: fact(null), ...fields };
  b.model.add(l);
  return l;
}

export function trail(b: ModelBuilder, address: string, destinations: (string | { inputs: string[]; detail: string })[], fields: Partial<Trail> = {}): Trail {
  const t: Trail = {
    ...b.base(address, 'trail'),
    kind: 'trail',
    trailType: 'cloudtrail',
    managementEvents: b.fact(true),
    destinations: b.links(destinations),
    ...fields,
  };
  b.model.add(t);
  return t;
}

export function diagnosticSetting(b: ModelBuilder, address: string, target: string, destinations: string[], categories: Fact<string[]>): LogSetting {
  const s: LogSetting = {
    ...b.base(address, 'diagnostic-setting'),
    kind: 'log-setting',
    settingType: 'diagnostic-setting',
    target: b.link(target),
    destinations: b.links(destinations),
    enabled: b.fact(true),
    categories,
  };
  b.model.add(s);
  return s;
}
