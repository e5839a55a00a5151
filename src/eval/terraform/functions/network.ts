// CIDR arithmetic for IPv4 and IPv6, as Terraform's cidrsubnet, cidrsubnets,
// cidrhost and cidrnetmask compute it (addresses as BigInt).
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

function parseIpv4(s: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let v = 0n;
  for (const part of m.slice(1)) {
    // Leading zeros are refused, as Go does (they read as octal elsewhere).
    if ((part.length > 1 && part.startsWith('0')) || Number(part) > 255) return undefined;
    v = (v << 8n) | BigInt(part);
  }
  return v;
}

function parseIpv6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (text: string): number[] | undefined => {
    if (text === '') return [];
    const out: number[] = [];
    const parts = text.split(':');
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
        out.push(parseInt(p, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function parseCidr(s: string): Network {
  const slash = s.indexOf('/');
  const addr = slash >= 0 ? s.slice(0, slash) : s;
  const prefixText = slash >= 0 ? s.slice(slash + 1) : '';
  const bits = addr.includes(':') ? 128 : 32;
  const ip = bits === 32 ? parseIpv4(addr) : parseIpv6(addr);
  if (ip === undefined || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    throw new TfEvalError(`invalid CIDR address ${JSON.stringify(s)}`);
  }
  const prefix = Number(prefixText);
  const hostBits = BigInt(bits - prefix);
  return { bits, base: (ip >> hostBits) << hostBits, prefix };
}

function formatIpv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
}

/** RFC 5952 text, as Go prints it: the longest run of two or more zero groups becomes `::`. */
function formatIp(bits: number, v: bigint): string {
  if (bits === 32) return formatIpv4(v);
  if (v >> 32n === 0xffffn) return formatIpv4(v & 0xffffffffn);
  const groups = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
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
