import { describe, expect, it } from 'vitest';
import { path } from '../../../../src/readers/value.js';
import { arm, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const SA = 'Microsoft.Storage/storageAccounts';
const CONTAINER = 'Microsoft.Storage/storageAccounts/blobServices/containers';
const KEY = 'Microsoft.KeyVault/vaults/keys';

const account = (name: string, properties: Record<string, unknown>, apiVersion = '2023-01-01', sku = 'Standard_ZRS') =>
  arm(SA, name, { sku: { name: sku }, kind: 'StorageV2', properties }, { apiVersion });

describe('storage accounts (ARM)', () => {
  it('anonymous blob access defaults to allowed before API 2023-01-01 and to refused from it', () => {
    const container = arm(CONTAINER, 'stold/default/public', { properties: { publicAccess: 'Blob' } }, { location: null });
    const { model } = lift([
      account('stold', {}, '2022-09-01'),
      container,
      account('stnew', {}, '2023-01-01'),
      arm(CONTAINER, 'stnew/default/public', { properties: { publicAccess: 'Container' } }, { location: null }),
    ]);
    const old = get(model, armKey(SA, 'stold'), 'data-store');
    expect(old.publicAccessBlocked).toMatchObject({ value: false, defaulted: true });
    expect(old.publicRead).toMatchObject({ value: true });
    // Located where the container grants it.
    expect(old.publicRead?.loc).toEqual(path(container.attrs, 'properties', 'publicAccess')?.loc);
    const fresh = get(model, armKey(SA, 'stnew'), 'data-store');
    expect(fresh.publicAccessBlocked).toMatchObject({ value: true, defaulted: true });
    // The account refuses anonymous access, whatever its containers say.
    expect(fresh.publicRead).toMatchObject({ value: false });
  });

  it('explicit allowBlobPublicAccess with private containers reads no public access', () => {
    const { model } = lift([
      account('st', { allowBlobPublicAccess: true }),
      arm(CONTAINER, 'st/default/data', { properties: { publicAccess: 'None' } }, { location: null }),
      arm(CONTAINER, 'st/default/logs', { properties: {} }, { location: null }),
    ]);
    const s = get(model, armKey(SA, 'st'), 'data-store');
    expect(s.publicAccessBlocked).toMatchObject({ value: false });
    expect(s.publicRead).toMatchObject({ value: false });
  });

  it('a public container that exists only under an unresolved condition leaves public read unknown', () => {
    const { model } = lift([
      account('st', { allowBlobPublicAccess: true }),
      arm(CONTAINER, 'st/default/web', { properties: { publicAccess: 'Blob' } }, { location: null, conditional: true }),
    ]);
    expect(inputsOf(get(model, armKey(SA, 'st'), 'data-store').publicRead)).toEqual(['parameter deployLock']);
  });

  it('an API version that is not a literal leaves the defaults that depend on it unknown', () => {
    const r = account('st', {});
    r.attrs.fields.apiVersion = unk('parameter storageApiVersion');
    const { model } = lift([r]);
    const s = get(model, armKey(SA, 'st'), 'data-store');
    expect(inputsOf(s.publicAccessBlocked)).toEqual(['apiVersion']);
    expect(inputsOf(s.httpsOnly)).toEqual(['apiVersion']);
  });

  it('HTTPS-only defaults to off before API 2019-04-01; TLS as written, 1.2 when absent', () => {
    const { model } = lift([account('st2018', { minimumTlsVersion: 'TLS1_0' }, '2018-07-01'), account('st2019', {}, '2019-04-01')]);
    const a = get(model, armKey(SA, 'st2018'), 'data-store');
    expect(a.httpsOnly).toMatchObject({ value: false, defaulted: true });
    expect(a.minTlsVersion).toMatchObject({ value: '1.0' });
    const b = get(model, armKey(SA, 'st2019'), 'data-store');
    expect(b.httpsOnly).toMatchObject({ value: true, defaulted: true });
    expect(b.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
  });

  it('Microsoft-managed keys by default; a Key Vault key by URI or by the resourceId in a reference() expression', () => {
    const { model } = lift([
      arm('Microsoft.KeyVault/vaults', 'kv-juki', { properties: {} }),
      arm(KEY, 'kv-juki/data', { properties: { kty: 'RSA' } }),
      account('stplain', {}),
      account('sturi', {
        encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyvaulturi: 'https://kv-juki.vault.azure.net/', keyname: 'data' } },
      }),
      account('stexpr', {
        encryption: {
          keySource: 'Microsoft.Keyvault',
          keyvaultproperties: {
            keyname: 'data',
            keyvaulturi: unk("reference(resourceId('Microsoft.KeyVault/vaults', 'kv-juki'))", 'known after deployment', "[reference(resourceId('Microsoft.KeyVault/vaults', 'kv-juki')).vaultUri]"),
          },
        },
      }),
      account('stparam', {
        encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyvaulturi: unk('parameter vaultUri'), keyname: 'data' } },
      }),
    ]);
    expect(get(model, armKey(SA, 'stplain'), 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    const uri = get(model, armKey(SA, 'sturi'), 'data-store').encryption;
    expect(uri).toMatchObject({ value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-juki/data') }, keyText: 'https://kv-juki.vault.azure.net/keys/data' } });
    expect(get(model, armKey(SA, 'stexpr'), 'data-store').encryption).toMatchObject({
      value: { mode: 'customer-managed', key: { value: armKey(KEY, 'kv-juki/data') } },
    });
    const param = get(model, armKey(SA, 'stparam'), 'data-store').encryption;
    expect(param).toMatchObject({ known: true, value: { mode: 'customer-managed' } });
    expect(param?.known && inputsOf(param.value.key)).toEqual(['parameter vaultUri']);
  });

  it('redundancy from the SKU; geo-redundant copies sit in the paired Japanese region', () => {
    const { model } = lift([account('stgeo', {}, '2023-01-01', 'Standard_RAGZRS'), account('stlocal', {}, '2023-01-01', 'Premium_LRS')]);
    const geo = get(model, armKey(SA, 'stgeo'), 'data-store');
    expect(geo.redundancy).toMatchObject({ value: 'RAGZRS' });
    expect(geo.replicationRegions).toMatchObject({ value: ['japanwest'] });
    const local = get(model, armKey(SA, 'stlocal'), 'data-store');
    expect(local.redundancy).toMatchObject({ value: 'LRS' });
    expect(local.replicationRegions).toMatchObject({ value: [] });
  });

  it('a geo-redundant account whose location is unknown has unknown replica regions', () => {
    const r = arm(SA, 'st', { sku: { name: 'Standard_GRS' }, properties: {} }, { location: unk('--location', 'resourceGroup().location') });
    const { model } = lift([r]);
    expect(inputsOf(get(model, armKey(SA, 'st'), 'data-store').replicationRegions)).toEqual(['--location']);
  });

  it('public network access is the exposure; the default action and IP rules say what the firewall admits', () => {
    const { model } = lift([
      account('stopen', {}),
      account('stdeny', { networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', virtualNetworkRules: [{ id: 'x' }] } }),
      account('stip', { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '198.51.100.7', action: 'Allow' }] } }),
      account('stoff', { publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Allow' } }),
    ]);
    const store = (name: string) => get(model, armKey(SA, name), 'data-store');
    expect(store('stopen').publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(store('stopen').publicFirewall).toMatchObject({ value: 'allows-all', defaulted: true });
    // Denying by default leaves the public endpoint in place.
    expect(store('stdeny').publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(store('stdeny').publicFirewall).toMatchObject({ value: 'denies' });
    expect(store('stip').publiclyAccessible).toMatchObject({ value: true });
    expect(store('stip').publicFirewall).toMatchObject({ value: 'admits-ranges' });
    expect(store('stoff').publiclyAccessible).toMatchObject({ value: false });
  });

  it('versioning from blob services, containers made immutable by a policy (not by version-level support alone), and the shortest enabled lifecycle deletion', () => {
    const { model } = lift([
      account('stlogs', {}),
      arm('Microsoft.Storage/storageAccounts/blobServices', 'stlogs/default', { properties: { isVersioningEnabled: true } }, { location: null }),
      arm(CONTAINER, 'stlogs/default/insights-activity-logs', { properties: {} }, { location: null }),
      arm(
        'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies',
        'stlogs/default/insights-activity-logs/default',
        { properties: { immutabilityPeriodSinceCreationInDays: 400 } },
        { location: null },
      ),
      arm(CONTAINER, 'stlogs/default/archive', { properties: { immutableStorageWithVersioning: { enabled: true } } }, { location: null }),
      arm('Microsoft.Storage/storageAccounts/managementPolicies', 'stlogs/default', {
        properties: {
          policy: {
            rules: [
              { enabled: false, name: 'off', type: 'Lifecycle', definition: { actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 30 } } } } },
              { name: 'logs', type: 'Lifecycle', definition: { actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: 400 } } } } },
              { name: 'tmp', type: 'Lifecycle', definition: { actions: { baseBlob: { delete: { daysAfterCreationGreaterThan: 370 } } } } },
            ],
          },
        },
      }, { location: null }),
      account('stbare', {}),
    ]);
    const s = get(model, armKey(SA, 'stlogs'), 'data-store');
    expect(s.versioning).toMatchObject({ value: true });
    expect(s.immutable).toMatchObject({ value: false, defaulted: true });
    // `archive` only has version-level immutability support: no policy protects it.
    expect(s.immutableContainers).toMatchObject({ value: ['insights-activity-logs'] });
    expect(s.expirationDays).toMatchObject({ value: 370 });
    const bare = get(model, armKey(SA, 'stbare'), 'data-store');
    expect(bare.expirationDays).toMatchObject({ value: null, defaulted: true });
    expect(bare.versioning).toMatchObject({ value: false, defaulted: true });
    expect(bare.immutableContainers).toBeUndefined();
  });
});

