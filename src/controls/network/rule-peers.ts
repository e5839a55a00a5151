// What the remote side of a security rule (SG/NSG peer) reaches: the whole
// internet, a public address range, public service addresses named by a
// service tag or prefix list, or only private addresses. Shared by the
// egress (LG-3.4) and ingress (LG-3.5) controls.
import { coversInternet, isWholeSpace, parseCidr } from '../../graph/cidr.js';
import type { Peer } from '../../model/security.js';

export type PeerReach =
  /** 0.0.0.0/0, ::/0, the `Internet` tag or `*`. */
  | { kind: 'internet'; text: string }
  /** A public range narrower than the whole internet. */
  | { kind: 'public-range'; text: string }
  /** An Azure service tag (`Storage`, `AzureCloud`): public addresses of a service. */
  | { kind: 'service-tag'; text: string }
  /** An AWS prefix list, whose entries the model does not hold. */
  | { kind: 'prefix-list'; text: string }
  | { kind: 'private'; text: string }
  /** A value that is not an address block kikan can read. */
  | { kind: 'unreadable'; text: string };

/** Azure service tags that name only private addresses of the network. */
const PRIVATE_TAGS = new Set(['virtualnetwork', 'azureloadbalancer', 'gatewaymanager', 'vnet']);

export function peerReach(p: Peer): PeerReach {
  switch (p.kind) {
    case 'cidr': {
      const c = parseCidr(p.cidr);
      if (!c) return { kind: 'unreadable', text: p.cidr };
      if (isWholeSpace(c)) return { kind: 'internet', text: p.cidr };
      return coversInternet(c) ? { kind: 'public-range', text: p.cidr } : { kind: 'private', text: p.cidr };
    }
    case 'security-group':
      return { kind: 'private', text: p.ref.known ? p.ref.value : 'security group' };
    case 'prefix-list':
      return { kind: 'prefix-list', text: p.id };
    case 'service-tag': {
      const t = p.tag.trim();
      const lower = t.toLowerCase();
      if (lower === 'internet' || lower === '*' || lower === 'any') return { kind: 'internet', text: t };
      if (PRIVATE_TAGS.has(lower)) return { kind: 'private', text: t };
      // An address written where a tag is expected (`10.0.0.0/8`, `203.0.113.5`).
      if (parseCidr(t)) return peerReach({ kind: 'cidr', cidr: t });
      return { kind: 'service-tag', text: t };
    }
  }
}

/** Protocol names that mean every protocol. */
const ALL_PROTOCOLS = new Set(['all', '*', '-1', 'any']);

export function isAllProtocols(protocol: string): boolean {
  return ALL_PROTOCOLS.has(protocol.trim().toLowerCase());
}

/** Whether `outer` covers every port of `inner` (both as inclusive ranges). */
export function portsCover(outer: readonly { from: number; to: number }[], inner: readonly { from: number; to: number }[]): boolean {
  return inner.every((r) => {
    // Walk the outer ranges in order, extending the covered prefix of r.
    let next = r.from;
    for (const o of [...outer].sort((a, b) => a.from - b.from)) {
      if (o.from > next) break;
      if (o.to >= next) next = o.to + 1;
      if (next > r.to) return true;
    }
    return next > r.to;
  });
}
