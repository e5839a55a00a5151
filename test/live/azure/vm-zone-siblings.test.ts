// LG-4.1 on live VMs: Resource Manager gives no definition (no count, no copy
// loop), and every live resource sits at the subscription's position. VMs of
// one resource group are one service's redundancy only when their names are a
// numbered series; an AP server in zone 2 does not make a lone batch host in
// zone 1 redundant, nor the other way round.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const SUB = '7d2e4f60-1a3b-4c5d-9e8f-0a1b2c3d4e5f';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-kaigo-app`;

function vm(name: string, zone: string): Record<string, unknown> {
  const id = `${RG}/providers/Microsoft.Compute/virtualMachines/${name}`;
  return {
    name,
    id,
    type: 'Microsoft.Compute/virtualMachines',
    location: 'japaneast',
    zones: [zone],
    properties: {
      hardwareProfile: { vmSize: 'Standard_D4s_v5' },
      provisioningState: 'Succeeded',
      storageProfile: {
        imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' },
        osDisk: { osType: 'Windows', name: `${name}_OsDisk_1`, createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS', id: `${RG}/providers/Microsoft.Compute/disks/${name}_OsDisk_1` } },
        dataDisks: [],
      },
      networkProfile: { networkInterfaces: [{ id: `${RG}/providers/Microsoft.Network/networkInterfaces/${name}-nic` }] },
    },
  };
}

const env: Environment = {
  subscriptionId: SUB,
  resourceGroups: [{ id: RG, name: 'rg-kaigo-app', type: 'Microsoft.Resources/resourceGroups', location: 'japaneast', tags: { 'lg:segment': 'lgwan' }, properties: { provisioningState: 'Succeeded' } }],
  providers: { 'Microsoft.Compute': { resourceTypes: [{ resourceType: 'virtualMachines', apiVersions: ['2024-07-01', '2024-03-01'] }] } },
  resources: [
    // 介護 AP servers, a numbered pair, both in zone 1.
    vm('vm-kaigo-ap01', '1'),
    vm('vm-kaigo-ap02', '1'),
    // Two lone hosts of other roles, in zone 2 and zone 3.
    vm('vm-kaigo-bat01', '2'),
    vm('vm-kaigo-db', '3'),
    // A copy loop's instances, spread over zones.
    vm('vm-kaigo-web-0', '1'),
    vm('vm-kaigo-web-1', '2'),
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

async function lg41(): Promise<string[]> {
  let stdout = '';
  await runScanAzure(
    { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
  );
  const findings = (JSON.parse(stdout) as { findings: Finding[] }).findings;
  return findings
    .filter((f) => f.controlId === 'LG-4.1')
    .map((f) => `${f.resource.address.split('/').pop()} ${f.status}`)
    .sort();
}

describe('LG-4.1 on live VMs of one resource group', () => {
  it('takes only a numbered series for one service, so other roles in other zones do not make it redundant', async () => {
    expect(await lg41()).toEqual([
      // The pair is all in zone 1, whatever zones the other hosts use.
      'vm-kaigo-ap01 fail',
      'vm-kaigo-ap02 fail',
      // Lone hosts are not judged as a service.
      'vm-kaigo-bat01 not_applicable',
      'vm-kaigo-db not_applicable',
      'vm-kaigo-web-0 pass',
      'vm-kaigo-web-1 pass',
    ]);
  });
});
