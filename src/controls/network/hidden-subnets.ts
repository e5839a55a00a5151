// A closed-segment network whose subnets cannot all be read (ARM `subnets`
// from a property copy over an unset parameter, a `dynamic "subnet"` over an
// unknown collection) may hide subnets that controls on subnets would judge:
// the network itself gets an unknown naming that input, so the gap is seen.
import type { LocalText } from '../../results/finding.js';
import type { ControlContext, Draft } from '../control.js';
import { unknownFrom } from '../draft.js';
import { closednessOf, segmentEvidence } from './closed-segment.js';

/** An unknown, saying `why` in the control's words, on each network that is (or may be) closed and has subnets the model cannot show. */
export function hiddenSubnetDrafts(ctx: ControlContext, segmentTagKey: string, why: LocalText): Draft[] {
  const out: Draft[] = [];
  for (const network of ctx.model.all('network')) {
    const complete = network.subnetsComplete;
    if (!complete || complete.known) continue;
    const closedness = closednessOf(ctx.graph.segmentOf(network.id), segmentTagKey);
    if (closedness.kind === 'open') continue;
    out.push(unknownFrom(network, why, [complete], { evidence: segmentEvidence(closedness.assignment, ctx.model) }));
  }
  return out;
}
