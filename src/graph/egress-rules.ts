// Whether packet filters stop a subnet's traffic from using a way out
// (issue 4 item 2): the subnet's own NSG / network ACL, else every resource
// in the subnet having security groups that allow no internet egress.
// Conservative: anything unknown, incomplete or absent means "not blocked".
import type { Links } from '../model/entity.js';
import type { CloudModel, Entity } from '../model/model.js';
import type { Subnet } from '../model/network.js';
import type { SecurityGroup, SecurityRule } from '../model/security.js';
import { coversInternet, parseCidr } from './cidr.js';
import type { Placement } from './placement.js';
import type { Topology } from './topology.js';
import { knownString } from './topology.js';
import type { InternetPath } from './types.js';

type Family = 'ipv4' | 'ipv6';

/** Service tags that stay inside the private network. */
const PRIVATE_TAGS = new Set(['virtualnetwork', 'azureloadbalancer', 'gatewaymanager']);
const ALL_PROTOCOLS = new Set(['all', '*', '-1']);

function allowMayReachInternet(r: SecurityRule, family: Family): boolean {
  // Ports are not looked at: any allowed port (or ICMP, which has none) reaches the internet.
  if (!r.peers.known) return true;
  return r.peers.value.some((p) => {
    switch (p.kind) {
      case 'cidr': {
        const c = parseCidr(p.cidr);
        return !c || (c.family === family && coversInternet(c));
      }
      case 'security-group':
        return false;
      case 'prefix-list':
        return true;
      case 'service-tag':
        return !PRIVATE_TAGS.has(p.tag.toLowerCase());
    }
  });
}

function denyCoversAllInternet(r: SecurityRule, family: Family): boolean {
  if (!r.protocol.known || !ALL_PROTOCOLS.has(r.protocol.value.toLowerCase())) return false;
  if (!r.ports.known || !r.ports.value.some((p) => p.from <= 0 && p.to >= 65535)) return false;
  if (!r.peers.known) return false;
  return r.peers.value.some((p) => {
    if (p.kind === 'service-tag') return ['internet', '*'].includes(p.tag.toLowerCase());
    if (p.kind !== 'cidr') return false;
    const c = parseCidr(p.cidr);
    return !!c && c.family === family && c.prefix === 0;
  });
}

/** True when the group surely lets no egress to internet addresses of the family through. */
export function groupBlocksInternet(sg: SecurityGroup, family: Family): boolean {
  if (!sg.rulesComplete.known || !sg.rulesComplete.value) return false;
  const egress = sg.rules.filter((r) => r.direction === 'egress');
  // Ordered filters (NSG, network ACL): an allow only counts before the first deny-all.
  let denyAt = Infinity;
  for (const r of egress) if (r.action === 'deny' && denyCoversAllInternet(r, family)) denyAt = Math.min(denyAt, r.priority ?? Infinity);
  return !egress.some((r) => r.action === 'allow' && (r.priority ?? -Infinity) < denyAt && allowMayReachInternet(r, family));
}

export class EgressRules {
  constructor(
    private readonly model: CloudModel,
    private readonly topo: Topology,
    private readonly placement: Placement,
  ) {}

  blocks(path: InternetPath, subnet: Subnet): boolean {
    // Service endpoint traffic goes to service tags that filters rarely name as `Internet`: never call it blocked.
    if (path.exit === 'service-endpoint') return false;
    const subnetFilter = knownString(subnet.securityGroup);
    if (subnetFilter) {
      const sg = this.model.getOf(subnetFilter, 'security-group');
      if (sg && groupBlocksInternet(sg, path.family)) return true;
    }
    if (path.exit === 'public-ip') {
      const nic = this.model.getOf(path.hops[1]?.id ?? '', 'network-interface');
      return !!nic && this.resourceBlocks(nic, path.family);
    }
    const sources = this.placement
      .residents(subnet.id)
      .map((id) => this.model.get(id))
      .filter((e): e is Entity => !!e && isTrafficSource(e, this.topo));
    return sources.length > 0 && sources.every((e) => this.resourceBlocks(e, path.family));
  }

  private resourceBlocks(e: Entity, family: Family): boolean {
    const links: Links | undefined = 'securityGroups' in e ? e.securityGroups : undefined;
    if (!links || !links.known || links.value.length === 0) return false;
    const groups: SecurityGroup[] = [];
    for (const l of links.value) {
      const sg = l.known ? this.model.getOf(l.value, 'security-group') : undefined;
      if (!sg) return false;
      groups.push(sg);
    }
    // AWS security groups add up (any may allow); NSGs on a NIC each must let traffic through.
    const aws = groups.filter((g) => g.flavor === 'aws-security-group');
    const ordered = groups.filter((g) => g.flavor !== 'aws-security-group');
    if (ordered.some((g) => groupBlocksInternet(g, family))) return true;
    return aws.length > 0 && aws.every((g) => groupBlocksInternet(g, family));
  }
}

/** Resources that originate traffic. Endpoints, gateways and firewalls forward or serve; VMs are judged by their NICs. */
function isTrafficSource(e: Entity, topo: Topology): boolean {
  switch (e.kind) {
    case 'network-interface':
    case 'data-store':
    case 'load-balancer':
      return true;
    case 'compute':
      return !topo.nicsByOwner.has(e.id);
    default:
      return false;
  }
}
