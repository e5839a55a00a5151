// Log Analytics workspaces -> LogStore 'log-analytics-workspace'.
// Retention: 30 days when unset (7 on the legacy Free tier); -1 on legacy
// unlimited plans means kept forever; a table that keeps its logs for less
// (`workspaces/tables`, azurerm_log_analytics_workspace_table) shortens it. Workspaces are encrypted with
// Microsoft-managed keys unless linked to a dedicated cluster that has a
// Key Vault key (ARM `features.clusterResourceId` or a `cluster` linked
// service; azurerm_log_analytics_linked_service + a cluster customer key).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, mapFact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { causeOf, numberFact } from '../../lift-values.js';
import type { LogStore } from '../../logging.js';
import { ancestorId } from './arm-ids.js';
import { attr, isSet, knownText, prop } from './attribute-paths.js';
import { azureBase } from './base.js';
import { later } from './deferred.js';
import { keyReference } from './key-reference.js';
import { ARM, TERRAFORM } from './sources.js';

function retention(v: Value | undefined, sku: Value | undefined, r: NativeResource, name: string): Fact<number | null> {
  const free = knownText(sku)?.toLowerCase() === 'free';
  return mapFact(numberFact(v, r, { name, default: free ? 7 : 30 }), (d): number | null => (d < 0 ? null : d));
}

/** The key a LogStore names (`kmsKey`): the key entity, else the key as written, else null. */
function keyOf(enc: Fact<Encryption>): Fact<string | null> {
  if (!enc.known) return enc;
  const e = enc.value;
  if (e.mode !== 'customer-managed') return { ...enc, value: null };
  if (e.key?.known) return { ...enc, value: e.key.value };
  return e.key && !e.keyText ? e.key : { ...enc, value: e.keyText ?? null };
}

/** Keys of dedicated clusters, by cluster native key; filled in the entity pass. */
const clusterKeys = new WeakMap<object, Map<string, Fact<Encryption>>>();

function clusters(ctx: LiftContext): Map<string, Fact<Encryption>> {
  let m = clusterKeys.get(ctx.model);
  if (!m) clusterKeys.set(ctx.model, (m = new Map()));
  return m;
}

function workspace(r: NativeResource, ctx: LiftContext, retentionDays: Fact<number | null>): LogStore {
  const w: LogStore = {
    ...azureBase(r, ctx),
    kind: 'log-store',
    storeType: 'log-analytics-workspace',
    retentionDays,
    encryption: defaulted({ mode: 'provider-managed' }, r.loc),
  };
  later(ctx, () => (w.kmsKey = keyOf(w.encryption!)), 'derive');
  return w;
}

/** Links the workspace to a dedicated cluster: it takes the cluster's encryption once clusters are known. */
function useCluster(ctx: LiftContext, w: LogStore | undefined, r: NativeResource, v: Value | undefined, name: string): void {
  if (!w || !isSet(v)) return;
  const cluster = v.kind === 'ref' ? ctx.links.native(v.target) : ctx.links.byIdentity(knownText(v) ?? (v.kind === 'unknown' ? (v.expr ?? '') : ''));
  later(ctx, () => {
    const enc = cluster ? clusters(ctx).get(cluster.key) : undefined;
    if (enc) w.encryption = r.conditional ? unknownFact(r.conditional, v.loc ?? r.loc) : enc;
    else w.encryption = unknownFact(cluster ? { inputs: [cluster.address], detail: `the encryption of cluster ${cluster.address} is not known` } : causeOf(v, r, name), v.loc ?? r.loc);
  });
}

const armWorkspaces: LiftHandler = {
  types: ['Microsoft.OperationalInsights/workspaces'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const w = workspace(r, ctx, retention(prop(r, 'retentionInDays'), prop(r, 'sku', 'name'), r, 'retentionInDays'));
    ctx.model.add(w);
    useCluster(ctx, w, r, prop(r, 'features', 'clusterResourceId'), 'features.clusterResourceId');
  },
};

const armClusters: LiftHandler = {
  types: ['Microsoft.OperationalInsights/clusters'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const uri = prop(r, 'keyVaultProperties', 'keyVaultUri');
    clusters(ctx).set(r.key, isSet(uri) ? keyReference(ctx, r, uri, 'keyVaultProperties.keyVaultUri', prop(r, 'keyVaultProperties', 'keyName')) : defaulted({ mode: 'provider-managed' }, r.loc));
  },
};

