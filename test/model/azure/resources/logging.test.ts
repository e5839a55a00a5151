import { describe, expect, it } from 'vitest';
import { arm, armId, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';
import type { NativeResource } from '../../../../src/readers/native.js';

const LAW = 'Microsoft.OperationalInsights/workspaces';
const DIAG = 'Microsoft.Insights/diagnosticSettings';
const SA = 'Microsoft.Storage/storageAccounts';
const KV = 'Microsoft.KeyVault/vaults';
const NSG = 'Microsoft.Network/networkSecurityGroups';
const SUB = '/subscriptions/{subscription}';

describe('Log Analytics workspaces', () => {
  it('retention 30 days when unset, 7 on the Free tier, as written otherwise; Microsoft-managed keys', () => {
    const { model } = lift([
      arm(LAW, 'law-default', { properties: { sku: { name: 'PerGB2018' } } }),
      arm(LAW, 'law-free', { properties: { sku: { name: 'Free' } } }),
      arm(LAW, 'law-long', { properties: { sku: { name: 'PerGB2018' }, retentionInDays: 730 } }),
      tf('azurerm_log_analytics_workspace', 'law', { name: 'law', location: 'japaneast', sku: 'PerGB2018' }),
      tf('azurerm_log_analytics_workspace', 'var', { name: 'law2', location: 'japaneast', retention_in_days: unk('var.log_retention') }),
    ]);
    const d = get(model, armKey(LAW, 'law-default'), 'log-store');
    expect(d.storeType).toBe('log-analytics-workspace');
    expect(d.retentionDays).toMatchObject({ value: 30, defaulted: true });
    expect(d.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(d.kmsKey).toMatchObject({ value: null });
    expect(get(model, armKey(LAW, 'law-free'), 'log-store').retentionDays).toMatchObject({ value: 7, defaulted: true });
    expect(get(model, armKey(LAW, 'law-long'), 'log-store').retentionDays).toMatchObject({ value: 730 });
    expect(get(model, tfKey('azurerm_log_analytics_workspace.law'), 'log-store').retentionDays).toMatchObject({ value: 30, defaulted: true });
    expect(inputsOf(get(model, tfKey('azurerm_log_analytics_workspace.var'), 'log-store').retentionDays)).toEqual(['var.log_retention']);
  });

  it('a workspace linked to a dedicated cluster with a Key Vault key is customer-encrypted', () => {
    const { model } = lift([
      arm(KV, 'kv', { properties: {} }),
      arm(`${KV}/keys`, 'kv/logs', { properties: {} }),
      arm('Microsoft.OperationalInsights/clusters', 'cluster', {
        properties: { keyVaultProperties: { keyVaultUri: 'https://kv.vault.azure.net', keyName: 'logs', keyVersion: '' } },
      }),
      arm(LAW, 'law', { properties: { features: { clusterResourceId: armId('Microsoft.OperationalInsights/clusters', 'cluster') } } }),
      tf('azurerm_key_vault_key', 'logs', { name: 'logs', key_vault_id: unk('var.kv') }),
      tf('azurerm_log_analytics_cluster', 'c', { name: 'c', location: 'japaneast' }),
      tf('azurerm_log_analytics_cluster_customer_managed_key', 'c', { log_analytics_cluster_id: tfRef('azurerm_log_analytics_cluster.c'), key_vault_key_id: tfRef('azurerm_key_vault_key.logs') }),
      tf('azurerm_log_analytics_workspace', 'w', { name: 'w', location: 'japaneast' }),
      tf('azurerm_log_analytics_linked_service', 'w', { workspace_id: tfRef('azurerm_log_analytics_workspace.w'), write_access_id: tfRef('azurerm_log_analytics_cluster.c') }),
    ]);
    const w = get(model, armKey(LAW, 'law'), 'log-store');
    expect(w.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(`${KV}/keys`, 'kv/logs') } } });
    expect(w.kmsKey).toMatchObject({ value: armKey(`${KV}/keys`, 'kv/logs') });
    const t = get(model, tfKey('azurerm_log_analytics_workspace.w'), 'log-store');
    expect(t.kmsKey).toMatchObject({ value: tfKey('azurerm_key_vault_key.logs') });
  });
});

