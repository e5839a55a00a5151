// Packet filters: AWS security groups and Azure network security groups,
// with the platform's default rules made explicit.
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { EntityBase, Link } from './entity.js';
import type { Fact } from './fact.js';

export type Peer =
  | { kind: 'cidr'; cidr: string }
  | { kind: 'security-group'; ref: Link }
  | { kind: 'prefix-list'; id: string }
  /** Azure service tags (`Internet`, `VirtualNetwork`, `AzureCloud`, `Storage.JapanEast` …) and `*`. */
  | { kind: 'service-tag'; tag: string };

export interface SecurityRule {
  direction: 'ingress' | 'egress';
  action: 'allow' | 'deny';
  /** Azure priority (lower wins); AWS rules are all allows without order. */
  priority?: number;
  /** Azure: why the priority cannot be told (a parameter without a value …), when it cannot. */
  priorityUnknown?: UnknownCause;
  /** Lower-case protocol name or number: `tcp`, `udp`, `icmp`, `icmpv6`, `all`. */
  protocol: Fact<string>;
  /** Inclusive port ranges; `[{from: 0, to: 65535}]` for all; empty for protocols without ports (ICMP). */
  ports: Fact<{ from: number; to: number }[]>;
  /** Remote side of the rule: source for ingress, destination for egress. */
  peers: Fact<Peer[]>;
  loc: SourceLoc;
  /** Address of the resource that defines the rule (the group itself, or a standalone rule resource). */
  definedBy: string;
  /** Set on rules the platform adds by itself (`AllowInternetOutBound`, CloudFormation's implicit allow-all egress). */
  platformDefault?: string;
  name?: string;
  /**
   * Set when the rule's own resource (a standalone rule) exists only under a
   * condition that could not be evaluated, while its group does not share
   * that condition: the rule may or may not exist.
   */
  conditional?: UnknownCause;
}

export interface SecurityGroup extends EntityBase {
  kind: 'security-group';
  flavor: 'aws-security-group' | 'azure-nsg' | 'aws-network-acl';
  /** AWS: the VPC. Azure NSGs are not tied to a network: absent. */
  network?: Link;
  /** The VPC's default security group (`aws_default_security_group` or synthesized). */
  isDefault?: boolean;
  rules: SecurityRule[];
  /** False when rules may come from resources the scan cannot see. */
  rulesComplete: Fact<boolean>;
}
