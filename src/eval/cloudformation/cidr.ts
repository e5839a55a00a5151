// Fn::Cidr: split an IPv4 or IPv6 block into `count` consecutive subnets that
// each have `hostBits` host bits, the way CloudFormation does.
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../../net/ip-address.js';

/** Subnet CIDRs, or an error message explaining why the arguments are invalid. */
export function cidrSubnets(ipBlock: string, count: number, hostBits: number): string[] | string {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(ipBlock.trim());
  if (!m) return `'${ipBlock}' is not a CIDR block`;
  const prefix = Number(m[2]);
  const v4 = parseIpv4(m[1]!);
  const v6 = v4 === undefined ? parseIpv6(m[1]!) : undefined;
  if (v4 === undefined && v6 === undefined) return `'${ipBlock}' is not a CIDR block`;
  const width = v4 !== undefined ? 32 : 128;
  if (prefix > width) return `prefix /${prefix} is too long`;
  if (!Number.isInteger(count) || count < 1 || count > 256) return `count ${count} is not between 1 and 256`;
  if (!Number.isInteger(hostBits) || hostBits < 0 || hostBits > width) return `cidrBits ${hostBits} is out of range`;
  const newPrefix = width - hostBits;
  if (newPrefix < prefix) return `cidrBits ${hostBits} leaves a prefix shorter than /${prefix}`;
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix)) return `${count} subnets of /${newPrefix} do not fit in ${ipBlock}`;
  const total = BigInt(width);
  const base = ((v4 ?? v6)! >> (total - BigInt(prefix))) << (total - BigInt(prefix));
  const step = 1n << BigInt(hostBits);
  const out: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const addr = base + i * step;
    out.push(`${v4 !== undefined ? formatIpv4(addr) : formatIpv6(addr)}/${newPrefix}`);
  }
  return out;
}
