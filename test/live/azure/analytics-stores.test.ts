// Managed Redis, Cosmos DB for MongoDB vCore, Synapse and Data Explorer read
// live: the clusters come from the resource list, their settings that are
// child resources (a Redis database's client protocol, firewall rules, the
// dedicated SQL endpoint's minimum TLS, a SQL pool's TDE) from their own
// calls, and the data-store controls judge them as they judge a template.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const SUB = '5d0c3c2e-7a41-4f7e-9a55-0b1e6c2d9f10';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-toukei-prod`;
const CACHE = `${RG}/providers/Microsoft.Cache/redisEnterprise/amr-toukei`;
const MONGO = `${RG}/providers/Microsoft.DocumentDB/mongoClusters/mongo-toukei`;
const WS = `${RG}/providers/Microsoft.Synapse/workspaces/syn-toukei`;
const POOL = `${WS}/sqlPools/dwh`;
const ADX = `${RG}/providers/Microsoft.Kusto/clusters/adxtoukei`;
const tags = { 'lg:classification': '3', 'lg:segment': 'lgwan' };

const env: Environment = {
  subscriptionId: SUB,
  resourceGroups: [{ id: RG, name: 'rg-toukei-prod', location: 'japaneast', tags: {} }],
  providers: {
    'Microsoft.Cache': { resourceTypes: [{ resourceType: 'redisEnterprise', apiVersions: ['2025-07-01', '2025-08-01-preview'] }, { resourceType: 'redisEnterprise/databases', apiVersions: ['2025-07-01'] }] },
    'Microsoft.DocumentDB': { resourceTypes: [{ resourceType: 'mongoClusters', apiVersions: ['2024-07-01', '2025-09-01'] }, { resourceType: 'mongoClusters/firewallRules', apiVersions: ['2025-09-01'] }] },
    'Microsoft.Synapse': {
      resourceTypes: [
        { resourceType: 'workspaces', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/firewallRules', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/dedicatedSQLminimalTlsSettings', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/sqlPools', apiVersions: ['2021-06-01'] },
        { resourceType: 'workspaces/sqlPools/transparentDataEncryption', apiVersions: ['2021-06-01'] },
      ],
    },
    'Microsoft.Kusto': { resourceTypes: [{ resourceType: 'clusters', apiVersions: ['2024-04-13'] }] },
  },
  resources: [
    {
      id: CACHE,
      name: 'amr-toukei',
      type: 'Microsoft.Cache/redisEnterprise',
      location: 'Japan East',
      tags,
      sku: { name: 'Balanced_B5' },
      properties: { minimumTlsVersion: '1.2', publicNetworkAccess: 'Disabled', highAvailability: 'Enabled', redundancyMode: 'ZR', encryption: {} },
    },
    { id: `${CACHE}/databases/default`, name: 'default', type: 'Microsoft.Cache/redisEnterprise/databases', properties: { clientProtocol: 'Plaintext', port: 10000 } },
    {
      id: MONGO,
      name: 'mongo-toukei',
      type: 'Microsoft.DocumentDB/mongoClusters',
      location: 'japaneast',
      tags,
      properties: { publicNetworkAccess: 'Enabled', highAvailability: { targetMode: 'Disabled' }, administrator: { userName: 'toukeiadmin' }, backup: { earliestRestoreTime: '2026-10-24T00:00:00Z' } },
    },
    { id: `${MONGO}/firewallRules/allowAll`, name: 'allowAll', type: 'Microsoft.DocumentDB/mongoClusters/firewallRules', properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } },
    {
      id: WS,
      name: 'syn-toukei',
      type: 'Microsoft.Synapse/workspaces',
      location: 'japaneast',
      tags,
      properties: {
        publicNetworkAccess: 'Disabled',
        sqlAdministratorLogin: 'sqladminuser',
        encryption: { doubleEncryptionEnabled: true, cmk: { status: 'Active', key: { name: 'default', keyVaultUrl: 'https://kv-toukei.vault.azure.net/keys/synapse' } } },
      },
    },
    { id: `${WS}/dedicatedSQLminimalTlsSettings/default`, name: 'default', type: 'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings', properties: { minimalTlsVersion: '1.2' } },
    { id: POOL, name: 'dwh', type: 'Microsoft.Synapse/workspaces/sqlPools', location: 'japaneast', tags, sku: { name: 'DW100c' }, properties: { status: 'Online', storageAccountType: 'GRS' } },
    { id: `${POOL}/transparentDataEncryption/current`, name: 'current', type: 'Microsoft.Synapse/workspaces/sqlPools/transparentDataEncryption', properties: { status: 'Disabled' } },
    {
      id: ADX,
      name: 'adxtoukei',
      type: 'Microsoft.Kusto/clusters',
      location: 'Japan East',
      tags,
      zones: ['1', '2', '3'],
      sku: { name: 'Standard_E8ads_v5', tier: 'Standard', capacity: 2 },
      properties: { publicNetworkAccess: 'Enabled', allowedIpRangeList: [], state: 'Running' },
    },
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

async function scanLive(): Promise<{ findings: Finding[]; errors: unknown[]; notJudged?: unknown }> {
  let stdout = '';
  await runScanAzure(
    { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
  );
  return JSON.parse(stdout) as { findings: Finding[]; errors: unknown[]; notJudged?: unknown };
}

function statusOf(findings: Finding[], control: string, id: string): string[] {
  return findings.filter((f) => f.controlId === control && f.resource.address.toLowerCase() === id.toLowerCase()).map((f) => f.status);
}

describe('analytics and cache stores read live', () => {
  it('judges each store on its own settings and the child settings read for it', async () => {
    const report = await scanLive();
    expect(report.errors, JSON.stringify(report.errors)).toEqual([]);
    const f = report.findings;
    // The database child says clients may use plaintext Redis.
    expect(statusOf(f, 'LG-3.9', CACHE)).toEqual(['fail']);
    expect(statusOf(f, 'LG-4.2', CACHE)).toEqual(['pass']);
    // The firewall rule child opens the MongoDB endpoint to every address.
    expect(statusOf(f, 'LG-3.5', MONGO)).toEqual(['fail']);
    expect(statusOf(f, 'LG-2.3', MONGO)).toEqual(['fail']);
    expect(statusOf(f, 'LG-4.4', MONGO)).toEqual(['pass']);
    // The minimal TLS singleton of the workspace, the TDE singleton of the pool.
    expect(statusOf(f, 'LG-3.9', WS)).toEqual(['pass']);
    expect(statusOf(f, 'LG-2.3', WS)).toEqual(['pass']);
    expect(statusOf(f, 'LG-2.3', POOL)).toEqual(['fail']);
    expect(statusOf(f, 'LG-4.4', POOL)).toEqual(['pass']);
    // Public in an LGWAN segment.
    expect(statusOf(f, 'LG-3.3', ADX)).toEqual(['fail']);
    expect(statusOf(f, 'LG-4.2', ADX)).toEqual(['pass']);
    for (const id of [CACHE, MONGO, WS, POOL, ADX]) expect(statusOf(f, 'LG-2.1', id)).toEqual(['pass']);
    expect(JSON.stringify(report.notJudged ?? [])).not.toMatch(/redisEnterprise|mongoClusters|Synapse|Kusto/i);
    // Each child setting was asked for.
    const paths = arm.requests.map((r) => r.path.toLowerCase());
    for (const child of [`${CACHE}/databases`, `${MONGO}/firewallrules`, `${WS}/dedicatedsqlminimaltlssettings/default`, `${POOL}/transparentdataencryption/current`]) {
      expect(paths.some((p) => p.replace(/^\/+/, '/').startsWith(`${child.toLowerCase()}?`))).toBe(true);
    }
  });
});
