// Lifecycle rules limited by prefixMatch, blobTypes or blobIndexMatch: a
// storage account's expiration is that of the logs written to it, in the
// containers and blob type each writer uses.
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../../src/model/fact.js';
import type { NativeResource } from '../../../../src/readers/native.js';
import { arm, armId, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, lift } from './harness.js';

const SA = 'Microsoft.Storage/storageAccounts';

function expiration(resources: NativeResource[], key = tfKey('azurerm_storage_account.logs')): Fact<number | null> | undefined {
  return get(lift(resources).model, key, 'data-store').expirationDays;
}

const logs = tf('azurerm_storage_account', 'logs', { name: 'stcitylogs', location: 'japaneast', account_tier: 'Standard', account_replication_type: 'ZRS' });
const vault = tf('azurerm_key_vault', 'kv', { name: 'kv-city', location: 'japaneast' });

function diagnostics(...categories: string[]): NativeResource {
  return tf('azurerm_monitor_diagnostic_setting', 'kv', {
    name: 'to-storage',
    target_resource_id: tfRef('azurerm_key_vault.kv'),
    storage_account_id: tfRef('azurerm_storage_account.logs'),
    enabled_log: categories.map((c) => (c === 'allLogs' ? { category_group: c } : { category: c })),
  });
}

function activityLog(): NativeResource {
  return tf('azurerm_monitor_diagnostic_setting', 'activity', {
    name: 'activity-to-storage',
    target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
    storage_account_id: tfRef('azurerm_storage_account.logs'),
    enabled_log: [{ category: 'Administrative' }],
  });
}

function policy(...rule: Record<string, unknown>[]): NativeResource {
  return tf('azurerm_storage_management_policy', 'logs', { storage_account_id: tfRef('azurerm_storage_account.logs'), rule });
}

function rule(name: string, days: number, filters: Record<string, unknown> = { blob_types: ['blockBlob', 'appendBlob'] }): Record<string, unknown> {
  return { name, enabled: true, filters: [filters], actions: [{ base_blob: [{ delete_after_days_since_modification_greater_than: days }] }] };
}

const keep = rule('keep', 2555);

