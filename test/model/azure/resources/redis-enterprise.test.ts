import { describe, expect, it } from 'vitest';
import { arm, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const RE = 'Microsoft.Cache/redisEnterprise';
const KEY = 'Microsoft.KeyVault/vaults/keys';

describe('Redis Enterprise / Managed Redis (ARM)', () => {
  it('a Managed Redis cluster with a customer key, public access off and a plaintext database', () => {
    const { model, unlifted } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-cache', { properties: {} }),
      arm(KEY, 'kv-cache/redis-cmk', { properties: {} }),
      arm(
        RE,
        'amr-juki',
        {
          sku: { name: 'Balanced_B5' },
          properties: {
            publicNetworkAccess: 'Disabled',
            minimumTlsVersion: '1.2',
            encryption: { customerManagedKeyEncryption: { keyEncryptionKeyUrl: 'https://kv-cache.vault.azure.net/keys/redis-cmk' } },
          },
        },
        { apiVersion: '2025-07-01' },
      ),
      arm(`${RE}/databases`, 'amr-juki/default', { properties: { clientProtocol: 'Plaintext', clusteringPolicy: 'OSSCluster' } }, { location: null }),
    ]);
    expect(unlifted.map((r) => r.type)).toEqual([]);
    const s = get(model, armKey(RE, 'amr-juki'), 'data-store');
    expect(s.storeType).toBe('redis-enterprise');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-cache/redis-cmk') } } });
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    expect(s.minTlsVersion).toMatchObject({ value: '1.2' });
    // The database accepts plaintext Redis: TLS is not required.
    expect(s.httpsOnly).toMatchObject({ value: false });
    // Managed Redis with high availability in Japan East is zone redundant.
    expect(s.multiZone).toMatchObject({ value: true, defaulted: true });
  });

  it('zones: Enterprise SKUs only with zones written; high availability off never; Managed Redis outside Japan East unknown', () => {
    const { model } = lift([
      arm(RE, 'e10-zoned', { sku: { name: 'Enterprise_E10', capacity: 2 }, zones: ['1', '2', '3'], properties: {} }),
      arm(RE, 'e10-flat', { sku: { name: 'Enterprise_E10', capacity: 2 }, properties: {} }),
      arm(RE, 'one-zone', { sku: { name: 'Enterprise_E5', capacity: 2 }, zones: ['1'], properties: {} }),
      arm(RE, 'no-ha', { sku: { name: 'Balanced_B1' }, zones: ['1', '2'], properties: { highAvailability: 'Disabled', publicNetworkAccess: 'Enabled' } }),
      arm(RE, 'west', { sku: { name: 'MemoryOptimized_M10' }, properties: { publicNetworkAccess: 'Enabled' } }, { location: 'japanwest' }),
      arm(RE, 'sku-param', { sku: { name: unk('parameter skuName') }, properties: {} }),
    ]);
    expect(get(model, armKey(RE, 'e10-zoned'), 'data-store').multiZone).toMatchObject({ value: true });
    expect(get(model, armKey(RE, 'e10-flat'), 'data-store').multiZone).toMatchObject({ value: false, defaulted: true });
    expect(get(model, armKey(RE, 'one-zone'), 'data-store').multiZone).toMatchObject({ value: false });
    expect(get(model, armKey(RE, 'no-ha'), 'data-store').multiZone).toMatchObject({ value: false });
    expect(inputsOf(get(model, armKey(RE, 'west'), 'data-store').multiZone)).toEqual(['zones']);
    expect(inputsOf(get(model, armKey(RE, 'sku-param'), 'data-store').multiZone)).toEqual(['parameter skuName']);
    // Before API 2025-07-01 the cluster cannot say whether its endpoint is public.
    const flat = get(model, armKey(RE, 'e10-flat'), 'data-store');
    expect(inputsOf(flat.publiclyAccessible)).toEqual(['publicNetworkAccess']);
    expect(flat.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(flat.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
    // No database in the scan: nothing says whether clients use TLS.
    expect(flat.httpsOnly).toBeUndefined();
  });

  it('a live read: the redundancy the service reports decides', () => {
    const { model } = lift([
      arm(RE, 'amr-live', { sku: { name: 'Balanced_B3' }, properties: { publicNetworkAccess: 'Enabled', redundancyMode: 'LR', highAvailability: 'Enabled' } }, { live: true }),
    ]);
    const s = [...model.all('data-store')][0]!;
    expect(s.multiZone).toMatchObject({ value: false });
    expect(s.publiclyAccessible).toMatchObject({ value: true });
  });
});

describe('Redis Enterprise / Managed Redis (azurerm)', () => {
  it('azurerm_redis_enterprise_cluster with a database; azurerm_managed_redis with its default database and key', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-cache', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'cmk', { name: 'redis-cmk', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_redis_enterprise_cluster', 'old', { name: 're-old', location: 'japaneast', sku_name: 'Enterprise_E20-4', zones: ['1', '2', '3'], minimum_tls_version: '1.0' }),
      tf('azurerm_redis_enterprise_database', 'db', { cluster_id: tfRef('azurerm_redis_enterprise_cluster.old'), client_protocol: 'Encrypted' }),
      tf('azurerm_managed_redis', 'amr', {
        name: 'amr-gakumu',
        location: 'japaneast',
        sku_name: 'Balanced_B3',
        high_availability_enabled: false,
        customer_managed_key: [{ key_vault_key_id: tfRef('azurerm_key_vault_key.cmk'), user_assigned_identity_id: unk('var.identity_id') }],
        default_database: [{ client_protocol: 'Plaintext' }],
      }),
      tf('azurerm_managed_redis', 'plain', { name: 'amr-plain', location: 'japaneast', sku_name: 'Balanced_B0', default_database: [{}] }),
    ]);
    const old = get(model, tfKey('azurerm_redis_enterprise_cluster.old'), 'data-store');
    expect(old.multiZone).toMatchObject({ value: true });
    expect(old.minTlsVersion).toMatchObject({ value: '1.0' });
    expect(old.httpsOnly).toMatchObject({ value: true });
    expect(inputsOf(old.publiclyAccessible)).toEqual(['azurerm_redis_enterprise_cluster.old public network access']);
    const amr = get(model, tfKey('azurerm_managed_redis.amr'), 'data-store');
    expect(amr.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: tfKey('azurerm_key_vault_key.cmk') } } });
    expect(amr.multiZone).toMatchObject({ value: false });
    expect(amr.httpsOnly).toMatchObject({ value: false });
    expect(amr.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    const plain = get(model, tfKey('azurerm_managed_redis.plain'), 'data-store');
    expect(plain.httpsOnly).toMatchObject({ value: true, defaulted: true });
    expect(plain.multiZone).toMatchObject({ value: true, defaulted: true });
    expect(plain.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
  });

  it('a key from an unset variable may be no key at all', () => {
    const { model } = lift([
      tf('azurerm_managed_redis', 'amr', { name: 'amr', location: 'japaneast', sku_name: 'Balanced_B3', customer_managed_key: [{ key_vault_key_id: unk('var.cmk_id') }] }),
    ]);
    expect(inputsOf(get(model, tfKey('azurerm_managed_redis.amr'), 'data-store').encryption)).toEqual(['var.cmk_id']);
  });
});