describe('diagnostic settings (ARM)', () => {
  it('a setting scoped to a vault records its enabled categories into a workspace and a storage account', () => {
    const { model } = lift([
      arm(KV, 'kv-juki', { properties: {} }),
      arm(LAW, 'law', { properties: {} }),
      arm(SA, 'stlogs', { sku: { name: 'Standard_GRS' }, properties: {} }),
      arm(DIAG, 'to-law', {
        scope: armId(KV, 'kv-juki'),
        properties: {
          workspaceId: armId(LAW, 'law'),
          storageAccountId: armId(SA, 'stlogs'),
          logs: [
            { category: 'AuditEvent', enabled: true },
            { category: 'AzurePolicyEvaluationDetails', enabled: false },
          ],
          metrics: [{ category: 'AllMetrics', enabled: true }],
        },
      }, { location: null, id: `${armId(KV, 'kv-juki')}/providers/${DIAG}/to-law` }),
    ]);
    const s = get(model, armKey(DIAG, 'to-law'), 'log-setting');
    expect(s.settingType).toBe('diagnostic-setting');
    expect(s.target).toMatchObject({ value: armKey(KV, 'kv-juki') });
    expect(s.destinations).toMatchObject({ value: [{ value: armKey(LAW, 'law') }, { value: armKey(SA, 'stlogs') }] });
    expect(s.categories).toMatchObject({ value: ['AuditEvent'] });
    expect(s.enabled).toMatchObject({ value: true });
    expect(s.region).toMatchObject({ value: 'japaneast' });
  });

  it('the old nested form names its parent before /providers/', () => {
    const type = `${NSG}/providers/diagnosticSettings`;
    const { model } = lift([
      arm(NSG, 'nsg-app', { properties: {} }),
      arm(type, 'nsg-app/Microsoft.Insights/nsg-diag', {
        properties: { workspaceId: unk('parameter workspaceId'), logs: [{ categoryGroup: 'allLogs', enabled: true }] },
      }, { location: null }),
    ]);
    const s = get(model, armKey(type, 'nsg-app/Microsoft.Insights/nsg-diag'), 'log-setting');
    expect(s.target).toMatchObject({ value: armKey(NSG, 'nsg-app') });
    expect(s.categories).toMatchObject({ value: ['allLogs'] });
    expect(s.destinations.known && inputsOf(s.destinations.value[0])).toEqual(['parameter workspaceId']);
  });

  it('at subscription scope it is the Activity Log export: a trail with management events when Administrative is on', () => {
    const { model } = lift([
      arm(DIAG, 'activity', {
        properties: {
          workspaceId: '/subscriptions/1111/resourceGroups/rg-log/providers/Microsoft.OperationalInsights/workspaces/law-central',
          logs: [
            { category: 'Administrative', enabled: true },
            { category: 'Security', enabled: true },
          ],
        },
      }, { location: null, base: SUB, file: 'sub.json' }),
      arm(DIAG, 'alerts-only', { properties: { logs: [{ category: 'Alert', enabled: true }] } }, { location: null, base: SUB, file: 'sub.json' }),
    ]);
    const t = get(model, armKey(DIAG, 'activity', 'sub.json'), 'trail');
    expect(t.trailType).toBe('activity-log');
    expect(t.managementEvents).toMatchObject({ value: true });
    expect(t.multiRegion).toMatchObject({ value: true });
    expect(t.destinations.known && inputsOf(t.destinations.value[0])).toEqual([
      '/subscriptions/1111/resourceGroups/rg-log/providers/Microsoft.OperationalInsights/workspaces/law-central',
    ]);
    expect(get(model, armKey(DIAG, 'alerts-only', 'sub.json'), 'trail').managementEvents).toMatchObject({ value: false });
  });
});

