// Synapse SQL auditing written to a storage account is a log destination of
// the workspace or pool it is set on; auditing only to Azure Monitor is not
// (it arrives through a diagnostic setting).
import { describe, expect, it } from 'vitest';
import { arm, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const WS = 'Microsoft.Synapse/workspaces';
const POOL = `${WS}/sqlPools`;

describe('Synapse SQL auditing', () => {
  it('ARM: workspace and pool settings with a storage endpoint; Azure Monitor only leaves it unset; a state from a parameter is unknown', () => {
    const { model } = lift([
      arm(WS, 'ws', { properties: {} }),
      arm(POOL, 'ws/dw', { properties: {} }),
      arm(POOL, 'ws/monitor', { properties: {} }),
      arm(POOL, 'ws/param', { properties: {} }),
      arm(`${WS}/auditingSettings`, 'ws/default', { properties: { state: 'Enabled', storageEndpoint: 'https://staudit.blob.core.windows.net/' } }, { location: null }),
      arm(`${POOL}/extendedAuditingSettings`, 'ws/dw/default', { properties: { state: 'Disabled' } }, { location: null }),
      arm(`${POOL}/auditingSettings`, 'ws/monitor/default', { properties: { state: 'Enabled', isAzureMonitorTargetEnabled: true } }, { location: null }),
      arm(`${POOL}/auditingSettings`, 'ws/param/default', { properties: { state: unk('parameter auditState'), storageEndpoint: 'https://staudit.blob.core.windows.net/' } }, { location: null }),
    ]);
    expect(get(model, armKey(WS, 'ws'), 'data-store').accessLogging).toMatchObject({ known: true, value: true });
    expect(get(model, armKey(POOL, 'ws/dw'), 'data-store').accessLogging).toMatchObject({ known: true, value: false });
    expect(get(model, armKey(POOL, 'ws/monitor'), 'data-store').accessLogging).toBeUndefined();
    expect(inputsOf(get(model, armKey(POOL, 'ws/param'), 'data-store').accessLogging)).toEqual(['parameter auditState']);
  });

  it('ARM: a setting that may not be deployed turns auditing on for no one for sure; a state from a parameter without storage says nothing', () => {
    const { model } = lift([
      arm(WS, 'ws', { properties: {} }),
      arm(POOL, 'ws/maybe', { properties: {} }),
      arm(POOL, 'ws/monitor', { properties: {} }),
      arm(`${POOL}/auditingSettings`, 'ws/maybe/default', { properties: { state: 'Enabled', storageEndpoint: 'https://staudit.blob.core.windows.net/' } }, { location: null, conditional: true }),
      arm(`${POOL}/auditingSettings`, 'ws/monitor/default', { properties: { state: unk('parameter auditState'), isAzureMonitorTargetEnabled: true } }, { location: null }),
    ]);
    expect(inputsOf(get(model, armKey(POOL, 'ws/maybe'), 'data-store').accessLogging)).toEqual(['parameter deployLock']);
    expect(get(model, armKey(POOL, 'ws/monitor'), 'data-store').accessLogging).toBeUndefined();
  });

  it('azurerm: a policy under a count that cannot be evaluated is unknown, naming what decides it', () => {
    const policy = tf('azurerm_synapse_workspace_extended_auditing_policy', 'ws', { synapse_workspace_id: tfRef('azurerm_synapse_workspace.ws'), storage_endpoint: 'https://staudit.blob.core.windows.net/' });
    const { model } = lift([
      tf('azurerm_synapse_workspace', 'ws', { name: 'ws', location: 'japaneast' }),
      { ...policy, conditional: { inputs: ['var.enable_audit'], detail: 'count = var.enable_audit ? 1 : 0 is not known' } },
    ]);
    expect(inputsOf(get(model, tfKey('azurerm_synapse_workspace.ws'), 'data-store').accessLogging)).toEqual(['var.enable_audit']);
  });

  it('azurerm: a policy with a storage endpoint turns auditing on for its workspace or pool; without one it says nothing', () => {
    const { model } = lift([
      tf('azurerm_synapse_workspace', 'ws', { name: 'ws', location: 'japaneast' }),
      tf('azurerm_synapse_sql_pool', 'dw', { name: 'dw', synapse_workspace_id: tfRef('azurerm_synapse_workspace.ws') }),
      tf('azurerm_synapse_sql_pool', 'monitor', { name: 'monitor', synapse_workspace_id: tfRef('azurerm_synapse_workspace.ws') }),
      tf('azurerm_synapse_workspace_extended_auditing_policy', 'ws', { synapse_workspace_id: tfRef('azurerm_synapse_workspace.ws'), storage_endpoint: unk('var.audit_endpoint') }),
      tf('azurerm_synapse_sql_pool_extended_auditing_policy', 'dw', { sql_pool_id: tfRef('azurerm_synapse_sql_pool.dw'), storage_endpoint: 'https://staudit.blob.core.windows.net/' }),
      tf('azurerm_synapse_sql_pool_extended_auditing_policy', 'monitor', { sql_pool_id: tfRef('azurerm_synapse_sql_pool.monitor'), log_monitoring_enabled: true }),
    ]);
    expect(get(model, tfKey('azurerm_synapse_workspace.ws'), 'data-store').accessLogging).toMatchObject({ known: true, value: true });
    expect(get(model, tfKey('azurerm_synapse_sql_pool.dw'), 'data-store').accessLogging).toMatchObject({ known: true, value: true });
    expect(get(model, tfKey('azurerm_synapse_sql_pool.monitor'), 'data-store').accessLogging).toBeUndefined();
  });
});
