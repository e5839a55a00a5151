import { describe, expect, it } from 'vitest';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../../src/net/ip-address.js';

describe('IP addresses', () => {
  it('parses and prints IPv4', () => {
    expect(parseIpv4('10.1.2.3')).toBe(0x0a010203n);
    expect(formatIpv4(0xc0a80001n)).toBe('192.168.0.1');
    expect(parseIpv4('256.0.0.1')).toBeUndefined();
    expect(parseIpv4('10.1.2')).toBeUndefined();
    expect(parseIpv4('10.1.2.x')).toBeUndefined();
  });
  it('refuses leading zeros only when asked (Terraform reads them as an error)', () => {
    expect(parseIpv4('010.0.0.1')).toBe(0x0a000001n);
    expect(parseIpv4('010.0.0.1', true)).toBeUndefined();
    expect(parseIpv4('0.0.0.0', true)).toBe(0n);
  });
  it('parses IPv6 with :: and an embedded IPv4 tail', () => {
    expect(parseIpv6('::')).toBe(0n);
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('fd00::10')).toBe((0xfd00n << 112n) | 0x10n);
    expect(parseIpv6('::ffff:10.0.0.1')).toBe((0xffffn << 32n) | 0x0a000001n);
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIpv6('g::1')).toBeUndefined();
  });
  it('prints IPv6 as RFC 5952 says: the longest zero run, lower case, a single zero group kept', () => {
    expect(formatIpv6(parseIpv6('2001:DB8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6(parseIpv6('2001:db8:0:1:1:1:1:1')!)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpv6(0n)).toBe('::');
  });
});
