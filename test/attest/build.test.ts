import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswers, parseAnswers } from '../../src/attest/answers.js';
import type { ControlAttestation } from '../../src/attest/attestation.js';
import { buildAttestation } from '../../src/attest/build.js';
import { codeStatusText } from '../../src/attest/render/describe.js';
import { questionIndex } from '../../src/attest/question-index.js';
import { inlineSource, type ScanSource, type Unscanned } from '../../src/attest/scan-source.js';
import { loadCatalog } from '../../src/controls/catalog/load.js';
import type { Finding } from '../../src/results/finding.js';
import { scanFixture } from '../support/scan-fixture.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/attest');
const catalog = loadCatalog();
const questions = questionIndex(catalog);
const NOW = new Date('2026-11-28T01:00:00Z');

function controlsOf(att: ReturnType<typeof buildAttestation>): Map<string, ControlAttestation> {
  return new Map(att.areas.flatMap((a) => a.controls).map((c) => [c.id, c]));
}

async function sharedScan(): Promise<ScanSource> {
  const outcome = await scanFixture(path.join(FIX, 'shared-env'));
  return inlineSource(outcome, '2026-11-28T00:30:00.000Z', catalog.version, 'fixtures/attest/shared-env');
}

describe('attestation from a scan and a partly answered questionnaire', async () => {
  const scan = await sharedScan();
  const answers = loadAnswers(path.join(FIX, 'answers/partial.yaml'), questions, 'ja');
  const att = buildAttestation({ catalog, scans: [scan], answers, municipality: answers.municipalities[0]!, tenantTag: 'lg:tenant', toolVersion: '9.9.9', now: NOW });
  const byId = controlsOf(att);

  it('has one row per catalog control, in areas 1-8, and counts that add up', () => {
    expect(att.areas.map((a) => a.area)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...byId.keys()]).toEqual(catalog.controls.map((c) => c.id));
    const total = Object.values(att.summary).reduce((n, v) => n + v, 0);
    expect(total).toBe(catalog.controls.length);
    for (const area of att.areas) expect(Object.values(area.counts).reduce((n, v) => n + v, 0)).toBe(area.controls.length);
  });

  it('never calls a control compliant while a question of it is unanswered or lacks required evidence', () => {
    for (const c of byId.values()) {
      if (c.questions.some((q) => q.status === 'open')) expect(c.standing === 'open' || c.standing === 'non_compliant').toBe(true);
      if (c.standing === 'compliant') expect(c.open).toEqual([]);
    }
    const lg11 = byId.get('LG-1.1')!;
    expect(lg11.questions.map((q) => q.status)).toEqual(['compliant', 'compliant', 'open']);
    expect(lg11.standing).toBe('open');
    expect(lg11.open.map((o) => o.en)).toEqual(['LG-1.1.q3: unanswered']);
  });

  it('takes each standing from the answers: no, partial, yes without required evidence, text and na', () => {
    expect(byId.get('LG-2.7')!.standing).toBe('non_compliant');
    expect(byId.get('LG-2.7')!.questions[0]!.status).toBe('non_compliant');
    const lg46 = byId.get('LG-4.6')!.questions[0]!;
    expect(lg46.status).toBe('open');
    expect(lg46.openReason!.en).toBe('evidence is required and none is given');
    expect(lg46.answer!.value).toBe('yes');
    expect(byId.get('LG-5.1')!.standing).toBe('partial');
    const lg72 = byId.get('LG-7.2')!;
    expect(lg72.questions.map((q) => q.status)).toEqual(['compliant', 'compliant', 'not_applicable']);
    expect(lg72.standing).toBe('compliant');
    expect(lg72.code).toBeUndefined();
  });

  it('joins the code evidence: a failing store fails its control and is named with its line', () => {
    const lg23 = byId.get('LG-2.3')!;
    expect(lg23.code!.status).toBe('fail');
    expect(lg23.standing).toBe('non_compliant');
    const failed = lg23.code!.findings.filter((f) => f.status === 'fail').map((f) => [f.resource.address, f.location?.file]);
    expect(failed).toEqual([
      ['aws_s3_bucket.juki_tobetsu', 'main.tf'],
      ['aws_s3_bucket.forms', 'main.tf'],
    ]);
    expect(lg23.code!.counts).toEqual({ pass: 1, fail: 2 });
  });

  it('keeps a code control open when its answers are good but the scan could not decide it', () => {
    const lg53 = byId.get('LG-5.3')!;
    expect(lg53.code!.status).toBe('unknown');
    expect(lg53.standing).toBe('open');
    expect(lg53.open.some((o) => o.en.startsWith('unknown (scope .)'))).toBe(true);
  });

  it('lists a live control with no live scan as open, never as passing', () => {
    const lg65 = byId.get('LG-6.5')!;
    expect(lg65.code!.status).toBe('not_run');
    expect(lg65.standing).toBe('open');
    expect(lg65.open[0]!.en).toMatch(/no live scan result/);
  });

  it('records the integrity data: tool, catalog, inputs with SHA-256, answers hash, time and the cover', () => {
    expect(att.tool).toEqual({ name: 'kikan', version: '9.9.9' });
    expect(att.catalog.version).toBe(catalog.version);
    expect(att.generatedAt).toBe(NOW.toISOString());
    expect(att.scans[0]!.inputs).toEqual([{ file: 'main.tf', kind: 'terraform', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(att.scans[0]!.root).toBe('fixtures/attest/shared-env');
    expect(att.answers.sha256).toBe(answers.sha256);
    expect(att.header.municipality).toEqual({ name: '石狩市', code: '012351' });
    expect(att.header.signer).toEqual({ name: '佐藤 一郎', title: '公共事業部 部長' });
  });
});

describe('written answers that are still to be written', () => {
  const buildWith = (answer: string) => {
    const answers = parseAnswers({
      bytes: Buffer.from(`version: 1\nanswers:\n  - id: LG-6.6.q2\n    answer: ${JSON.stringify(answer)}\n`),
      displayFile: 'a.yaml',
      locFile: 'a.yaml',
      evidenceDir: FIX,
      questions,
      lang: 'ja',
    });
    const att = buildAttestation({ catalog, scans: [], answers, municipality: { name: 'x' }, tenantTag: 'lg:tenant', toolVersion: '9.9.9', now: NOW });
    return controlsOf(att).get('LG-6.6')!.questions.find((q) => q.id === 'LG-6.6.q2')!;
  };

  it.each(['未定', 'TBD', ' todo ', '検討中', '…', '---', 'ー', 'xxx', '？'])('keeps the question open on the placeholder %j', (answer) => {
    const q = buildWith(answer);
    expect(q.status).toBe('open');
    expect(q.openReason!.en).toBe(`the answer is a placeholder ("${answer.trim()}")`);
  });

  it('keeps a blank answer unanswered, and takes a real one, "なし" and "N/A" included', () => {
    expect(buildWith('  ').openReason?.en).toBe('unanswered');
    for (const real of ['緊急用アカウント 1 件（金庫保管、四半期ごとに確認）', 'なし', 'N/A']) expect(buildWith(real).status).toBe('compliant');
  });
});

describe('code status and standing from findings', () => {
  const answers = parseAnswers({
    bytes: Buffer.from('version: 1\nanswers:\n  - id: LG-5.3.q1\n    answer: na\n    explanation: 証拠の提出は団体が直接クラウド事業者に求める\n'),
    displayFile: 'a.yaml',
    locFile: 'a.yaml',
    evidenceDir: FIX,
    questions,
    lang: 'ja',
  });
  const finding = (controlId: string, status: Finding['status'], address: string, extra: Partial<Finding> = {}): Finding => ({
    controlId,
    status,
    severity: 'high',
    resource: { address, type: 'aws_s3_bucket', source: 'terraform', scope: '.' },
    location: { file: 'main.tf', line: 3 },
    message: { ja: `${address}: ${status}`, en: `${address}: ${status}` },
    evidence: {},
    fingerprint: `${controlId}-${address}`,
    ...extra,
  });
  const scanOf = (findings: Finding[], errors = 0, unscanned: Unscanned[] = []): ScanSource => ({
    kind: 'iac',
    scannedAt: NOW.toISOString(),
    source: 'inline',
    findings,
    inputs: [],
    errors,
    notScanned: unscanned.length,
    unscanned,
  });
  const build = (scans: ScanSource[], tenant?: string) =>
    controlsOf(
      buildAttestation({
        catalog,
        scans,
        answers,
        municipality: { name: 'x', ...(tenant ? { tenant } : {}) },
        tenantTag: 'lg:tenant',
        toolVersion: '0',
        now: NOW,
      }),
    );

  it('a failure accepted by a CI baseline is still a failure in the attestation, and marked so', () => {
    const c = build([scanOf([finding('LG-2.6', 'pass', 'a'), finding('LG-2.6', 'fail', 'b', { inBaseline: true })])]).get('LG-2.6')!;
    expect(c.code!.status).toBe('fail');
    expect(c.standing).toBe('non_compliant');
    expect(c.code!.findings.find((f) => f.resource.address === 'b')!.inBaseline).toBe(true);
  });
  it('a waived failure makes the control partly compliant and carries the waiver as evidence', () => {
    const waived = finding('LG-2.6', 'suppressed', 'b', { waiver: { reason: '移行中', approver: '情報政策課', expires: '2027-03-31', origin: 'policy' } });
    const c = build([scanOf([finding('LG-2.6', 'pass', 'a'), waived])]).get('LG-2.6')!;
    expect(c.code!.status).toBe('suppressed');
    expect(c.standing).toBe('partial');
    expect(c.code!.findings[1]!.waiver).toEqual({ reason: '移行中', approver: '情報政策課', expires: '2027-03-31', origin: 'policy' });
  });
  it('inherited and approved exceptions are good; unknown groups its resources by the input that would decide them', () => {
    const found = build([
      scanOf([
        finding('LG-6.1', 'inherited', '.', { inherited: { evidence: 'ガバメントクラウド テンプレート v3' } }),
        finding('LG-3.8', 'exception', 'fw'),
        finding('LG-6.2', 'unknown', 'l1', { unknown: [{ inputs: ['var.log_retention'], detail: 'd' }] }),
        finding('LG-6.2', 'unknown', 'l2', { unknown: [{ inputs: ['var.log_retention'], detail: 'd' }] }),
      ]),
    ]);
    expect(found.get('LG-6.1')!.standing).toBe('compliant');
    expect(found.get('LG-6.1')!.code!.findings[0]!.inherited).toEqual({ evidence: 'ガバメントクラウド テンプレート v3' });
    expect(found.get('LG-3.8')!.standing).toBe('compliant');
    expect(found.get('LG-6.2')!.open.map((o) => o.en)).toEqual(['unknown (l1, l2): supply var.log_retention to decide it']);
  });
  it('merges several scans: a live failure fails a control the code passes', () => {
    const iac = scanOf([finding('LG-6.8', 'pass', 'aws_kms_key.a')]);
    const live: ScanSource = { ...scanOf([finding('LG-6.8', 'fail', 'arn:aws:kms:ap-northeast-1:111122223333:key/1', { location: undefined })]), kind: 'aws', source: 'live.json' };
    const c = build([iac, live]).get('LG-6.8')!;
    expect(c.code!.status).toBe('fail');
    expect(c.code!.findings.map((f) => f.resource.address)).toEqual(['aws_kms_key.a', 'arn:aws:kms:ap-northeast-1:111122223333:key/1']);
    expect(c.code!.findings[1]!.location).toBeUndefined();
  });
  it('not applicable only when the code and every answer say so', () => {
    const c = build([scanOf([finding('LG-5.3', 'not_applicable', 'a')])]).get('LG-5.3')!;
    expect(c.standing).toBe('not_applicable');
    const d = build([scanOf([finding('LG-4.2', 'not_applicable', 'a')])]).get('LG-4.2')!;
    expect(d.standing).toBe('not_applicable');
  });
  it('a scan that could not read an input leaves passing controls open', () => {
    const c = build([scanOf([finding('LG-2.6', 'pass', 'a')], 2)]).get('LG-2.6')!;
    expect(c.standing).toBe('open');
    expect(c.open[0]!.en).toMatch(/^2 input\(s\) could not be read/);
  });
  it('a remote module that was not downloaded leaves passing controls open, naming the module call', () => {
    const network = { what: 'module.network (envs/prod/main.tf)', detail: 'remote module terraform-aws-modules/vpc/aws is not available locally: run terraform init or scan a plan' };
    const c = build([scanOf([finding('LG-2.6', 'pass', 'a')], 0, [network])]).get('LG-2.6')!;
    expect(c.standing).toBe('open');
    expect(c.open.map((o) => o.en)).toEqual([
      '1 part(s) were not scanned (module.network (envs/prod/main.tf)); resources in them are not part of this result. For example: remote module terraform-aws-modules/vpc/aws is not available locally: run terraform init or scan a plan',
    ]);
    // A failure is a failure whatever else is missing.
    expect(build([scanOf([finding('LG-2.6', 'fail', 'a')], 0, [network])]).get('LG-2.6')!.open).toEqual([]);
  });
  it('per tenant: own and scope-level findings count; another tenant\'s do not; an untagged failure is open as "tenant unknown"', () => {
    const scan = scanOf([
      finding('LG-2.6', 'pass', 'mine', { tenant: 'ishikari' }),
      finding('LG-2.6', 'fail', 'theirs', { tenant: 'tobetsu' }),
      finding('LG-6.1', 'fail', 'trail', { resource: { address: '.', type: 'scope', source: 'terraform' } }),
      finding('LG-4.4', 'pass', 'mine', { tenant: 'ishikari' }),
      finding('LG-4.4', 'fail', 'shared'),
      finding('LG-4.3', 'pass', 'shared'),
    ]);
    const mine = build([scan], 'ishikari');
    expect(mine.get('LG-2.6')!.standing).toBe('compliant');
    expect(mine.get('LG-2.6')!.code!.findings.map((f) => f.resource.address)).toEqual(['mine']);
    expect(mine.get('LG-6.1')!.standing).toBe('non_compliant');
    expect(mine.get('LG-4.4')!.standing).toBe('open');
    // The failure counted there is the untagged resource's, and the code column says so.
    expect(codeStatusText(mine.get('LG-4.4')!, 'ja')).toBe('判定不能（不適合は団体不明の資源）（不適合 1、適合 1）');
    expect(mine.get('LG-4.4')!.open.map((o) => o.en)).toEqual(['tenant unknown: resources without a lg:tenant tag (shared) cannot be attributed to a municipality']);
    expect(mine.get('LG-4.4')!.code!.findings.map((f) => [f.resource.address, f.tenant])).toEqual([
      ['mine', 'ishikari'],
      ['shared', undefined],
    ]);
    // A shared resource that passes is good whoever owns it: listed as evidence, not open.
    expect(mine.get('LG-4.3')!.standing).toBe('compliant');
    expect(mine.get('LG-4.3')!.code!.findings.map((f) => f.resource.address)).toEqual(['shared']);
    expect(build([scan], 'tobetsu').get('LG-2.6')!.standing).toBe('non_compliant');
    // Without a tenant the attestation covers the whole environment.
    expect(build([scan]).get('LG-2.6')!.standing).toBe('non_compliant');
    expect(build([scan]).get('LG-4.4')!.standing).toBe('non_compliant');
  });

  it('per tenant: a failing account-wide setting (a Defender plan, a live trail) fails every municipality, not "tenant unknown"', () => {
    const scan = scanOf([
      finding('LG-6.10', 'fail', 'Microsoft.Security/pricings/Containers', { resource: { address: 'Microsoft.Security/pricings/Containers', type: 'Microsoft.Security/pricings', source: 'arm', accountWide: true } }),
      finding('LG-6.1', 'fail', 'arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/juki', { resource: { address: 'arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/juki', type: 'AWS::CloudTrail::Trail', source: 'aws-config', accountWide: true } }),
    ]);
    for (const tenant of ['ishikari', 'tobetsu']) {
      const att = build([scan], tenant);
      expect(att.get('LG-6.10')!.standing).toBe('non_compliant');
      expect(att.get('LG-6.1')!.standing).toBe('non_compliant');
      expect(att.get('LG-6.1')!.open).toEqual([]);
    }
  });
});

describe('per-municipality attestations of a shared environment', async () => {
  const scan = await sharedScan();
  const answers = loadAnswers(path.join(FIX, 'answers/shared.yaml'), questions, 'ja');
  const [ishikari, tobetsu] = answers.municipalities.map((municipality) =>
    controlsOf(buildAttestation({ catalog, scans: [scan], answers, municipality, tenantTag: 'lg:tenant', toolVersion: '0', now: NOW })),
  );

  it('judges each municipality on its own resources and the shared, untagged one as open', () => {
    const a = ishikari!.get('LG-2.3')!;
    expect(a.code!.status).toBe('unknown');
    expect(a.standing).toBe('open');
    expect(a.code!.findings.map((f) => [f.resource.address, f.status])).toEqual([
      ['aws_s3_bucket.juki_ishikari', 'pass'],
      ['aws_s3_bucket.forms', 'fail'],
    ]);
    expect(a.open.map((o) => o.ja)).toEqual(['団体不明: lg:tenant タグのない資源（aws_s3_bucket.forms）は、どの団体のものか分からないため判定できません']);
    const b = tobetsu!.get('LG-2.3')!;
    expect(b.code!.status).toBe('fail');
    expect(b.code!.findings.map((f) => f.resource.address)).toEqual(['aws_s3_bucket.juki_tobetsu', 'aws_s3_bucket.forms']);
  });
  it('applies scope-level results to every municipality', () => {
    for (const m of [ishikari!, tobetsu!]) expect(m.get('LG-6.1')!.code!.findings.map((f) => f.resource.type)).toEqual(['scope']);
  });
});
