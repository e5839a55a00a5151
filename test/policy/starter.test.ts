// `kikan init`: the starter files load with the policy loader, say what
// kikan does by default, and their commented examples are valid too.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/usage-error.js';
import { renderStarterPolicy, runInit } from '../../src/policy/init.js';
import { loadPolicyFor } from '../../src/policy/load.js';
import { policySchema } from '../../src/policy/schema.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { catalogKinds, parse } from './policy-text.js';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kikan-init-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const quiet = () => {};

/**
 * The starter with every `# 記入例:` block uncommented, each replacing the
 * active line of its key (`segments: []`).
 */
function withExamples(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const examples: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '# 記入例:') {
      out.push(lines[i]!);
      continue;
    }
    const block: string[] = [];
    while (i + 1 < lines.length && /^# \S|^#   /.test(lines[i + 1]!)) block.push(lines[++i]!.slice(2));
    examples.push(block);
  }
  const keys = examples.map((b) => b[0]!.split(':')[0]!);
  return [...out.filter((l) => !keys.some((k) => l.startsWith(`${k}:`))), ...examples.flat()].join('\n');
}

describe('the starter file', () => {
  const text = renderStarterPolicy();

  it('loads and states exactly kikan’s defaults', () => {
    const { file, fileSha256, ...policy } = parse(text);
    expect(file).toBe('kikan.yaml');
    expect(fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(policy).toEqual(defaultPolicy());
  });

  it('says the thresholds are kikan defaults, not guideline figures', () => {
    expect(text).toContain('kikan の既定値であり指針の数値ではありません');
    for (const key of Object.keys(defaultPolicy().thresholds)) expect(text).toMatch(new RegExp(`^  ${key}: \\d+$`, 'm'));
  });

  it('explains every section of the schema', () => {
    for (const key of Object.keys(policySchema.properties)) {
      if (key === 'location') expect(text).toContain('location: japaneast');
      else expect(text).toMatch(new RegExp(`^(# )?${key}:`, 'm'));
    }
  });

  it('has commented examples that are valid once uncommented', () => {
    const expanded = withExamples(text);
    expect(expanded).not.toBe(text);
    const policy = parse(expanded);
    expect(policy.region).toBe('ap-northeast-1');
    expect(policy.selectors.map((s) => s.segment)).toEqual(['mynumber', 'lgwan', 'mynumber']);
    expect(policy.approvedPaths.map((p) => p.id)).toEqual(['wsus-patch']);
    expect(policy.inherited.map((i) => i.controlId)).toEqual(['LG-6.1']);
    expect(policy.waivers.map((w) => w.controlId)).toEqual(['LG-4.1']);
    expect(policy.crossRegionClassification).toBe('3');
  });
});

describe('the govcloud preset', () => {
  const text = renderStarterPolicy('govcloud');
  const policy = parse(text);

  it('declares the platform baseline inherited, for the vendor to confirm', () => {
    expect(policy.inherited.map((i) => i.controlId)).toEqual(['LG-6.1', 'LG-7.3', 'LG-6.10']);
    for (const i of policy.inherited) {
      expect(i.evidence).toMatch(/^要確認: /);
      expect(catalogKinds().get(i.controlId)).not.toBe('attest');
    }
    expect(policy.inherited.find((i) => i.controlId === 'LG-6.1')!.evidence).toContain('CloudTrail');
    expect(policy.inherited.find((i) => i.controlId === 'LG-7.3')!.evidence).toContain('AWS Config');
    expect(policy.inherited.find((i) => i.controlId === 'LG-6.10')!.evidence).toMatch(/GuardDuty.*Security Hub/);
  });

  it('leaves the check of the provided logging to the user, and says why', () => {
    expect(policy.inherited.some((i) => i.controlId === 'LG-6.5')).toBe(false);
    expect(text).toContain('LG-6.5');
  });

  it('otherwise keeps the defaults, and its examples stay valid', () => {
    const { inherited, file, fileSha256, ...rest } = policy;
    const { inherited: _none, ...defaults } = defaultPolicy();
    expect(rest).toEqual(defaults);
    expect(parse(withExamples(text)).inherited).toHaveLength(3);
  });
});

describe('runInit', () => {
  it('writes kikan.yaml that kikan scan then reads', () => {
    const dir = tempDir();
    const logged: string[] = [];
    expect(runInit({ path: dir, preset: 'govcloud' }, (l) => logged.push(l))).toBe(0);
    expect(readFileSync(path.join(dir, 'kikan.yaml'), 'utf8')).toBe(renderStarterPolicy('govcloud'));
    expect(loadPolicyFor(dir, undefined).inherited).toHaveLength(3);
    expect(logged.join('\n')).toContain('kikan.yaml');
  });

  it('refuses to overwrite an existing file without --force', () => {
    const dir = tempDir();
    const file = path.join(dir, 'kikan.yaml');
    writeFileSync(file, 'version: 1\n# 団体の設定\n');
    expect(() => runInit({ path: file }, quiet)).toThrow(UsageError);
    expect(() => runInit({ path: file }, quiet)).toThrow(/--force/);
    expect(readFileSync(file, 'utf8')).toBe('version: 1\n# 団体の設定\n');
    expect(runInit({ path: file, force: true }, quiet)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(renderStarterPolicy());
  });

  it('writes to another file name when given one', () => {
    const file = path.join(tempDir(), 'policy-prod.yaml');
    runInit({ path: file }, quiet);
    expect(loadPolicyFor(path.dirname(file), file).file).toBe('policy-prod.yaml');
  });

  it('rejects an unknown preset with a suggestion, writing nothing', () => {
    const dir = tempDir();
    expect(() => runInit({ path: dir, preset: 'govclod' }, quiet)).toThrow(/did you mean "govcloud"\?/);
    expect(existsSync(path.join(dir, 'kikan.yaml'))).toBe(false);
  });

  it('rejects a directory that does not exist', () => {
    expect(() => runInit({ path: path.join(tempDir(), 'no', 'kikan.yaml') }, quiet)).toThrow(UsageError);
  });
});
