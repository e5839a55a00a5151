import { describe, expect, it } from 'vitest';
import { arm, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const MONGO = 'Microsoft.DocumentDB/mongoClusters';
const SYN = 'Microsoft.Synapse/workspaces';
const POOL = 'Microsoft.Synapse/workspaces/sqlPools';
const KUSTO = 'Microsoft.Kusto/clusters';
const KEY = 'Microsoft.KeyVault/vaults/keys';

describe('Cosmos DB for MongoDB vCore', () => {
  it('ARM: key, zone-redundant HA, backups, a literal admin password, firewall rules deciding exposure', () => {
    const { model, unlifted } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-mongo', { properties: {} }),
      arm(KEY, 'kv-mongo/cmk', { properties: {} }),
      arm(MONGO, 'mongo-juki', {
        properties: {
          administrator: { userName: 'jukiadmin', password: 'Juki-Mongo-2026!' },
          highAvailability: { targetMode: 'ZoneRedundantPreferred' },
          encryption: { customerManagedKeyEncryption: { keyEncryptionKeyUrl: 'https://kv-mongo.vault.azure.net/keys/cmk' } },
        },
      }),
      arm(`${MONGO}/firewallRules`, 'mongo-juki/AllowAll', { properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } }, { location: null }),
      arm(MONGO, 'mongo-closed', { properties: { highAvailability: { targetMode: 'SameZone' } } }),
      arm(MONGO, 'mongo-preview', { properties: { nodeGroupSpecs: [{ kind: 'Shard', sku: 'M30', enableHa: true, nodeCount: 1 }] } }, { apiVersion: '2023-03-01-preview' }),
    ]);
    expect(unlifted.map((r) => r.type)).toEqual([]);
    const s = get(model, armKey(MONGO, 'mongo-juki'), 'data-store');
    expect(s.storeType).toBe('mongo-cluster');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-mongo/cmk') } } });
    // Asked for, not a default: only the zones it lands in come from the region.
    expect(s.multiZone).toEqual({ known: true, value: true, loc: expect.objectContaining({ file: 'azuredeploy.json' }) });
    expect(s.backupRetentionDays).toMatchObject({ value: 35, defaulted: true });
    expect(s.literalSecrets?.map((x) => x.attribute)).toEqual(['administrator.password']);
    expect(s.publiclyAccessible).toMatchObject({ value: true });
    expect(s.firewallOpenToAll).toMatchObject({ value: true });
    expect(s.publicFirewall).toMatchObject({ value: 'allows-all' });
    const closed = get(model, armKey(MONGO, 'mongo-closed'), 'data-store');
    // Public access on: the endpoint exists, though no firewall rule admits anyone.
    expect(closed.publiclyAccessible).toMatchObject({ value: true });
    expect(closed.publicFirewall).toMatchObject({ value: 'denies', defaulted: true });
    expect(closed.firewallOpenToAll).toMatchObject({ value: false });
    expect(closed.multiZone).toMatchObject({ value: false });
    expect(closed.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(inputsOf(get(model, armKey(MONGO, 'mongo-preview'), 'data-store').multiZone)).toEqual(['highAvailability.targetMode']);
  });

  it('azurerm: HA unset is none; a geo replica is a copy of its source; a firewall rule by reference', () => {
    const { model } = lift([
      tf('azurerm_mongo_cluster', 'main', { name: 'mongo-main', location: 'japaneast', administrator_password: unk('var.mongo_password'), public_network_access: 'Enabled' }),
      tf('azurerm_mongo_cluster_firewall_rule', 'office', { mongo_cluster_id: tfRef('azurerm_mongo_cluster.main'), start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.9' }),
      tf('azurerm_mongo_cluster', 'dr', {
        name: 'mongo-dr',
        location: 'japanwest',
        create_mode: 'GeoReplica',
        source_server_id: tfRef('azurerm_mongo_cluster.main'),
        source_location: 'japaneast',
        high_availability_mode: 'ZoneRedundantPreferred',
      }),
    ]);
    const main = get(model, tfKey('azurerm_mongo_cluster.main'), 'data-store');
    expect(main.multiZone).toMatchObject({ value: false, defaulted: true });
    expect(main.literalSecrets).toBeUndefined();
    expect(main.publiclyAccessible).toMatchObject({ value: true });
    expect(main.firewallOpenToAll).toMatchObject({ value: false });
    const dr = get(model, tfKey('azurerm_mongo_cluster.dr'), 'data-store');
    expect(dr.replicaOf).toMatchObject({ value: tfKey('azurerm_mongo_cluster.main') });
    // Japan West's zone support for the service is not known.
    expect(inputsOf(dr.multiZone)).toEqual(['high_availability_mode']);
  });
});

describe('Synapse workspaces and dedicated SQL pools', () => {
  it('ARM: workspace key protects pools with TDE on; TDE off is no encryption; TDE unsaid is unknown', () => {
    const { model, unlifted } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-dwh', { properties: {} }),
      arm(KEY, 'kv-dwh/synapse', { properties: {} }),
      arm(SYN, 'syn-toukei', {
        properties: {
          sqlAdministratorLogin: 'sqladminuser',
          sqlAdministratorLoginPassword: 'Toukei#2026',
          publicNetworkAccess: 'Disabled',
          encryption: { cmk: { key: { name: 'default', keyVaultUrl: 'https://kv-dwh.vault.azure.net/keys/synapse' } } },
        },
      }),
      arm(`${SYN}/dedicatedSQLminimalTlsSettings`, 'syn-toukei/default', { properties: { minimalTlsVersion: '1.1' } }, { location: null }),
      arm(POOL, 'syn-toukei/dwh', { sku: { name: 'DW100c' }, properties: { storageAccountType: 'GRS' } }),
      arm(`${POOL}/transparentDataEncryption`, 'syn-toukei/dwh/current', { properties: { status: 'Enabled' } }, { location: null }),
      arm(POOL, 'syn-toukei/scratch', { sku: { name: 'DW100c' }, properties: { storageAccountType: 'LRS' } }),
      arm(`${POOL}/transparentDataEncryption`, 'syn-toukei/scratch/current', { properties: { status: 'Disabled' } }, { location: null }),
      arm(POOL, 'syn-toukei/silent', { sku: { name: 'DW100c' }, properties: {} }),
    ]);
    expect(unlifted.map((r) => r.type)).toEqual([]);
    const w = get(model, armKey(SYN, 'syn-toukei'), 'data-store');
    expect(w.storeType).toBe('synapse-workspace');
    expect(w.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-dwh/synapse') } } });
    expect(w.minTlsVersion).toMatchObject({ value: '1.1' });
    expect(w.literalSecrets?.map((x) => x.attribute)).toEqual(['sqlAdministratorLoginPassword']);
    expect(w.publiclyAccessible).toMatchObject({ value: false });
    const dwh = get(model, armKey(POOL, 'syn-toukei/dwh'), 'data-store');
    expect(dwh.storeType).toBe('synapse-sql-pool');
    expect(dwh.parent).toMatchObject({ value: armKey(SYN, 'syn-toukei') });
    expect(dwh.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-dwh/synapse') } } });
    expect(dwh.backupRetentionDays).toMatchObject({ value: 7, defaulted: true });
    expect(dwh.replicationRegions).toMatchObject({ value: ['japanwest'] });
    const scratch = get(model, armKey(POOL, 'syn-toukei/scratch'), 'data-store');
    expect(scratch.encryption).toMatchObject({ value: { mode: 'none' } });
    expect(scratch.replicationRegions).toMatchObject({ value: [] });
    const silent = get(model, armKey(POOL, 'syn-toukei/silent'), 'data-store');
    expect(inputsOf(silent.encryption)).toEqual([`${POOL}/syn-toukei/silent/transparentDataEncryption`]);
    expect(inputsOf(silent.replicationRegions)).toEqual(['storageAccountType']);
  });

  it('ARM: without a TLS setting the minimum is unknown; an open firewall rule exposes the workspace', () => {
    const { model } = lift([
      arm(SYN, 'syn-open', { properties: { sqlAdministratorLoginPassword: unk('parameter sqlPassword') } }),
      arm(`${SYN}/firewallRules`, 'syn-open/allowAll', { properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } }, { location: null }),
    ]);
    const w = get(model, armKey(SYN, 'syn-open'), 'data-store');
    expect(inputsOf(w.minTlsVersion)).toEqual([`${SYN}/syn-open/dedicatedSQLminimalTlsSettings`]);
    expect(w.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(w.publiclyAccessible).toMatchObject({ value: true, loc: { line: expect.any(Number) } });
    expect(w.firewallOpenToAll).toMatchObject({ value: true });
    expect(w.literalSecrets).toBeUndefined();
  });

  it('azurerm: workspace key by reference, pool TDE from data_encrypted, firewall rule', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-dwh', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'cmk', { name: 'synapse', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_synapse_workspace', 'ws', {
        name: 'syn-zeimu',
        location: 'japaneast',
        sql_administrator_login: 'sqladmin',
        sql_administrator_login_password: 'Zeimu-Pass-01',
        customer_managed_key: [{ key_versionless_id: tfRef('azurerm_key_vault_key.cmk', 'versionless_id'), key_name: 'enckey' }],
      }),
      tf('azurerm_synapse_firewall_rule', 'office', { synapse_workspace_id: tfRef('azurerm_synapse_workspace.ws'), start_ip_address: '198.51.100.10', end_ip_address: '198.51.100.10' }),
      tf('azurerm_synapse_sql_pool', 'dwh', { name: 'dwh', synapse_workspace_id: tfRef('azurerm_synapse_workspace.ws'), sku_name: 'DW100c', storage_account_type: 'GRS', data_encrypted: true }),
      tf('azurerm_synapse_sql_pool', 'tmp', { name: 'tmp', synapse_workspace_id: tfRef('azurerm_synapse_workspace.ws'), sku_name: 'DW100c', storage_account_type: 'LRS' }),
    ]);
    const w = get(model, tfKey('azurerm_synapse_workspace.ws'), 'data-store');
    expect(w.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: tfKey('azurerm_key_vault_key.cmk') } } });
    expect(w.literalSecrets?.map((x) => x.attribute)).toEqual(['sql_administrator_login_password']);
    expect(w.publiclyAccessible).toMatchObject({ value: true });
    expect(w.firewallOpenToAll).toMatchObject({ value: false });
    expect(inputsOf(w.minTlsVersion)).toEqual(['azurerm_synapse_workspace.ws dedicatedSQLminimalTlsSettings']);
    const dwh = get(model, tfKey('azurerm_synapse_sql_pool.dwh'), 'data-store');
    expect(dwh.region).toMatchObject({ value: 'japaneast' });
    expect(dwh.encryption).toMatchObject({ value: { mode: 'customer-managed' } });
    expect(dwh.replicationRegions).toMatchObject({ value: ['japanwest'] });
    const tmp = get(model, tfKey('azurerm_synapse_sql_pool.tmp'), 'data-store');
    expect(inputsOf(tmp.encryption)).toEqual(['data_encrypted']);
    expect(tmp.replicationRegions).toMatchObject({ value: [] });
    // azurerm 3.x left storage_account_type optional, GRS by default.
    const { model: m3 } = lift([tf('azurerm_synapse_sql_pool', 'old', { name: 'old', location: 'japaneast', synapse_workspace_id: unk('var.ws_id'), sku_name: 'DW100c' })]);
    expect(get(m3, tfKey('azurerm_synapse_sql_pool.old'), 'data-store').replicationRegions).toMatchObject({ value: ['japanwest'], defaulted: true });
  });
});

