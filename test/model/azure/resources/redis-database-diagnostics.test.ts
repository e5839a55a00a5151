// Managed Redis / Redis Enterprise logs are set on the cluster's databases;
// the lifter counts such a diagnostic setting for the cluster (the store).
import { describe, expect, it } from 'vitest';
import { arm, armId, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const DIAG = 'Microsoft.Insights/diagnosticSettings';
const AMR = 'Microsoft.Cache/redisEnterprise';
const SQL = 'Microsoft.Sql/servers';

describe('diagnostic settings on a Managed Redis database log for the cluster', () => {
  const db = (cluster: string) => `${armId(AMR, cluster)}/databases/default`;

  it('ARM: a scope on databases/default and the old nested type target the cluster', () => {
    const nested = `${AMR}/databases/providers/diagnosticSettings`;
    const { model } = lift([
      arm(AMR, 'amr-juki', { sku: { name: 'Balanced_B1' }, properties: {} }),
      arm(`${AMR}/databases`, 'amr-juki/default', { properties: { clientProtocol: 'Encrypted' } }, { location: null }),
      arm(DIAG, 'conn', {
        scope: db('amr-juki'),
        properties: { workspaceId: unk('parameter workspaceId'), logs: [{ category: 'ConnectionEvents', enabled: true }] },
      }, { location: null, id: `${db('amr-juki')}/providers/${DIAG}/conn` }),
      arm(nested, 'amr-juki/default/Microsoft.Insights/legacy', {
        properties: { workspaceId: unk('parameter workspaceId'), logs: [{ categoryGroup: 'audit', enabled: true }] },
      }, { location: null, id: `${db('amr-juki')}/providers/${DIAG}/legacy` }),
    ]);
    const cluster = armKey(AMR, 'amr-juki');
    expect(get(model, armKey(DIAG, 'conn'), 'log-setting').target).toMatchObject({ known: true, value: cluster });
    expect(get(model, armKey(nested, 'amr-juki/default/Microsoft.Insights/legacy'), 'log-setting').target).toMatchObject({ known: true, value: cluster });
  });

  it('ARM: a cluster outside the scan is the input to supply; an SQL database stays its own target', () => {
    const sqlDb = `${armId(SQL, 'sql-juki')}/databases/juki`;
    const { model } = lift([
      arm(DIAG, 'conn', { scope: db('amr-other'), properties: { logs: [{ category: 'ConnectionEvents', enabled: true }] } }, { location: null }),
      arm(SQL, 'sql-juki', { properties: {} }),
      arm(`${SQL}/databases`, 'sql-juki/juki', { properties: {} }),
      arm(DIAG, 'sqldb', { scope: sqlDb, properties: { logs: [{ category: 'SQLSecurityAuditEvents', enabled: true }] } }, { location: null }),
    ]);
    expect(inputsOf(get(model, armKey(DIAG, 'conn'), 'log-setting').target)).toEqual([armId(AMR, 'amr-other')]);
    expect(get(model, armKey(DIAG, 'sqldb'), 'log-setting').target).toMatchObject({ known: true, value: armKey(`${SQL}/databases`, 'sql-juki/juki') });
  });

  it('azurerm: "${azurerm_managed_redis.x.id}/databases/default" and an azurerm_redis_enterprise_database target the cluster', () => {
    const { model } = lift([
      tf('azurerm_managed_redis', 'api', { name: 'amr-api', location: 'japaneast', sku_name: 'Balanced_B1' }),
      tf('azurerm_monitor_diagnostic_setting', 'api', {
        name: 'api',
        target_resource_id: unk('azurerm_managed_redis.api.id (known after apply)', 'known only after apply', '${azurerm_managed_redis.api.id}/databases/default'),
        enabled_log: [{ category: 'ConnectionEvents' }],
      }),
      tf('azurerm_redis_enterprise_cluster', 'ent', { name: 'ent', location: 'japaneast', sku_name: 'Enterprise_E10-2' }),
      tf('azurerm_redis_enterprise_database', 'ent', { name: 'default', cluster_id: tfRef('azurerm_redis_enterprise_cluster.ent') }),
      tf('azurerm_monitor_diagnostic_setting', 'ent', {
        name: 'ent',
        target_resource_id: tfRef('azurerm_redis_enterprise_database.ent'),
        enabled_log: [{ category: 'ConnectionEvents' }],
      }),
      tf('azurerm_redis_enterprise_database', 'orphan', { name: 'default', cluster_id: unk('var.cluster_id') }),
      tf('azurerm_monitor_diagnostic_setting', 'orphan', {
        name: 'orphan',
        target_resource_id: tfRef('azurerm_redis_enterprise_database.orphan'),
        enabled_log: [{ category: 'ConnectionEvents' }],
      }),
    ]);
    expect(get(model, tfKey('azurerm_monitor_diagnostic_setting.api'), 'log-setting').target).toMatchObject({ known: true, value: tfKey('azurerm_managed_redis.api') });
    expect(get(model, tfKey('azurerm_monitor_diagnostic_setting.ent'), 'log-setting').target).toMatchObject({ known: true, value: tfKey('azurerm_redis_enterprise_cluster.ent') });
    expect(inputsOf(get(model, tfKey('azurerm_monitor_diagnostic_setting.orphan'), 'log-setting').target)).toEqual(['var.cluster_id']);
  });

  it('azurerm: "/databases/" after another resource\'s ID is not read as a Redis database', () => {
    const { model } = lift([
      tf('azurerm_mssql_server', 'juki', { name: 'sql-juki', location: 'japaneast' }),
      tf('azurerm_monitor_diagnostic_setting', 'db', {
        name: 'db',
        target_resource_id: unk('azurerm_mssql_server.juki.id (known after apply)', 'known only after apply', '${azurerm_mssql_server.juki.id}/databases/juki'),
        enabled_log: [{ category: 'SQLSecurityAuditEvents' }],
      }),
    ]);
    expect(get(model, tfKey('azurerm_monitor_diagnostic_setting.db'), 'log-setting').target.known).toBe(false);
  });
});
