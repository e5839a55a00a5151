// Service Bus, Event Hubs and container registries read live: the
// namespace's network rule set is a child resource Resource Manager does not
// list, read with one GET; either public access setting Disabled closes the
// endpoint, and a deny-by-default rule set is told, not passed.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const SUB = '5b1e7c3a-2d4f-4e6a-9b8c-1a2b3c4d5e6f';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-juki-renkei`;
const SB = `${RG}/providers/Microsoft.ServiceBus/namespaces/sb-juki-renkei`;
const EH = `${RG}/providers/Microsoft.EventHub/namespaces/evhns-juki-audit`;
const ACR = `${RG}/providers/Microsoft.ContainerRegistry/registries/crjukirenkei`;
const tags = { 'lg:segment': 'mynumber', 'lg:classification': '3' };

const env: Environment = {
  subscriptionId: SUB,
  resourceGroups: [{ id: RG, name: 'rg-juki-renkei', location: 'japaneast', tags: {} }],
  providers: {
    'Microsoft.ServiceBus': { resourceTypes: [{ resourceType: 'namespaces', apiVersions: ['2024-01-01'] }, { resourceType: 'namespaces/networkRuleSets', apiVersions: ['2024-01-01'] }] },
    'Microsoft.EventHub': { resourceTypes: [{ resourceType: 'namespaces', apiVersions: ['2024-01-01'] }, { resourceType: 'namespaces/networkRuleSets', apiVersions: ['2024-01-01'] }] },
    'Microsoft.ContainerRegistry': { resourceTypes: [{ resourceType: 'registries', apiVersions: ['2023-07-01'] }] },
  },
  resources: [
    // Resource Manager spells the types of these providers with capitals.
    { id: SB, name: 'sb-juki-renkei', type: 'Microsoft.ServiceBus/Namespaces', location: 'Japan East', tags, sku: { name: 'Premium' }, properties: { publicNetworkAccess: 'Enabled', minimumTlsVersion: '1.2' } },
    { id: `${SB}/networkRuleSets/default`, name: 'default', type: 'Microsoft.ServiceBus/Namespaces/NetworkRuleSets', properties: { defaultAction: 'Deny', publicNetworkAccess: 'Disabled', ipRules: [] } },
    { id: EH, name: 'evhns-juki-audit', type: 'Microsoft.EventHub/Namespaces', location: 'Japan East', tags, sku: { name: 'Standard' }, properties: { publicNetworkAccess: 'Enabled', minimumTlsVersion: '1.2' } },
    { id: `${EH}/networkRuleSets/default`, name: 'default', type: 'Microsoft.EventHub/Namespaces/NetworkRuleSets', properties: { defaultAction: 'Deny', publicNetworkAccess: 'Enabled', ipRules: [] } },
    { id: ACR, name: 'crjukirenkei', type: 'Microsoft.ContainerRegistry/registries', location: 'japaneast', tags, sku: { name: 'Basic' }, properties: { publicNetworkAccess: 'Enabled', networkRuleSet: null } },
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

type Reported = Omit<Finding, 'message'> & { messages: { ja: string; en: string } };

async function scanLive(): Promise<{ findings: Reported[]; errors: unknown[]; notJudged?: { type: string }[] }> {
  let stdout = '';
  await runScanAzure(
    { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
  );
  return JSON.parse(stdout) as { findings: Reported[]; errors: unknown[]; notJudged?: { type: string }[] };
}

function result(findings: Reported[], control: string, id: string): Reported | undefined {
  return findings.find((f) => f.controlId === control && f.resource.address.toLowerCase() === id.toLowerCase());
}

describe('messaging namespaces and registries read live', () => {
  it('reads the rule sets and judges the public endpoints', async () => {
    const report = await scanLive();
    expect(report.errors, JSON.stringify(report.errors)).toEqual([]);
    expect(arm.requests.map((r) => r.path.toLowerCase().split('?')[0])).toContain(`${SB}/networkRuleSets/default`.toLowerCase());
    // The rule set turns public access off although the namespace says Enabled.
    expect(result(report.findings, 'LG-3.3', SB)?.status).toBe('pass');
    const eh = result(report.findings, 'LG-3.3', EH);
    expect(eh?.status).toBe('fail');
    expect(eh?.messages.en).toContain('its firewall denies by default, but the public endpoint exists');
    const acr = result(report.findings, 'LG-3.3', ACR);
    expect(acr?.status).toBe('fail');
    expect(acr?.evidence).toMatchObject({ firewall: 'allows-all' });
    expect((report.notJudged ?? []).map((t) => t.type.toLowerCase())).not.toEqual(expect.arrayContaining(['microsoft.servicebus/namespaces']));
  });
});
