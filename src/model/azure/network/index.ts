// Azure networking handlers: virtual networks, subnets, route tables, NAT
// gateways, public IPs, NICs, NSGs, peerings, private endpoints, firewalls,
// VMs, scale sets, load balancers and App Service.
import type { LiftContext, LiftHandler } from '../../lifter.js';

export const networkHandlers: LiftHandler[] = [];

/** Platform defaults (NSG default rules, default outbound access). */
export function finishNetwork(_ctx: LiftContext): void {}