describe('Data Explorer clusters', () => {
  it('ARM: vault key with the key name apart, zones, public access', () => {
    const { model } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-adx', { properties: {} }),
      arm(KEY, 'kv-adx/adx-cmk', { properties: {} }),
      arm(KUSTO, 'adxjuki', {
        sku: { name: 'Standard_E8ads_v5', tier: 'Standard', capacity: 2 },
        zones: ['1', '2', '3'],
        properties: { publicNetworkAccess: 'Disabled', keyVaultProperties: { keyVaultUri: 'https://kv-adx.vault.azure.net/', keyName: 'adx-cmk', keyVersion: '' } },
      }),
      arm(KUSTO, 'adxdev', { sku: { name: 'Dev(No SLA)_Standard_E2a_v4', tier: 'Basic', capacity: 1 }, properties: {} }),
    ]);
    const s = get(model, armKey(KUSTO, 'adxjuki'), 'data-store');
    expect(s.storeType).toBe('kusto-cluster');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-adx/adx-cmk') } } });
    expect(s.multiZone).toMatchObject({ value: true });
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    expect(s.backupRetentionDays).toBeUndefined();
    const dev = get(model, armKey(KUSTO, 'adxdev'), 'data-store');
    expect(dev.multiZone).toMatchObject({ value: false, defaulted: true });
    expect(dev.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(dev.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
  });

  it('azurerm: the customer key resource amends the cluster; zones from a variable stay unknown', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-adx', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'k', { name: 'adx-cmk', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_kusto_cluster', 'adx', { name: 'adxkokuho', location: 'japaneast', sku: [{ name: 'Standard_E2ads_v5', capacity: 2 }], zones: unk('var.zones'), public_network_access_enabled: false }),
      tf('azurerm_kusto_cluster_customer_managed_key', 'cmk', { cluster_id: tfRef('azurerm_kusto_cluster.adx'), key_vault_id: tfRef('azurerm_key_vault.kv'), key_name: tfRef('azurerm_key_vault_key.k', 'name') }),
      tf('azurerm_kusto_cluster', 'plain', { name: 'adxplain', location: 'japaneast', sku: [{ name: 'Standard_E2ads_v5', capacity: 2 }], zones: ['1'] }),
    ]);
    const s = get(model, tfKey('azurerm_kusto_cluster.adx'), 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: tfKey('azurerm_key_vault_key.k') } } });
    expect(inputsOf(s.multiZone)).toEqual(['var.zones']);
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    const plain = get(model, tfKey('azurerm_kusto_cluster.plain'), 'data-store');
    expect(plain.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(plain.multiZone).toMatchObject({ value: false });
  });
});
