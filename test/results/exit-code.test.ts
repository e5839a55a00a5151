import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/results/exit-code.js';
import type { Finding, Severity, Status } from '../../src/results/finding.js';

function f(status: Status, severity: Severity, fingerprint = `${status}-${severity}`): Finding {
  return {
    controlId: 'LG-3.2',
    status,
    severity,
    resource: { address: 'a', type: 't', source: 'terraform' },
    message: { ja: '', en: '' },
    evidence: {},
    fingerprint,
  };
}

const base = { failOn: 'high' as Severity, failOnUnknown: false, softFail: false };

describe('exit codes (SPEC §4)', () => {
  it('is 0 when nothing fails at or above --fail-on', () => {
    expect(exitCodeOf([f('fail', 'medium'), f('pass', 'critical')], 0, base)).toBe(0);
  });
  it('is 1 on a failure at the threshold', () => {
    expect(exitCodeOf([f('fail', 'high')], 0, base)).toBe(1);
    expect(exitCodeOf([f('fail', 'low')], 0, { ...base, failOn: 'low' })).toBe(1);
  });
  it('does not fail on unknown unless asked', () => {
    expect(exitCodeOf([f('unknown', 'critical')], 0, base)).toBe(0);
    expect(exitCodeOf([f('unknown', 'critical')], 0, { ...base, failOnUnknown: true })).toBe(1);
  });
  it('is 3 when an input could not be read and nothing else failed', () => {
    expect(exitCodeOf([f('pass', 'high')], 1, base)).toBe(3);
    expect(exitCodeOf([f('fail', 'critical')], 1, base)).toBe(1);
  });
  it('--soft-fail turns 1 into 0 but never hides an incomplete scan', () => {
    expect(exitCodeOf([f('fail', 'critical')], 0, { ...base, softFail: true })).toBe(0);
    expect(exitCodeOf([f('fail', 'critical')], 2, { ...base, softFail: true })).toBe(3);
  });
  it('ignores failures accepted by a baseline', () => {
    const known = f('fail', 'critical', 'old');
    expect(exitCodeOf([known], 0, { ...base, baseline: new Set(['old']) })).toBe(0);
    expect(exitCodeOf([known, f('fail', 'high', 'new')], 0, { ...base, baseline: new Set(['old']) })).toBe(1);
  });
});
