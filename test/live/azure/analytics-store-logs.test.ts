// Resource logs of Managed Redis and Synapse read live (LG-6.4): a Managed
// Redis cluster's logs are set on its databases, so their diagnostic settings
// are read and count for the cluster; Synapse SQL auditing is a child setting
// of the workspace and the pool.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const SUB = '0b6f2a9e-3c1d-4e58-8a7b-6d2f9e1c4a30';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-gyosei-prd`;
const LAW = `${RG}/providers/Microsoft.OperationalInsights/workspaces/log-gyosei`;
const CACHE = `${RG}/providers/Microsoft.Cache/redisEnterprise/amr-gyosei`;
const QUIET = `${RG}/providers/Microsoft.Cache/redisEnterprise/amr-gyosei-dev`;
const WS = `${RG}/providers/Microsoft.Synapse/workspaces/syn-gyosei`;
const POOL = `${WS}/sqlPools/dwgyosei`;

const env: Environment = {
  subscriptionId: SUB,
  resourceGroups: [{ id: RG, name: 'rg-gyosei-prd', location: 'japaneast', tags: {} }],
  providers: {
    'Microsoft.Cache': { resourceTypes: [{ resourceType: 'redisEnterprise', apiVersions: ['2025-07-01'] }, { resourceType: 'redisEnterprise/databases', apiVersions: ['2025-07-01'] }] },
    'Microsoft.Synapse': {
      resourceTypes: [
        { resourceType: 'workspaces', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/firewallRules', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/dedicatedSQLminimalTlsSettings', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/auditingSettings', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/sqlPools', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/sqlPools/transparentDataEncryption', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/sqlPools/auditingSettings', apiVersions: ['2021-06-01'] },
      ],
    },
    'Microsoft.OperationalInsights': { resourceTypes: [{ resourceType: 'workspaces', apiVersions: ['2023-09-01'] }] },
  },
  resources: [
    { id: LAW, name: 'log-gyosei', type: 'Microsoft.OperationalInsights/workspaces', location: 'japaneast', properties: { retentionInDays: 365, sku: { name: 'PerGB2018' } } },
    { id: CACHE, name: 'amr-gyosei', type: 'Microsoft.Cache/redisEnterprise', location: 'Japan East', sku: { name: 'Balanced_B5' }, properties: { minimumTlsVersion: '1.2', publicNetworkAccess: 'Disabled' } },
    { id: `${CACHE}/databases/default`, name: 'default', type: 'Microsoft.Cache/redisEnterprise/databases', properties: { clientProtocol: 'Encrypted', port: 10000 } },
    {
      id: `${CACHE}/databases/default/providers/Microsoft.Insights/diagnosticSettings/to-law`,
      name: 'to-law',
      type: 'Microsoft.Insights/diagnosticSettings',
      properties: { workspaceId: LAW, logs: [{ category: 'ConnectionEvents', categoryGroup: null, enabled: true }], metrics: [] },
    },
    { id: QUIET, name: 'amr-gyosei-dev', type: 'Microsoft.Cache/redisEnterprise', location: 'Japan East', sku: { name: 'Balanced_B0' }, properties: { minimumTlsVersion: '1.2', publicNetworkAccess: 'Disabled' } },
    { id: `${QUIET}/databases/default`, name: 'default', type: 'Microsoft.Cache/redisEnterprise/databases', properties: { clientProtocol: 'Encrypted', port: 10000 } },
    { id: WS, name: 'syn-gyosei', type: 'Microsoft.Synapse/workspaces', location: 'japaneast', properties: { publicNetworkAccess: 'Disabled', sqlAdministratorLogin: 'sqladminuser' } },
    {
      id: `${WS}/auditingSettings/default`,
      name: 'default',
      type: 'Microsoft.Synapse/workspaces/auditingSettings',
      properties: { state: 'Enabled', storageEndpoint: 'https://stgyoseiaudit.blob.core.windows.net/', retentionDays: 400, isAzureMonitorTargetEnabled: false },
    },
    { id: POOL, name: 'dwgyosei', type: 'Microsoft.Synapse/workspaces/sqlPools', location: 'japaneast', sku: { name: 'DW100c' }, properties: { status: 'Online', storageAccountType: 'LRS' } },
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

async function scanLive(): Promise<{ findings: Finding[]; errors: unknown[] }> {
  let stdout = '';
  await runScanAzure(
    { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
  );
  return JSON.parse(stdout) as { findings: Finding[]; errors: unknown[] };
}

function statusOf(findings: Finding[], id: string): string[] {
  return findings.filter((f) => f.controlId === 'LG-6.4' && f.resource.address.toLowerCase() === id.toLowerCase()).map((f) => f.status);
}

describe('resource logs of Managed Redis and Synapse read live', () => {
  it('a database diagnostic setting counts for its cluster; workspace auditing to storage counts for its pool', async () => {
    const report = await scanLive();
    expect(report.errors, JSON.stringify(report.errors)).toEqual([]);
    const f = report.findings;
    expect(statusOf(f, CACHE)).toEqual(['pass']);
    expect(statusOf(f, QUIET)).toEqual(['fail']);
    expect(statusOf(f, POOL)).toEqual(['pass']);
    // Auditing covers the pools; the workspace's own logs need a diagnostic setting.
    expect(statusOf(f, WS)).toEqual(['fail']);
    const paths = arm.requests.map((r) => r.path.toLowerCase().replace(/^\/+/, '/'));
    for (const asked of [`${CACHE}/databases/default/providers/microsoft.insights/diagnosticsettings`, `${WS}/auditingsettings`, `${POOL}/auditingsettings`]) {
      expect(paths.some((p) => p.startsWith(`${asked.toLowerCase()}?`)), asked).toBe(true);
    }
  });
});
