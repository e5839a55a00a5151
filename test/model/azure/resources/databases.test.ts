import { describe, expect, it } from 'vitest';
import { arm, armKey, RG, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const SQL = 'Microsoft.Sql/servers';
const DB = 'Microsoft.Sql/servers/databases';
const PG = 'Microsoft.DBforPostgreSQL/flexibleServers';
const MYSQL = 'Microsoft.DBforMySQL/flexibleServers';
const COSMOS = 'Microsoft.DocumentDB/databaseAccounts';
const KEY = 'Microsoft.KeyVault/vaults/keys';

describe('Azure SQL (ARM)', () => {
  const vault = [arm('Microsoft.KeyVault/vaults', 'kv-juki', { properties: {} }), arm(KEY, 'kv-juki/tde', { properties: {} })];

  it('server defaults: service-managed TDE, TLS 1.2, no auditing; a literal admin password is found', () => {
    const server = arm(SQL, 'sql-juki', { properties: { administratorLogin: 'sqladmin', administratorLoginPassword: 'P@ssw0rd1234' } });
    const { model } = lift([server]);
    const s = get(model, armKey(SQL, 'sql-juki'), 'data-store');
    expect(s.storeType).toBe('sql-server');
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(s.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
    expect(s.accessLogging).toMatchObject({ value: false, defaulted: true });
    expect(s.literalSecrets).toEqual([{ attribute: 'administratorLoginPassword', loc: expect.objectContaining({ file: 'azuredeploy.json' }) }]);
    // Public network access is on: the endpoint exists, though it admits nothing without firewall rules.
    expect(s.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(s.publicFirewall).toMatchObject({ value: 'denies', defaulted: true });
  });

  it('a password from a parameter without default is not a literal; "None" means no TLS minimum', () => {
    const { model } = lift([arm(SQL, 'sql', { properties: { administratorLoginPassword: unk('parameter sqlPassword'), minimalTlsVersion: 'None' } })]);
    const s = get(model, armKey(SQL, 'sql'), 'data-store');
    expect(s.literalSecrets).toBeUndefined();
    expect(s.minTlsVersion).toMatchObject({ value: null });
  });

  it('firewall rules: any rule makes the public endpoint reachable, "allow Azure services" (0.0.0.0) included, but only a full range admits the whole internet', () => {
    const { model } = lift([
      arm(SQL, 'sql-a', { properties: {} }),
      arm(`${SQL}/firewallRules`, 'sql-a/AllowAllWindowsAzureIps', { properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' } }, { location: null }),
      arm(SQL, 'sql-b', { properties: {} }),
      arm(`${SQL}/firewallRules`, 'sql-b/office', { properties: { startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' } }, { location: null }),
      arm(SQL, 'sql-c', { properties: { publicNetworkAccess: 'Disabled' } }),
      arm(`${SQL}/firewallRules`, 'sql-c/office', { properties: { startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' } }, { location: null }),
      arm(`${DB}`, 'sql-b/juki', { properties: {} }),
    ]);
    // Every Azure address, other customers' resources included.
    expect(get(model, armKey(SQL, 'sql-a'), 'data-store').publiclyAccessible).toMatchObject({ value: true });
    expect(get(model, armKey(SQL, 'sql-a'), 'data-store').firewallOpenToAll).toMatchObject({ value: false });
    expect(get(model, armKey(SQL, 'sql-b'), 'data-store').publiclyAccessible).toMatchObject({ value: true });
    expect(get(model, armKey(SQL, 'sql-c'), 'data-store').publiclyAccessible).toMatchObject({ value: false });
    // A database is as exposed as its server.
    expect(get(model, armKey(DB, 'sql-b/juki'), 'data-store').publiclyAccessible).toMatchObject({ value: true });
  });

  it('types spelled in other cases are lifted too (ARM types are case-insensitive)', () => {
    const { model } = lift([
      arm(SQL, 'sql', { properties: {} }),
      arm('Microsoft.Sql/servers/firewallrules', 'sql/office', { properties: { startIpAddress: '198.51.100.1', endIpAddress: '198.51.100.1' } }, { location: null }),
      arm('Microsoft.Cache/Redis', 'cache', { properties: { sku: { name: 'Basic' } } }),
    ]);
    expect(get(model, armKey(SQL, 'sql'), 'data-store').publiclyAccessible).toMatchObject({ value: true });
    expect(get(model, armKey('Microsoft.Cache/Redis', 'cache'), 'data-store').storeType).toBe('redis-cache');
  });

  it('encryption protector with a Key Vault key; databases: zone redundancy, retention, TDE off, parent and name', () => {
    const { model } = lift([
      ...vault,
      arm(SQL, 'sql-juki', { properties: {} }),
      arm(`${SQL}/keys`, 'sql-juki/kv-juki_tde_0123abcd', { properties: { serverKeyType: 'AzureKeyVault', uri: 'https://kv-juki.vault.azure.net/keys/tde/0123abcd' } }, { location: null }),
      arm(`${SQL}/encryptionProtector`, 'sql-juki/current', { properties: { serverKeyType: 'AzureKeyVault', serverKeyName: 'kv-juki_tde_0123abcd' } }, { location: null }),
      arm(`${SQL}/auditingSettings`, 'sql-juki/default', { properties: { state: 'Enabled', isAzureMonitorTargetEnabled: true } }, { location: null }),
      // Audit events reach Azure Monitor through the master database's setting, which is the server's.
      arm(`${DB}/providers/diagnosticSettings`, 'sql-juki/master/Microsoft.Insights/audit', {
        properties: { workspaceId: '/subscriptions/0000/resourceGroups/rg-log/providers/Microsoft.OperationalInsights/workspaces/law', logs: [{ category: 'SQLSecurityAuditEvents', enabled: true }] },
      }, { location: null }),
      arm(DB, 'sql-juki/juki', { sku: { name: 'BC_Gen5_2' }, properties: { zoneRedundant: true } }),
      arm(`${DB}/backupShortTermRetentionPolicies`, 'sql-juki/juki/default', { properties: { retentionDays: 14 } }, { location: null }),
      arm(DB, 'sql-juki/scratch', { properties: {} }, { location: null }),
      arm(`${DB}/transparentDataEncryption`, 'sql-juki/scratch/current', { properties: { state: 'Disabled' } }, { location: null }),
    ]);
    const s = get(model, armKey(SQL, 'sql-juki'), 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-juki/tde') } } });
    expect(s.accessLogging).toMatchObject({ value: true });
    const juki = get(model, armKey(DB, 'sql-juki/juki'), 'data-store');
    expect(juki.parent).toMatchObject({ value: armKey(SQL, 'sql-juki') });
    expect(juki.name).toMatchObject({ value: 'juki' });
    expect(juki.multiZone).toMatchObject({ value: true });
    expect(juki.backupRetentionDays).toMatchObject({ value: 14 });
    // The protector is the server's: a database without its own key has no encryption of its own to judge.
    expect(juki.encryption).toBeUndefined();
    const scratch = get(model, armKey(DB, 'sql-juki/scratch'), 'data-store');
    expect(scratch.multiZone).toMatchObject({ value: false, defaulted: true });
    expect(scratch.backupRetentionDays).toMatchObject({ value: 7, defaulted: true });
    expect(scratch.encryption).toMatchObject({ value: { mode: 'none' } });
    expect(scratch.region).toMatchObject({ value: 'japaneast' });
  });

  it('a protector whose key resource is not in the template is joined by the vault and key in its name', () => {
    const { model } = lift([
      ...vault,
      arm(SQL, 'sql', { properties: {} }),
      arm(`${SQL}/encryptionProtector`, 'sql/current', { properties: { serverKeyType: 'AzureKeyVault', serverKeyName: 'kv-juki_tde_ffff' } }, { location: null }),
      arm(SQL, 'sql2', { properties: {} }),
      arm(`${SQL}/encryptionProtector`, 'sql2/current', { properties: { serverKeyType: 'ServiceManaged', serverKeyName: 'ServiceManaged' } }, { location: null }),
    ]);
    expect(get(model, armKey(SQL, 'sql'), 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-juki/tde') } } });
    expect(get(model, armKey(SQL, 'sql2'), 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    const written = get(model, armKey(SQL, 'sql2'), 'data-store').encryption;
    expect(written?.known && written.defaulted).toBeFalsy();
  });
});

describe('Azure SQL elastic pools', () => {
  it('a pooled database is as zone redundant as its pool, whatever it says itself; a pool outside the scan is unknown', () => {
    const { model } = lift([
      arm(SQL, 'sql', { properties: {} }),
      arm(`${SQL}/elasticPools`, 'sql/pool-a', { properties: { zoneRedundant: true } }),
      arm(`${SQL}/elasticPools`, 'sql/pool-b', { properties: {} }),
      arm(DB, 'sql/a', { properties: { elasticPoolId: `${RG}/providers/Microsoft.Sql/servers/sql/elasticPools/pool-a` } }),
      arm(DB, 'sql/b', { properties: { zoneRedundant: true, elasticPoolId: `${RG}/providers/Microsoft.Sql/servers/sql/elasticPools/pool-b` } }),
      arm(DB, 'sql/c', { properties: { zoneRedundant: true, elasticPoolId: '/subscriptions/s1/resourceGroups/rg-shared/providers/Microsoft.Sql/servers/sql-shared/elasticPools/pool' } }),
      tf('azurerm_mssql_elasticpool', 'pool', { name: 'pool', server_name: 'sql' }),
      tf('azurerm_mssql_database', 'd', { name: 'd', server_id: unk('var.server_id'), elastic_pool_id: tfRef('azurerm_mssql_elasticpool.pool'), zone_redundant: true }),
      tf('azurerm_mssql_database', 'e', { name: 'e', server_id: unk('var.server_id'), elastic_pool_id: unk('var.pool_id'), zone_redundant: true }),
    ]);
    expect(get(model, armKey(DB, 'sql/a'), 'data-store').multiZone).toMatchObject({ value: true });
    expect(get(model, armKey(DB, 'sql/b'), 'data-store').multiZone).toMatchObject({ value: false, defaulted: true });
    expect(inputsOf(get(model, armKey(DB, 'sql/c'), 'data-store').multiZone)).toEqual(['/subscriptions/s1/resourceGroups/rg-shared/providers/Microsoft.Sql/servers/sql-shared/elasticPools/pool']);
    expect(get(model, tfKey('azurerm_mssql_database.d'), 'data-store').multiZone).toMatchObject({ value: false, defaulted: true });
    expect(inputsOf(get(model, tfKey('azurerm_mssql_database.e'), 'data-store').multiZone)).toEqual(['var.pool_id']);
  });
});

describe('Azure SQL (azurerm 3.x azurerm_sql_*)', () => {
  it('server, databases by reference or name, firewall rule by name; pooled database unknown; literal password', () => {
    const { model } = lift([
      tf('azurerm_sql_server', 'old', { name: 'sql-old', location: 'japaneast', administrator_login_password: 'Kokuho-2019!', extended_auditing_policy: [{ retention_in_days: 90 }] }),
      tf('azurerm_sql_database', 'a', { name: 'a', location: 'japaneast', server_name: tfRef('azurerm_sql_server.old', 'name'), zone_redundant: true }),
      tf('azurerm_sql_database', 'b', { name: 'b', location: 'japaneast', server_name: 'sql-old', elastic_pool_name: 'ep-old' }),
      tf('azurerm_sql_database', 'c', { name: 'c', location: 'japaneast', server_name: 'sql-elsewhere' }),
      tf('azurerm_sql_firewall_rule', 'office', { server_name: 'sql-old', start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.1' }),
    ]);
    const s = get(model, tfKey('azurerm_sql_server.old'), 'data-store');
    expect(s.storeType).toBe('sql-server');
    expect(s.literalSecrets).toMatchObject([{ attribute: 'administrator_login_password' }]);
    expect(s.accessLogging).toMatchObject({ value: true });
    expect(s.publiclyAccessible).toMatchObject({ value: true });
    expect(s.firewallOpenToAll).toMatchObject({ value: false });
    const a = get(model, tfKey('azurerm_sql_database.a'), 'data-store');
    expect(a.parent).toMatchObject({ value: tfKey('azurerm_sql_server.old') });
    expect(a.multiZone).toMatchObject({ value: true });
    expect(a.publiclyAccessible).toMatchObject({ value: true });
    const b = get(model, tfKey('azurerm_sql_database.b'), 'data-store');
    expect(b.parent).toMatchObject({ value: tfKey('azurerm_sql_server.old') });
    expect(inputsOf(b.multiZone)).toEqual(['ep-old']);
    expect(inputsOf(get(model, tfKey('azurerm_sql_database.c'), 'data-store').parent)).toEqual(['sql-elsewhere']);
  });
});

describe('Azure SQL (azurerm)', () => {
  it('server, TDE resource, database and firewall rule', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-juki', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'tde', { name: 'tde', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_mssql_server', 'sql', { name: 'sql-juki', location: 'japaneast', administrator_login_password: unk('var.sql_password'), minimum_tls_version: '1.2' }),
      tf('azurerm_mssql_server_transparent_data_encryption', 'tde', { server_id: tfRef('azurerm_mssql_server.sql'), key_vault_key_id: tfRef('azurerm_key_vault_key.tde') }),
      tf('azurerm_mssql_database', 'juki', { name: 'juki', server_id: tfRef('azurerm_mssql_server.sql'), zone_redundant: true, short_term_retention_policy: [{ retention_days: 35 }] }),
      tf('azurerm_mssql_database', 'temp', { name: 'temp', server_id: tfRef('azurerm_mssql_server.sql'), transparent_data_encryption_enabled: false }),
      tf('azurerm_mssql_firewall_rule', 'azure', { server_id: tfRef('azurerm_mssql_server.sql'), start_ip_address: '0.0.0.0', end_ip_address: '0.0.0.0' }),
      tf('azurerm_mssql_server_extended_auditing_policy', 'audit', { server_id: tfRef('azurerm_mssql_server.sql'), log_monitoring_enabled: true }),
    ]);
    const s = get(model, tfKey('azurerm_mssql_server.sql'), 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: tfKey('azurerm_key_vault_key.tde') } } });
    expect(s.literalSecrets).toBeUndefined();
    expect(s.publiclyAccessible).toMatchObject({ value: true, loc: { line: expect.any(Number) } });
    expect(s.firewallOpenToAll).toMatchObject({ value: false });
    // Auditing to Azure Monitor with no diagnostic setting on master delivers nothing.
    expect(s.accessLogging).toMatchObject({ value: false });
    const juki = get(model, tfKey('azurerm_mssql_database.juki'), 'data-store');
    expect(juki.parent).toMatchObject({ value: tfKey('azurerm_mssql_server.sql') });
    expect(juki.multiZone).toMatchObject({ value: true });
    expect(juki.backupRetentionDays).toMatchObject({ value: 35 });
    expect(juki.region).toMatchObject({ value: 'japaneast' });
    expect(get(model, tfKey('azurerm_mssql_database.temp'), 'data-store').encryption).toMatchObject({ value: { mode: 'none' } });
  });

  it('a literal administrator password on the server is found', () => {
    const { model } = lift([tf('azurerm_mssql_server', 'sql', { name: 'sql', location: 'japaneast', administrator_login_password: 'Tokyo-2026!' })]);
    expect(get(model, tfKey('azurerm_mssql_server.sql'), 'data-store').literalSecrets).toMatchObject([{ attribute: 'administrator_login_password' }]);
  });

  it('a plan: a diagnostic setting on the master database by its literal ID is the server\'s, and carries its Azure Monitor auditing', () => {
    const serverId = '/subscriptions/6a1f0d3c-2b7e-4c95-a8d4-0e3b9f51c2a7/resourceGroups/rg-juki/providers/Microsoft.Sql/servers/sql-juki';
    const plan = { source: 'terraform-plan' as const };
    const { model } = lift([
      { ...tf('azurerm_mssql_server', 'sql', { id: serverId, name: 'sql-juki', location: 'japaneast' }, plan), ids: [serverId] },
      tf('azurerm_mssql_server_extended_auditing_policy', 'audit', { server_id: serverId, log_monitoring_enabled: true }, plan),
      tf('azurerm_monitor_diagnostic_setting', 'audit', {
        name: 'audit',
        target_resource_id: `${serverId}/databases/master`,
        log_analytics_workspace_id: '/subscriptions/6a1f0d3c-2b7e-4c95-a8d4-0e3b9f51c2a7/resourceGroups/rg-log/providers/Microsoft.OperationalInsights/workspaces/law',
        enabled_log: [{ category: 'SQLSecurityAuditEvents' }],
      }, plan),
    ]);
    expect(get(model, tfKey('azurerm_monitor_diagnostic_setting.audit'), 'log-setting').target).toMatchObject({ known: true, value: tfKey('azurerm_mssql_server.sql') });
    expect(get(model, tfKey('azurerm_mssql_server.sql'), 'data-store').accessLogging).toMatchObject({ known: true, value: true });
  });
});

describe('PostgreSQL and MySQL flexible servers', () => {
  it('ARM: zone-redundant HA, geo backups to the paired region, Key Vault key, private by subnet', () => {
    const { model } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv', { properties: {} }),
      arm(KEY, 'kv/pg', { properties: {} }),
      arm('Microsoft.Network/virtualNetworks/subnets', 'vnet/db', { properties: {} }),
      arm(PG, 'pg-juki', {
        sku: { name: 'Standard_D2ds_v4', tier: 'GeneralPurpose' },
        properties: {
          administratorLoginPassword: unk('parameter pgPassword'),
          highAvailability: { mode: 'ZoneRedundant', standbyAvailabilityZone: '2' },
          backup: { backupRetentionDays: 14, geoRedundantBackup: 'Enabled' },
          dataEncryption: { type: 'AzureKeyVault', primaryKeyURI: 'https://kv.vault.azure.net/keys/pg/abc', primaryUserAssignedIdentityId: 'x' },
          network: { delegatedSubnetResourceId: `/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db` },
        },
      }),
      arm(MYSQL, 'mysql', { properties: { highAvailability: { mode: 'SameZone' } } }),
      arm(`${MYSQL}/configurations`, 'mysql/require_secure_transport', { properties: { value: 'OFF', source: 'user-override' } }, { location: null }),
      arm(`${MYSQL}/configurations`, 'mysql/tls_version', { properties: { value: 'TLSv1.3,TLSv1.2' } }, { location: null }),
      arm(`${MYSQL}/firewallRules`, 'mysql/all', { properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } }, { location: null }),
    ]);
    const pg = get(model, armKey(PG, 'pg-juki'), 'data-store');
    expect(pg.storeType).toBe('postgresql-server');
    expect(pg.multiZone).toMatchObject({ value: true });
    expect(pg.backupRetentionDays).toMatchObject({ value: 14 });
    expect(pg.replicationRegions).toMatchObject({ value: ['japanwest'] });
    expect(pg.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv/pg') } } });
    expect(pg.subnets).toMatchObject({ value: [{ value: armKey('Microsoft.Network/virtualNetworks/subnets', 'vnet/db') }] });
    expect(pg.publiclyAccessible).toMatchObject({ value: false });
    expect(pg.httpsOnly).toMatchObject({ value: true, defaulted: true });
    const mysql = get(model, armKey(MYSQL, 'mysql'), 'data-store');
    expect(mysql.multiZone).toMatchObject({ value: false });
    expect(mysql.backupRetentionDays).toMatchObject({ value: 7, defaulted: true });
    expect(mysql.replicationRegions).toMatchObject({ value: [] });
    expect(mysql.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(mysql.httpsOnly).toMatchObject({ value: false });
    expect(mysql.minTlsVersion).toMatchObject({ value: '1.2' });
    expect(mysql.publiclyAccessible).toMatchObject({ value: true });
  });

  it('azurerm: HA block, customer key block, delegated subnet, literal password, configuration by server name', () => {
    const { model } = lift([
      tf('azurerm_postgresql_flexible_server', 'pg', {
        name: 'pg-juki',
        location: 'japaneast',
        administrator_password: 'changeme-123',
        delegated_subnet_id: unk('var.db_subnet_id'),
        high_availability: [{ mode: 'SameZone' }],
        customer_managed_key: [{ key_vault_key_id: unk('var.pg_key_id') }],
      }),
      tf('azurerm_mysql_flexible_server', 'mysql', { name: 'mysql-juki', location: 'japaneast', backup_retention_days: 3, geo_redundant_backup_enabled: true }),
      tf('azurerm_mysql_flexible_server_configuration', 'tls', { name: 'tls_version', server_name: 'mysql-juki', resource_group_name: 'rg', value: 'TLSv1.2' }),
      tf('azurerm_postgresql_flexible_server_configuration', 'ssl', { name: 'ssl_min_protocol_version', server_id: tfRef('azurerm_postgresql_flexible_server.pg'), value: 'TLSv1.3' }),
    ]);
    const pg = get(model, tfKey('azurerm_postgresql_flexible_server.pg'), 'data-store');
    expect(pg.multiZone).toMatchObject({ value: false });
    expect(pg.literalSecrets).toMatchObject([{ attribute: 'administrator_password' }]);
    // A variable may be left null, which means no customer key: whether there is one depends on it.
    expect(inputsOf(pg.encryption)).toEqual(['var.pg_key_id']);
    expect(inputsOf(pg.subnets?.known ? pg.subnets.value[0] : undefined)).toEqual(['var.db_subnet_id']);
    expect(pg.publiclyAccessible).toMatchObject({ value: false });
    expect(pg.minTlsVersion).toMatchObject({ value: '1.3' });
    const mysql = get(model, tfKey('azurerm_mysql_flexible_server.mysql'), 'data-store');
    expect(mysql.backupRetentionDays).toMatchObject({ value: 3 });
    expect(mysql.replicationRegions).toMatchObject({ value: ['japanwest'] });
    // Set by the configuration resource, not the platform default.
    expect(mysql.minTlsVersion).toMatchObject({ value: '1.2', loc: expect.objectContaining({ file: 'main.tf' }) });
    expect(mysql.minTlsVersion?.known && mysql.minTlsVersion.defaulted).toBeFalsy();
    // Public access on by default: the endpoint exists, though no firewall rule admits anyone.
    expect(mysql.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(mysql.publicFirewall).toMatchObject({ value: 'denies' });
  });
});

describe('Cosmos DB', () => {
  it('ARM: customer key, open endpoint, multi-region, periodic backups in hours', () => {
    const { model } = lift([
      arm(COSMOS, 'cosmos-a', {
        properties: {
          databaseAccountOfferType: 'Standard',
          keyVaultKeyUri: 'https://kv.vault.azure.net/keys/cosmos',
          locations: [
            { locationName: 'Japan East', failoverPriority: 0, isZoneRedundant: false },
            { locationName: 'Japan West', failoverPriority: 1 },
          ],
          backupPolicy: { type: 'Periodic', periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 720 } },
        },
      }),
      arm(COSMOS, 'cosmos-b', {
        properties: {
          locations: [{ locationName: 'japaneast', failoverPriority: 0, isZoneRedundant: true }],
          ipRules: [{ ipAddressOrRange: '203.0.113.0/24' }],
          backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } },
        },
      }),
      arm(COSMOS, 'cosmos-c', { properties: { isVirtualNetworkFilterEnabled: true, locations: [{ locationName: 'japaneast' }] } }),
    ]);
    const a = get(model, armKey(COSMOS, 'cosmos-a'), 'data-store');
    expect(a.encryption).toMatchObject({ value: { mode: 'customer-managed', keyText: 'https://kv.vault.azure.net/keys/cosmos' } });
    expect(a.encryption?.known && inputsOf(a.encryption.value.key)).toEqual(['kv/cosmos']);
    expect(a.publiclyAccessible).toMatchObject({ value: true });
    expect(a.multiZone).toMatchObject({ value: true });
    expect(a.replicationRegions).toMatchObject({ value: ['japanwest'] });
    expect(a.backupRetentionDays).toMatchObject({ value: 30 });
    expect(a.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
    const b = get(model, armKey(COSMOS, 'cosmos-b'), 'data-store');
    expect(b.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(b.publiclyAccessible).toMatchObject({ value: true });
    expect(b.multiZone).toMatchObject({ value: true });
    expect(b.backupRetentionDays).toMatchObject({ value: 7 });
    const c = get(model, armKey(COSMOS, 'cosmos-c'), 'data-store');
    // Virtual network filtering narrows who is admitted; the public endpoint stays.
    expect(c.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(c.publicFirewall).toMatchObject({ value: 'denies' });
    expect(a.publicFirewall).toMatchObject({ value: 'allows-all', defaulted: true });
    expect(b.publicFirewall).toMatchObject({ value: 'admits-ranges' });
    expect(c.multiZone).toMatchObject({ value: false, defaulted: true });
    expect(c.backupRetentionDays).toMatchObject({ value: 8 / 24, defaulted: true });
  });

  it('a key read from a deployed vault is a customer key; one from a parameter depends on that parameter', () => {
    const { model } = lift([
      arm(COSMOS, 'c-ref', { properties: { keyVaultKeyUri: unk("reference(resourceId('Microsoft.KeyVault/vaults/keys', variables('kv'), 'k'))", 'known after deployment', '[reference(...).keyUri]') } }),
      arm(COSMOS, 'c-param', { properties: { keyVaultKeyUri: unk('parameter cmkUri', 'no value', "[if(empty(parameters('cmkUri')), null(), parameters('cmkUri'))]") } }),
    ]);
    expect(get(model, armKey(COSMOS, 'c-ref'), 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed' } });
    expect(inputsOf(get(model, armKey(COSMOS, 'c-param'), 'data-store').encryption)).toEqual(['parameter cmkUri']);
  });

  it('properties that could not be evaluated leave every setting unknown rather than defaulted', () => {
    const r = arm(COSMOS, 'c-opaque', {});
    r.attrs.fields.properties = unk('parameter accountProperties', 'no value', "[parameters('accountProperties')]");
    const { model } = lift([r]);
    const s = get(model, armKey(COSMOS, 'c-opaque'), 'data-store');
    expect(inputsOf(s.encryption)).toEqual(['parameter accountProperties']);
    expect(inputsOf(s.publiclyAccessible)).toEqual(['parameter accountProperties']);
    expect(inputsOf(s.backupRetentionDays)).toEqual(['parameter accountProperties']);
  });

  it('azurerm: default backups, string IP filter, zone-redundant single region', () => {
    const { model } = lift([
      tf('azurerm_cosmosdb_account', 'db', {
        name: 'cosmos-juki',
        location: 'japaneast',
        ip_range_filter: '',
        public_network_access_enabled: true,
        geo_location: [{ location: 'japaneast', failover_priority: 0, zone_redundant: true }],
      }),
    ]);
    const s = get(model, tfKey('azurerm_cosmosdb_account.db'), 'data-store');
    expect(s.publiclyAccessible).toMatchObject({ value: true });
    expect(s.multiZone).toMatchObject({ value: true });
    expect(s.replicationRegions).toMatchObject({ value: [] });
    expect(s.backupRetentionDays).toMatchObject({ value: 8 / 24 });
  });
});

describe('Azure Cache for Redis', () => {
  it('TLS, non-TLS port, subnet injection and zones', () => {
    const { model } = lift([
      arm('Microsoft.Cache/redis', 'redis-a', { zones: ['1', '2', '3'], properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, enableNonSslPort: true, minimumTlsVersion: '1.0' } }),
      arm('Microsoft.Cache/redis', 'redis-b', { properties: { sku: { name: 'Basic', family: 'C', capacity: 0 }, subnetId: 'x' } }),
      arm('Microsoft.Cache/redis', 'redis-c', { properties: { sku: { name: 'Standard', family: 'C', capacity: 1 } } }),
      tf('azurerm_redis_cache', 'r', { name: 'redis', location: 'japaneast', sku_name: 'Premium', zones: ['1', '2'], public_network_access_enabled: false }),
    ]);
    const a = get(model, armKey('Microsoft.Cache/redis', 'redis-a'), 'data-store');
    expect(a.storeType).toBe('redis-cache');
    expect(a.encryption).toBeUndefined();
    expect(a.minTlsVersion).toMatchObject({ value: '1.0' });
    expect(a.httpsOnly).toMatchObject({ value: false });
    expect(a.multiZone).toMatchObject({ value: true });
    expect(a.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    const b = get(model, armKey('Microsoft.Cache/redis', 'redis-b'), 'data-store');
    expect(b.publiclyAccessible).toMatchObject({ value: false });
    expect(b.multiZone).toMatchObject({ value: false });
    expect(b.httpsOnly).toMatchObject({ value: true });
    expect(inputsOf(get(model, armKey('Microsoft.Cache/redis', 'redis-c'), 'data-store').multiZone)).toEqual(['zones']);
    const t = get(model, tfKey('azurerm_redis_cache.r'), 'data-store');
    expect(t.multiZone).toMatchObject({ value: true });
    expect(t.publiclyAccessible).toMatchObject({ value: false });
    expect(t.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
  });
});
