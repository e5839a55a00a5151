import { describe, expect, it } from 'vitest';
import { arm, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const VAULT = 'Microsoft.KeyVault/vaults';
const KEY = 'Microsoft.KeyVault/vaults/keys';

describe('Key Vault (ARM)', () => {
  it('a vault with no settings has purge protection off, 90 days of soft delete and a public endpoint', () => {
    const { model } = lift([arm(VAULT, 'kv-juki', { properties: { tenantId: 't', sku: { family: 'A', name: 'standard' } } })]);
    const k = get(model, armKey(VAULT, 'kv-juki'), 'key');
    expect(k.keyType).toBe('key-vault');
    expect(k.purgeProtection).toMatchObject({ value: false, defaulted: true });
    expect(k.softDeleteRetentionDays).toMatchObject({ value: 90, defaulted: true });
    expect(k.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(k.region).toMatchObject({ value: 'japaneast' });
  });

  it('purge protection, a shorter retention and a closed network are read as written', () => {
    const { model } = lift([
      arm(VAULT, 'kv-a', {
        properties: { enablePurgeProtection: true, softDeleteRetentionInDays: 7, publicNetworkAccess: 'Disabled' },
      }),
      arm(VAULT, 'kv-b', { properties: { networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [] } } }),
      arm(VAULT, 'kv-c', { properties: { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '203.0.113.0/24' }] } } }),
    ]);
    const a = get(model, armKey(VAULT, 'kv-a'), 'key');
    expect(a.purgeProtection).toMatchObject({ value: true });
    expect(a.purgeProtection?.known && a.purgeProtection.defaulted).toBeFalsy();
    expect(a.softDeleteRetentionDays).toMatchObject({ value: 7 });
    expect(a.publiclyAccessible).toMatchObject({ value: false });
    // Denying by default leaves the public endpoint in place; the ACL says what it admits.
    expect(get(model, armKey(VAULT, 'kv-b'), 'key').publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(get(model, armKey(VAULT, 'kv-b'), 'key').publicFirewall).toMatchObject({ value: 'denies' });
    expect(get(model, armKey(VAULT, 'kv-c'), 'key').publiclyAccessible).toMatchObject({ value: true });
    expect(get(model, armKey(VAULT, 'kv-c'), 'key').publicFirewall).toMatchObject({ value: 'admits-ranges' });
  });

  it('a key rotates only with a rotate action; exp is seconds since the epoch; the vault is its parent', () => {
    const { model } = lift([
      arm(VAULT, 'kv', { properties: {} }),
      arm(KEY, 'kv/data', {
        properties: {
          kty: 'RSA',
          attributes: { exp: 1893456000 },
          rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: 'P90D' }, action: { type: 'Rotate' } }] },
        },
      }, { location: null }),
      arm(KEY, 'kv/notify', {
        properties: { rotationPolicy: { lifetimeActions: [{ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'Notify' } }] } },
      }, { location: null }),
      arm(KEY, 'kv/plain', { properties: { kty: 'RSA' } }, { location: null }),
    ]);
    const data = get(model, armKey(KEY, 'kv/data'), 'key');
    expect(data.keyType).toBe('key-vault-key');
    expect(data.parent).toMatchObject({ value: armKey(VAULT, 'kv') });
    expect(data.rotationEnabled).toMatchObject({ value: true });
    expect(data.expires).toMatchObject({ value: '2030-01-01T00:00:00.000Z' });
    // A key without a location of its own is where its vault is.
    expect(data.region).toMatchObject({ value: 'japaneast' });
    expect(get(model, armKey(KEY, 'kv/notify'), 'key').rotationEnabled).toMatchObject({ value: false });
    const plain = get(model, armKey(KEY, 'kv/plain'), 'key');
    expect(plain.rotationEnabled).toMatchObject({ value: false, defaulted: true });
    expect(plain.expires).toMatchObject({ value: null, defaulted: true });
  });

  it('a key whose vault name is a parameter without value names that parameter as the missing parent', () => {
    const k = arm(KEY, "[parameters('vaultName')]/data", { properties: {} });
    k.attrs.fields.name = unk('parameter vaultName', 'no value', "[format('{0}/data', parameters('vaultName'))]");
    const { model } = lift([k]);
    expect(inputsOf(get(model, k.key, 'key').parent)).toEqual(['parameter vaultName']);
  });

  it('a rotation action given by a parameter without value is unknown, naming the parameter', () => {
    const { model } = lift([
      arm(KEY, 'kv/k', {
        properties: { rotationPolicy: { lifetimeActions: [{ action: { type: unk('parameter rotateAction') } }] } },
      }),
    ]);
    expect(inputsOf(get(model, armKey(KEY, 'kv/k'), 'key').rotationEnabled)).toEqual(['parameter rotateAction']);
  });
});

