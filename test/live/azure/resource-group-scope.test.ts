// `--resource-group` limits the read, but the settings that decide some
// results live in other groups of the subscription: a vault in an operations
// group protects the app group's disks, a VNet's flow log sits in
// NetworkWatcherRG. Scanning the app group alone, "no backups" and "no flow
// log" are unknown naming --resource-group, and so is a key that seems to
// encrypt only the group's storage account; scanning the subscription, the
// disk passes on its backup and the network on its flow log.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const SUB = '2a3b4c5d-6e7f-4081-92a3-b4c5d6e7f809';
const APP = `/subscriptions/${SUB}/resourceGroups/rg-kaigo-app`;
const OPS = `/subscriptions/${SUB}/resourceGroups/rg-kaigo-ops`;
const NW = `/subscriptions/${SUB}/resourceGroups/NetworkWatcherRG`;
const VNET = `${APP}/providers/Microsoft.Network/virtualNetworks/vnet-kaigo`;
const DISK = `${APP}/providers/Microsoft.Compute/disks/vm-kaigo-ap01_OsDisk_1`;
const VM = `${APP}/providers/Microsoft.Compute/virtualMachines/vm-kaigo-ap01`;
const VAULT = `${OPS}/providers/Microsoft.RecoveryServices/vaults/rsv-kaigo`;
const WATCHER = `${NW}/providers/Microsoft.Network/networkWatchers/NetworkWatcher_japaneast`;
const STORE = `${APP}/providers/Microsoft.Storage/storageAccounts/stkaigodocs01`;
const KV = `${OPS}/providers/Microsoft.KeyVault/vaults/kv-kaigo-ops`;
const rg = (id: string, tags?: Record<string, string>) => ({ id, name: id.split('/').pop(), type: 'Microsoft.Resources/resourceGroups', location: 'japaneast', ...(tags ? { tags } : {}), properties: { provisioningState: 'Succeeded' } });
const versions = (apiVersions: string[], ...types: string[]) => types.map((resourceType) => ({ resourceType, apiVersions }));

