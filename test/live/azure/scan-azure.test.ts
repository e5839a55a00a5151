// kikan scan-azure end to end with the real @azure/arm-resources client
// against a fake Resource Manager on 127.0.0.1 (HTTPS, test CA given to the
// pipeline, a static token: no credential chain runs). The live estate is
// the one fixtures/live/azure/portal/azuredeploy.json deploys: both must
// give the same violations.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runScanAzure } from '../../../src/cli/scan-azure-command.js';
import { loadCatalog } from '../../../src/controls/catalog/load.js';
import { evaluate } from '../../../src/engine/scan.js';
import { StageTimer } from '../../../src/engine/stage-timer.js';
import { readAzure } from '../../../src/live/azure/index.js';
import { StaticTokenCredential } from '../../../src/live/azure/credential.js';
import { CloudModel } from '../../../src/model/model.js';
import { loadPolicyFor } from '../../../src/policy/load.js';
import type { Finding } from '../../../src/results/finding.js';
import { scanFixture } from '../../support/scan-fixture.js';
import type { Environment, FakeArm } from './fake-arm.js';
import { startFakeArm, TEST_TOKEN, TLS_DIR } from './fake-arm.js';
import { notJudgedTypes, type NotJudgedType } from '../../../src/results/not-judged.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/live/azure');
const env = JSON.parse(readFileSync(path.join(FIXTURES, 'portal-live.json'), 'utf8')) as Environment;
const SUB = env.subscriptionId;

let arm: FakeArm;
let work: string;

beforeAll(async () => {
  arm = await startFakeArm(env);
});
afterAll(async () => {
  await arm.close();
});
afterEach(() => {
  arm.faults.clear();
  arm.requests.length = 0;
  if (work) rmSync(work, { recursive: true, force: true });
});