describe('diagnostic settings (azurerm)', () => {
  it('enabled_log and legacy log blocks; a data source subscription target is the Activity Log', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv', location: 'japaneast' }),
      tf('azurerm_log_analytics_workspace', 'law', { name: 'law', location: 'japaneast' }),
      tf('azurerm_monitor_diagnostic_setting', 'kv', {
        name: 'kv',
        target_resource_id: tfRef('azurerm_key_vault.kv'),
        log_analytics_workspace_id: tfRef('azurerm_log_analytics_workspace.law'),
        enabled_log: [{ category: 'AuditEvent' }, { category_group: 'allLogs' }],
      }),
      tf('azurerm_monitor_diagnostic_setting', 'legacy', {
        name: 'legacy',
        target_resource_id: tfRef('azurerm_key_vault.kv'),
        storage_account_id: unk('var.log_storage_id'),
        log: [{ category: 'AuditEvent', enabled: false }],
      }),
      tf('azurerm_monitor_diagnostic_setting', 'activity', {
        name: 'activity',
        target_resource_id: unk('data.azurerm_subscription.current', 'read at plan time', 'data.azurerm_subscription.current.id'),
        log_analytics_workspace_id: tfRef('azurerm_log_analytics_workspace.law'),
        enabled_log: [{ category: 'Administrative' }, { category: 'Policy' }],
      }),
    ]);
    const kv = get(model, tfKey('azurerm_monitor_diagnostic_setting.kv'), 'log-setting');
    expect(kv.target).toMatchObject({ value: tfKey('azurerm_key_vault.kv') });
    expect(kv.categories).toMatchObject({ value: ['AuditEvent', 'allLogs'] });
    expect(kv.destinations).toMatchObject({ value: [{ value: tfKey('azurerm_log_analytics_workspace.law') }] });
    const legacy = get(model, tfKey('azurerm_monitor_diagnostic_setting.legacy'), 'log-setting');
    expect(legacy.enabled).toMatchObject({ value: false });
    const trail = get(model, tfKey('azurerm_monitor_diagnostic_setting.activity'), 'trail');
    expect(trail.managementEvents).toMatchObject({ value: true });
    expect(trail.destinations).toMatchObject({ value: [{ value: tfKey('azurerm_log_analytics_workspace.law') }] });
  });

  it('log blocks from a dynamic block over a data source leave the categories unknown, naming it', () => {
    const dynamicBlocks = unk('data.azurerm_monitor_diagnostic_categories.kv', 'read at plan time', 'dynamic "enabled_log"');
    const { model } = lift([
      tf('azurerm_monitor_diagnostic_setting', 'all', { name: 'all', target_resource_id: unk('var.target_id'), enabled_log: [dynamicBlocks] }),
    ]);
    const s = get(model, tfKey('azurerm_monitor_diagnostic_setting.all'), 'log-setting');
    expect(inputsOf(s.categories)).toEqual(['data.azurerm_monitor_diagnostic_categories.kv']);
    expect(inputsOf(s.enabled)).toEqual(['data.azurerm_monitor_diagnostic_categories.kv']);
    expect(inputsOf(s.target)).toEqual(['var.target_id']);
  });

  it('a literal subscription ID or an interpolated one is the subscription too', () => {
    const { model } = lift([
      tf('azurerm_monitor_diagnostic_setting', 'a', { name: 'a', target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000', enabled_log: [{ category: 'Administrative' }] }),
      tf('azurerm_monitor_diagnostic_setting', 'b', { name: 'b', target_resource_id: unk('var.subscription_id', 'not set', '/subscriptions/${var.subscription_id}'), enabled_log: [{ category: 'Security' }] }),
    ]);
    expect(get(model, tfKey('azurerm_monitor_diagnostic_setting.a'), 'trail').managementEvents).toMatchObject({ value: true });
    expect(get(model, tfKey('azurerm_monitor_diagnostic_setting.b'), 'trail').managementEvents).toMatchObject({ value: false });
  });
});

