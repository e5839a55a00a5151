// Whether a network's traffic is recorded by flow logs: a flow log on the
// network itself (VPC flow log, VNet flow log), or on every one of its
// subnets (AWS subnet flow logs, Azure VNet flow logs on subnets or NSG flow
// logs on the subnets' NSGs). A flow log recording only accepted or only
// rejected traffic is partial. A flow log whose target or state cannot be
// told may be the one that covers the network.
import type { NetworkGraph } from '../../graph/types.js';
import type { UnknownFact } from '../../model/fact.js';
import type { LogSetting } from '../../model/logging.js';
import type { CloudModel } from '../../model/model.js';
import type { Network } from '../../model/network.js';

export type FlowCoverage =
  | { state: 'covered'; by: LogSetting[] }
  | { state: 'partial'; by: LogSetting; traffic: string[] }
  | { state: 'open'; open: UnknownFact[] }
  | { state: 'none' };

const FLOW_LOGS: ReadonlySet<LogSetting['settingType']> = new Set(['vpc-flow-log', 'vnet-flow-log', 'nsg-flow-log']);

type OnTarget = { state: 'full'; by: LogSetting } | { state: 'partial'; by: LogSetting; traffic: string[] } | { state: 'open'; open: UnknownFact[] } | { state: 'none' };

/** Flow logs of the cloud of `net`, with what they say about one target. */
function onTarget(logs: readonly LogSetting[], target: string): OnTarget {
  let partial: OnTarget | undefined;
  const open: UnknownFact[] = [];
  for (const l of logs) {
    if (!l.target.known) {
      open.push(l.target);
      continue;
    }
    if (l.target.value !== target) continue;
    if (l.conditional) {
      open.push({ known: false, cause: l.conditional, loc: l.loc });
      continue;
    }
    if (!l.enabled.known) {
      open.push(l.enabled);
      continue;
    }
    if (!l.enabled.value) continue;
    const traffic = l.categories;
    if (traffic && !traffic.known) {
      open.push(traffic);
      continue;
    }
    if (!traffic || traffic.value.length === 0 || traffic.value.some((t) => t.toUpperCase() === 'ALL')) return { state: 'full', by: l };
    partial ??= { state: 'partial', by: l, traffic: traffic.value };
  }
  if (open.length) return { state: 'open', open };
  return partial ?? { state: 'none' };
}

export function flowCoverage(model: CloudModel, graph: NetworkGraph, net: Network): FlowCoverage {
  const logs = model.all('log-setting').filter((l) => FLOW_LOGS.has(l.settingType) && l.cloud === net.cloud);
  const own = onTarget(logs, net.id);
  if (own.state === 'full') return { state: 'covered', by: [own.by] };
  const open: UnknownFact[] = own.state === 'open' ? [...own.open] : [];
  const subnets = graph.subnetsOf(net.id);
  const by: LogSetting[] = [];
  let everySubnet = subnets.length > 0;
  for (const id of subnets) {
    const s = model.getOf(id, 'subnet');
    let found = onTarget(logs, id);
    const nsg = s?.securityGroup;
    if (found.state !== 'full' && net.cloud === 'azure' && nsg?.known && nsg.value !== null) {
      const viaNsg = onTarget(logs, nsg.value);
      if (viaNsg.state === 'full' || found.state === 'none') found = viaNsg;
    }
    if (found.state === 'full') by.push(found.by);
    else {
      everySubnet = false;
      if (found.state === 'open') open.push(...found.open);
    }
  }
  if (everySubnet) {
    // Subnets the model cannot see would go unrecorded.
    const complete = net.subnetsComplete;
    if (!complete || (complete.known && complete.value)) return { state: 'covered', by: [...new Set(by)] };
    if (!complete.known) open.push(complete);
  }
  if (open.length) return { state: 'open', open: dedupe(open) };
  if (own.state === 'partial') return own;
  return { state: 'none' };
}

function dedupe(list: UnknownFact[]): UnknownFact[] {
  return [...new Set(list)];
}
