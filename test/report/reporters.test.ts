import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/controls/catalog/load.js';
import { renderReport, renderReportChunks } from '../../src/report/render.js';
import type { ScanReport } from '../../src/results/report.js';
import { UNLOADED_VARS_KIND } from '../../src/readers/native.js';
import { summarize } from '../../src/results/summary.js';
import { scanFixture } from '../support/scan-fixture.js';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/cli/cfn-basic');
/** The OASIS schema ships in the workspace's shared/ folder, which sits beside the clone (or one level up). */
function sarifSchemaPath(): string {
  let dir = path.resolve(import.meta.dirname, '../..');
  for (let i = 0; i < 4; i++) {
    dir = path.dirname(dir);
    const p = path.join(dir, 'shared/schemas/sarif-schema-2.1.0.json');
    if (existsSync(p)) return p;
  }
  throw new Error('shared/schemas/sarif-schema-2.1.0.json not found beside the repository');
}
const SARIF_SCHEMA = sarifSchemaPath();
const catalog = loadCatalog();

async function reportOf(dir: string): Promise<ScanReport> {
  const o = await scanFixture(dir);
  return {
    tool: { name: 'kikan', version: '0.0.0-test' },
    catalog: { version: catalog.version, source: catalog.source },
    scannedAt: '2026-11-28T00:00:00.000Z',
    kind: 'iac',
    findings: o.findings,
    inputs: o.inputs,
    errors: o.errors,
    notScanned: o.notScanned,
    summary: summarize(o.findings),
  };
}

