import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/cli');

const run = runCli;

describe('kikan scan', () => {
  it('prints a Japanese report and exits 1 on failures at or above --fail-on', async () => {
    const r = await run(['scan', path.join(FIX, 'cfn-basic'), '-q']);
    expect(r.out).toContain('不適合');
    expect(r.out).toContain('LG-2.3');
    expect(r.code).toBe(1);
  });
  it('exits 0 when the threshold is above every failure, and with --soft-fail', async () => {
    expect((await run(['scan', path.join(FIX, 'cfn-basic'), '-q', '--fail-on', 'critical'])).code).toBe(0);
    expect((await run(['scan', path.join(FIX, 'cfn-basic'), '-q', '--soft-fail'])).code).toBe(0);
  });
  it('writes JSON with the SPEC §4 fields and English messages on request', async () => {
    const r = await run(['scan', path.join(FIX, 'cfn-basic'), '-q', '--format', 'json', '--lang', 'en']);
    const doc = JSON.parse(r.out);
    expect(doc.tool.name).toBe('kikan');
    expect(doc.inputs).toEqual([expect.objectContaining({ file: 'storage.yaml', kind: 'cloudformation' })]);
    const f = doc.findings.find((x: { status: string }) => x.status === 'fail');
    expect(f).toMatchObject({ controlId: expect.stringMatching(/^LG-/), resource: { source: 'cloudformation' }, location: { file: 'storage.yaml' } });
    expect(f.message).toMatch(/[a-z]/);
    expect(doc.summary.byStatus.fail).toBeGreaterThan(0);
  });
  it('reports a broken file with its line, scans the rest, and exits 3 when nothing else fails', async () => {
    const r = await run(['scan', path.join(FIX, 'broken'), '-q', '--format', 'json', '--fail-on', 'critical']);
    const doc = JSON.parse(r.out);
    expect(doc.errors).toEqual([expect.objectContaining({ file: 'broken.yaml', line: expect.any(Number) })]);
    expect(doc.findings.some((f: { resource: { address: string } }) => f.resource.address === 'ReportBucket')).toBe(true);
    expect(r.code).toBe(3);
  });
  it('writes several formats in one run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-out-'));
    const sarif = path.join(dir, 'r.sarif');
    const csv = path.join(dir, 'r.csv');
    const json = path.join(dir, 'r.json');
    await run(['scan', path.join(FIX, 'cfn-basic'), '-q', '-o', `sarif=${sarif}`, '-o', `csv=${csv}`, '-o', json]);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(csv, 'utf8').charCodeAt(0)).toBe(0xfeff);
    expect(JSON.parse(readFileSync(json, 'utf8')).tool.name).toBe('kikan');
  });
  it('names the resource types it read but no control judges, in JSON and in the text report', async () => {
    const json = JSON.parse((await run(['scan', path.join(FIX, 'not-judged'), '-q', '--format', 'json'])).out);
    expect(json.notJudged).toEqual([
      { type: 'Microsoft.HDInsight/clusters', source: 'arm', count: 1, first: { address: 'Microsoft.HDInsight/clusters/hdi-toukei', location: { file: 'analytics.json', line: 5, column: 5 } } },
      { type: 'Microsoft.Logic/workflows', source: 'arm', count: 2, first: expect.objectContaining({ address: 'Microsoft.Logic/workflows/logic-toukei-export' }) },
    ]);
    // The nested deployment is read through: its storage account is judged, the deployment itself is no gap.
    expect(json.findings.some((f: { resource: { address: string } }) => f.resource.address.endsWith('storageAccounts/sttoukeiraw'))).toBe(true);
    const text = (await run(['scan', path.join(FIX, 'not-judged'), '-q', '--lang', 'en'])).out;
    expect(text).toContain('Not judged (resource types no control looks at): 2 types, 3 resources');
    expect(text).toMatch(/Microsoft\.Logic\/workflows ×2 {2}\(Microsoft\.Logic\/workflows\/logic-toukei-export {2}analytics\.json:12\)/);
    expect((await run(['scan', path.join(FIX, 'not-judged'), '-q'])).out).toContain('判定の対象外（管理策が見ないリソース種別）: 2 種類, 3 件');
    const markdown = (await run(['scan', path.join(FIX, 'not-judged'), '-q', '--format', 'markdown', '--lang', 'en'])).out;
    expect(markdown).toContain('Not judged (resource types no control looks at): `Microsoft.Logic/workflows` ×2, `Microsoft.HDInsight/clusters` ×1');
  });
  it('a baseline accepts today\'s failures; only new ones fail the build', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-bl-'));
    const bl = path.join(dir, 'baseline.json');
    expect((await run(['scan', path.join(FIX, 'cfn-basic'), '-q', '--write-baseline', bl])).code).toBe(1);
    expect((await run(['scan', path.join(FIX, 'cfn-basic'), '-q', '--baseline', bl])).code).toBe(0);
    expect((await run(['scan', path.join(FIX, 'broken'), '-q', '--baseline', bl, '--fail-on', 'critical'])).code).toBe(3);
  });
  it.each([
    [['--format', 'xml'], '--format'],
    [['--fail-on', 'severe'], '--fail-on'],
    [['--lang', 'fr'], '--lang'],
    [['--var', 'novalue'], '--var'],
    [['--output', 'json'], '--output'],
    [['--var-file', '/nonexistent.tfvars'], '--var-file'],
    [['--baseline', '/nonexistent.json'], '--baseline'],
    [['--frobnicate'], '--frobnicate'],
    [['--jobs', '0'], '--jobs'],
    [['--read-timeout', '0'], '--read-timeout'],
    [['--read-timeout', 'soon'], '--read-timeout'],
  ])('stops with exit 2 on %j, naming the flag', async (args, flag) => {
    const r = await run(['scan', path.join(FIX, 'cfn-basic'), '-q', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(flag);
    expect(r.out).toBe('');
  });
});

describe('live commands', () => {
  it.each([['scan-aws'], ['scan-azure']])('%s stops with exit 2 on an unknown flag', async (cmd) => {
    const r = await run([cmd, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--frobnicate');
  });
});
