// Which approval of the policy file (approvedPaths, 想定論点②) covers an
// internet-crossing path, a packet-filter destination or a connection
// between segments. An approval applies to the segments it lists and lapses
// at the end of its expiry day (JST); a lapsed one is reported, never used.
//
// Matching rules:
// - `via` is an address glob over the egress points of what is judged (the
//   subnet, route, NAT gateway, firewall, connection, security group …).
// - A path that leaves through a NAT or internet gateway is approved only by
//   an approval whose `via` names one of its points: an approval without
//   `via` would silently cover every route of the segment.
// - A path through a firewall may also be approved without `via`: the
//   firewall's domain allowlist, compared with the approval by LG-3.8, is
//   what limits it.
// - Service tags, prefix lists and service endpoints are approved by naming
//   them in `serviceTags` (`Storage` also covers `Storage.JapanEast`).
import picomatch from 'picomatch';
import type { ApprovedPath, Policy, Segment } from '../../policy/types.js';
import { isExpired } from '../../results/waivers.js';

export type ApprovalMatch =
  | { kind: 'approved'; approval: ApprovedPath }
  | { kind: 'expired'; approval: ApprovedPath }
  | { kind: 'none' };

export interface ApprovalQuery {
  /** Segments the judged thing belongs to; every one must be listed by the approval. */
  segments: readonly Segment[];
  /** Addresses `via` may name. */
  addresses: readonly string[];
  /** Whether an approval without `via` may cover it (firewall paths). */
  viaOptional?: boolean;
  /** Service tags / prefix lists / service endpoints the approval may name instead of `via`. */
  services?: readonly string[];
}

/** A service tag as approved: exact, or the regional form of an approved base tag. */
export function serviceTagCovered(approved: string, used: string): boolean {
  const a = approved.trim().toLowerCase();
  const u = used.trim().toLowerCase();
  return a === u || u.startsWith(`${a}.`);
}

function viaMatches(via: string, addresses: readonly string[]): boolean {
  return addresses.some((a) => picomatch.isMatch(a, via, { dot: true }));
}

function applies(p: ApprovedPath, q: ApprovalQuery): boolean {
  if (!q.segments.every((s) => p.segments.includes(s))) return false;
  if (p.via !== undefined) return viaMatches(p.via, q.addresses);
  if (q.services?.length && q.services.every((s) => p.serviceTags.some((t) => serviceTagCovered(t, s)))) return true;
  return q.viaOptional === true;
}

/** The first unexpired approval that applies, else the first lapsed one, else none. */
export function findApproval(policy: Policy, now: Date, q: ApprovalQuery): ApprovalMatch {
  let lapsed: ApprovedPath | undefined;
  for (const p of policy.approvedPaths) {
    if (!applies(p, q)) continue;
    if (!isExpired(p.expires, now)) return { kind: 'approved', approval: p };
    lapsed ??= p;
  }
  return lapsed ? { kind: 'expired', approval: lapsed } : { kind: 'none' };
}

/** Evidence naming the approval. */
export function approvalEvidence(p: ApprovedPath): Record<string, unknown> {
  return {
    id: p.id,
    reason: p.reason,
    approver: p.approver,
    expires: p.expires,
    ...(p.via ? { via: p.via } : {}),
    ...(p.domains.length ? { domains: p.domains } : {}),
    ...(p.serviceTags.length ? { serviceTags: p.serviceTags } : {}),
    ...(p.loc ? { file: p.loc.file, line: p.loc.line } : {}),
  };
}
