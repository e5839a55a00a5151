// CIDR functions (parseCidr, cidrSubnet, cidrHost) for IPv4, which network
// controls need to compare address ranges. IPv6 ranges are left unknown.
import { ArmEvalError } from '../values.js';
import { asInt, asString, strict, type ArmFunction } from './types.js';

interface Cidr {
  network: number;
  bits: number;
}

function parseIpv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

function printIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function parseCidrText(name: string, text: string): Cidr {
  const [addr, len] = text.split('/');
  if (addr?.includes(':')) throw new ArmEvalError(`kikan does not evaluate ${name} on IPv6 ranges`);
  const ip = parseIpv4(addr ?? '');
  const bits = Number(len);
  if (ip === undefined || !/^\d+$/.test(len ?? '') || bits > 32) throw new ArmEvalError(`${name}: '${text}' is not a CIDR range`);
  const size = 2 ** (32 - bits);
  return { network: Math.floor(ip / size) * size, bits };
}

export const CIDR_FUNCTIONS: Record<string, ArmFunction> = {
  parsecidr: strict('parseCidr', 1, 1, ([text]) => {
    const c = parseCidrText('parseCidr', asString('parseCidr', text));
    const size = 2 ** (32 - c.bits);
    const broadcast = c.network + size - 1;
    const usable = c.bits >= 31 ? [c.network, broadcast] : [c.network + 1, broadcast - 1];
    return {
      network: printIpv4(c.network),
      netmask: printIpv4(2 ** 32 - size),
      broadcast: printIpv4(broadcast),
      firstUsable: printIpv4(usable[0]!),
      lastUsable: printIpv4(usable[1]!),
      cidr: c.bits,
    };
  }),
  cidrsubnet: strict('cidrSubnet', 3, 3, ([text, newBits, index]) => {
    const c = parseCidrText('cidrSubnet', asString('cidrSubnet', text));
    const bits = asInt('cidrSubnet', newBits);
    const i = asInt('cidrSubnet', index);
    if (bits < c.bits || bits > 32) throw new ArmEvalError('cidrSubnet: the new prefix must be between the network prefix and 32');
    if (i < 0 || i >= 2 ** (bits - c.bits)) throw new ArmEvalError('cidrSubnet: index out of range');
    return `${printIpv4(c.network + i * 2 ** (32 - bits))}/${bits}`;
  }),
  cidrhost: strict('cidrHost', 2, 2, ([text, index]) => {
    const c = parseCidrText('cidrHost', asString('cidrHost', text));
    const i = asInt('cidrHost', index);
    const size = 2 ** (32 - c.bits);
    const first = c.bits >= 31 ? 0 : 1;
    const last = c.bits >= 31 ? size - 1 : size - 2;
    if (i < 0 || first + i > last) throw new ArmEvalError('cidrHost: index out of range');
    return printIpv4(c.network + first + i);
  }),
};
