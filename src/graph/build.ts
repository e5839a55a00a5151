// Builds the network graph of one scan: indexes the model once, links
// networks, derives segments, and answers reachability per subnet (memoised).
import type { CloudModel } from '../model/model.js';
import type { Subnet } from '../model/network.js';
import type { Policy } from '../policy/types.js';
import { Connectivity } from './connectivity.js';
import { EgressRules } from './egress-rules.js';
import { weaken } from './path-parts.js';
import { Placement, ownNetworkLink } from './placement.js';
import { AwsReachability } from './reachability-aws.js';
import { AzureReachability } from './reachability-azure.js';
import { Segments } from './segments.js';
import { Selectors } from './selectors.js';
import { Topology, knownString } from './topology.js';
import type { InternetPath, NetworkGraph } from './types.js';

export function buildGraph(model: CloudModel, policy: Policy): NetworkGraph {
  const topo = new Topology(model);
  const placement = new Placement(model, topo);
  const conn = new Connectivity(model, topo);
  const segments = new Segments(model, policy, new Selectors(policy.selectors), topo, placement, conn);
  const rules = new EgressRules(model, topo, placement);

  // The association, not the route, opens the path when the table also serves internet-segment subnets.
  const aws = new AwsReachability(model, topo, conn, (subnet, table) => {
    if (segments.segmentOf(subnet.id).segment === 'internet') return false;
    return segments.segmentsOf(table.id).some((a) => a.segment === 'internet');
  });
  const azure = new AzureReachability(model, topo, conn);

  const paths = new Map<string, InternetPath[]>();
  const pathsOf = (subnet: Subnet): InternetPath[] => {
    let list = paths.get(subnet.id);
    if (list) return list;
    list = (subnet.cloud === 'aws' ? aws.pathsOf(subnet) : azure.pathsOf(subnet)).map((p) => finish(p, subnet));
    paths.set(subnet.id, list);
    return list;
  };
  const finish = (p: InternetPath, subnet: Subnet): InternetPath => {
    // A hop that exists only under an undecided condition makes the path possible.
    const cond = subnet.conditional ?? p.hops.map((h) => model.get(h.id)?.conditional).find((c) => c !== undefined);
    const out: InternetPath = cond && p.certainty === 'definite' ? { ...p, ...weaken(p, cond) } : p;
    if (rules.blocks(out, subnet)) out.blockedByRules = true;
    return out;
  };

  let users: Map<string, string[]> | undefined;
  segments.pathUsers = (id) => {
    if (!users) {
      users = new Map();
      for (const s of topo.subnets.values()) {
        for (const p of pathsOf(s)) {
          for (const h of p.hops) {
            if (h.role === 'subnet' || h.role === 'route' || h.role === 'route-table') continue;
            const l = users.get(h.id);
            if (!l) users.set(h.id, [s.id]);
            else if (l[l.length - 1] !== s.id) l.push(s.id);
          }
        }
      }
    }
    return users.get(id) ?? [];
  };

  return {
    segmentOf: (id) => segments.segmentOf(id),
    segmentsOf: (id) => segments.segmentsOf(id),
    internetPaths: (subnetId) => {
      const s = topo.subnets.get(subnetId);
      return s ? pathsOf(s) : [];
    },
    networkOf: (id) => {
      const e = model.get(id);
      if (!e) return undefined;
      if (e.kind === 'network') return e.id;
      if (e.kind === 'subnet') return knownString(e.network);
      if (e.kind === 'connection') {
        const n = conn.resolve(e.from);
        return n?.kind === 'network' ? n.id : undefined;
      }
      for (const s of placement.of(id).subnets) {
        const n = knownString(topo.subnets.get(s)?.network);
        if (n) return n;
      }
      const own = ownNetworkLink(e);
      return own?.known ? own.value : undefined;
    },
    subnetsOf: (networkId) => topo.subnetsByNetwork.get(networkId) ?? [],
    placementOf: (id) => placement.of(id).subnets,
    links: () => conn.links,
  };
}
