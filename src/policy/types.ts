// The municipality's policy as kikan uses it: what the policy file
// (`kikan.yaml`) says, filled with kikan's defaults where it is silent.
import type { SourceLoc } from '../readers/value.js';

export type Segment = 'mynumber' | 'lgwan' | 'internet';
export const SEGMENTS: readonly Segment[] = ['mynumber', 'lgwan', 'internet'];
/** Segments that must not reach the internet (the current guideline forbids it even for patches). */
export const CLOSED_SEGMENTS: readonly Segment[] = ['mynumber', 'lgwan'];

/** Assigns a segment to networks, subnets or resources the tags don't (or can't) describe. */
export interface SegmentSelector {
  segment: Segment;
  /** Glob over resource addresses (`module.mn.*`, `Microsoft.Network/virtualNetworks/vnet-mn*`). */
  address?: string;
  /** Exact live or template resource ID / ARN / `vpc-…` ID. */
  resourceId?: string;
  /** A network or subnet whose CIDR lies within this CIDR. */
  cidr?: string;
  loc?: SourceLoc;
}

/** An internet-crossing managed-service path the municipality approved (想定論点②). */
export interface ApprovedPath {
  id: string;
  /** Segments it applies to (default: both closed segments). */
  segments: Segment[];
  /** Address glob of the egress point it approves (NAT gateway, firewall, route, subnet). */
  via?: string;
  /** Domains the path may reach, as the approval states them (`*.windowsupdate.com`). */
  domains: string[];
  /** Azure service tags / AWS prefix lists / service endpoints it approves. */
  serviceTags: string[];
  reason: string;
  approver: string;
  /** ISO date; the approval lapses at the end of that day (JST). */
  expires: string;
  loc?: SourceLoc;
}

export interface InheritedControl {
  controlId: string;
  /** Where the platform's evidence is (the agency template, a document). */
  evidence: string;
  loc?: SourceLoc;
}

export interface Waiver {
  /** Control ID or `*`. */
  controlId: string;
  address?: string;
  file?: string;
  reason: string;
  approver?: string;
  expires?: string;
  loc?: SourceLoc;
  origin: 'policy' | 'inline';
}

export interface TagKeys {
  segment: string;
  classification: string;
  tenant: string;
  disposal: string;
}

export interface Thresholds {
  /** LG-6.2: kikan default 365, not a guideline figure. */
  logRetentionDays: number;
  /** LG-4.4: kikan default 7. */
  backupRetentionDays: number;
  /** LG-2.5: minimum KMS deletion window, kikan default 7. */
  keyDeletionWindowMinDays: number;
}

export interface Policy {
  tagKeys: TagKeys;
  thresholds: Thresholds;
  allowedRegions: string[];
  selectors: SegmentSelector[];
  approvedPaths: ApprovedPath[];
  inherited: InheritedControl[];
  waivers: Waiver[];
  allowInlineWaivers: boolean;
  /** LG-4.3: data of this classification (or higher) must also be kept in the other Japanese region. */
  crossRegionClassification?: string;
  /** Deployment region / location when the definitions don't say (`--region` wins). */
  region?: string;
  /** The policy file, when one was read. */
  file?: string;
  /** Its SHA-256: the policy decides results, so an attestation records it like any scanned input. */
  fileSha256?: string;
}

export function defaultPolicy(): Policy {
  return {
    tagKeys: { segment: 'lg:segment', classification: 'lg:classification', tenant: 'lg:tenant', disposal: 'lg:disposal' },
    thresholds: { logRetentionDays: 365, backupRetentionDays: 7, keyDeletionWindowMinDays: 7 },
    allowedRegions: ['ap-northeast-1', 'ap-northeast-3', 'japaneast', 'japanwest'],
    selectors: [],
    approvedPaths: [],
    inherited: [],
    waivers: [],
    allowInlineWaivers: true,
  };
}

/** Segment from a tag value: English names and the Japanese ones the SPEC accepts. */
export function parseSegment(value: string): Segment | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'mynumber' || v === 'my-number' || v === 'マイナンバー利用事務系' || v === 'マイナンバー系') return 'mynumber';
  if (v === 'lgwan' || v === 'lgwan接続系') return 'lgwan';
  if (v === 'internet' || v === 'インターネット接続系' || v === 'インターネット系') return 'internet';
  return undefined;
}
