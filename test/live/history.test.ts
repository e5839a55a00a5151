import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDiff, recordScan } from '../../src/live/history.js';
import type { Finding } from '../../src/results/finding.js';
import type { ScanReport } from '../../src/results/report.js';
import { exitCodeOf } from '../../src/results/exit-code.js';

function finding(fp: string, status: Finding['status']): Finding {
  return {
    controlId: 'LG-3.4',
    status,
    severity: 'high',
    resource: { address: `arn:aws:ec2:ap-northeast-1:111122223333:security-group/${fp}`, type: 'AWS::EC2::SecurityGroup', source: 'aws-config' },
    message: { ja: 'x', en: 'x' },
    evidence: {},
    fingerprint: fp,
  };
}

function report(findings: Finding[]): ScanReport {
  return {
    tool: { name: 'kikan', version: '0' },
    catalog: { version: '0', source: 'x' },
    scannedAt: '',
    kind: 'aws',
    findings,
    inputs: [],
    errors: [],
    notScanned: [],
    summary: {} as ScanReport['summary'],
  };
}

describe('scan history', () => {
  it('reports new, fixed and still-open failures against the previous scan and fails only on new ones', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kikan-history-')), 'h');
    const first = report([finding('a', 'fail'), finding('b', 'fail'), finding('c', 'pass')]);
    const d1 = recordScan(dir, first, JSON.stringify(first), new Date('2026-01-01T00:00:00Z'));
    expect(d1.previous).toBeUndefined();
    expect(d1.newFailures.map((e) => e.fingerprint)).toEqual(['a', 'b']);

    const second = report([finding('b', 'fail'), finding('c', 'fail'), finding('a', 'pass')]);
    const d2 = recordScan(dir, second, JSON.stringify(second), new Date('2026-01-02T00:00:00Z'));
    expect(d2.previous).toBe(d1.written);
    expect(d2.newFailures.map((e) => e.fingerprint)).toEqual(['c']);
    expect(d2.fixed.map((e) => e.fingerprint)).toEqual(['a']);
    expect(d2.stillOpen.map((e) => e.fingerprint)).toEqual(['b']);
    expect(readdirSync(dir).sort()).toEqual([d1.written, d2.written].sort());
    expect(describeDiff(d2, 'en')).toContain('1 new, 1 fixed, 1 still open');

    const policy = { failOn: 'low' as const, failOnUnknown: false, softFail: false, baseline: d2.previouslyFailing };
    expect(exitCodeOf(second.findings, 0, policy)).toBe(1);
    const third = report([finding('b', 'fail')]);
    const d3 = recordScan(dir, third, JSON.stringify(third), new Date('2026-01-02T00:00:00Z'));
    expect(d3.written > d2.written).toBe(true);
    expect(exitCodeOf(third.findings, 0, { ...policy, baseline: d3.previouslyFailing })).toBe(0);
  });

  it('names a damaged history file instead of crashing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kikan-history-'));
    writeFileSync(path.join(dir, 'kikan-scan-20260101T000000000Z.json'), '{not json');
    expect(() => recordScan(dir, report([]), '{}', new Date('2026-02-01T00:00:00Z'))).toThrow(/kikan-scan-20260101T000000000Z/);
    expect(readFileSync(path.join(dir, 'kikan-scan-20260101T000000000Z.json'), 'utf8')).toBe('{not json');
  });
});
