// Settings written by a separate resource that exists only under a condition
// kikan cannot resolve (an ARM `condition`, a Terraform count from a variable
// with no default): the store keeps what it says without them where both
// agree, and is unknown on that condition where they differ.
import { describe, expect, it } from 'vitest';
import type { NativeResource } from '../../../../src/readers/native.js';
import { arm, armKey, tf, tfKey, tfRef } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const SQL = 'Microsoft.Sql/servers';
const DB = `${SQL}/databases`;

/** A Terraform resource under `count = var.<input> ? 1 : 0` with no default. */
function counted(r: NativeResource, input: string): NativeResource {
  return { ...r, conditional: { inputs: [input], detail: `count = ${input} ? 1 : 0 is not known` } };
}

describe('Azure SQL settings under a condition', () => {
  it('ARM: a conditional TDE switch-off, retention or Key Vault protector is unknown on the condition; a protector repeating the default changes nothing', () => {
    const { model } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-juki', { properties: {} }),
      arm('Microsoft.KeyVault/vaults/keys', 'kv-juki/tde', { properties: {} }),
      arm(SQL, 'sql-juki', { properties: {} }),
      arm(`${SQL}/encryptionProtector`, 'sql-juki/current', { properties: { serverKeyType: 'AzureKeyVault', serverKeyName: 'kv-juki_tde_0123abcd' } }, { location: null, conditional: true }),
      arm(SQL, 'sql-plain', { properties: {} }),
      arm(`${SQL}/encryptionProtector`, 'sql-plain/current', { properties: { serverKeyType: 'ServiceManaged' } }, { location: null, conditional: true }),
      arm(DB, 'sql-juki/scratch', { properties: {} }),
      arm(`${DB}/transparentDataEncryption`, 'sql-juki/scratch/current', { properties: { state: 'Disabled' } }, { location: null, conditional: true }),
      arm(DB, 'sql-juki/juki', { properties: {} }),
      arm(`${DB}/backupShortTermRetentionPolicies`, 'sql-juki/juki/default', { properties: { retentionDays: 1 } }, { location: null, conditional: true }),
    ]);
    expect(inputsOf(get(model, armKey(SQL, 'sql-juki'), 'data-store').encryption)).toEqual(['parameter deployLock']);
    expect(get(model, armKey(SQL, 'sql-plain'), 'data-store').encryption).toMatchObject({ known: true, value: { mode: 'provider-managed' } });
    expect(inputsOf(get(model, armKey(DB, 'sql-juki/scratch'), 'data-store').encryption)).toEqual(['parameter deployLock']);
    expect(inputsOf(get(model, armKey(DB, 'sql-juki/juki'), 'data-store').backupRetentionDays)).toEqual(['parameter deployLock']);
  });

  it('azurerm: a TDE resource under a count that cannot be evaluated neither sets nor removes the server key for sure', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-juki', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'tde', { name: 'tde', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_mssql_server', 'cmk', { name: 'sql-cmk', location: 'japaneast', transparent_data_encryption_key_vault_key_id: tfRef('azurerm_key_vault_key.tde') }),
      counted(tf('azurerm_mssql_server_transparent_data_encryption', 'service', { server_id: tfRef('azurerm_mssql_server.cmk') }), 'var.use_service_key'),
      tf('azurerm_mssql_server', 'plain', { name: 'sql-plain', location: 'japaneast' }),
      counted(tf('azurerm_mssql_server_transparent_data_encryption', 'byok', { server_id: tfRef('azurerm_mssql_server.plain'), key_vault_key_id: tfRef('azurerm_key_vault_key.tde') }), 'var.byok'),
    ]);
    expect(inputsOf(get(model, tfKey('azurerm_mssql_server.cmk'), 'data-store').encryption)).toEqual(['var.use_service_key']);
    expect(inputsOf(get(model, tfKey('azurerm_mssql_server.plain'), 'data-store').encryption)).toEqual(['var.byok']);
  });

  it('ARM: a managed instance retention policy under a condition is unknown on it', () => {
    const MI = 'Microsoft.Sql/managedInstances';
    const { model } = lift([
      arm(MI, 'sqlmi', { properties: {} }),
      arm(`${MI}/databases`, 'sqlmi/juki', { properties: {} }),
      arm(`${MI}/databases/backupShortTermRetentionPolicies`, 'sqlmi/juki/default', { properties: { retentionDays: 35 } }, { location: null, conditional: true }),
    ]);
    expect(inputsOf(get(model, armKey(`${MI}/databases`, 'sqlmi/juki'), 'data-store').backupRetentionDays)).toEqual(['parameter deployLock']);
  });
});

