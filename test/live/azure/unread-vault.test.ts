// A Recovery Services vault holds the backups of other resources: its
// protected items are what makes a disk "backed up". When the vault or its
// protected items cannot be read, "no backup plan selects it" on a disk is a
// guess and must be unknown naming the call; when the vault was deleted
// between the resource list and its GET (404), its backups are gone and the
// failure stands.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const SUB = '9e8d7c6b-5a49-4382-b1c0-d9e8f7a6b5c4';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-kokuho-ops`;
const VAULT = `${RG}/providers/Microsoft.RecoveryServices/vaults/rsv-kokuho`;
const DISK = `${RG}/providers/Microsoft.Compute/disks/disk-kokuho-ap01-os`;
const OTHER = `${RG}/providers/Microsoft.RecoveryServices/vaults/rsv-kokuho-dr`;

const vault = (id: string, name: string) => ({
  id,
  name,
  type: 'Microsoft.RecoveryServices/vaults',
  location: 'japaneast',
  sku: { name: 'RS0', tier: 'Standard' },
  properties: {
    provisioningState: 'Succeeded',
    securitySettings: { softDeleteSettings: { softDeleteState: 'Enabled', softDeleteRetentionPeriodInDays: 14 }, immutabilitySettings: { state: 'Disabled' } },
    redundancySettings: { standardTierStorageRedundancy: 'GeoRedundant', crossRegionRestore: 'Disabled' },
  },
});

const env: Environment = {
  subscriptionId: SUB,
  resourceGroups: [{ id: RG, name: 'rg-kokuho-ops', type: 'Microsoft.Resources/resourceGroups', location: 'japaneast', tags: { 'lg:segment': 'mynumber' }, properties: { provisioningState: 'Succeeded' } }],
  providers: {
    'Microsoft.RecoveryServices': { resourceTypes: ['vaults', 'vaults/backupPolicies', 'vaults/backupProtectedItems', 'vaults/backupstorageconfig'].map((resourceType) => ({ resourceType, apiVersions: ['2024-04-01'] })) },
    'Microsoft.Compute': { resourceTypes: [{ resourceType: 'disks', apiVersions: ['2024-03-02'] }] },
  },
  resources: [
    vault(VAULT, 'rsv-kokuho'),
    // A second vault that is read: its own failure (not immutable) does not hang on the first.
    vault(OTHER, 'rsv-kokuho-dr'),
    {
      id: DISK,
      name: 'disk-kokuho-ap01-os',
      type: 'Microsoft.Compute/disks',
      location: 'japaneast',
      zones: ['1'],
      tags: { 'lg:classification': '3' },
      sku: { name: 'Premium_ZRS', tier: 'Premium' },
      properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 128, encryption: { type: 'EncryptionAtRestWithPlatformKey' }, provisioningState: 'Succeeded', diskState: 'Unattached' },
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
afterEach(() => {
  arm.faults.clear();
});

async function lg44(): Promise<Finding[]> {
  let stdout = '';
  await runScanAzure(
    { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
  );
  return (JSON.parse(stdout) as { findings: Finding[] }).findings.filter((f) => f.controlId === 'LG-4.4');
}
const on = (fs: Finding[], id: string) => fs.find((f) => f.resource.address === id);

describe('LG-4.4 when a backup vault cannot be read', () => {
  it('fails a disk no vault protects when every vault is read', async () => {
    expect(on(await lg44(), DISK)?.status).toBe('fail');
  });

  it('leaves the disk unknown, naming the call and the permission, when a vault is denied', async () => {
    arm.faults.set(VAULT.toLowerCase(), { status: 403, code: 'AuthorizationFailed' });
    const fs = await lg44();
    const disk = on(fs, DISK);
    expect(disk?.status).toBe('unknown');
    expect(disk?.unknown?.flatMap((c) => c.inputs)).toEqual(expect.arrayContaining([`GET ${VAULT}`, 'Microsoft.RecoveryServices/vaults/read']));
    // The vault that was read keeps its own failure.
    expect(on(fs, OTHER)?.status).toBe('fail');
  });

  it('leaves the disk unknown when a vault’s protected items are denied', async () => {
    arm.faults.set(`${VAULT}/backupProtectedItems`.toLowerCase(), { status: 403, code: 'AuthorizationFailed' });
    const disk = on(await lg44(), DISK);
    expect(disk?.status).toBe('unknown');
    expect(disk?.unknown?.flatMap((c) => c.inputs)).toContain('Microsoft.RecoveryServices/vaults/backupProtectedItems/read');
  });

  it('keeps the failure when the vault was deleted after the list (404)', async () => {
    arm.faults.set(VAULT.toLowerCase(), { status: 404, code: 'ResourceNotFound' });
    expect(on(await lg44(), DISK)?.status).toBe('fail');
  });
});
