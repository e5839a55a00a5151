// LG-2.4 on a live subscription: Resource Manager names a Key Vault key by its
// last level only (`cmk-kaigo`), while disk encryption sets and storage
// accounts name it by URI (`https://kv-kaigo.vault.azure.net/keys/cmk-kaigo/<version>`).
// The key must still be found, so one key behind a disk of one classification
// and a storage account of another fails, instead of each user passing as
// the key's only one.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const SUB = '5b9c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-kaigo-data`;
const KV = `${RG}/providers/Microsoft.KeyVault/vaults/kv-kaigo`;
const DES = `${RG}/providers/Microsoft.Compute/diskEncryptionSets/des-kaigo`;
const V = (...types: string[]) => types.map((resourceType) => ({ resourceType, apiVersions: ['2024-03-02', '2023-10-02'] }));

const env: Environment = {
  subscriptionId: SUB,
  resourceGroups: [{ id: RG, name: 'rg-kaigo-data', type: 'Microsoft.Resources/resourceGroups', location: 'japaneast', tags: { 'lg:segment': 'lgwan' }, properties: { provisioningState: 'Succeeded' } }],
  providers: {
    'Microsoft.KeyVault': { resourceTypes: [{ resourceType: 'vaults', apiVersions: ['2023-07-01'] }, { resourceType: 'vaults/keys', apiVersions: ['2023-07-01'] }] },
    'Microsoft.Compute': { resourceTypes: V('disks', 'diskEncryptionSets') },
    'Microsoft.Storage': { resourceTypes: [{ resourceType: 'storageAccounts', apiVersions: ['2023-05-01'] }] },
  },
  resources: [
    {
      id: KV,
      name: 'kv-kaigo',
      type: 'Microsoft.KeyVault/vaults',
      location: 'japaneast',
      properties: { sku: { family: 'A', name: 'premium' }, tenantId: 't', enableSoftDelete: true, softDeleteRetentionInDays: 90, enablePurgeProtection: true, enableRbacAuthorization: true, vaultUri: 'https://kv-kaigo.vault.azure.net/', publicNetworkAccess: 'Disabled', provisioningState: 'Succeeded' },
    },
    {
      id: `${KV}/keys/cmk-kaigo`,
      name: 'cmk-kaigo',
      type: 'Microsoft.KeyVault/vaults/keys',
      location: 'japaneast',
      properties: { attributes: { enabled: true, exportable: false }, kty: 'RSA-HSM', keySize: 3072, keyUri: 'https://kv-kaigo.vault.azure.net/keys/cmk-kaigo', keyUriWithVersion: 'https://kv-kaigo.vault.azure.net/keys/cmk-kaigo/4f1e2d3c' },
    },
    {
      id: DES,
      name: 'des-kaigo',
      type: 'Microsoft.Compute/diskEncryptionSets',
      location: 'japaneast',
      identity: { type: 'SystemAssigned', principalId: 'p', tenantId: 't' },
      properties: { activeKey: { sourceVault: { id: KV }, keyUrl: 'https://kv-kaigo.vault.azure.net/keys/cmk-kaigo/4f1e2d3c' }, encryptionType: 'EncryptionAtRestWithCustomerKey', provisioningState: 'Succeeded' },
    },
    {
      id: `${RG}/providers/Microsoft.Compute/disks/disk-kaigo-data01`,
      name: 'disk-kaigo-data01',
      type: 'Microsoft.Compute/disks',
      location: 'japaneast',
      tags: { 'lg:classification': '3' },
      sku: { name: 'Premium_ZRS', tier: 'Premium' },
      properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 256, encryption: { type: 'EncryptionAtRestWithCustomerKey', diskEncryptionSetId: DES }, networkAccessPolicy: 'DenyAll', publicNetworkAccess: 'Disabled', provisioningState: 'Succeeded', diskState: 'Unattached' },
    },
    {
      id: `${RG}/providers/Microsoft.Storage/storageAccounts/stkaigoarchive01`,
      name: 'stkaigoarchive01',
      type: 'Microsoft.Storage/storageAccounts',
      location: 'japaneast',
      kind: 'StorageV2',
      tags: { 'lg:classification': '2' },
      sku: { name: 'Standard_ZRS', tier: 'Standard' },
      identity: { type: 'SystemAssigned', principalId: 'p', tenantId: 't' },
      properties: {
        publicNetworkAccess: 'Disabled',
        minimumTlsVersion: 'TLS1_2',
        allowBlobPublicAccess: false,
        supportsHttpsTrafficOnly: true,
        networkAcls: { bypass: 'None', virtualNetworkRules: [], ipRules: [], defaultAction: 'Deny' },
        encryption: { services: { blob: { keyType: 'Account', enabled: true } }, keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyvaulturi: 'https://kv-kaigo.vault.azure.net/', keyname: 'cmk-kaigo' } },
        provisioningState: 'Succeeded',
      },
    },
  ],
  subscriptionSettings: {},
};

let arm: FakeArm;
beforeAll(async () => {
  arm = await startFakeArm(env);
});
afterAll(async () => {
  await arm.close();
});

describe('LG-2.4 on a live key named by URI', () => {
  it('finds the key behind a disk encryption set and a storage account, and fails it for two classifications', async () => {
    let stdout = '';
    await runScanAzure(
      { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
      { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
    );
    const findings = (JSON.parse(stdout) as { findings: Finding[] }).findings.filter((f) => f.controlId === 'LG-2.4');
    expect(findings.map((f) => `${f.resource.address.split('/').pop()} ${f.status}`).sort()).toEqual(['cmk-kaigo fail']);
    expect(JSON.stringify(findings[0]?.message)).toMatch(/classification/);
    // Both stores are named users of the one key.
    expect(JSON.stringify(findings[0]?.evidence)).toContain('disk-kaigo-data01');
    expect(JSON.stringify(findings[0]?.evidence)).toContain('stkaigoarchive01');
  });
});
