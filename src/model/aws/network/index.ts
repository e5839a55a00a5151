// AWS networking handlers: VPCs, subnets, routing, gateways, security groups,
// endpoints, connections, firewalls, instances and load balancers.
import type { LiftContext, LiftHandler } from '../../lifter.js';

export const networkHandlers: LiftHandler[] = [];

/** Platform defaults every VPC has (main route table, default security group). */
export function finishNetwork(_ctx: LiftContext): void {}
