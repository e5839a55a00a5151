// azapi diagnostic settings and locks are extension resources: their ID is
// `<parent>/providers/<type>/<name>`, so they apply to the resource named in
// `parent_id`, and a setting on a storage service or a Managed Redis
// database counts for the account or the cluster.
import { describe, expect, it } from 'vitest';
import { armFromAzapi } from '../../../../src/model/azure/resources/azapi.js';
import { tf, tfKey, tfRef } from './builder.js';
import { get, lift } from './harness.js';

const RG = '/subscriptions/{subscription}/resourcegroups/rg-juki';

describe('azapi extension resources', () => {
  const rg = tf('azurerm_resource_group', 'rg', { name: 'rg-juki', location: 'japaneast' });
  const vault = tf('azapi_resource', 'kv', { type: 'Microsoft.KeyVault/vaults@2023-07-01', name: 'kv-juki', parent_id: tfRef('azurerm_resource_group.rg'), location: 'japaneast', body: { properties: {} } });
  const amr = tf('azapi_resource', 'amr', { type: 'Microsoft.Cache/redisEnterprise@2025-07-01', name: 'amr-juki', parent_id: tfRef('azurerm_resource_group.rg'), location: 'japaneast', body: { sku: { name: 'Balanced_B1' }, properties: {} } });
  const db = tf('azapi_resource', 'db', { type: 'Microsoft.Cache/redisEnterprise/databases@2025-07-01', name: 'default', parent_id: tfRef('azapi_resource.amr'), body: { properties: { clientProtocol: 'Encrypted' } } });
  const logs = { properties: { logs: [{ category: 'ConnectionEvents', enabled: true }] } };

  it('a diagnostic setting or lock under a resource gets an extension ID; a child of the same namespace stays a child', () => {
    const kvDiag = tf('azapi_resource', 'kvdiag', { type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview', name: 'audit', parent_id: tfRef('azapi_resource.kv'), body: { properties: {} } });
    const lock = tf('azapi_resource', 'lock', { type: 'Microsoft.Authorization/locks@2020-05-01', name: 'nodelete', parent_id: tfRef('azapi_resource.kv'), body: { properties: { level: 'CanNotDelete' } } });
    const out = armFromAzapi([rg, vault, kvDiag, lock, amr, db]);
    const idOf = (address: string) => out.find((r) => r.address === address)?.ids;
    expect(idOf('azapi_resource.kvdiag')).toEqual([`${RG}/providers/microsoft.keyvault/vaults/kv-juki/providers/microsoft.insights/diagnosticsettings/audit`]);
    expect(idOf('azapi_resource.lock')).toEqual([`${RG}/providers/microsoft.keyvault/vaults/kv-juki/providers/microsoft.authorization/locks/nodelete`]);
    expect(idOf('azapi_resource.db')).toEqual([`${RG}/providers/microsoft.cache/redisenterprise/amr-juki/databases/default`]);
  });

  it('a parent_id of many levels that is not a resource ID is read in linear time', () => {
    // Nested `type/name` levels, then an empty segment: a backtracking pattern would try every split of them.
    const deep = `${RG}/providers/Microsoft.Network/${'virtualNetworks/vnet-juki/'.repeat(40)}/subnets`;
    const lock = tf('azapi_resource', 'lock', { type: 'Microsoft.Authorization/locks@2020-05-01', name: 'nodelete', parent_id: deep, body: { properties: { level: 'CanNotDelete' } } });
    const [out] = armFromAzapi([lock]);
    // Not a resource ID, so no parent namespace to differ from: the lock is named as a child.
    expect(out!.ids).toEqual([`${deep}/locks/nodelete`.toLowerCase()]);
  });

  it('settings on a vault and on a Managed Redis database, by azapi or by azurerm naming the azapi database, target the vault and the cluster', () => {
    const { model } = lift([
      rg,
      vault,
      amr,
      db,
      tf('azapi_resource', 'kvdiag', { type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview', name: 'audit', parent_id: tfRef('azapi_resource.kv'), body: { properties: { logs: [{ categoryGroup: 'audit', enabled: true }] } } }),
      tf('azapi_resource', 'dbdiag', { type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview', name: 'conn', parent_id: tfRef('azapi_resource.db'), body: logs }),
      tf('azurerm_monitor_diagnostic_setting', 'db', { name: 'conn2', target_resource_id: tfRef('azapi_resource.db'), enabled_log: [{ category: 'ConnectionEvents' }] }),
    ]);
    expect(get(model, tfKey('azapi_resource.kvdiag'), 'log-setting').target).toMatchObject({ known: true, value: tfKey('azapi_resource.kv') });
    expect(get(model, tfKey('azapi_resource.dbdiag'), 'log-setting').target).toMatchObject({ known: true, value: tfKey('azapi_resource.amr') });
    expect(get(model, tfKey('azurerm_monitor_diagnostic_setting.db'), 'log-setting').target).toMatchObject({ known: true, value: tfKey('azapi_resource.amr') });
  });
});
