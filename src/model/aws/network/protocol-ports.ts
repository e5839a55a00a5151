// Protocol and port range of a packet filter rule, normalized the same way
// for security groups and network ACLs of every source.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact } from '../../fact.js';
import { numberFact, stringFact } from '../../lift-values.js';
import { ALL_PORTS } from './platform-objects.js';

const PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** Lower-case name for the common protocols (`-1` and `all` are `all`), the number for the others. */
export function protocolOf(v: Value | undefined, r: NativeResource, name: string): Fact<string> {
  const f = stringFact(v, r, { name });
  if (!f.known) return f;
  const p = f.value.trim().toLowerCase();
  return { ...f, value: PROTOCOL_NAMES[p] ?? p };
}

function portOf(v: Value | undefined, r: NativeResource, name: string, whenAll: number): Fact<number> {
  const f = numberFact(v, r, { name });
  // -1 stands for "all" in CloudFormation and the EC2 API.
  return f.known && f.value === -1 ? { ...f, value: whenAll } : f;
}

/** Ports of TCP and UDP rules; every port for `all`; none for ICMP and other protocols. */
export function portsOf(
  protocol: Fact<string>,
  from: { v: Value | undefined; name: string },
  to: { v: Value | undefined; name: string },
  r: NativeResource,
  loc: SourceLoc,
): Fact<{ from: number; to: number }[]> {
  if (!protocol.known) return protocol;
  if (protocol.value === 'all') return fact(ALL_PORTS, protocol.loc ?? loc);
  if (protocol.value !== 'tcp' && protocol.value !== 'udp') return fact([], protocol.loc ?? loc);
  const f = portOf(from.v, r, from.name, 0);
  if (!f.known) return f;
  const t = portOf(to.v, r, to.name, 65535);
  if (!t.known) return t;
  return fact([{ from: f.value, to: t.value }], f.loc ?? loc);
}
