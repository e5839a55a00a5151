// Builders for the resilience and logging control tests (LG-4.x, LG-6.1,
// 6.2, 6.4, 6.5): workloads, load balancers, backup plans, locks, flow logs
// and scan scopes, made the way the lifters make them, on top of the graph
// tests' ModelBuilder.
import type { BackupPlan, ResourceLock } from '../../src/model/account.js';
import type { Compute, ComputeType, LoadBalancer } from '../../src/model/compute.js';
import { defaulted } from '../../src/model/fact.js';
import type { LogSetting } from '../../src/model/logging.js';
import type { ScanScope } from '../../src/model/model.js';
import type { SourceKind } from '../../src/readers/native.js';
import type { UnknownCause } from '../../src/readers/value.js';
import type { ModelBuilder, Tags } from '../graph/model-builder.js';

export function compute(b: ModelBuilder, address: string, computeType: ComputeType, fields: Partial<Compute> = {}, tags: Tags = {}): Compute {
  const c: Compute = { ...b.base(address, computeType, tags), kind: 'compute', computeType, subnets: b.links([]), ...fields };
  b.model.add(c);
  return c;
}

/** Siblings of one definition share its location, as count / for_each instances do. */
export function sibling(b: ModelBuilder, of: Compute, address: string, fields: Partial<Compute> = {}): Compute {
  const c: Compute = { ...of, id: address, address, ...fields };
  b.model.add(c);
  return c;
}

export function loadBalancer(b: ModelBuilder, address: string, lbType: LoadBalancer['lbType'], fields: Partial<LoadBalancer> = {}): LoadBalancer {
  const lb: LoadBalancer = { ...b.base(address, lbType), kind: 'load-balancer', lbType, internetFacing: b.fact(false), subnets: b.links([]), listeners: [], ...fields };
  b.model.add(lb);
  return lb;
}

export function backupPlan(b: ModelBuilder, address: string, retentionDays: number | null | UnknownCause, fields: Partial<BackupPlan> = {}): BackupPlan {
  const p: BackupPlan = {
    ...b.base(address, 'backup-plan'),
    kind: 'backup-plan',
    retentionDays: b.fact<number | null>(retentionDays),
    selects: b.links([]),
    selectsAll: defaulted(false, b.loc()),
    ...fields,
  };
  b.model.add(p);
  return p;
}

export function lock(b: ModelBuilder, address: string, level: 'CanNotDelete' | 'ReadOnly' | UnknownCause, target: string, covers: (string | UnknownCause)[] | UnknownCause): ResourceLock {
  const l: ResourceLock = { ...b.base(address, 'lock'), kind: 'lock', level: b.fact<'CanNotDelete' | 'ReadOnly'>(level), target: b.link(target), covers: b.links(covers) };
  b.model.add(l);
  return l;
}

export function flowLog(
  b: ModelBuilder,
  address: string,
  target: string | UnknownCause,
  fields: Partial<LogSetting> = {},
  settingType: LogSetting['settingType'] = 'vpc-flow-log',
): LogSetting {
  const s: LogSetting = { ...b.base(address, settingType), kind: 'log-setting', settingType, target: b.link(target), destinations: b.links([]), enabled: b.fact(true), ...fields };
  b.model.add(s);
  return s;
}

/** The scan scope the builder's entities belong to (ModelBuilder puts them in `network`). */
export function scope(b: ModelBuilder, cloud: 'aws' | 'azure', source: SourceKind, label = 'network'): ScanScope {
  const s: ScanScope = { id: `${source}:${label}`, scope: 'network', cloud, source, label };
  b.model.addScope(s);
  return s;
}

/** Moves entities to a live source, as a live scan would lift them. */
export function live<T extends { source: SourceKind }>(e: T, source: SourceKind = 'aws-config'): T {
  e.source = source;
  return e;
}