describe('reporters on a real scan', () => {
  it('JSON written in pieces is exactly what one JSON.stringify with two-space indents writes', async () => {
    const sample = await reportOf(path.resolve(import.meta.dirname, '../../fixtures/sample'));
    const empty: ScanReport = { ...sample, findings: [], summary: summarize([]) };
    for (const report of [sample, empty]) {
      const chunks = [...renderReportChunks('json', report, { lang: 'ja', catalog })];
      const text = chunks.join('');
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
      expect(text).toBe(renderReport('json', report, { lang: 'ja', catalog }));
      expect(JSON.parse(text).findings).toHaveLength(report.findings.length);
    }
    expect(sample.findings.some((f) => f.unknown) && sample.findings.some((f) => f.status === 'exception')).toBe(true);
  });
  it('SARIF validates against the SARIF 2.1.0 schema and points at the offending line', async () => {
    const report = await reportOf(FIXTURE);
    expect(report.summary.byStatus.fail).toBeGreaterThan(0);
    const sarif = JSON.parse(renderReport('sarif', report, { lang: 'ja', catalog }));
    const ajv = new AjvDraft04.default({ strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[];
    const fails = report.findings.filter((f) => f.status === 'fail');
    for (const f of fails) {
      const r = results.find((x) => x.partialFingerprints['kikan/v1'] === f.fingerprint)!;
      expect(r.ruleId).toBe(f.controlId);
      expect(r.locations[0]!.physicalLocation.region.startLine).toBe(f.location!.line);
    }
    expect(sarif.runs[0].tool.driver.rules.every((r: { help: { text: string } }) => r.help.text.includes('JIS Q 27017'))).toBe(true);
  });

  it('fingerprints survive moving the code down ten lines', async () => {
    const before = await reportOf(FIXTURE);
    const moved = mkdtempSync(path.join(os.tmpdir(), 'kikan-moved-'));
    cpSync(FIXTURE, moved, { recursive: true });
    const file = path.join(moved, 'storage.yaml');
    const text = readFileSync(file, 'utf8').replace('Resources:\n', 'Resources:\n' + '  # padding\n'.repeat(10));
    writeFileSync(file, text);
    const after = await reportOf(moved);
    const key = (r: ScanReport) => r.findings.map((f) => `${f.controlId} ${f.resource.address} ${f.fingerprint}`).sort();
    expect(key(after)).toEqual(key(before));
    const lines = (r: ScanReport) => r.findings.filter((f) => f.status === 'fail').map((f) => f.location!.line);
    expect(lines(after)).toEqual(lines(before).map((l) => l + 10));
  });

  it('CSV starts with a byte order mark and has one row per finding', async () => {
    const report = await reportOf(FIXTURE);
    const csv = renderReport('csv', report, { lang: 'ja', catalog });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows[0]).toContain('管理策');
    expect(rows).toHaveLength(report.findings.length + 1);
  });

  it('text names the variable files not loaded and counts inputs by format, not by the file that links them', async () => {
    const report = await reportOf(FIXTURE);
    const inputs = [
      ...report.inputs,
      { file: 'envs/prod.tfvars', kind: UNLOADED_VARS_KIND },
      { file: 'envs/stg.tfvars', kind: UNLOADED_VARS_KIND },
      { file: 'net/vnet.json', kind: 'arm (linked from main.json)' },
      { file: 'main.json', kind: 'arm' },
      { file: 'README.json', kind: 'not a definition' },
    ];
    const ja = renderReport('text', { ...report, inputs }, { lang: 'ja', catalog });
    expect(ja).toContain('読み込んでいない変数ファイル（--var-file で指定）: envs/prod.tfvars, envs/stg.tfvars');
    expect(ja).toContain('terraform-vars（未指定） 2, arm 2, 定義以外 1)');
    expect(ja).not.toContain('linked from');
    const en = renderReport('text', { ...report, inputs }, { lang: 'en', catalog });
    expect(en).toContain('Variable files not loaded (give them with --var-file): envs/prod.tfvars, envs/stg.tfvars');
    const unknownOne = { ...report.findings[0]!, status: 'unknown' as const, unknown: [{ inputs: ['var.retention_days'], detail: 'no default' }] };
    const md = renderReport('markdown', { ...report, inputs, findings: [unknownOne] }, { lang: 'ja', catalog });
    expect(md).toContain('読み込んでいない変数ファイルがあります（`--var-file` で指定）: `envs/prod.tfvars`, `envs/stg.tfvars`');
  });

  it('text and Markdown show what was not scanned in the report language, falling back to the detail and its inputs', async () => {
    const report = await reportOf(FIXTURE);
    const loc = { file: 'live/terragrunt.hcl', line: 1 };
    const notScanned = [
      { address: 'live/terragrunt.hcl', scope: 'live/terragrunt.hcl', loc, cause: { inputs: ['inputs of live/terragrunt.hcl'], detail: 'Terragrunt configuration is not read' }, reason: { ja: 'Terragrunt の設定は読みません', en: 'Terragrunt configuration is not read' } },
      { address: 'module.net', scope: 'env', loc: { file: 'env/main.tf', line: 3 }, cause: { inputs: ['module.net'], detail: 'module "net" is not available locally' } },
    ];
    const ja = renderReport('text', { ...report, notScanned }, { lang: 'ja', catalog });
    expect(ja).toContain('■ 未走査 (2)');
    expect(ja).toContain('live/terragrunt.hcl  live/terragrunt.hcl:1  Terragrunt の設定は読みません');
    expect(ja).toContain('module.net  env/main.tf:3  module "net" is not available locally\n  必要な入力: module.net');
    const en = renderReport('text', { ...report, notScanned }, { lang: 'en', catalog });
    expect(en).toContain('live/terragrunt.hcl  live/terragrunt.hcl:1  Terragrunt configuration is not read');
    expect(en).not.toContain('必要な入力');
    const md = renderReport('markdown', { ...report, notScanned }, { lang: 'ja', catalog });
    expect(md).toContain('### 未走査 (2)');
    expect(md).toContain('- `live/terragrunt.hcl` `live/terragrunt.hcl:1` Terragrunt の設定は読みません');
  });

  it('JUnit counts failures and Markdown lists them in Japanese', async () => {
    const report = await reportOf(FIXTURE);
    const junit = renderReport('junit', report, { lang: 'ja', catalog });
    expect(junit).toContain(`failures="${report.summary.byStatus.fail}"`);
    expect((junit.match(/<failure /g) ?? []).length).toBe(report.summary.byStatus.fail);
    const md = renderReport('markdown', report, { lang: 'ja', catalog });
    expect(md).toContain('不適合があります');
    expect(md).toContain('storage.yaml:');
    const en = renderReport('markdown', report, { lang: 'en', catalog });
    expect(en).toContain('Failures found');
  });
});