async function scan(extra: Record<string, unknown> = {}): Promise<{ code: number; report: { findings: Finding[]; errors: { message: string }[]; inputs: unknown[]; notJudged?: NotJudgedType[] }; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runScanAzure(
    { subscription: [SUB], resourceGroup: [], armEndpoint: arm.endpoint, caFile: path.join(TLS_DIR, 'cert.pem'), format: 'json', lang: 'en', quiet: true, output: [], ...extra },
    { env: { KIKAN_AZURE_TOKEN: TEST_TOKEN }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  );
  return { code, report: JSON.parse(stdout), stderr };
}

/** Control, status and the resource's own name: what a live scan and its template must agree on. */
function resourceResults(findings: Finding[], status: string): string[] {
  return findings
    .filter((f) => f.resource.type !== 'scope' && f.status === status)
    .map((f) => `${f.controlId} ${f.resource.address.split('/').pop()}`)
    .sort();
}

describe('kikan scan-azure against a fake Resource Manager', () => {
  it('finds the same violations as the template that deployed the estate', async () => {
    const live = await scan();
    const template = await scanFixture(path.join(FIXTURES, 'portal'));

    expect(live.report.errors).toEqual([]);
    const liveFails = resourceResults(live.report.findings, 'fail');
    expect(liveFails).toContain('LG-3.5 nsg-portal-web');
    expect(liveFails).toContain('LG-4.2 portaldb');
    expect(liveFails).toEqual(resourceResults(template.findings, 'fail'));
    // Every live resource here is one a control judges: nothing is listed as not judged, as in the template scan.
    expect(live.report.notJudged).toEqual([]);
    expect(notJudgedTypes(template.model.unlifted)).toEqual([]);
    // The SQL server's system database is the platform's: not judged as the customer's store.
    expect(live.report.findings.some((f) => f.resource.address.endsWith('/databases/master'))).toBe(false);
    expect(resourceResults(live.report.findings, 'pass')).toContain('LG-3.5 nsg-portal-db');
    expect(live.code).toBe(1);
    // Live resources are named by their resource ID, not by a made-up file position.
    expect(live.report.findings.filter((f) => f.location)).toEqual([]);
    expect(live.report.findings.find((f) => f.controlId === 'LG-3.5' && f.status === 'fail')?.resource.address).toBe(
      `/subscriptions/${SUB}/resourceGroups/rg-portal-prod/providers/Microsoft.Network/networkSecurityGroups/nsg-portal-web`,
    );

    // Every call carried the static token, and resources were read at their newest stable API version.
    expect(arm.requests.every((r) => r.authorization === `Bearer ${TEST_TOKEN}`)).toBe(true);
    expect(arm.requests.some((r) => r.path.includes('/storageAccounts/stportalfiles01?api-version=2023-05-01'))).toBe(true);
    // The resource list is paged: the second page was followed.
    expect(arm.requests.some((r) => /\/resources\?.*skiptoken=2/i.test(r.path))).toBe(true);
  });

  it('lifts subnets once and keeps the NSG default rules single', async () => {
    const catalog = loadCatalog();
    const read = await readAzure({ endpoint: arm.endpoint, ca: arm.ca, credential: new StaticTokenCredential(TEST_TOKEN), subscriptions: [SUB], resourceGroups: [] });
    const model = new CloudModel();
    model.addScope({ id: `azure:${SUB}`, scope: `azure:${SUB}`, cloud: 'azure', source: 'azure', label: SUB });
    await evaluate(read.resources, model, loadPolicyFor(FIXTURES, undefined), new Date('2026-11-28T00:00:00Z'), (id) => catalog.byId.get(id)?.severity ?? 'medium', new StageTimer());

    const subnets = model.all('subnet').map((s) => s.address.split('/').pop()).sort();
    expect(subnets).toEqual(['db', 'web']);
    const web = model.all('security-group').find((g) => g.address.endsWith('/nsg-portal-web'))!;
    const names = web.rules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n === 'AllowInternetOutBound')).toHaveLength(1);
    expect(names).toContain('AllowOpsRdp');
  });

  it('goes on through throttling and a denied call, and names what they prevented', async () => {
    arm.faults.set(`/subscriptions/${SUB}/resources`, { status: 429, code: 'TooManyRequests', times: 1, retryAfter: 0 });
    arm.faults.set(`/subscriptions/${SUB}/providers/microsoft.security/pricings`, { status: 403, code: 'AuthorizationFailed' });
    arm.faults.set(`/subscriptions/${SUB}/providers/microsoft.security/securitycontacts`, { status: 429, code: 'TooManyRequests', retryAfter: 0 });
    const { code, report } = await scan({ softFail: true });

    const messages = report.errors.map((e) => e.message);
    expect(messages).toHaveLength(2);
    expect(messages.find((m) => m.includes('pricings'))).toMatch(/403 AuthorizationFailed.*permission denied.*Defender for Cloud plans/);
    expect(messages.find((m) => m.includes('securityContacts'))).toMatch(/429 TooManyRequests.*throttled.*security contacts/);
    // The throttled resource list recovered: the estate was still judged.
    expect(resourceResults(report.findings, 'fail')).toContain('LG-3.5 nsg-portal-web');
    // What the denied and throttled calls would have shown is unknown, not a failure.
    const subscriptionResult = (id: string) => report.findings.find((f) => f.controlId === id && f.resource.type === 'scope');
    expect(subscriptionResult('LG-6.10')?.status).not.toBe('fail');
    expect(subscriptionResult('LG-1.2')?.status).not.toBe('fail');
    expect(code).toBe(3);
  });

  it('reads the other subscriptions when one cannot be read, and judges that one unknown', async () => {
    const other = '9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a';
    const { code, report } = await scan({ subscription: [other, SUB], softFail: true });

    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors.every((e) => e.message.includes(other))).toBe(true);
    expect(report.errors.some((e) => /resources of subscription/.test(e.message))).toBe(true);
    expect(resourceResults(report.findings, 'fail')).toContain('LG-3.5 nsg-portal-web');
    // Nothing of the unread subscription was seen: its subscription-level results are open, never failures.
    const unread = report.findings.filter((f) => f.resource.scope === `azure:${other}`);
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.filter((f) => f.status === 'fail')).toEqual([]);
    expect(code).toBe(3);
  });

  it('reads only the resource groups asked for', async () => {
    const { report } = await scan({ resourceGroup: ['rg-portal-prod'] });
    expect(report.errors).toEqual([]);
    expect(arm.requests.some((r) => /\/resourceGroups\/rg-portal-prod\/resources\?/i.test(r.path))).toBe(true);
    expect(arm.requests.some((r) => /^\/subscriptions\/[^/]+\/resources\?/i.test(r.path))).toBe(false);
    expect(resourceResults(report.findings, 'fail')).toContain('LG-3.5 nsg-portal-web');
  });

  it('keeps a history and fails only on what is new since the previous scan', async () => {
    work = mkdtempSync(path.join(tmpdir(), 'kikan-azure-history-'));
    const first = await scan({ history: work });
    expect(first.code).toBe(1);
    const second = await scan({ history: work });
    expect(second.stderr).toMatch(/0 new, 0 fixed, [1-9]\d* still open/);
    expect(second.code).toBe(0);
  });
});

