// An estate the live reader was not built against: App Service with VNet
// integration, SQL Database, a storage account encrypted with a Key Vault key,
// and the vault itself. fixtures/live/azure/juki/azuredeploy.json deploys it;
// juki-live.json is what Resource Manager returns for it (Web's display-name
// locations, an app body whose siteConfig is all nulls with its settings in
// config/web, named after the app; NSG default rules; the SQL system
// database). Both must give the same results on the same resources.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import type { Finding } from '../../../src/results/finding.js';
import { scanFixture } from '../../support/scan-fixture.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/live/azure');
const env = JSON.parse(readFileSync(path.join(FIXTURES, 'juki-live.json'), 'utf8')) as Environment;
const SUB = env.subscriptionId;
const SQL = `/subscriptions/${SUB}/resourceGroups/rg-juki-prod/providers/Microsoft.Sql/servers/sql-juki`;
const SITE = `/subscriptions/${SUB}/resourceGroups/rg-juki-prod/providers/Microsoft.Web/sites/app-juki-web`;

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

interface LiveReport {
  code: number;
  findings: Finding[];
  errors: { message: string }[];
  notScanned: { address: string; cause: { inputs: string[]; detail: string } }[];
}

async function scanLive(): Promise<LiveReport> {
  let stdout = '';
  const code = await runScanAzure(
    { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], softFail: true },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: () => undefined },
  );
  const report = JSON.parse(stdout) as Omit<LiveReport, 'code'>;
  return { code, ...report };
}

