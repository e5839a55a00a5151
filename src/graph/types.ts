// What the network graph answers. Computed once per scan on the model;
// controls query it and put its paths and chains into their evidence.
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { Segment } from '../policy/types.js';

export interface ChainStep {
  /** Model id of the entity (network, connection, subnet …). */
  id: string;
  address: string;
  /** What this step is: `network`, `vpc-peering`, `transit-gateway-attachment`, `tag`, `selector` … */
  role: string;
  loc?: SourceLoc;
  /** Why this step is uncertain or what it carries (`routes only one way`, `through the on-premises network`). */
  note?: string;
}

export interface SegmentAssignment {
  /** null: no segment could be found (untagged, not connected to a tagged network). */
  segment: Segment | null;
  /** Where the segment comes from, in the SPEC §2 order, or `derived` through connections. */
  source: 'selector' | 'tag' | 'subnet' | 'network' | 'resource-group' | 'attachment' | 'derived' | 'none' | 'unknown';
  /** For `derived`: the networks and connections from a declared `mynumber` network to this one. */
  chain: ChainStep[];
  /** Set when the segment cannot be decided (unknown tags, a network from a data source). */
  unknown?: UnknownCause;
  /** Where the deciding tag or selector is written. */
  loc?: SourceLoc;
  /** The subnet, network or attached entity whose segment this one takes (sources `subnet`, `network`, `attachment`). */
  inheritedFrom?: string;
  /** `possible` when a link in the chain could not be confirmed (transit routing that cannot be told). */
  certainty?: 'definite' | 'possible';
  /** For segmentsOf: the entities attached to the shared object that carry this segment. */
  attachedTo?: string[];
}

export interface PathHop {
  id: string;
  address: string;
  /** `subnet`, `route-table`, `route`, `nat-gateway`, `internet-gateway`, `transit-gateway`, `firewall`, `default-outbound` … */
  role: string;
  loc?: SourceLoc;
  note?: string;
}

export type InternetExit =
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'firewall'
  | 'default-outbound-access'
  | 'public-ip'
  | 'route-to-internet'
  | 'virtual-appliance'
  | 'service-endpoint';

/** One way out of a subnet to the internet. */
export interface InternetPath {
  /** The subnet the path starts from. */
  subnet: string;
  family: 'ipv4' | 'ipv6';
  hops: PathHop[];
  exit: InternetExit;
  /** The route, association or setting that opens the path: findings are located here. */
  openedAt: SourceLoc;
  openedBy: string;
  /** The firewall the path passes through, whose domain rules decide LG-3.8. */
  firewall?: string;
  /** `possible`: a hop is unknown (route target from an input): the path may or may not exist. */
  certainty: 'definite' | 'possible';
  cause?: UnknownCause;
  /** Security rules on the path block all egress (LG-3.2 still reports the route, LG-3.4 the rules). */
  blockedByRules?: boolean;
}

/** A connection between two networks that carries traffic (both sides present where the platform needs it). */
export interface NetworkLink {
  a: string;
  b: string;
  via: ChainStep[];
  /** Effective only if both sides are in place; `false` when one peering side is missing. */
  effective: boolean;
  loc?: SourceLoc;
  /** The kind of connection (`vpc-peering`, `transit-gateway-attachment`, `vnet-peering`, `vpn` …). */
  connectionType?: string;
  /** `possible` when the link may carry traffic but the model cannot confirm it (transit routing unknown). */
  certainty?: 'definite' | 'possible';
  /** Why the link is not effective or not certain. */
  note?: string;
  /** Set when `b` is not in the model (a peer VPC from a data source, an ID): what the user could supply. */
  external?: UnknownCause;
}

export interface NetworkGraph {
  /**
   * Segment of a network, subnet or resource (data store, compute, endpoint …).
   * A resource or shared object spanning several segments gets the strictest:
   * mynumber, then lgwan, then unknown, then internet, then none.
   */
  segmentOf(id: string): SegmentAssignment;
  /** Segments of a shared object (route table, security group, NAT gateway): one per thing it attaches to. */
  segmentsOf(id: string): SegmentAssignment[];
  /** Ways out of the subnet to the internet. */
  internetPaths(subnetId: string): InternetPath[];
  /** The network (VPC/VNet) of a subnet or resource, when known. */
  networkOf(id: string): string | undefined;
  /** Subnets of a network. */
  subnetsOf(networkId: string): string[];
  /** Subnets a resource sits in (instances, endpoints, DBs …). */
  placementOf(id: string): string[];
  /** Links between networks (peering, transit, VPN …). */
  links(): readonly NetworkLink[];
}
