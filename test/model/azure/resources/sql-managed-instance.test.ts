import { describe, expect, it } from 'vitest';
import { arm, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const MI = 'Microsoft.Sql/managedInstances';
const DB = 'Microsoft.Sql/managedInstances/databases';
const KEY = 'Microsoft.KeyVault/vaults/keys';

describe('SQL Managed Instance (ARM)', () => {
  it('instance defaults: service-managed TDE, TLS 1.2, public data endpoint off, not zone redundant; a literal password is found', () => {
    const { model, unlifted } = lift([arm(MI, 'sqlmi-juki', { properties: { administratorLogin: 'dba', administratorLoginPassword: 'Juki#2026-prod' } })]);
    expect(unlifted).toEqual([]);
    const s = get(model, armKey(MI, 'sqlmi-juki'), 'data-store');
    expect(s.storeType).toBe('sql-server');
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(s.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
    expect(s.publiclyAccessible).toMatchObject({ value: false, defaulted: true });
    expect(s.multiZone).toMatchObject({ value: false, defaulted: true });
    expect(s.literalSecrets).toMatchObject([{ attribute: 'administratorLoginPassword' }]);
  });

  it('public data endpoint from a parameter without default is unknown, naming the parameter', () => {
    const { model } = lift([arm(MI, 'sqlmi', { properties: { publicDataEndpointEnabled: unk('parameter publicEndpoint'), minimalTlsVersion: 'None' } })]);
    const s = get(model, armKey(MI, 'sqlmi'), 'data-store');
    expect(inputsOf(s.publiclyAccessible)).toEqual(['parameter publicEndpoint']);
    expect(s.minTlsVersion).toMatchObject({ value: null });
  });

  it('databases take the instance zone redundancy and exposure; retention from the short-term policy; protector with a Key Vault key', () => {
    const { model } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-juki', { properties: {} }),
      arm(KEY, 'kv-juki/tde', { properties: {} }),
      arm(MI, 'sqlmi-juki', { properties: { zoneRedundant: true, publicDataEndpointEnabled: true } }),
      arm(`${MI}/keys`, 'sqlmi-juki/kv-juki_tde_0123abcd', { properties: { serverKeyType: 'AzureKeyVault', uri: 'https://kv-juki.vault.azure.net/keys/tde/0123abcd' } }, { location: null }),
      arm(`${MI}/encryptionProtector`, 'sqlmi-juki/current', { properties: { serverKeyType: 'AzureKeyVault', serverKeyName: 'kv-juki_tde_0123abcd' } }, { location: null }),
      arm(DB, 'sqlmi-juki/juki', { properties: { collation: 'Japanese_CI_AS' } }, { location: null }),
      arm(`${DB}/backupShortTermRetentionPolicies`, 'sqlmi-juki/juki/default', { properties: { retentionDays: 3 } }, { location: null }),
      arm(DB, 'sqlmi-juki/scratch', { properties: {} }, { location: null }),
    ]);
    const s = get(model, armKey(MI, 'sqlmi-juki'), 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-juki/tde') } } });
    const juki = get(model, armKey(DB, 'sqlmi-juki/juki'), 'data-store');
    expect(juki.storeType).toBe('sql-database');
    expect(juki.parent).toMatchObject({ value: armKey(MI, 'sqlmi-juki') });
    expect(juki.multiZone).toMatchObject({ value: true });
    expect(juki.publiclyAccessible).toMatchObject({ value: true });
    expect(juki.backupRetentionDays).toMatchObject({ value: 3 });
    expect(juki.region).toMatchObject({ value: 'japaneast' });
    expect(get(model, armKey(DB, 'sqlmi-juki/scratch'), 'data-store').backupRetentionDays).toMatchObject({ value: 7, defaulted: true });
  });

  it('a database whose instance is not in the template has unknown zone redundancy naming the instance', () => {
    const { model } = lift([arm(DB, 'sqlmi-shared/juki', { properties: {} })]);
    const d = get(model, armKey(DB, 'sqlmi-shared/juki'), 'data-store');
    expect(d.multiZone?.known).toBe(false);
    expect(inputsOf(d.multiZone)?.[0]).toMatch(/managedinstances\/sqlmi-shared$/);
  });
});

describe('SQL Managed Instance (azurerm)', () => {
  it('instance, TDE with a Key Vault key, databases by instance ID', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-juki', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'tde', { name: 'tde', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_mssql_managed_instance', 'mi', {
        name: 'sqlmi-juki',
        location: 'japaneast',
        subnet_id: unk('var.sqlmi_subnet_id'),
        administrator_login_password: unk('var.sqlmi_password'),
        public_data_endpoint_enabled: false,
        zone_redundant_enabled: false,
      }),
      tf('azurerm_mssql_managed_instance_transparent_data_encryption', 'tde', { managed_instance_id: tfRef('azurerm_mssql_managed_instance.mi'), key_vault_key_id: tfRef('azurerm_key_vault_key.tde') }),
      tf('azurerm_mssql_managed_database', 'juki', { name: 'juki', managed_instance_id: tfRef('azurerm_mssql_managed_instance.mi'), short_term_retention_days: 14 }),
    ]);
    const s = get(model, tfKey('azurerm_mssql_managed_instance.mi'), 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: tfKey('azurerm_key_vault_key.tde') } } });
    expect(s.literalSecrets).toBeUndefined();
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    expect(s.publiclyAccessible?.known && s.publiclyAccessible.defaulted).toBeFalsy();
    expect(s.subnets?.known).toBe(true);
    const juki = get(model, tfKey('azurerm_mssql_managed_database.juki'), 'data-store');
    expect(juki.parent).toMatchObject({ value: tfKey('azurerm_mssql_managed_instance.mi') });
    expect(juki.multiZone).toMatchObject({ value: false });
    expect(juki.backupRetentionDays).toMatchObject({ value: 14 });
    expect(juki.subnets).toBe(s.subnets);
  });
});