describe('storage account immutability (ARM)', () => {
  it('version-level immutability support alone protects nothing; a default policy that is not Disabled does', () => {
    const { model } = lift([
      account('stsupport', { immutableStorageWithVersioning: { enabled: true } }),
      account('stlocked', { immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 365, state: 'Locked' } } }),
      account('stunlocked', { immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 30 } } }),
      account('stdisabled', { immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 30, state: 'Disabled' } } }),
      account('stparam', { immutableStorageWithVersioning: unk('parameter immutability') }),
    ]);
    const immutable = (name: string) => get(model, armKey(SA, name), 'data-store').immutable;
    expect(immutable('stsupport')).toMatchObject({ value: false });
    const support = immutable('stsupport');
    expect(support?.known && support.defaulted).toBeFalsy();
    expect(immutable('stlocked')).toMatchObject({ value: true });
    expect(immutable('stunlocked')).toMatchObject({ value: true });
    expect(immutable('stdisabled')).toMatchObject({ value: false });
    expect(inputsOf(immutable('stparam'))).toEqual(['parameter immutability']);
  });
});

describe('storage accounts read live', () => {
  it('a live account that never set allowBlobPublicAccess allows anonymous access; its containers are found by ID', () => {
    const live = { live: true, location: 'japaneast' };
    const sa = arm(SA, 'stlive', { sku: { name: 'Standard_LRS' }, properties: { supportsHttpsTrafficOnly: true } }, live);
    const { model } = lift([sa, arm(CONTAINER, 'stlive/default/web', { properties: { publicAccess: 'Container' } }, { ...live, location: null })]);
    const s = get(model, sa.key, 'data-store');
    expect(s.address).toBe(sa.ids![0]);
    expect(s.publicAccessBlocked).toMatchObject({ value: false, defaulted: true });
    expect(s.publicRead).toMatchObject({ value: true });
  });
});