describe('kikan scan-azure and settings declared inherited', () => {
  function inheritedPolicy(): string {
    work = mkdtempSync(path.join(tmpdir(), 'kikan-azure-inherited-'));
    const file = path.join(work, 'kikan.yaml');
    writeFileSync(
      file,
      [
        '# ガバメントクラウドの Azure 共通環境で設定済み',
        'version: 1',
        'inherited:',
        '  - control: LG-6.10',
        '    evidence: 共通環境の Defender for Cloud 設定',
        '  - control: LG-6.1',
        '    evidence: 共通環境のアクティビティログ転送',
        '  - control: LG-1.2',
        '    evidence: 共通環境のセキュリティ連絡先',
        '',
      ].join('\n'),
    );
    return file;
  }
  const scopeResults = (findings: Finding[], id: string) => findings.filter((f) => f.controlId === id && f.resource.type === 'scope');

  it('still fails a declared inheritance the live subscription does not have, and passes one it has', async () => {
    const { report } = await scan({ config: inheritedPolicy(), softFail: true });
    // No Defender plan for storage or SQL, no activity log export: read, judged, and failing despite the declaration.
    for (const id of ['LG-6.10', 'LG-6.1']) {
      const results = scopeResults(report.findings, id);
      expect(results.length).toBeGreaterThan(0);
      for (const f of results) {
        expect(f.status).toBe('fail');
        expect(String(f.message)).toContain('declared inherited, but not found in the live environment');
      }
    }
    // The security contact is there: nothing to excuse.
    expect(report.findings.filter((f) => f.controlId === 'LG-1.2').map((f) => f.status)).toEqual(['pass']);
  });

  it('names the call and the permission when the inherited setting could not be read', async () => {
    arm.faults.set(`/subscriptions/${SUB}/providers/microsoft.security/pricings`, { status: 403, code: 'AuthorizationFailed' });
    arm.faults.set(`/subscriptions/${SUB}/providers/microsoft.insights/diagnosticsettings`, { status: 403, code: 'AuthorizationFailed' });
    const { code, report } = await scan({ config: inheritedPolicy(), softFail: true });

    for (const [id, permission] of [
      ['LG-6.10', 'Microsoft.Security/pricings/read'],
      ['LG-6.1', 'Microsoft.Insights/diagnosticSettings/read'],
    ] as const) {
      const results = scopeResults(report.findings, id);
      expect(results.length).toBeGreaterThan(0);
      for (const f of results) {
        expect(f.status).toBe('unknown');
        expect(f.unknown?.some((c) => c.inputs.includes(permission) && c.inputs.some((i) => i.startsWith('GET /subscriptions/')))).toBe(true);
      }
      expect(report.errors.some((e) => e.message.includes(`needs ${permission}`))).toBe(true);
    }
    expect(code).toBe(3);
  });
});

describe('kikan scan-azure evidence and baselines', () => {
  const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  type Input = { file: string; kind: string; sha256?: string };

  it('writes a resource snapshot, lists it with its hash, and gives the same bytes for the same estate', async () => {
    work = mkdtempSync(path.join(tmpdir(), 'kikan-azure-snapshot-'));
    const first = path.join(work, 'a', 'snapshot.json');
    const second = path.join(work, 'b', 'snapshot.json');
    const a = await scan({ snapshot: first });
    const b = await scan({ snapshot: second });

    const recorded = (a.report.inputs as Input[]).find((i) => i.kind === 'azure-arm-snapshot');
    expect(recorded?.file).toBe(first.split(path.sep).join('/'));
    expect(recorded?.sha256).toBe(sha256(first));
    // Reads run concurrently and finish in any order: two reads of one estate still give the same bytes.
    expect(sha256(second)).toBe(sha256(first));
    const doc = JSON.parse(readFileSync(first, 'utf8')) as { resources: { address: string }[] };
    expect(doc.resources.some((r) => r.address.endsWith('/networkSecurityGroups/nsg-portal-web'))).toBe(true);
    expect((b.report.inputs as Input[]).some((i) => i.file === `azure:${SUB}`)).toBe(true);
  });

  it('keeps a snapshot beside each scan of a history', async () => {
    work = mkdtempSync(path.join(tmpdir(), 'kikan-azure-history-snap-'));
    const { report } = await scan({ history: work });
    const snapshots = readdirSync(work).filter((f) => f.startsWith('kikan-snapshot-'));
    expect(snapshots).toHaveLength(1);
    const recorded = (report.inputs as Input[]).find((i) => i.kind === 'azure-arm-snapshot');
    expect(recorded?.sha256).toBe(sha256(path.join(work, snapshots[0]!)));
  });

  it('fails without a baseline and not on the failures a written baseline records', async () => {
    work = mkdtempSync(path.join(tmpdir(), 'kikan-azure-baseline-'));
    const file = path.join(work, 'baseline.json');
    const first = await scan({ writeBaseline: file });
    expect(first.code).toBe(1);
    const accepted = await scan({ baseline: file });
    expect(accepted.code).toBe(0);
    const fails = accepted.report.findings.filter((f) => f.status === 'fail');
    expect(fails.length).toBeGreaterThan(0);
    expect(fails.every((f) => f.inBaseline)).toBe(true);
  });
});

describe('kikan scan-azure flags', () => {
  it('is a usage error, with nothing read, without a subscription or with a bad one', async () => {
    const { main } = await import('../../../src/cli/main.js');
    const before = arm.requests.length;
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await main(['scan-azure', '--arm-endpoint', arm.endpoint])).toBe(2);
      expect(await main(['scan-azure', '--subscription', 'not-a-subscription', '--arm-endpoint', arm.endpoint])).toBe(2);
      expect(await main(['scan-azure', '--subscription', SUB, '--arm-endpoint', arm.endpoint.replace('https:', 'http:')])).toBe(2);
      expect(await main(['scan-azure', '--subscription', SUB, '--cloud', 'germany'])).toBe(2);
    } finally {
      process.stderr.write = stderr;
    }
    expect(arm.requests.length).toBe(before);
  });
});
