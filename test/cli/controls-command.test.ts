import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const run = runCli;

describe('kikan controls', () => {
  it('lists every control in Japanese by default and in English on request', async () => {
    const ja = await run(['controls']);
    expect(ja.code).toBe(0);
    expect(ja.out).toContain('LG-3.2');
    expect(ja.out).toContain('閉域区分のインターネット経路禁止');
    const en = await run(['controls', '--lang', 'en']);
    expect(en.out).toContain('LG-8.1');
    expect(en.out).not.toContain('閉域区分のインターネット経路禁止');
  });
  it('gives JSON that lists all 42 IDs', async () => {
    const r = await run(['controls', '--format', 'json']);
    const doc = JSON.parse(r.out);
    const ids = JSON.stringify(doc).match(/"LG-\d+\.\d+"/g) ?? [];
    expect(new Set(ids).size).toBe(42);
  });
  it('rejects a wrong flag value with exit 2 naming the flag', async () => {
    const r = await run(['controls', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format');
  });
  it('rejects an unknown flag with exit 2', async () => {
    const r = await run(['controls', '--colour']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--colour');
  });
});

describe('kikan init', () => {
  it('writes a starter policy that the scan then accepts, and refuses to overwrite', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-init-'));
    const file = path.join(dir, 'kikan.yaml');
    expect((await run(['init', file, '--preset', 'govcloud'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('要確認');
    const again = await run(['init', file]);
    expect(again.code).toBe(2);
    const scan = await run(['scan', dir, '-q', '--format', 'json']);
    expect(scan.code).toBe(0);
  });
});
