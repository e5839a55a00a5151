import { describe, expect, it } from 'vitest';
import { cidrWithin, coversInternet, parseCidr } from '../../src/graph/cidr.js';

const c = (s: string) => {
  const p = parseCidr(s);
  if (!p) throw new Error(`bad test CIDR ${s}`);
  return p;
};

describe('cidr', () => {
  it('parses IPv4 and IPv6 blocks and clears host bits', () => {
    expect(c('10.1.2.3/16')).toEqual({ family: 'ipv4', base: (10n << 24n) | (1n << 16n), prefix: 16 });
    expect(c('::/0')).toEqual({ family: 'ipv6', base: 0n, prefix: 0 });
    expect(c('2600:1f18::/56').family).toBe('ipv6');
    expect(c('::ffff:10.0.0.1').prefix).toBe(128);
  });
  it('rejects what is not a block', () => {
    for (const bad of ['pl-0123abcd', '10.0.0.0/33', '10.0.0/8', '1:2:3', 'Internet', '256.0.0.0/8', '1::2::3/64']) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });
  it('tests containment', () => {
    expect(cidrWithin(c('10.10.1.0/24'), c('10.10.0.0/16'))).toBe(true);
    expect(cidrWithin(c('10.11.1.0/24'), c('10.10.0.0/16'))).toBe(false);
    expect(cidrWithin(c('10.0.0.0/8'), c('10.10.0.0/16'))).toBe(false);
    expect(cidrWithin(c('fd00::/64'), c('fc00::/7'))).toBe(true);
    expect(cidrWithin(c('10.0.0.0/8'), c('::/0'))).toBe(false);
  });
  it('tells internet blocks from private ones', () => {
    for (const pub of ['0.0.0.0/0', '::/0', '8.8.8.8/32', '0.0.0.0/1', '11.0.0.0/8', '2600:1f18::/56', '64:ff9b::/96']) {
      expect(coversInternet(c(pub)), pub).toBe(true);
    }
    for (const priv of ['10.0.0.0/8', '172.16.5.0/24', '192.168.0.0/16', '100.64.0.0/10', '169.254.169.254/32', 'fd12::/48', 'fe80::/64']) {
      expect(coversInternet(c(priv)), priv).toBe(false);
    }
  });
});