describe('flow logs', () => {
  it('ARM NSG flow log with traffic analytics and a retention policy', () => {
    const { model } = lift([
      arm(NSG, 'nsg-mn', { properties: {} }),
      arm(SA, 'stflow', { properties: {} }),
      arm(LAW, 'law', { properties: {} }),
      arm('Microsoft.Network/networkWatchers/flowLogs', 'NetworkWatcher_japaneast/nsg-mn-flow', {
        properties: {
          targetResourceId: armId(NSG, 'nsg-mn'),
          storageId: armId(SA, 'stflow'),
          enabled: true,
          retentionPolicy: { days: 90, enabled: true },
          flowAnalyticsConfiguration: { networkWatcherFlowAnalyticsConfiguration: { enabled: true, workspaceResourceId: armId(LAW, 'law') } },
        },
      }),
    ]);
    const f = get(model, armKey('Microsoft.Network/networkWatchers/flowLogs', 'NetworkWatcher_japaneast/nsg-mn-flow'), 'log-setting');
    expect(f.settingType).toBe('nsg-flow-log');
    expect(f.target).toMatchObject({ value: armKey(NSG, 'nsg-mn') });
    expect(f.destinations).toMatchObject({ value: [{ value: armKey(SA, 'stflow') }, { value: armKey(LAW, 'law') }] });
    expect(f.enabled).toMatchObject({ value: true });
    expect(f.retentionDays).toMatchObject({ value: 90 });
  });

  it('azurerm VNet flow log without analytics keeps logs; a disabled retention policy means forever', () => {
    const { model } = lift([
      tf('azurerm_virtual_network', 'mn', { name: 'vnet-mn', location: 'japaneast' }),
      tf('azurerm_network_watcher_flow_log', 'mn', {
        name: 'mn',
        target_resource_id: tfRef('azurerm_virtual_network.mn'),
        storage_account_id: unk('var.flow_storage_id'),
        enabled: true,
        retention_policy: [{ enabled: false, days: 0 }],
      }),
    ]);
    const f = get(model, tfKey('azurerm_network_watcher_flow_log.mn'), 'log-setting');
    expect(f.settingType).toBe('vnet-flow-log');
    expect(f.retentionDays).toMatchObject({ value: null });
    expect(f.destinations.known && f.destinations.value.map(inputsOf)).toEqual([['var.flow_storage_id']]);
  });
});

