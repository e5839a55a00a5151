// A closed-segment network whose subnets cannot all be read (ARM `subnets`
// from a property copy over an unset parameter, a `dynamic "subnet"` over an
// unknown collection) may hide subnets that controls on subnets would judge:
// the network itself gets an unknown naming that input, so the gap is seen.
import type { NetworkGraph } from '../../graph/types.js';
import type { CloudModel } from '../../model/model.js';
import type { Network } from '../../model/network.js';
import type { UnknownFact } from '../../model/fact.js';
import type { Closedness } from './closed-segment.js';
import { closednessOf } from './closed-segment.js';

export interface HiddenSubnets {
  network: Network;
  closedness: Exclude<Closedness, { kind: 'open' }>;
  missing: UnknownFact;
}

/** Networks that are (or may be) in a closed segment and have subnets the model cannot show. */
export function closedNetworksWithHiddenSubnets(model: CloudModel, graph: NetworkGraph, segmentTagKey: string): HiddenSubnets[] {
  const out: HiddenSubnets[] = [];
  for (const network of model.all('network')) {
    const complete = network.subnetsComplete;
    if (!complete || complete.known) continue;
    const closedness = closednessOf(graph.segmentOf(network.id), segmentTagKey);
    if (closedness.kind === 'open') continue;
    out.push({ network, closedness, missing: complete });
  }
  return out;
}