/** Control, status and the resource's own name, for the resources a template can deploy. */
function results(findings: Finding[]): string[] {
  return findings
    .filter((f) => f.resource.type !== 'scope' && !/^Microsoft\.(Security|Insights|Authorization)\//i.test(f.resource.type))
    .map((f) => `${f.controlId} ${f.status} ${f.resource.address.split('/').pop()}`)
    .sort();
}

describe('an Azure estate the reader was not built against', () => {
  it('gives the template’s results on every deployed resource, violations and compliant ones alike', async () => {
    const live = await scanLive();
    const template = await scanFixture(path.join(FIXTURES, 'juki'));

    expect(live.errors).toEqual([]);
    const liveResults = results(live.findings);
    // LG-6.9 reads definitions only: a live read never returns a secret's value.
    // LG-2.4: the template names the storage key's vault through reference(resourceId(…, variables('vaultName'))), which a
    // definition scan leaves unresolved (the account is judged as the only user of that unknown key); live, the vault URI is
    // literal and the key is found, so the key itself is judged.
    const keyless = (rs: string[]) => rs.filter((r) => !/^LG-2\.4 .* (stjukidocs01|cmk-storage)$/.test(r));
    expect(keyless(liveResults)).toEqual(keyless(results(template.findings)).filter((r) => !r.startsWith('LG-6.9 ')));
    expect(liveResults).toContain('LG-2.4 pass cmk-storage');
    expect(results(template.findings)).toContain('LG-2.4 pass stjukidocs01');
    expect(results(template.findings).some((r) => r.startsWith('LG-6.9 '))).toBe(true);
    // The violations written into the estate, each found live.
    for (const v of ['LG-3.9 fail app-juki-web', 'LG-3.5 fail sql-juki', 'LG-2.5 fail kv-juki-prod', 'LG-6.8 fail cmk-sql', 'LG-2.3 fail sql-juki']) expect(liveResults).toContain(v);
    // And its compliant resources pass.
    for (const ok of ['LG-3.5 pass nsg-juki-app', 'LG-2.3 pass stjukidocs01', 'LG-6.8 pass cmk-storage', 'LG-3.9 pass stjukidocs01', 'LG-4.2 pass jukidb', 'LG-2.2 pass app-juki-web']) {
      expect(liveResults).toContain(ok);
    }
    // No backup plan, lock or diagnostic setting exists anywhere in the estate; apart from those, its compliant resources have no failure.
    expect(liveResults.filter((r) => / fail (stjukidocs01|nsg-juki-app|cmk-storage|snet-app|snet-pe)$/.test(r) && !/^LG-(4\.4|4\.5|6\.4) /.test(r))).toEqual([]);
    // The platform's own database is not judged as the municipality's store.
    expect(live.findings.some((f) => f.resource.address.endsWith('/databases/master'))).toBe(false);
    expect(live.code).toBe(0);
  });

  it('judges the NSG with its default rules once, as the template’s synthesised ones', async () => {
    const live = await scanLive();
    const nsg = live.findings.filter((f) => f.resource.address.endsWith('/nsg-juki-app'));
    expect(nsg.map((f) => `${f.controlId} ${f.status}`).sort()).toEqual(['LG-2.2 pass', 'LG-3.5 pass']);
  });

  it('judges what only the live subscription shows: a Defender plan on the Free tier', async () => {
    const live = await scanLive();
    const plans = live.findings.filter((f) => f.controlId === 'LG-6.10' && f.resource.type === 'Microsoft.Security/pricings');
    expect(plans.map((f) => `${f.status} ${f.resource.address.split('/').pop()}`).sort()).toEqual(['fail StorageAccounts', 'pass AppServices', 'pass KeyVaults', 'pass SqlServers']);
  });

  it('leaves the app’s TLS version unknown, never the platform default, when its config/web cannot be read', async () => {
    arm.faults.set(`${SITE}/config/web`.toLowerCase(), { status: 403, code: 'AuthorizationFailed' });
    const live = await scanLive();
    const tls = live.findings.find((f) => f.controlId === 'LG-3.9' && f.resource.address === SITE);
    expect(tls?.status).toBe('unknown');
    expect(tls?.unknown?.flatMap((c) => c.inputs)).toContain(`${SITE}/config/web`);
    expect(live.errors.map((e) => e.message).join('\n')).toContain('needs Microsoft.Web/sites/config/read');
    expect(live.code).toBe(3);
  });

  it('turns the passes an unread child setting could overturn into unknown, naming the call and the permission', async () => {
    arm.faults.set(`${SQL}/firewallRules`.toLowerCase(), { status: 403, code: 'AuthorizationFailed' });
    arm.faults.set(`${SQL}/databases/jukidb/backupShortTermRetentionPolicies`.toLowerCase(), { status: 403, code: 'AuthorizationFailed' });
    const live = await scanLive();
    const result = (id: string, address: string) => live.findings.find((f) => f.controlId === id && f.resource.address === address);

    // Without its firewall rules the server would look closed, and the database would keep the default retention.
    const firewall = result('LG-3.5', SQL);
    expect(firewall?.status).toBe('unknown');
    expect(firewall?.unknown?.some((c) => c.inputs.includes('Microsoft.Sql/servers/firewallRules/read'))).toBe(true);
    const retention = result('LG-4.4', `${SQL}/databases/jukidb`);
    expect(retention?.status).toBe('unknown');
    expect(retention?.unknown?.some((c) => c.inputs.includes('Microsoft.Sql/servers/databases/backupShortTermRetentionPolicies/read'))).toBe(true);
    // What the failed calls cannot touch keeps its result.
    expect(result('LG-3.9', `/subscriptions/${SUB}/resourceGroups/rg-juki-prod/providers/Microsoft.Storage/storageAccounts/stjukidocs01`)?.status).toBe('pass');
    expect(result('LG-3.9', SITE)?.status).toBe('fail');
    expect(live.code).toBe(3);
  });

  it('leaves the storage account open, not just its blob service, when its containers cannot be listed', async () => {
    const account = `/subscriptions/${SUB}/resourceGroups/rg-juki-prod/providers/Microsoft.Storage/storageAccounts/stjukidocs01`;
    arm.faults.set(`${account}/blobServices/default/containers`.toLowerCase(), { status: 403, code: 'AuthorizationFailed' });
    const live = await scanLive();
    const blobAccess = live.findings.find((f) => f.controlId === 'LG-2.6' && f.resource.address === account);
    expect(blobAccess?.status).toBe('unknown');
    expect(blobAccess?.unknown?.some((c) => c.inputs.includes('Microsoft.Storage/storageAccounts/blobServices/containers/read'))).toBe(true);
    // Other resources keep their results.
    expect(live.findings.find((f) => f.controlId === 'LG-3.5' && f.resource.address === SQL)?.status).toBe('fail');
  });

  it('names a resource it could not read as not scanned, with the call and the permission', async () => {
    const vault = `/subscriptions/${SUB}/resourceGroups/rg-juki-prod/providers/Microsoft.KeyVault/vaults/kv-juki-prod`;
    arm.faults.set(vault.toLowerCase(), { status: 403, code: 'AuthorizationFailed' });
    const live = await scanLive();
    expect(live.notScanned.map((n) => n.address)).toEqual([vault]);
    expect(live.notScanned[0]?.cause.inputs).toEqual([`GET ${vault}`, 'Microsoft.KeyVault/vaults/read']);
    // Its results are not there to be mistaken for a judgement; the others are.
    expect(live.findings.some((f) => f.resource.address === vault)).toBe(false);
    expect(live.findings.find((f) => f.controlId === 'LG-3.5' && f.resource.address === SQL)?.status).toBe('fail');
    expect(live.code).toBe(3);
  });
});
