import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy/types.js';
import type { Finding } from '../../src/results/finding.js';
import { applyWaivers, isExpired } from '../../src/results/waivers.js';

const now = new Date('2026-11-28T12:00:00+09:00');
const failing: Finding = {
  controlId: 'LG-3.4',
  status: 'fail',
  severity: 'high',
  resource: { address: 'module.net.aws_security_group.app', type: 'aws_security_group', source: 'terraform' },
  location: { file: 'net/main.tf', line: 10 },
  message: { ja: '送信が開いています', en: 'egress is open' },
  evidence: {},
  fingerprint: 'x',
};
const loc = { file: 'net/main.tf', line: 9 };

describe('waivers (SPEC §5)', () => {
  it('an inline waiver with a reason suppresses and keeps the reason', () => {
    const r = applyWaivers(failing, [{ controlId: 'LG-3.4', reason: 'proxy only', loc }], defaultPolicy(), now);
    expect(r.status).toBe('suppressed');
    expect(r.waiver).toMatchObject({ reason: 'proxy only', origin: 'inline' });
  });
  it('a waiver without a reason does not suppress and says why', () => {
    const r = applyWaivers(failing, [{ controlId: 'LG-3.4', reason: '  ', loc }], defaultPolicy(), now);
    expect(r.status).toBe('fail');
    expect(r.waiver?.rejected).toMatch(/no reason/);
    expect(r.message.ja).toContain('理由');
  });
  it('a waiver for another control does not apply', () => {
    expect(applyWaivers(failing, [{ controlId: 'LG-3.5', reason: 'x', loc }], defaultPolicy(), now).status).toBe('fail');
  });
  it('policy waivers match by address and file globs and expire', () => {
    const p = defaultPolicy();
    p.waivers = [
      { controlId: 'LG-3.4', address: 'module.net.*', reason: 'r', approver: 'CISO', expires: '2026-11-27', origin: 'policy' },
    ];
    const expired = applyWaivers(failing, [], p, now);
    expect(expired.status).toBe('fail');
    expect(expired.waiver?.rejected).toMatch(/expired/);
    p.waivers[0]!.expires = '2026-11-28';
    expect(applyWaivers(failing, [], p, now).status).toBe('suppressed');
    p.waivers[0]!.address = 'module.other.*';
    expect(applyWaivers(failing, [], p, now).status).toBe('fail');
    p.waivers[0]!.address = undefined;
    p.waivers[0]!.file = 'net/**';
    expect(applyWaivers(failing, [], p, now).status).toBe('suppressed');
  });
  it('inline waivers are rejected when the policy forbids them', () => {
    const p = defaultPolicy();
    p.allowInlineWaivers = false;
    expect(applyWaivers(failing, [{ controlId: 'LG-3.4', reason: 'x', loc }], p, now).status).toBe('fail');
  });
  it('passing findings are never touched', () => {
    const ok = { ...failing, status: 'pass' as const };
    expect(applyWaivers(ok, [{ controlId: 'LG-3.4', reason: 'x', loc }], defaultPolicy(), now)).toBe(ok);
  });
  it('expiry is the end of the day in Japan', () => {
    expect(isExpired('2026-11-28', new Date('2026-11-28T14:59:59Z'))).toBe(false);
    expect(isExpired('2026-11-28', new Date('2026-11-28T15:00:00Z'))).toBe(true);
    expect(isExpired('not a date', now)).toBe(true);
  });
});
