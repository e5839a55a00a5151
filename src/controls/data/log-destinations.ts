// Where logs are delivered: the buckets and storage accounts that trails,
// flow logs, access logging and diagnostic settings write to (log stores
// such as log groups and workspaces are entities of their own).
import type { DataStore } from '../../model/data.js';
import type { UnknownFact } from '../../model/fact.js';
import type { LogSetting, Trail } from '../../model/logging.js';
import type { CloudModel } from '../../model/model.js';

export type LogFeeder = Trail | LogSetting;

export interface LogStorage {
  store: DataStore;
  /** What delivers logs there. */
  feeders: LogFeeder[];
}

export interface LogDestinations {
  /** Buckets and storage accounts receiving logs, in model order. */
  storages: LogStorage[];
  /** Destinations the scan cannot resolve (a bucket in another account, a name from an input). */
  unresolved: { feeder: LogFeeder; link: UnknownFact }[];
}

/** The destinations of the feeders `include` accepts. */
export function logDestinations(model: CloudModel, include: (f: LogFeeder) => boolean = () => true): LogDestinations {
  const byId = new Map<string, LogStorage & { seen: Set<LogFeeder> }>();
  const unresolved: LogDestinations['unresolved'] = [];
  const feeders: LogFeeder[] = [...model.all('trail'), ...model.all('log-setting')];
  for (const f of feeders) {
    if (!include(f)) continue;
    if (!f.destinations.known) {
      unresolved.push({ feeder: f, link: f.destinations });
      continue;
    }
    for (const l of f.destinations.value) {
      if (!l.known) {
        unresolved.push({ feeder: f, link: l });
        continue;
      }
      const store = model.getOf(l.value, 'data-store');
      if (!store) continue;
      const cur = byId.get(store.id);
      if (!cur) byId.set(store.id, { store, feeders: [f], seen: new Set([f]) });
      else if (!cur.seen.has(f)) {
        cur.seen.add(f);
        cur.feeders.push(f);
      }
    }
  }
  return { storages: [...byId.values()].map(({ store, feeders }) => ({ store, feeders })), unresolved };
}