describe('flexible server configurations under a condition', () => {
  const PG = 'Microsoft.DBforPostgreSQL/flexibleServers';
  const MYSQL = 'Microsoft.DBforMySQL/flexibleServers';

  it('ARM: a conditional require_secure_transport OFF or lower TLS minimum is unknown on the condition; ON repeats the default and stays certain', () => {
    const { model } = lift([
      arm(PG, 'psql-juki', { properties: {} }),
      arm(`${PG}/configurations`, 'psql-juki/require_secure_transport', { properties: { value: 'off', source: 'user-override' } }, { location: null, conditional: true }),
      arm(`${PG}/configurations`, 'psql-juki/ssl_min_protocol_version', { properties: { value: 'TLSv1.1', source: 'user-override' } }, { location: null, conditional: true }),
      arm(MYSQL, 'mysql-juki', { properties: {} }),
      arm(`${MYSQL}/configurations`, 'mysql-juki/require_secure_transport', { properties: { value: 'ON' } }, { location: null, conditional: true }),
    ]);
    const pg = get(model, armKey(PG, 'psql-juki'), 'data-store');
    expect(inputsOf(pg.httpsOnly)).toEqual(['parameter deployLock']);
    expect(inputsOf(pg.minTlsVersion)).toEqual(['parameter deployLock']);
    expect(get(model, armKey(MYSQL, 'mysql-juki'), 'data-store').httpsOnly).toMatchObject({ known: true, value: true });
  });

  it('azurerm: a configuration under a count that cannot be evaluated does not turn transport security off for sure', () => {
    const { model } = lift([
      tf('azurerm_mysql_flexible_server', 'juki', { name: 'mysql-juki', location: 'japaneast' }),
      counted(tf('azurerm_mysql_flexible_server_configuration', 'insecure', { name: 'require_secure_transport', server_id: tfRef('azurerm_mysql_flexible_server.juki'), value: 'OFF' }), 'var.legacy_clients'),
      tf('azurerm_postgresql_flexible_server', 'batch', { name: 'psql-batch', location: 'japaneast' }),
      tf('azurerm_postgresql_flexible_server_configuration', 'insecure', { name: 'require_secure_transport', server_id: tfRef('azurerm_postgresql_flexible_server.batch'), value: 'off' }),
    ]);
    expect(inputsOf(get(model, tfKey('azurerm_mysql_flexible_server.juki'), 'data-store').httpsOnly)).toEqual(['var.legacy_clients']);
    expect(get(model, tfKey('azurerm_postgresql_flexible_server.batch'), 'data-store').httpsOnly).toMatchObject({ known: true, value: false });
  });
});

describe('Synapse settings under a condition', () => {
  const WS = 'Microsoft.Synapse/workspaces';
  const POOL = `${WS}/sqlPools`;

  it('ARM: a conditional minimal TLS setting or pool TDE status is unknown on the condition, not the value it writes', () => {
    const { model } = lift([
      arm(WS, 'syn-toukei', { properties: {} }),
      arm(`${WS}/dedicatedSQLminimalTlsSettings`, 'syn-toukei/default', { properties: { minimalTlsVersion: '1.2' } }, { location: null, conditional: true }),
      arm(WS, 'syn-fixed', { properties: {} }),
      arm(`${WS}/dedicatedSQLminimalTlsSettings`, 'syn-fixed/default', { properties: { minimalTlsVersion: '1.2' } }, { location: null }),
      arm(POOL, 'syn-fixed/on', { properties: {} }),
      arm(`${POOL}/transparentDataEncryption`, 'syn-fixed/on/current', { properties: { status: 'Enabled' } }, { location: null, conditional: true }),
      arm(POOL, 'syn-fixed/off', { properties: {} }),
      arm(`${POOL}/transparentDataEncryption`, 'syn-fixed/off/current', { properties: { status: 'Disabled' } }, { location: null, conditional: true }),
    ]);
    expect(inputsOf(get(model, armKey(WS, 'syn-toukei'), 'data-store').minTlsVersion)).toEqual(['parameter deployLock']);
    expect(get(model, armKey(WS, 'syn-fixed'), 'data-store').minTlsVersion).toMatchObject({ known: true, value: '1.2' });
    expect(inputsOf(get(model, armKey(POOL, 'syn-fixed/on'), 'data-store').encryption)).toEqual(['parameter deployLock']);
    expect(inputsOf(get(model, armKey(POOL, 'syn-fixed/off'), 'data-store').encryption)).toEqual(['parameter deployLock']);
  });
});

describe('Redis Enterprise databases under a condition', () => {
  const RE = 'Microsoft.Cache/redisEnterprise';

  it('a Plaintext database that may not be deployed is unknown on the condition; an Encrypted one is TLS only either way', () => {
    const { model } = lift([
      arm(RE, 'amr-juki', { sku: { name: 'Balanced_B5' }, properties: {} }),
      arm(`${RE}/databases`, 'amr-juki/default', { properties: { clientProtocol: 'Plaintext' } }, { location: null, conditional: true }),
      arm(RE, 'amr-kokuho', { sku: { name: 'Balanced_B5' }, properties: {} }),
      arm(`${RE}/databases`, 'amr-kokuho/default', { properties: { clientProtocol: 'Encrypted' } }, { location: null, conditional: true }),
      tf('azurerm_redis_enterprise_cluster', 'old', { name: 'redis-old', location: 'japaneast', sku_name: 'Enterprise_E10-2' }),
      counted(tf('azurerm_redis_enterprise_database', 'db', { cluster_id: tfRef('azurerm_redis_enterprise_cluster.old'), client_protocol: 'Plaintext' }), 'var.cache_enabled'),
    ]);
    expect(inputsOf(get(model, armKey(RE, 'amr-juki'), 'data-store').httpsOnly)).toEqual(['parameter deployLock']);
    expect(get(model, armKey(RE, 'amr-kokuho'), 'data-store').httpsOnly).toMatchObject({ known: true, value: true });
    expect(inputsOf(get(model, tfKey('azurerm_redis_enterprise_cluster.old'), 'data-store').httpsOnly)).toEqual(['var.cache_enabled']);
  });
});
