import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/run-cli.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/attest');

const run = runCli;

/** A vendor's working copy: the environment, the answers and their evidence, in a fresh directory we run from. */
function workspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-attest-'));
  cpSync(path.join(FIX, 'shared-env'), path.join(dir, 'infra'), { recursive: true });
  cpSync(path.join(FIX, 'answers'), path.join(dir, 'attest'), { recursive: true });
  cpSync(path.join(FIX, 'live'), path.join(dir, 'live'), { recursive: true });
  return dir;
}

describe('kikan attest', () => {
  const cwd = process.cwd();
  let dir: string;
  beforeEach(() => {
    dir = workspace();
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('init writes a questionnaire that attest reads back; every question is open', async () => {
    expect((await run(['attest', 'init', '-o', 'answers.yaml', '--lang', 'en'])).code).toBe(0);
    expect(readFileSync('answers.yaml', 'utf8')).toContain('# ==== 1. Organisational structure ====');
    expect((await run(['attest', 'init', '-o', 'answers.yaml'])).code).toBe(2);
    const r = await run(['attest', '--answers', 'answers.yaml', 'infra', '-q', '-o', 'att.json']);
    expect(r.code).toBe(0);
    const att = JSON.parse(readFileSync('att.json', 'utf8'));
    const questions = att.areas.flatMap((a: { controls: { questions: { status: string }[] }[] }) => a.controls.flatMap((c) => c.questions));
    expect(questions.length).toBeGreaterThan(20);
    expect(questions.every((q: { status: string }) => q.status === 'open')).toBe(true);
    expect(att.summary.compliant).toBe(att.areas.flatMap((a: { controls: { standing: string; questions: unknown[] }[] }) => a.controls).filter((c: { standing: string; questions: unknown[] }) => c.standing === 'compliant' && c.questions.length === 0).length);
  });

  it('writes the attestation from a scan with an unreadable file, names the file, and exits 3', async () => {
    writeFileSync(path.join('infra', 'broken.tf'), 'resource "aws_s3_bucket" "x" {\n');
    const r = await run(['attest', '--answers', 'attest/partial.yaml', 'infra', '-q', '-o', 'att.json']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('broken.tf');
    expect(JSON.parse(readFileSync('att.json', 'utf8')).scans[0].errors).toBeGreaterThan(0);
  });

  it('exits 2 naming the line of a mistake in the answers file, before scanning', async () => {
    const r = await run(['attest', '--answers', 'attest/mistakes.yaml', 'infra', '-q', '-o', 'att.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kikan: attest\/mistakes\.yaml:7:\d+: municipality\.code: /m);
    expect(r.err).toContain('attest/mistakes.yaml:28:5: answers[6]: 不明なキー "answr"');
    expect(existsSync('att.json')).toBe(false);
  });

  it('writes the report and the attestation into directories it makes (they crashed on a directory not made yet)', async () => {
    expect((await run(['scan', 'infra', '--root', '.', '-q', '--format', 'json', '-o', 'reports/ci/scan.json', '--soft-fail'])).code).toBe(0);
    expect(JSON.parse(readFileSync('reports/ci/scan.json', 'utf8')).kind).toBe('iac');
    const r = await run(['attest', '--answers', 'attest/partial.yaml', '--scan', 'reports/ci/scan.json', '-q', '-o', 'out/申告書/att.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync('out/申告書/att.json', 'utf8')).scans[0].source).toBe('reports/ci/scan.json');
  });

  it('reads scans back from kikan scan --format json, and names the file of a report it cannot use', async () => {
    expect((await run(['scan', 'infra', '--root', '.', '-q', '--format', 'json', '-o', 'scan.json', '--soft-fail'])).code).toBe(0);
    const r = await run(['attest', '--answers', 'attest/partial.yaml', '--scan', 'scan.json', '-o', 'att.json']);
    expect(r.code).toBe(0);
    const att = JSON.parse(readFileSync('att.json', 'utf8'));
    expect(att.scans[0]).toMatchObject({ kind: 'iac', source: 'scan.json', inputs: [{ file: 'infra/main.tf', kind: 'terraform' }] });
    expect(r.err).toContain('attest/partial.yaml:51:13: answers[5].evidence: LG-4.6.q1 は証拠の添付が必要です');

    writeFileSync('bad.json', JSON.stringify({ tool: { name: 'kikan', version: '1' }, scannedAt: 'x', kind: 'iac', inputs: [], errors: [], findings: [{ controlId: 'LG-2.3', status: 'failed' }] }, null, 2));
    const bad = await run(['attest', '--answers', 'attest/partial.yaml', '--scan', 'bad.json', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.json:\d+: not a kikan scan report: findings\[0\]/);
    writeFileSync('broken.json', '{"tool": ');
    expect((await run(['attest', '--answers', 'attest/partial.yaml', '--scan', 'broken.json'])).err).toMatch(/broken\.json:1: JSON として読めません/);
  });

  it('merges an inline IaC scan with a live AWS report; verify rechecks the kept live snapshot', async () => {
    const r = await run(['attest', '--answers', 'attest/shared.yaml', 'infra', '--scan', 'live/aws-report.json', '-q', '-o', 'out.json']);
    expect(r.code).toBe(0);
    const tobetsu = JSON.parse(readFileSync('out-tobetsu.json', 'utf8'));
    const ishikari = JSON.parse(readFileSync('out-ishikari.json', 'utf8'));
    expect(tobetsu.scans.map((s: { kind: string; source: string }) => [s.kind, s.source])).toEqual([
      ['aws', 'live/aws-report.json'],
      ['iac', 'inline'],
    ]);
    const control = (att: { areas: { controls: { id: string }[] }[] }, id: string) =>
      att.areas.flatMap((a) => a.controls).find((c) => c.id === id) as unknown as { standing: string; code: { status: string; findings: { resource: { address: string }; location?: unknown }[] } };
    // The live key of Tobetsu does not rotate: its code passes, the live account fails.
    expect(control(tobetsu, 'LG-6.8').code.status).toBe('fail');
    expect(control(tobetsu, 'LG-6.8').code.findings.find((f) => f.resource.address.startsWith('arn:aws:kms'))!.location).toBeUndefined();
    expect(control(ishikari, 'LG-6.8').code.status).toBe('pass');
    // The live trail is scope-level evidence: it settles LG-6.5 for both.
    expect(control(ishikari, 'LG-6.5').standing).toBe('compliant');
    expect((await run(['attest', 'verify', 'out-tobetsu.json'])).code).toBe(0);
    writeFileSync('live/aws-snapshot.json', readFileSync('live/aws-snapshot.json', 'utf8').replace('"KeyRotationEnabled": false', '"KeyRotationEnabled": true'));
    const v = await run(['attest', 'verify', 'out-tobetsu.json', '--lang', 'en']);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/^CHANGED {2}live\/aws-snapshot\.json: /m);
  });

  it('rejects wrong flags with exit 2', async () => {
    expect((await run(['attest', 'infra'])).code).toBe(2);
    expect((await run(['attest', '--answers', 'attest/partial.yaml'])).code).toBe(2);
    expect((await run(['attest', '--answers', 'attest/partial.yaml', 'infra', '--format', 'pdf', '-o', 'a.pdf'])).code).toBe(2);
    expect((await run(['attest', '--answers', 'attest/partial.yaml', 'infra', '--format', 'html', '-o', 'a.xlsx'])).code).toBe(2);
    expect((await run(['attest', '--answers', 'attest/partial.yaml', 'infra', '--format', 'xlsx'])).code).toBe(2);
    expect((await run(['attest', '--answers', 'attest/partial.yaml', 'infra', '--bogus'])).code).toBe(2);
    expect((await run(['attest', 'init', '--tenants', '0'])).code).toBe(2);
    expect((await run(['attest', '--answers', 'attest/shared.yaml', 'infra'])).err).toMatch(/several municipalities need -o FILE/);
    writeFileSync('clash.yaml', 'version: 1\nmunicipalities:\n  - { name: A, tenant: "north/1" }\n  - { name: B, tenant: "north:1" }\nanswers: []\n');
    const clash = await run(['attest', '--answers', 'clash.yaml', 'infra', '-o', 'out.json']);
    expect(clash.code).toBe(2);
    expect(clash.err).toContain('out-north_1.json');
  });

  it('writes one attestation per municipality in 共同利用方式', async () => {
    const r = await run(['attest', '--answers', 'attest/shared.yaml', 'infra', '-q', '-o', 'out.json']);
    expect(r.code).toBe(0);
    const ishikari = JSON.parse(readFileSync('out-ishikari.json', 'utf8'));
    const tobetsu = JSON.parse(readFileSync('out-tobetsu.json', 'utf8'));
    expect(ishikari.header.municipality).toEqual({ name: '石狩市', code: '012351', tenant: 'ishikari' });
    expect(tobetsu.header.municipality.tenant).toBe('tobetsu');
    const lg23 = (att: { areas: { controls: { id: string; code?: { status: string } }[] }[] }) =>
      att.areas.flatMap((a) => a.controls).find((c) => c.id === 'LG-2.3')!.code!.status;
    expect(lg23(ishikari)).toBe('unknown');
    expect(lg23(tobetsu)).toBe('fail');
    expect(existsSync('out.json')).toBe(false);
    expect(r.err).not.toMatch(/no scanned resource/);
    writeFileSync('typo.yaml', readFileSync('attest/shared.yaml', 'utf8').replace('tenant: tobetsu', 'tenant: tobetu'));
    const typo = await run(['attest', '--answers', 'typo.yaml', 'infra', '-q', '-o', 'typo.json', '--lang', 'en']);
    expect(typo.code).toBe(0);
    expect(typo.err).toContain('typo.yaml: no scanned resource has lg:tenant=tobetu; did you mean "tobetsu"? (values found: ishikari, tobetsu)');
  });

  it('writes the JSON with a stable key order', async () => {
    await run(['attest', '--answers', 'attest/partial.yaml', 'infra', '-q', '-o', 'a.json']);
    const att = JSON.parse(readFileSync('a.json', 'utf8'));
    expect(Object.keys(att)).toEqual(['format', 'tool', 'catalog', 'generatedAt', 'header', 'scans', 'answers', 'areas', 'summary']);
    expect(Object.keys(att.areas[0].controls[0])).toEqual(['id', 'area', 'kind', 'severity', 'title', 'questions', 'standing', 'open']);
  });
});

describe('kikan attest verify and signatures', () => {
  const cwd = process.cwd();
  let dir: string;
  beforeEach(async () => {
    dir = workspace();
    process.chdir(dir);
    expect((await run(['attest', 'keygen', '--out', 'vendor'])).code).toBe(0);
    const r = await run(['attest', '--answers', 'attest/partial.yaml', 'infra', '-q', '-o', 'att.xlsx', '--sign-key', 'vendor.pem']);
    expect(r.code).toBe(0);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keygen writes an owner-only private key and refuses to overwrite it', async () => {
    expect(statSync('vendor.pem').mode & 0o777).toBe(0o600);
    expect(readFileSync('vendor.pub.pem', 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect((await run(['attest', 'keygen', '--out', 'vendor'])).code).toBe(2);
  });

  it('passes on an untouched tree, with the signature checked', async () => {
    for (const f of ['att.xlsx', 'att.xlsx.sig', 'att.xlsx.json', 'att.xlsx.json.sig']) expect(existsSync(f)).toBe(true);
    const r = await run(['attest', 'verify', 'att.xlsx.json', '--pubkey', 'vendor.pub.pem']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/すべて一致しました（\d+ ファイル/);
  });

  it('fails naming the one scanned file that changed', async () => {
    writeFileSync('infra/main.tf', readFileSync('infra/main.tf', 'utf8').replace('sse_algorithm = "AES256"', 'sse_algorithm = "aws:kms"'));
    const r = await run(['attest', 'verify', 'att.xlsx.json', '--pubkey', 'vendor.pub.pem', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').filter((l) => /^(CHANGED|MISSING|BAD)/.test(l))).toEqual([expect.stringMatching(/^CHANGED {2}infra\/main\.tf: SHA-256 differs/)]);
  });

  it('fails on a changed answers file, a removed evidence file and a changed document', async () => {
    writeFileSync('attest/partial.yaml', readFileSync('attest/partial.yaml', 'utf8') + '\n# edited\n');
    writeFileSync('att.xlsx', Buffer.concat([readFileSync('att.xlsx'), Buffer.from([0])]));
    cpSync('attest/evidence/isms-certificate.txt', 'attest/evidence/moved.txt');
    writeFileSync('attest/evidence/isms-certificate.txt', 'forged');
    const r = await run(['attest', 'verify', 'att.xlsx.json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const flagged = r.err.split('\n').filter((l) => /^(CHANGED|MISSING)/.test(l)).map((l) => l.split(/\s+/)[1]!.replace(/:$/, ''));
    expect(flagged.sort()).toEqual(['att.xlsx', 'attest/evidence/isms-certificate.txt', 'attest/partial.yaml']);
  });

  it('detects a tampered attestation through its signature, and a key that is not the signer\'s', async () => {
    const json = readFileSync('att.xlsx.json', 'utf8');
    writeFileSync('att.xlsx.json', json.replace('"non_compliant"', '"compliant"'));
    const r = await run(['attest', 'verify', 'att.xlsx.json', '--pubkey', 'vendor.pub.pem', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^BAD SIGNATURE {2}att\.xlsx\.json\.sig: the signature does not match/m);

    writeFileSync('att.xlsx.json', json);
    await run(['attest', 'keygen', '--out', 'other']);
    const wrongKey = await run(['attest', 'verify', 'att.xlsx.json', '--pubkey', 'other.pub.pem', '--lang', 'en']);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toMatch(/signed with a different key/);
    // Without --pubkey the signature is not checked, and verify says so.
    const unchecked = await run(['attest', 'verify', 'att.xlsx.json', '--lang', 'en']);
    expect(unchecked.code).toBe(0);
    expect(unchecked.out).toContain('signature not checked: no --pubkey given');
  });

  it('checks the document signature over the exact XLSX bytes', async () => {
    const { createPublicKey, verify } = await import('node:crypto');
    const key = createPublicKey(readFileSync('vendor.pub.pem'));
    const sig = Buffer.from(readFileSync('att.xlsx.sig', 'utf8').trim(), 'base64');
    expect(verify(null, readFileSync('att.xlsx'), key, sig)).toBe(true);
    const changed = Buffer.concat([readFileSync('att.xlsx'), Buffer.from([0])]);
    expect(verify(null, changed, key, sig)).toBe(false);
  });

  it('verifies a tree moved elsewhere with --root, and exits 2 on usage errors', async () => {
    const moved = mkdtempSync(path.join(os.tmpdir(), 'kikan-moved-'));
    cpSync(dir, moved, { recursive: true });
    process.chdir(cwd);
    onTestFinished(() => rmSync(moved, { recursive: true, force: true }));
    const r = await run(['attest', 'verify', path.join(moved, 'att.xlsx.json'), '--root', moved, '--pubkey', path.join(moved, 'vendor.pub.pem')]);
    expect(r.code).toBe(0);
    expect((await run(['attest', 'verify', path.join(moved, 'nope.json')])).code).toBe(2);
    expect((await run(['attest', 'verify', path.join(moved, 'att.xlsx.json'), '--root', moved, '--answers', path.join(moved, 'nope.yaml')])).code).toBe(2);
    expect((await run(['attest', 'verify', path.join(moved, 'att.xlsx.json'), '--root', path.join(moved, 'nope')])).code).toBe(2);
    // The answers file kept elsewhere is found with --answers.
    cpSync(path.join(moved, 'attest'), path.join(moved, 'kept'), { recursive: true });
    expect((await run(['attest', 'verify', path.join(moved, 'att.xlsx.json'), '--root', moved, '--answers', path.join(moved, 'kept/partial.yaml')])).code).toBe(0);
    expect((await run(['attest', 'verify', path.join(moved, 'infra/main.tf')])).code).toBe(2);
    expect((await run(['attest', 'verify', path.join(moved, 'att.xlsx.json'), '--pubkey', path.join(moved, 'vendor.pem')])).code).toBe(2);
  });
});
