import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError, defaultCatalogDir, loadCatalog, type CatalogProblem } from '../../../src/controls/catalog/load.js';
import { SPEC_CONTROLS } from '../../../src/controls/catalog/spec-ids.js';

const CONTROLS_DIR = fileURLToPath(new URL('../../../controls', import.meta.url));

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch copy of controls/ that a test may break. */
function copyCatalog(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kikan-catalog-')), 'controls');
  cpSync(CONTROLS_DIR, dir, { recursive: true });
  copies.push(dirname(dir));
  return dir;
}

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next, `edit of ${file} must change it`).not.toBe(text);
  writeFileSync(path, next);
}

/** 1-based line of the first line of `file` that contains `needle`. */
function lineOf(dir: string, file: string, needle: string): number {
  const index = readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  expect(index, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

function problemsOf(dir: string): CatalogProblem[] {
  try {
    loadCatalog(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogError);
    return (e as CatalogError).problems;
  }
  throw new Error('the catalog loaded although it was broken');
}

describe('the shipped catalog', () => {
  const catalog = loadCatalog();

  it('holds exactly the SPEC §3 controls, in order, with their kinds', () => {
    expect(catalog.controls.map((c) => [c.id, c.kind])).toEqual(SPEC_CONTROLS.map((s) => [s.id, s.kind]));
  });

  it('maps the draft areas to 対策基準 sections, area 8 to section 9', () => {
    const { areas, policySections } = catalog.meta;
    expect(areas.map((a) => a.area)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const area8 = areas.find((a) => a.area === 8)!;
    expect(area8.policySection).toBe('9');
    expect(policySections.find((s) => s.section === '9')?.title.ja).toBe(area8.title.ja);
    for (const c of catalog.controls) {
      const area = areas.find((a) => a.area === c.area)!;
      expect(c.id.startsWith(`LG-${c.area}.`)).toBe(true);
      expect(c.policySection.split('.')[0]).toBe(area.policySection);
    }
  });

  it('gives attest controls questions and no inputs, and others inputs', () => {
    for (const c of catalog.controls) {
      if (c.kind === 'attest') {
        expect(c.inputs, c.id).toEqual([]);
        expect(c.attest?.length, c.id).toBeGreaterThan(0);
      } else {
        expect(c.inputs.length, c.id).toBeGreaterThan(0);
      }
      if (c.kind === 'live') expect(c.inputs.every((i) => i === 'aws-config' || i === 'azure')).toBe(true);
    }
  });

  it('states that every numeric threshold is a kikan default, not a guideline figure', () => {
    const thresholds = catalog.controls.flatMap((c) => Object.values(c.thresholds ?? {}));
    expect(thresholds.length).toBeGreaterThan(0);
    for (const t of thresholds) {
      expect(t.note.ja).toMatch(/kikan の既定値/);
      expect(t.note.ja).toMatch(/指針/);
      expect(t.note.en).toMatch(/kikan default\b.*\bnot a figure from the guideline/);
    }
  });

  it('records the source draft and the guideline it extends', () => {
    const { source } = catalog.meta;
    expect(catalog.version).toBe(catalog.meta.catalogVersion);
    expect(catalog.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(catalog.source).toBe(`${source.title.ja}（${source.version}）`);
    expect(source.title.ja).toContain('骨子（案）');
    expect(source.extends.title.ja).toBe('地方公共団体における情報セキュリティポリシーに関するガイドライン');
    expect(source.cloudStandard).toContain('JIS Q 27017');
  });

  it('indexes every control by ID', () => {
    expect([...catalog.byId.keys()]).toEqual(catalog.controls.map((c) => c.id));
    for (const c of catalog.controls) expect(catalog.byId.get(c.id)).toBe(c);
  });

  it('is found from this module without an argument', () => {
    expect(defaultCatalogDir()).toBe(CONTROLS_DIR);
  });
});

describe('catalog validation', () => {
  it('names the file and line of a misspelt key', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-3.2.yaml', /^rationale:/m, 'rationle:');
    const problems = problemsOf(dir);
    const typo = problems.find((p) => p.message.includes('"rationle"'));
    expect(typo?.file).toBe(join(dir, 'LG-3.2.yaml'));
    expect(typo?.line).toBe(lineOf(dir, 'LG-3.2.yaml', 'rationle:'));
    expect(problems.some((p) => p.message.includes('missing key "rationale"'))).toBe(true);
  });

  it('finds a misspelt key deep inside a questionnaire item', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-2.7.yaml', /(id: LG-2\.7\.q2[\s\S]*?)evidence:/, '$1evidense:');
    const [problem] = problemsOf(dir).filter((p) => p.message.includes('"evidense"'));
    expect(problem?.file).toBe(join(dir, 'LG-2.7.yaml'));
    expect(problem?.line).toBe(lineOf(dir, 'LG-2.7.yaml', 'evidense:'));
    expect(problem?.message).toContain('attest.1');
  });

  it('includes file and line in the error message', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-6.2.yaml', 'unit: days', 'unit: weeks');
    expect(() => loadCatalog(dir)).toThrow(
      `${join(dir, 'LG-6.2.yaml')}:${lineOf(dir, 'LG-6.2.yaml', 'unit: weeks')}: thresholds.logRetentionDays.unit: must be one of "days"`,
    );
  });

  it('rejects a control ID that is missing', () => {
    const dir = copyCatalog();
    rmSync(join(dir, 'LG-4.4.yaml'));
    const problems = problemsOf(dir);
    expect(problems).toEqual([
      { file: join(dir, 'LG-4.4.yaml'), message: 'missing: control LG-4.4 of SPEC §3 is not defined' },
    ]);
  });

  it('rejects a control defined twice', () => {
    const dir = copyCatalog();
    cpSync(join(dir, 'LG-3.2.yaml'), join(dir, 'LG-3.20.yaml'));
    const problems = problemsOf(dir);
    const duplicate = problems.find((p) => p.message.includes('defined twice'));
    expect(duplicate?.file).toBe(join(dir, 'LG-3.20.yaml'));
    expect(duplicate?.message).toContain(`${join(dir, 'LG-3.2.yaml')}:1`);
    expect(problems.some((p) => p.message.includes('file name must be LG-3.2.yaml'))).toBe(true);
  });

  it('rejects an ID that SPEC §3 does not define', () => {
    const dir = copyCatalog();
    renameSync(join(dir, 'LG-8.1.yaml'), join(dir, 'LG-8.2.yaml'));
    edit(dir, 'LG-8.2.yaml', /LG-8\.1/g, 'LG-8.2');
    const messages = problemsOf(dir).map((p) => p.message);
    expect(messages).toContain('LG-8.2 is not a control ID of SPEC §3');
    expect(messages).toContain('missing: control LG-8.1 of SPEC §3 is not defined');
  });

  it('rejects an area that does not match the ID prefix', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-3.2.yaml', /^area: 3$/m, 'area: 4');
    const problem = problemsOf(dir).find((p) => p.message.includes('does not match the ID prefix'));
    expect(problem?.line).toBe(lineOf(dir, 'LG-3.2.yaml', 'area: 4'));
  });

  it('rejects a 対策基準 section outside the area and a kind other than SPEC §3', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-8.1.yaml', 'policySection: "9"', 'policySection: "8"');
    edit(dir, 'LG-1.2.yaml', 'kind: code', 'kind: attest');
    const messages = problemsOf(dir).map((p) => p.message);
    expect(messages.some((m) => m.startsWith('LG-8.1: policy section "8" is outside area 8'))).toBe(true);
    expect(messages).toContain('LG-1.2: kind must be "code" (SPEC §3), not "attest"');
    expect(messages).toContain('LG-1.2: an attest control has no scan inputs (inputs: [])');
  });

  it('rejects a number where a string is required, and English under ja', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-6.1.yaml', 'policySection: "6"', 'policySection: 6');
    edit(dir, 'LG-6.1.yaml', /title:\n {2}ja: .*\n/, 'title:\n  ja: Logging of cloud operations\n');
    const problems = problemsOf(dir);
    expect(problems).toContainEqual({
      file: join(dir, 'LG-6.1.yaml'),
      line: lineOf(dir, 'LG-6.1.yaml', 'policySection: 6'),
      message: 'policySection: must be string',
    });
    expect(problems).toContainEqual({
      file: join(dir, 'LG-6.1.yaml'),
      line: lineOf(dir, 'LG-6.1.yaml', 'ja: Logging'),
      message: 'title.ja: must be Japanese text',
    });
  });

  it('rejects questions numbered out of order', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-5.2.yaml', 'id: LG-5.2.q3', 'id: LG-5.2.q4');
    const problem = problemsOf(dir).find((p) => p.message.includes('question 3'));
    expect(problem?.message).toBe('LG-5.2: question 3 must have the ID LG-5.2.q3, not LG-5.2.q4');
    expect(problem?.line).toBe(lineOf(dir, 'LG-5.2.yaml', 'id: LG-5.2.q4'));
  });

  it('requires per-cloud checks for cloud-specific inputs', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-2.6.yaml', /^ {2}azure:\n(?: {4}.*\n)+/m, '');
    expect(problemsOf(dir).map((p) => p.message)).toEqual([
      'LG-2.6: Azure inputs are listed but checks.azure is missing',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-4.1.yaml', /^severity: medium$/m, 'severity: [medium');
    const problems = problemsOf(dir).filter((p) => p.file === join(dir, 'LG-4.1.yaml'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(lineOf(dir, 'LG-4.1.yaml', 'severity: [medium'));
    expect(problemsOf(dir).some((p) => p.message.startsWith('missing'))).toBe(false);
  });

  it('rejects YAML files that are not named like controls', () => {
    const dir = copyCatalog();
    writeFileSync(join(dir, 'lg-9.1.yml'), 'id: LG-9.1\n');
    expect(problemsOf(dir)).toEqual([
      { file: join(dir, 'lg-9.1.yml'), message: 'unexpected file: control files are named LG-<area>.<n>.yaml' },
    ]);
  });

  it('checks the metadata file: every area once, known 対策基準 sections', () => {
    const dir = copyCatalog();
    edit(dir, 'catalog.yaml', /^ {2}- area: 8\n(?: {4}.*\n| {2}#.*\n)+/m, '');
    edit(dir, 'catalog.yaml', /^ {2}- section: "7"\n {4}title: .*\n/m, '');
    const messages = problemsOf(dir).map((p) => p.message);
    expect(messages).toContain("area 8 of the draft's chapter 5 is missing");
    expect(messages).toContain('area 7: policy section "7" is not in policySections');
  });

  it('requires camelCase threshold names, reported once', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-6.2.yaml', 'logRetentionDays:', 'log_retention_days:');
    expect(problemsOf(dir)).toEqual([
      {
        file: join(dir, 'LG-6.2.yaml'),
        line: lineOf(dir, 'LG-6.2.yaml', 'log_retention_days:'),
        message: 'thresholds: key "log_retention_days" must be camelCase',
      },
    ]);
  });

  it('collects problems of several files in one error', () => {
    const dir = copyCatalog();
    edit(dir, 'LG-1.1.yaml', 'severity: high', 'severity: severe');
    edit(dir, 'LG-7.3.yaml', 'inputs: [', 'input: [');
    const files = new Set(problemsOf(dir).map((p) => p.file));
    expect(files).toEqual(new Set([join(dir, 'LG-1.1.yaml'), join(dir, 'LG-7.3.yaml')]));
  });

  it('reports a missing directory as an error, not a crash', () => {
    const dir = join(copyCatalog(), 'nope');
    expect(problemsOf(dir)[0]?.message).toMatch(/^cannot read the catalog directory/);
  });
});
