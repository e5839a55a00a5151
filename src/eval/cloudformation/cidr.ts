// Fn::Cidr: split an IPv4 or IPv6 block into `count` consecutive subnets that
// each have `hostBits` host bits, the way CloudFormation does.

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

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseIpv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

function formatIpv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

/** RFC 5952 text: lower case, longest run of two or more zero groups as `::`. */
function formatIpv6(n: bigint): string {
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((n >> s) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