const env: Environment = {
  subscriptionId: SUB,
  resourceGroups: [rg(APP, { 'lg:segment': 'mynumber' }), rg(OPS), rg(NW)],
  providers: {
    'Microsoft.Network': { resourceTypes: versions(['2024-05-01'], 'virtualNetworks', 'networkWatchers', 'networkWatchers/flowLogs') },
    'Microsoft.Compute': { resourceTypes: versions(['2024-03-02'], 'disks', 'virtualMachines') },
    'Microsoft.Storage': { resourceTypes: versions(['2023-05-01'], 'storageAccounts', 'storageAccounts/blobServices', 'storageAccounts/managementPolicies') },
    'Microsoft.KeyVault': { resourceTypes: versions(['2023-07-01'], 'vaults', 'vaults/keys') },
    'Microsoft.RecoveryServices': { resourceTypes: versions(['2024-04-01'], 'vaults', 'vaults/backupPolicies', 'vaults/backupProtectedItems', 'vaults/backupstorageconfig') },
  },
  resources: [
    { id: VNET, name: 'vnet-kaigo', type: 'Microsoft.Network/virtualNetworks', location: 'japaneast', properties: { provisioningState: 'Succeeded', addressSpace: { addressPrefixes: ['10.70.0.0/24'] }, subnets: [], virtualNetworkPeerings: [] } },
    {
      id: VM,
      name: 'vm-kaigo-ap01',
      type: 'Microsoft.Compute/virtualMachines',
      location: 'japaneast',
      zones: ['1'],
      properties: {
        hardwareProfile: { vmSize: 'Standard_D4s_v5' },
        provisioningState: 'Succeeded',
        storageProfile: { osDisk: { osType: 'Windows', name: 'vm-kaigo-ap01_OsDisk_1', createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_ZRS', id: DISK } }, dataDisks: [] },
        networkProfile: { networkInterfaces: [] },
      },
    },
    {
      id: DISK,
      name: 'vm-kaigo-ap01_OsDisk_1',
      type: 'Microsoft.Compute/disks',
      location: 'japaneast',
      managedBy: VM,
      sku: { name: 'Premium_ZRS', tier: 'Premium' },
      properties: { osType: 'Windows', creationData: { createOption: 'FromImage' }, diskSizeGB: 127, encryption: { type: 'EncryptionAtRestWithPlatformKey' }, provisioningState: 'Succeeded', diskState: 'Attached' },
    },
    {
      id: VAULT,
      name: 'rsv-kaigo',
      type: 'Microsoft.RecoveryServices/vaults',
      location: 'japaneast',
      sku: { name: 'RS0', tier: 'Standard' },
      properties: { provisioningState: 'Succeeded', redundancySettings: { standardTierStorageRedundancy: 'GeoRedundant' }, securitySettings: { immutabilitySettings: { state: 'Locked' } } },
    },
    {
      id: `${VAULT}/backupPolicies/policy-daily-35d`,
      name: 'policy-daily-35d',
      type: 'Microsoft.RecoveryServices/vaults/backupPolicies',
      properties: {
        backupManagementType: 'AzureIaasVM',
        schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicy', scheduleRunFrequency: 'Daily', scheduleRunTimes: ['2025-04-01T15:00:00Z'] },
        retentionPolicy: { retentionPolicyType: 'LongTermRetentionPolicy', dailySchedule: { retentionTimes: ['2025-04-01T15:00:00Z'], retentionDuration: { count: 35, durationType: 'Days' } } },
        timeZone: 'Tokyo Standard Time',
      },
    },
    {
      id: STORE,
      name: 'stkaigodocs01',
      type: 'Microsoft.Storage/storageAccounts',
      location: 'japaneast',
      kind: 'StorageV2',
      sku: { name: 'Standard_ZRS', tier: 'Standard' },
      tags: { 'lg:classification': '3' },
      properties: {
        publicNetworkAccess: 'Disabled',
        minimumTlsVersion: 'TLS1_2',
        allowBlobPublicAccess: false,
        networkAcls: { bypass: 'None', virtualNetworkRules: [], ipRules: [], defaultAction: 'Deny' },
        encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyvaulturi: 'https://kv-kaigo-ops.vault.azure.net/', keyname: 'cmk-kaigo' }, services: { blob: { keyType: 'Account', enabled: true } } },
        provisioningState: 'Succeeded',
      },
    },
    { id: KV, name: 'kv-kaigo-ops', type: 'Microsoft.KeyVault/vaults', location: 'japaneast', properties: { tenantId: 't', sku: { family: 'A', name: 'standard' }, enableSoftDelete: true, enablePurgeProtection: true, vaultUri: 'https://kv-kaigo-ops.vault.azure.net/', provisioningState: 'Succeeded' } },
    { id: `${KV}/keys/cmk-kaigo`, name: 'cmk-kaigo', type: 'Microsoft.KeyVault/vaults/keys', location: 'japaneast', properties: { attributes: { enabled: true }, kty: 'RSA', keySize: 3072, keyUri: 'https://kv-kaigo-ops.vault.azure.net/keys/cmk-kaigo' } },
    { id: WATCHER, name: 'NetworkWatcher_japaneast', type: 'Microsoft.Network/networkWatchers', location: 'japaneast', properties: { provisioningState: 'Succeeded' } },
    {
      id: `${WATCHER}/flowLogs/fl-vnet-kaigo`,
      name: 'fl-vnet-kaigo',
      type: 'Microsoft.Network/networkWatchers/flowLogs',
      location: 'japaneast',
      properties: {
        provisioningState: 'Succeeded',
        targetResourceId: VNET,
        storageId: `${OPS}/providers/Microsoft.Storage/storageAccounts/stkaigoflowlog`,
        enabled: true,
        format: { type: 'JSON', version: 2 },
        retentionPolicy: { days: 365, enabled: true },
      },
    },
  ],
  subscriptionSettings: {},
  collections: {
    [`${VAULT}/backupProtectedItems`.toLowerCase()]: [
      {
        id: `${VAULT}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-kaigo-app;vm-kaigo-ap01/protectedItems/VM;iaasvmcontainerv2;rg-kaigo-app;vm-kaigo-ap01`,
        name: 'VM;iaasvmcontainerv2;rg-kaigo-app;vm-kaigo-ap01',
        type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
        properties: { friendlyName: 'vm-kaigo-ap01', virtualMachineId: VM, sourceResourceId: VM, protectionState: 'Protected', protectedItemType: 'Microsoft.Compute/virtualMachines', backupManagementType: 'AzureIaasVM', workloadType: 'VM', policyId: `${VAULT}/backupPolicies/policy-daily-35d`, policyName: 'policy-daily-35d' },
      },
    ],
  },
};

let arm: FakeArm;
beforeAll(async () => {
  arm = await startFakeArm(env);
});
afterAll(async () => {
  await arm.close();
});

async function scan(resourceGroup: string[]): Promise<Finding[]> {
  let stdout = '';
  await runScanAzure(
    { subscription: [SUB], resourceGroup, armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
  );
  return (JSON.parse(stdout) as { findings: Finding[] }).findings;
}
const result = (fs: Finding[], control: string, id: string) => fs.find((f) => f.controlId === control && f.resource.address === id);

describe('scan-azure --resource-group and settings kept in other groups', () => {
  it('judges the disk on its backup and the network on its flow log when the subscription is read', async () => {
    const fs = await scan([]);
    expect(result(fs, 'LG-4.4', DISK)?.status).toBe('pass');
    expect(result(fs, 'LG-6.4', VNET)?.status).toBe('pass');
    // The key is read and found to encrypt the one account.
    expect(fs.filter((f) => f.controlId === 'LG-2.4').map((f) => `${f.resource.address.split('/').pop()} ${f.status}`)).toEqual(['cmk-kaigo pass']);
  });

  it('leaves them unknown, naming --resource-group, when only the app group is read', async () => {
    const fs = await scan(['rg-kaigo-app']);
    // The key is in another group: the account may not be its only user.
    for (const [control, id] of [['LG-4.4', DISK], ['LG-6.4', VNET], ['LG-2.4', STORE]] as const) {
      const f = result(fs, control, id);
      expect(f?.status).toBe('unknown');
      expect(f?.unknown?.flatMap((c) => c.inputs)).toContain('--resource-group');
      expect(JSON.stringify(f?.message)).toMatch(/resource group the scan does not read/);
    }
  });
});