describe('diagnostic settings on a storage sub-service log for the account', () => {
  // A resource of `module "store"`: references inside it are relative to the module.
  const inModule = (r: NativeResource): NativeResource => ({ ...r, address: `module.store.${r.address}`, key: tfKey(`module.store.${r.address}`) });
  const blob = (account: string) => `${armId(SA, account)}/blobServices/default`;

  it('ARM: a scope on blobServices/default, the old nested type, and a queue service all target the account', () => {
    const nested = `${SA}/blobServices/providers/diagnosticSettings`;
    const { model } = lift([
      arm(SA, 'stdocs', { sku: { name: 'Standard_ZRS' }, properties: {} }),
      arm(`${SA}/blobServices`, 'stdocs/default', { properties: {} }, { location: null }),
      arm(DIAG, 'blob-audit', {
        scope: blob('stdocs'),
        properties: { workspaceId: unk('parameter workspaceId'), logs: [{ category: 'StorageWrite', enabled: true }] },
      }, { location: null, id: `${blob('stdocs')}/providers/${DIAG}/blob-audit` }),
      arm(nested, 'stdocs/default/Microsoft.Insights/legacy', {
        properties: { workspaceId: unk('parameter workspaceId'), logs: [{ category: 'StorageDelete', enabled: true }] },
      }, { location: null, id: `${blob('stdocs')}/providers/${DIAG}/legacy` }),
      arm(DIAG, 'queue-audit', {
        scope: `${armId(SA, 'stdocs')}/queueServices/default`,
        properties: { workspaceId: unk('parameter workspaceId'), logs: [{ categoryGroup: 'audit', enabled: true }] },
      }, { location: null, id: `${armId(SA, 'stdocs')}/queueservices/default/providers/${DIAG}/queue-audit` }),
    ]);
    const account = armKey(SA, 'stdocs');
    expect(get(model, armKey(DIAG, 'blob-audit'), 'log-setting').target).toMatchObject({ known: true, value: account });
    expect(get(model, armKey(nested, 'stdocs/default/Microsoft.Insights/legacy'), 'log-setting').target).toMatchObject({ known: true, value: account });
    expect(get(model, armKey(DIAG, 'queue-audit'), 'log-setting').target).toMatchObject({ known: true, value: account });
  });

  it('ARM: an account outside the scan is the input to supply, not its blob service', () => {
    const { model } = lift([
      arm(DIAG, 'blob-audit', { scope: blob('stother'), properties: { logs: [{ category: 'StorageWrite', enabled: true }] } }, { location: null }),
    ]);
    expect(inputsOf(get(model, armKey(DIAG, 'blob-audit'), 'log-setting').target)).toEqual([armId(SA, 'stother')]);
  });

  it('azurerm: "${azurerm_storage_account.x.id}/blobServices/default" targets the account, also inside a module', () => {
    const expr = '${azurerm_storage_account.docs.id}/blobServices/default';
    const { model } = lift([
      tf('azurerm_storage_account', 'docs', { name: 'stjukidocs', location: 'japaneast', account_replication_type: 'ZRS' }),
      tf('azurerm_monitor_diagnostic_setting', 'blob', {
        name: 'blob',
        target_resource_id: unk('azurerm_storage_account.docs.id (known after apply)', 'known only after apply', expr),
        log_analytics_workspace_id: unk('var.workspace_id'),
        enabled_log: [{ category: 'StorageRead' }],
      }),
      inModule(tf('azurerm_storage_account', 'logs', { name: 'stlogs', location: 'japaneast' })),
      inModule(
        tf('azurerm_monitor_diagnostic_setting', 'table', {
          name: 'table',
          target_resource_id: unk('module.store.azurerm_storage_account.logs.id (known after apply)', 'known only after apply', '${azurerm_storage_account.logs.id}/tableServices/default'),
          enabled_log: [{ category: 'StorageWrite' }],
        }),
      ),
    ]);
    expect(get(model, tfKey('azurerm_monitor_diagnostic_setting.blob'), 'log-setting').target).toMatchObject({ known: true, value: tfKey('azurerm_storage_account.docs') });
    expect(get(model, tfKey('module.store.azurerm_monitor_diagnostic_setting.table'), 'log-setting').target).toMatchObject({
      known: true,
      value: tfKey('module.store.azurerm_storage_account.logs'),
    });
  });
});

describe('Log Analytics table retention (ARM)', () => {
  it('a table keeping less than its workspace shortens it; total retention wins over interactive; -1 and unset follow the workspace; unknown names the input', () => {
    const { model } = lift([
      arm(LAW, 'law-a', { properties: { retentionInDays: 365 } }),
      arm(`${LAW}/tables`, 'law-a/SecurityEvent', { properties: { retentionInDays: 30, totalRetentionInDays: 180 } }, { location: null }),
      arm(`${LAW}/tables`, 'law-a/Heartbeat', { properties: { retentionInDays: -1 } }, { location: null }),
      arm(LAW, 'law-b', { properties: { retentionInDays: 90 } }),
      arm(`${LAW}/tables`, 'law-b/AzureActivity', { properties: { retentionInDays: 30, totalRetentionInDays: 730 } }, { location: null }),
      arm(LAW, 'law-c', { properties: { retentionInDays: 400 } }),
      arm(`${LAW}/tables`, 'law-c/Syslog', { properties: { retentionInDays: unk('parameter syslogDays') } }, { location: null }),
    ]);
    expect(get(model, armKey(LAW, 'law-a'), 'log-store').retentionDays).toMatchObject({ value: 180 });
    expect(get(model, armKey(LAW, 'law-b'), 'log-store').retentionDays).toMatchObject({ value: 90 });
    expect(inputsOf(get(model, armKey(LAW, 'law-c'), 'log-store').retentionDays)).toEqual(['parameter syslogDays']);
  });
});
