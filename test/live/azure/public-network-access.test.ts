// Public network access read live: a PaaS resource in a closed segment whose
// public network access is on fails LG-3.3 and LG-3.7 whatever its firewall
// says, with a deny-by-default firewall told as a note and kept in the
// evidence.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const SUB = '0c9b4e1a-5d2f-4a7b-8e31-6f2d9a0b7c45';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-fukushi-mn`;
const ACCOUNT = `${RG}/providers/Microsoft.Storage/storageAccounts/stfukushidocs`;
const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-fukushi-mn`;
const PERIMETER_VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-fukushi-nsp`;
const SQL = `${RG}/providers/Microsoft.Sql/servers/sql-fukushi`;
const tags = { 'lg:segment': 'mynumber', 'lg:classification': '3' };
const versions = (...types: string[]) => ({ resourceTypes: types.map((resourceType) => ({ resourceType, apiVersions: ['2023-08-01', '2023-05-01', '2023-07-01'] })) });

const env: Environment = {
  subscriptionId: SUB,
  resourceGroups: [{ id: RG, name: 'rg-fukushi-mn', location: 'japaneast', tags: {} }],
  providers: {
    'Microsoft.Storage': versions('storageAccounts', 'storageAccounts/blobServices', 'storageAccounts/blobServices/containers', 'storageAccounts/managementPolicies'),
    'Microsoft.KeyVault': versions('vaults', 'vaults/keys'),
    'Microsoft.Sql': versions('servers', 'servers/databases', 'servers/firewallRules', 'servers/encryptionProtector', 'servers/auditingSettings'),
  },
  resources: [
    {
      id: ACCOUNT,
      name: 'stfukushidocs',
      type: 'Microsoft.Storage/storageAccounts',
      location: 'japaneast',
      tags,
      sku: { name: 'Standard_ZRS' },
      kind: 'StorageV2',
      properties: {
        publicNetworkAccess: 'Enabled',
        allowBlobPublicAccess: false,
        minimumTlsVersion: 'TLS1_2',
        supportsHttpsTrafficOnly: true,
        networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] },
      },
    },
    {
      id: VAULT,
      name: 'kv-fukushi-mn',
      type: 'Microsoft.KeyVault/vaults',
      location: 'japaneast',
      tags,
      properties: { tenantId: '3f6b2a1c-0d4e-4b8a-9c7d-5e1f2a3b4c6d', sku: { family: 'A', name: 'standard' }, enablePurgeProtection: true, publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny', bypass: 'None', ipRules: [] } },
    },
    {
      id: PERIMETER_VAULT,
      name: 'kv-fukushi-nsp',
      type: 'Microsoft.KeyVault/vaults',
      location: 'japaneast',
      tags,
      properties: { tenantId: '3f6b2a1c-0d4e-4b8a-9c7d-5e1f2a3b4c6d', sku: { family: 'A', name: 'standard' }, enablePurgeProtection: true, publicNetworkAccess: 'SecuredByPerimeter' },
    },
    { id: SQL, name: 'sql-fukushi', type: 'Microsoft.Sql/servers', kind: 'v12.0', location: 'japaneast', tags, properties: { version: '12.0', state: 'Ready', minimalTlsVersion: '1.2', publicNetworkAccess: 'Enabled' } },
  ],
  subscriptionSettings: Object.fromEntries(
    ['microsoft.insights/diagnosticsettings', 'microsoft.authorization/locks', 'microsoft.security/pricings', 'microsoft.security/securitycontacts', 'microsoft.authorization/policyassignments', 'microsoft.authorization/roleassignments', 'microsoft.authorization/roledefinitions'].map((k) => [k, []]),
  ),
};

let arm: FakeArm;
beforeAll(async () => {
  arm = await startFakeArm(env);
});
afterAll(async () => {
  await arm.close();
});

/** A finding as the JSON report writes it: the message in the report's language, both languages in `messages`. */
type Reported = Omit<Finding, 'message'> & { messages: { ja: string; en: string } };

async function scanLive(): Promise<{ findings: Reported[]; errors: unknown[] }> {
  let stdout = '';
  await runScanAzure(
    { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
  );
  return JSON.parse(stdout) as { findings: Reported[]; errors: unknown[] };
}

function result(findings: Reported[], control: string, id: string): Reported | undefined {
  return findings.find((f) => f.controlId === control && f.resource.address.toLowerCase() === id.toLowerCase());
}

describe('public network access read live', () => {
  it('fails a closed-segment account and server whose public access is on behind a deny-by-default firewall, and notes the firewall', async () => {
    const report = await scanLive();
    expect(report.errors, JSON.stringify(report.errors)).toEqual([]);
    for (const id of [ACCOUNT, SQL]) {
      const f = result(report.findings, 'LG-3.3', id);
      expect(f?.status, id).toBe('fail');
      expect(f?.messages.en).toContain('public network access is enabled (its firewall denies by default, but the public endpoint exists)');
      expect(f?.messages.ja).toContain('ファイアウォールの既定動作は拒否ですが、公開エンドポイントは存在します');
      expect(f?.evidence).toMatchObject({ firewall: 'denies' });
      // LG-3.7 asks for public access disabled too.
      expect(result(report.findings, 'LG-3.7', id)?.messages.en).toContain('public network access is enabled (its firewall denies by default');
    }
    // Disabled, or handed to a network security perimeter: no public endpoint.
    expect(result(report.findings, 'LG-3.3', VAULT)?.status).toBe('pass');
    expect(result(report.findings, 'LG-3.3', PERIMETER_VAULT)?.status).toBe('pass');
  });
});