describe('Key Vault (azurerm)', () => {
  it('vault defaults and explicit settings', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'plain', { name: 'kv-plain', location: 'japaneast', sku_name: 'standard' }),
      tf('azurerm_key_vault', 'closed', {
        name: 'kv-closed',
        location: 'japanwest',
        purge_protection_enabled: true,
        soft_delete_retention_days: 30,
        public_network_access_enabled: true,
        network_acls: [{ default_action: 'Deny', bypass: 'AzureServices' }],
      }),
    ]);
    const plain = get(model, tfKey('azurerm_key_vault.plain'), 'key');
    expect(plain.purgeProtection).toMatchObject({ value: false, defaulted: true });
    expect(plain.softDeleteRetentionDays).toMatchObject({ value: 90, defaulted: true });
    expect(plain.publiclyAccessible).toMatchObject({ value: true });
    const closed = get(model, tfKey('azurerm_key_vault.closed'), 'key');
    expect(closed.purgeProtection).toMatchObject({ value: true });
    expect(closed.softDeleteRetentionDays).toMatchObject({ value: 30 });
    // Written on, with an ACL that denies by default: the endpoint exists.
    expect(closed.publiclyAccessible).toMatchObject({ value: true });
    expect(closed.publiclyAccessible?.known && closed.publiclyAccessible.defaulted).toBeFalsy();
    expect(closed.publicFirewall).toMatchObject({ value: 'denies' });
    expect(plain.publicFirewall).toMatchObject({ value: 'allows-all', defaulted: true });
    expect(closed.region).toMatchObject({ value: 'japanwest' });
  });

  it('a key rotates with an automatic block; expiration_date is kept; the vault reference is its parent', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-juki', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'rotating', {
        name: 'data',
        key_vault_id: tfRef('azurerm_key_vault.kv'),
        rotation_policy: [{ automatic: [{ time_before_expiry: 'P30D' }], expire_after: 'P90D' }],
      }),
      tf('azurerm_key_vault_key', 'expiring', {
        name: 'backup',
        key_vault_id: tfRef('azurerm_key_vault.kv'),
        expiration_date: '2027-03-31T00:00:00Z',
        rotation_policy: [{ expire_after: 'P90D', notify_before_expiry: 'P29D' }],
      }),
    ]);
    const rotating = get(model, tfKey('azurerm_key_vault_key.rotating'), 'key');
    expect(rotating.parent).toMatchObject({ value: tfKey('azurerm_key_vault.kv') });
    expect(rotating.rotationEnabled).toMatchObject({ value: true });
    expect(rotating.expires).toMatchObject({ value: null, defaulted: true });
    expect(rotating.region).toMatchObject({ value: 'japaneast' });
    const expiring = get(model, tfKey('azurerm_key_vault_key.expiring'), 'key');
    expect(expiring.rotationEnabled).toMatchObject({ value: false });
    expect(expiring.expires).toMatchObject({ value: '2027-03-31T00:00:00Z' });
  });

  it('a vault outside the scan leaves the parent unknown, naming the variable', () => {
    const { model } = lift([tf('azurerm_key_vault_key', 'k', { name: 'k', key_vault_id: unk('var.key_vault_id') })]);
    expect(inputsOf(get(model, tfKey('azurerm_key_vault_key.k'), 'key').parent)).toEqual(['var.key_vault_id']);
  });
});

describe('Key Vault secrets', () => {
  it('a secret written in the template or the configuration is a literal secret; one from an unset input is not', () => {
    const { model } = lift([
      arm(VAULT, 'kv', { properties: {} }),
      arm(`${VAULT}/secrets`, 'kv/db-password', { properties: { value: 'P@ssw0rd!' } }, { location: null }),
      arm(`${VAULT}/secrets`, 'kv/api-key', { properties: { value: unk('parameter apiKey') } }, { location: null }),
      tf('azurerm_key_vault', 'kv', { name: 'kv-tf', location: 'japaneast' }),
      tf('azurerm_key_vault_secret', 'pw', { name: 'pw', value: 'hunter2', key_vault_id: tfRef('azurerm_key_vault.kv') }),
    ]);
    const pw = get(model, armKey(`${VAULT}/secrets`, 'kv/db-password'), 'data-store');
    expect(pw.storeType).toBe('secret');
    expect(pw.parent).toMatchObject({ value: armKey(VAULT, 'kv') });
    expect(pw.literalSecrets).toMatchObject([{ attribute: 'value' }]);
    expect(pw.encryption).toBeUndefined();
    expect(get(model, armKey(`${VAULT}/secrets`, 'kv/api-key'), 'data-store').literalSecrets).toBeUndefined();
    const t = get(model, tfKey('azurerm_key_vault_secret.pw'), 'data-store');
    expect(t.literalSecrets).toMatchObject([{ attribute: 'value' }]);
    expect(t.region).toMatchObject({ value: 'japaneast' });
  });
});
