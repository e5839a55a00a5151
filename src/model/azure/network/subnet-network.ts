// The network a resource sits in, through the subnet it names. Read in the
// `joins` phase, once every subnet knows its network.
import type { Link } from '../../entity.js';
import { unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';

export function networkOfSubnet(ctx: LiftContext, subnet: Link): Link {
  if (!subnet.known) return subnet;
  const s = ctx.model.getOf(subnet.value, 'subnet');
  if (!s) return unknownFact({ inputs: [subnet.value], detail: `subnet ${subnet.value} is not in the model` }, subnet.loc);
  return s.network.known ? { ...s.network, loc: subnet.loc ?? s.network.loc } : s.network;
}
