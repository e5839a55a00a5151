// IPv4/IPv6 CIDR arithmetic for segment selectors, route destinations and
// security rule peers: parsing, containment, and "does this block hold
// internet addresses".
import { parseIpv4, parseIpv6 } from '../net/ip-address.js';

export interface Cidr {
  family: 'ipv4' | 'ipv6';
  /** Network address as an integer (host bits cleared). */
  base: bigint;
  prefix: number;
}

const BITS = { ipv4: 32, ipv6: 128 } as const;

/** Parses `10.0.0.0/16`, `::/0`, or a bare address (a /32 or /128). Undefined when not an IP block. */
export function parseCidr(text: string): Cidr | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const family = addr.includes(':') ? 'ipv6' : 'ipv4';
  const bits = BITS[family];
  let prefix: number = bits;
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > bits) return undefined;
  }
  const n = family === 'ipv4' ? parseIpv4(addr) : parseIpv6(addr);
  if (n === undefined) return undefined;
  const host = BigInt(bits - prefix);
  return { family, base: (n >> host) << host, prefix };
}

/** True when every address of `inner` lies in `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix < outer.prefix) return false;
  const host = BigInt(BITS[outer.family] - outer.prefix);
  return inner.base >> host === outer.base >> host;
}

/**
 * Blocks that are not internet addresses: private use, shared address space,
 * loopback, link-local, multicast and reserved (IPv4); unique local,
 * link-local, loopback, unspecified and multicast (IPv6).
 */
const NON_INTERNET: Cidr[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
  '::/127',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
].map((c) => parseCidr(c)!);

/** True when the block holds at least one internet address (`0.0.0.0/0`, `::/0`, any public range). */
export function coversInternet(c: Cidr): boolean {
  return !NON_INTERNET.some((n) => cidrWithin(c, n));
}

/** True when the block is the whole address space of its family. */
export function isWholeSpace(c: Cidr): boolean {
  return c.prefix === 0;
}