const armLinkedServices: LiftHandler = {
  types: ['Microsoft.OperationalInsights/workspaces/linkedServices'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const id = ancestorId(r, 1);
    const n = id ? ctx.links.byIdentity(id) : undefined;
    const w = n ? ctx.model.getOf(n.key, 'log-store') : undefined;
    useCluster(ctx, w, r, prop(r, 'writeAccessResourceId'), 'writeAccessResourceId');
  },
};

const terraformWorkspaces: LiftHandler = {
  types: ['azurerm_log_analytics_workspace'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(workspace(r, ctx, retention(attr(r, 'retention_in_days'), attr(r, 'sku'), r, 'retention_in_days')));
  },
};

const terraformClusterKeys: LiftHandler = {
  types: ['azurerm_log_analytics_cluster_customer_managed_key'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const cluster = attr(r, 'log_analytics_cluster_id');
    const key = attr(r, 'key_vault_key_id');
    if (cluster?.kind === 'ref' && isSet(key)) clusters(ctx).set(cluster.target, keyReference(ctx, r, key, 'key_vault_key_id'));
  },
};

const terraformClusters: LiftHandler = {
  types: ['azurerm_log_analytics_cluster'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    // Without a customer-key resource the cluster encrypts with Microsoft-managed keys.
    if (!clusters(ctx).has(r.key)) clusters(ctx).set(r.key, defaulted({ mode: 'provider-managed' }, r.loc));
  },
};

const terraformLinkedServices: LiftHandler = {
  types: ['azurerm_log_analytics_linked_service'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const v = attr(r, 'workspace_id');
    const w = v?.kind === 'ref' ? ctx.model.getOf(v.target, 'log-store') : undefined;
    useCluster(ctx, w, r, attr(r, 'write_access_id'), 'write_access_id');
  },
};

/**
 * A table keeps its logs for its total retention (interactive plus
 * long-term); unset or -1, the interactive retention; unset or -1 again, the
 * workspace's. A table that keeps less than its workspace shortens what the
 * workspace keeps of all its logs; one whose retention is not known leaves
 * the workspace unknown.
 */
function tableRetention(ctx: LiftContext, w: LogStore | undefined, r: NativeResource, total: { v: Value | undefined; name: string }, interactive: { v: Value | undefined; name: string }): void {
  if (!w) return;
  later(
    ctx,
    () => {
      const ws = w.retentionDays;
      if (!ws?.known) return;
      let days: Fact<number | null> = ws;
      for (const x of [interactive, total]) {
        if (!isSet(x.v)) continue;
        const n = numberFact(x.v, r, { name: x.name });
        if (!n.known) {
          days = n;
          break;
        }
        if (n.value >= 0) days = n;
      }
      if (!days.known) w.retentionDays = r.conditional ? unknownFact(r.conditional, r.loc) : days;
      else if (days.value !== null && (ws.value === null || days.value < ws.value)) w.retentionDays = r.conditional ? unknownFact(r.conditional, days.loc ?? r.loc) : days;
    },
    'derive',
  );
}

const armTables: LiftHandler = {
  types: ['Microsoft.OperationalInsights/workspaces/tables'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const id = ancestorId(r, 1);
    const n = id ? ctx.links.byIdentity(id) : undefined;
    tableRetention(ctx, n ? ctx.model.getOf(n.key, 'log-store') : undefined, r, { v: prop(r, 'totalRetentionInDays'), name: 'totalRetentionInDays' }, { v: prop(r, 'retentionInDays'), name: 'retentionInDays' });
  },
};

const terraformTables: LiftHandler = {
  types: ['azurerm_log_analytics_workspace_table'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const v = attr(r, 'workspace_id');
    const w = v?.kind === 'ref' ? ctx.model.getOf(v.target, 'log-store') : undefined;
    tableRetention(ctx, w, r, { v: attr(r, 'total_retention_in_days'), name: 'total_retention_in_days' }, { v: attr(r, 'retention_in_days'), name: 'retention_in_days' });
  },
};

export const logAnalyticsHandlers: LiftHandler[] = [
  armTables,
  terraformTables,
  armWorkspaces,
  armClusters,
  armLinkedServices,
  terraformWorkspaces,
  terraformClusterKeys,
  terraformClusters,
  terraformLinkedServices,
];

