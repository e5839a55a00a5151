// CIDR arithmetic for IPv4 and IPv6, as Terraform's cidrsubnet, cidrsubnets,
// cidrhost and cidrnetmask compute it (addresses as BigInt).
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../../../net/ip-address.js';
import type { Value } from '../../../readers/value.js';
import { known, list } from '../../../readers/value.js';
import { TfEvalError } from '../errors.js';
import { argInt, argStr } from './args.js';
import type { FunctionTable } from './registry-types.js';

interface Network {
  /** 32 for IPv4, 128 for IPv6. */
  bits: number;
  /** First address of the network (host bits cleared). */
  base: bigint;
  prefix: number;
}

function parseCidr(s: string): Network {
  const slash = s.indexOf('/');
  const addr = slash >= 0 ? s.slice(0, slash) : s;
  const prefixText = slash >= 0 ? s.slice(slash + 1) : '';
  const bits = addr.includes(':') ? 128 : 32;
  const ip = bits === 32 ? parseIpv4(addr, true) : parseIpv6(addr, true);
  if (ip === undefined || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    throw new TfEvalError(`invalid CIDR address ${JSON.stringify(s)}`);
  }
  const prefix = Number(prefixText);
  const hostBits = BigInt(bits - prefix);
  return { bits, base: (ip >> hostBits) << hostBits, prefix };
}

/** As Go prints an address: IPv4-mapped IPv6 addresses in dotted form, others RFC 5952. */
function formatIp(bits: number, v: bigint): string {
  if (bits === 32) return formatIpv4(v);
  if (v >> 32n === 0xffffn) return formatIpv4(v & 0xffffffffn);
  return formatIpv6(v);
}

function subnet(net: Network, newbits: number, netnum: number): string {
  if (newbits < 0) throw new TfEvalError('newbits must not be negative');
  const length = net.prefix + newbits;
  if (length > net.bits) {
    throw new TfEvalError(`insufficient address space to extend prefix of ${net.prefix} by ${newbits}`);
  }
  if (netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits)) {
    throw new TfEvalError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  }
  const v = net.base | (BigInt(netnum) << BigInt(net.bits - length));
  return `${formatIp(net.bits, v)}/${length}`;
}

function host(net: Network, hostnum: number): string {
  const size = 1n << BigInt(net.bits - net.prefix);
  let n = BigInt(hostnum);
  if (n < 0n) n += size;
  if (n < 0n || n >= size) throw new TfEvalError(`prefix of ${net.prefix} does not accommodate a host numbered ${hostnum}`);
  return formatIp(net.bits, net.base | n);
}

/** Consecutive subnets of the given sizes, each aligned to its own size, packed from the start. */
function subnets(net: Network, newbits: number[]): string[] {
  const end = net.base + (1n << BigInt(net.bits - net.prefix));
  let cursor = net.base;
  return newbits.map((nb) => {
    if (nb < 1) throw new TfEvalError('each newbits value must be at least 1');
    const length = net.prefix + nb;
    if (length > net.bits) {
      throw new TfEvalError(`would extend prefix to ${length} bits, which is too long for an IPv${net.bits === 32 ? 4 : 6} address`);
    }
    const size = 1n << BigInt(net.bits - length);
    const start = ((cursor + size - 1n) / size) * size;
    if (start + size > end) {
      throw new TfEvalError(`not enough remaining address space for a subnet with a prefix of ${length} bits`);
    }
    cursor = start + size;
    return `${formatIp(net.bits, start)}/${length}`;
  });
}

export const networkFunctions: FunctionTable = {
  cidrsubnet: {
    min: 3,
    max: 3,
    call: (args, ctx) => known(subnet(parseCidr(argStr(args, 0)), argInt(args, 1), argInt(args, 2)), ctx.loc),
  },
  cidrhost: {
    min: 2,
    max: 2,
    call: (args, ctx) => known(host(parseCidr(argStr(args, 0)), argInt(args, 1)), ctx.loc),
  },
  cidrnetmask: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const net = parseCidr(argStr(args, 0));
      if (net.bits !== 32) throw new TfEvalError('IPv6 addresses cannot have a netmask');
      const mask = net.prefix === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - net.prefix)) - 1n);
      return known(formatIpv4(mask), ctx.loc);
    },
  },
  cidrsubnets: {
    min: 1,
    max: Infinity,
    call: (args, ctx) => {
      const net = parseCidr(argStr(args, 0));
      const sizes = args.slice(1).map((_, i) => argInt(args, i + 1));
      const out: Value[] = subnets(net, sizes).map((s) => known(s, ctx.loc));
      return list(out, ctx.loc);
    },
  },
};