describe('Azure lifecycle filters against the containers diagnostic settings write', () => {
  it('a rule whose prefixMatch covers insights-logs-<category> deletes the logs; one on other containers does not', () => {
    const audit = rule('audit', 90, { blob_types: ['appendBlob'], prefix_match: ['insights-logs-auditevent'] });
    const exports = rule('exports', 1, { blob_types: ['appendBlob', 'blockBlob'], prefix_match: ['exports/', 'tmp/'] });
    expect(expiration([logs, vault, diagnostics('AuditEvent'), policy(keep, audit, exports)])).toMatchObject({ known: true, value: 90 });
    expect(expiration([logs, vault, diagnostics('AuditEvent'), policy(keep, exports)])).toMatchObject({ known: true, value: 2555 });
    // The Activity Log's container is insights-activity-logs: the rule on insights-logs-auditevent misses it.
    expect(expiration([logs, activityLog(), policy(keep, audit)])).toMatchObject({ known: true, value: 2555 });
    // Every Activity Log blob is named insights-activity-logs/resourceId=/SUBSCRIPTIONS/<id>/….
    const bySubscriptions = rule('activity', 365, { blob_types: ['appendBlob'], prefix_match: ['insights-activity-logs/resourceId=/SUBSCRIPTIONS/'] });
    expect(expiration([logs, activityLog(), policy(keep, bySubscriptions)])).toMatchObject({ known: true, value: 365 });
    const insights = rule('insights', 30, { blob_types: ['appendBlob'], prefix_match: ['insights-'] });
    expect(expiration([logs, activityLog(), policy(keep, insights)])).toMatchObject({ known: true, value: 30 });
  });

  it('diagnostic logs are append blobs: a blockBlob rule does not reach them, but reaches NSG flow logs', () => {
    const blocks = rule('cool-data', 30, { blob_types: ['blockBlob'] });
    expect(expiration([logs, vault, diagnostics('AuditEvent'), policy(keep, blocks)])).toMatchObject({ known: true, value: 2555 });
    const nsg = tf('azurerm_network_security_group', 'web', { name: 'nsg-web', location: 'japaneast' });
    const flow = tf('azurerm_network_watcher_flow_log', 'web', {
      name: 'nsg-web-flow',
      network_security_group_id: tfRef('azurerm_network_security_group.web'),
      storage_account_id: tfRef('azurerm_storage_account.logs'),
      enabled: true,
      retention_policy: [{ enabled: false, days: 0 }],
    });
    expect(expiration([logs, nsg, flow, policy(keep, blocks)])).toMatchObject({ known: true, value: 30 });
  });

  it('a rule that may reach only some of the logs is unknown when it deletes sooner, and does not matter when later', () => {
    // allLogs writes to containers the definition does not name, all under insights-logs-.
    const one = rule('one-category', 30, { blob_types: ['appendBlob'], prefix_match: ['insights-logs-auditevent/'] });
    const open = expiration([logs, vault, diagnostics('allLogs'), policy(keep, one)]);
    expect(open?.known).toBe(false);
    if (open && !open.known) expect(open.cause.detail).toContain('only some of the logs azurerm_monitor_diagnostic_setting.kv delivers (under "insights-logs-")');
    const later = rule('one-category', 4000, { blob_types: ['appendBlob'], prefix_match: ['insights-logs-auditevent/'] });
    expect(expiration([logs, vault, diagnostics('allLogs'), policy(keep, later)])).toMatchObject({ known: true, value: 2555 });
    // Only blobs under one resource ID inside the container.
    const deeper = rule('one-subscription', 30, { blob_types: ['appendBlob'], prefix_match: ['insights-logs-auditevent/resourceId=/SUBSCRIPTIONS/0000'] });
    expect(expiration([logs, vault, diagnostics('AuditEvent'), policy(keep, deeper)])?.known).toBe(false);
  });

  it('blob index tag conditions leave a reaching rule unknown when sooner', () => {
    const tagged = rule('tagged', 7, { blob_types: ['appendBlob'], match_blob_index_tag: [{ name: 'retention', operation: '==', value: 'short' }] });
    const open = expiration([logs, vault, diagnostics('AuditEvent'), policy(keep, tagged)]);
    expect(open?.known).toBe(false);
    if (open && !open.known) expect(open.cause.detail).toContain('index tag retention == "short"');
  });

  it('categories or a prefix from unresolved inputs are unknown naming them; a whole-account rule stays certain', () => {
    const dynamic = tf('azurerm_monitor_diagnostic_setting', 'kv', {
      name: 'to-storage',
      target_resource_id: tfRef('azurerm_key_vault.kv'),
      storage_account_id: tfRef('azurerm_storage_account.logs'),
      enabled_log: [unk('data.azurerm_monitor_diagnostic_categories.kv', 'read at plan time', 'dynamic "enabled_log"')],
    });
    const filtered = rule('audit', 90, { blob_types: ['appendBlob'], prefix_match: ['insights-logs-auditevent/'] });
    const open = expiration([logs, vault, dynamic, policy(filtered)]);
    expect(open?.known).toBe(false);
    if (open && !open.known) expect(open.cause.inputs).toEqual(['data.azurerm_monitor_diagnostic_categories.kv']);
    expect(expiration([logs, vault, dynamic, policy(keep)])).toMatchObject({ known: true, value: 2555 });
    const fromVar = rule('var', 30, { blob_types: ['appendBlob'], prefix_match: [unk('var.log_container')] });
    const byVar = expiration([logs, vault, diagnostics('AuditEvent'), policy(keep, fromVar)]);
    expect(byVar?.known).toBe(false);
    if (byVar && !byVar.known) expect(byVar.cause.inputs).toEqual(['var.log_container']);
  });

  it('plan JSON: unset ages are -1 and empty filter lists filter nothing', () => {
    const planned = {
      name: 'by-creation',
      enabled: true,
      filters: [{ blob_types: ['appendBlob'], prefix_match: [], match_blob_index_tag: [] }],
      actions: [{ base_blob: [{ delete_after_days_since_modification_greater_than: -1, delete_after_days_since_creation_greater_than: 400, delete_after_days_since_last_access_time_greater_than: -1, tier_to_cool_after_days_since_modification_greater_than: -1 }], snapshot: [], version: [] }],
    };
    expect(expiration([logs, vault, diagnostics('AuditEvent'), policy(planned)])).toMatchObject({ known: true, value: 400 });
  });

  it('a policy under a count that cannot be evaluated is unknown on it when it would delete the logs', () => {
    const conditional = { ...policy(keep), conditional: { inputs: ['var.enable_lifecycle'], detail: 'count = var.enable_lifecycle ? 1 : 0 cannot be evaluated' } };
    const e = expiration([logs, vault, diagnostics('AuditEvent'), conditional]);
    expect(e?.known).toBe(false);
    if (e && !e.known) expect(e.cause.inputs).toEqual(['var.enable_lifecycle']);
    const elsewhere = { ...policy(rule('tmp', 1, { blob_types: ['blockBlob'], prefix_match: ['tmp/'] })), conditional: conditional.conditional };
    expect(expiration([logs, vault, diagnostics('AuditEvent'), elsewhere])).toMatchObject({ known: true, value: null });
  });

  it('rules generated by a dynamic block leave the expiration unknown instead of never', () => {
    const dyn = tf('azurerm_storage_management_policy', 'logs', { storage_account_id: tfRef('azurerm_storage_account.logs'), rule: unk('var.lifecycle_rules') });
    const e = expiration([logs, vault, diagnostics('AuditEvent'), dyn]);
    expect(e?.known).toBe(false);
    if (e && !e.known) expect(e.cause.inputs).toEqual(['var.lifecycle_rules']);
  });
});

describe('Azure lifecycle filters (ARM)', () => {
  it('prefixMatch and blobTypes of managementPolicies are read against the Activity Log container', () => {
    const account = arm(SA, 'stlogs', { sku: { name: 'Standard_ZRS' }, kind: 'StorageV2', properties: {} }, { apiVersion: '2023-01-01' });
    const activity = arm('Microsoft.Insights/diagnosticSettings', 'activity', {
      properties: { storageAccountId: armId(SA, 'stlogs'), logs: [{ category: 'Administrative', enabled: true }] },
    }, { file: 'sub.json', location: null, base: '/subscriptions/{subscription}' });
    const management = (rules: unknown[]) => arm(`${SA}/managementPolicies`, 'stlogs/default', { properties: { policy: { rules } } }, { location: null });
    const def = (prefixMatch: string[], blobTypes: string[], days: number) => ({
      name: `r${days}`,
      enabled: true,
      type: 'Lifecycle',
      definition: { filters: { blobTypes, prefixMatch }, actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: days } } } },
    });
    const key = armKey(SA, 'stlogs');
    expect(expiration([account, activity, management([def([], ['appendBlob'], 3000), def(['backups/'], ['blockBlob', 'appendBlob'], 7)])], key)).toMatchObject({ known: true, value: 3000 });
    expect(expiration([account, activity, management([def(['insights-activity-logs/'], ['appendBlob'], 180)])], key)).toMatchObject({ known: true, value: 180 });
    expect(expiration([account, activity, management([def(['insights-activity-logs/'], ['blockBlob'], 180)])], key)).toMatchObject({ known: true, value: null });
  });
});