describe('storage accounts (azurerm)', () => {
  const base = { resource_group_name: 'rg-juki', location: 'japaneast', account_tier: 'Standard', account_replication_type: 'GZRS' };

  it('without allow_nested_items_to_be_public the answer depends on the provider version; a plan gives it', () => {
    const { model } = lift([
      tf('azurerm_storage_account', 'hcl', { name: 'sthcl', ...base }),
      tf('azurerm_storage_account', 'plan', { name: 'stplan', ...base, allow_nested_items_to_be_public: false }, { source: 'terraform-plan' }),
      tf('azurerm_storage_account', 'legacy', { name: 'stlegacy', ...base, allow_blob_public_access: true }),
    ]);
    const hcl = get(model, tfKey('azurerm_storage_account.hcl'), 'data-store');
    expect(inputsOf(hcl.publicAccessBlocked)).toEqual(['allow_nested_items_to_be_public', 'azurerm provider version']);
    // No container grants anonymous access, so nothing is publicly readable either way.
    expect(hcl.publicRead).toMatchObject({ value: false });
    expect(get(model, tfKey('azurerm_storage_account.plan'), 'data-store').publicAccessBlocked).toMatchObject({ value: true });
    expect(get(model, tfKey('azurerm_storage_account.legacy'), 'data-store').publicAccessBlocked).toMatchObject({ value: false });
  });

  it('provider defaults: HTTPS only, TLS 1.2, public endpoint, Microsoft-managed keys; GZRS replicates to the pair', () => {
    const { model } = lift([tf('azurerm_storage_account', 'sa', { name: 'stjuki', ...base, enable_https_traffic_only: false })]);
    const s = get(model, tfKey('azurerm_storage_account.sa'), 'data-store');
    expect(s.httpsOnly).toMatchObject({ value: false });
    expect(s.minTlsVersion).toMatchObject({ value: '1.2', defaulted: true });
    expect(s.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(s.redundancy).toMatchObject({ value: 'GZRS' });
    expect(s.replicationRegions).toMatchObject({ value: ['japanwest'] });
    expect(s.name).toMatchObject({ value: 'stjuki' });
  });

  it('a container named by account name grants anonymous access when the account allows it', () => {
    const { model } = lift([
      tf('azurerm_storage_account', 'sa', { name: 'stpublic', ...base, allow_nested_items_to_be_public: true }),
      tf('azurerm_storage_container', 'web', { name: 'web', storage_account_name: 'stpublic', container_access_type: 'container' }),
      tf('azurerm_storage_container', 'data', { name: 'data', storage_account_name: tfRef('azurerm_storage_account.sa', 'name') }),
    ]);
    const s = get(model, tfKey('azurerm_storage_account.sa'), 'data-store');
    expect(s.publicRead).toMatchObject({ value: true });
  });

  it('a public container with the account setting unknown leaves public read unknown', () => {
    const { model } = lift([
      tf('azurerm_storage_account', 'sa', { name: 'st', ...base }),
      tf('azurerm_storage_container', 'web', { name: 'web', storage_account_id: tfRef('azurerm_storage_account.sa'), container_access_type: 'blob' }),
    ]);
    expect(inputsOf(get(model, tfKey('azurerm_storage_account.sa'), 'data-store').publicRead)).toContain('azurerm provider version');
  });

  it('customer-managed keys: inline block, separate resource by key ID, or by vault and key name', () => {
    const { model } = lift([
      tf('azurerm_key_vault', 'kv', { name: 'kv-juki', location: 'japaneast' }),
      tf('azurerm_key_vault_key', 'data', { name: 'data', key_vault_id: tfRef('azurerm_key_vault.kv') }),
      tf('azurerm_storage_account', 'inline', { name: 'st1', ...base, customer_managed_key: [{ key_vault_key_id: tfRef('azurerm_key_vault_key.data', 'versionless_id') }] }),
      tf('azurerm_storage_account', 'separate', { name: 'st2', ...base }),
      tf('azurerm_storage_account_customer_managed_key', 'separate', {
        storage_account_id: tfRef('azurerm_storage_account.separate'),
        key_vault_key_id: tfRef('azurerm_key_vault_key.data'),
      }),
      tf('azurerm_storage_account', 'byname', { name: 'st3', ...base }),
      tf('azurerm_storage_account_customer_managed_key', 'byname', {
        storage_account_id: tfRef('azurerm_storage_account.byname'),
        key_vault_id: tfRef('azurerm_key_vault.kv'),
        key_name: 'data',
      }),
    ]);
    for (const name of ['inline', 'separate', 'byname']) {
      expect(get(model, tfKey(`azurerm_storage_account.${name}`), 'data-store').encryption).toMatchObject({
        value: { mode: 'customer-managed', key: { value: tfKey('azurerm_key_vault_key.data') } },
      });
    }
  });

  it('network rules resource, immutability policy and lifecycle rules amend the account', () => {
    const { model } = lift([
      tf('azurerm_storage_account', 'logs', { name: 'stlogs', ...base, immutability_policy: [{ state: 'Unlocked', period_since_creation_in_days: 365, allow_protected_append_writes: true }] }),
      tf('azurerm_storage_account_network_rules', 'logs', { storage_account_id: tfRef('azurerm_storage_account.logs'), default_action: 'Deny', ip_rules: [] }),
      tf('azurerm_storage_management_policy', 'logs', {
        storage_account_id: tfRef('azurerm_storage_account.logs'),
        rule: [
          { name: 'expire', enabled: true, filters: [{ blob_types: ['appendBlob'] }], actions: [{ base_blob: [{ delete_after_days_since_modification_greater_than: 730 }] }] },
          { name: 'snap', enabled: true, actions: [{ snapshot: [{ delete_after_days_since_creation_greater_than: 30 }] }] },
        ],
      }),
    ]);
    const s = get(model, tfKey('azurerm_storage_account.logs'), 'data-store');
    // The rules resource narrows the firewall; public network access stays the account's own.
    expect(s.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(s.publicFirewall).toMatchObject({ value: 'denies', loc: { line: expect.any(Number) } });
    expect(s.immutable).toMatchObject({ value: true });
    expect(s.expirationDays).toMatchObject({ value: 730 });
  });
});
