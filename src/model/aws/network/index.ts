// AWS networking handlers: VPCs, subnets, routing, gateways, security groups,
// endpoints, connections, firewalls, instances and load balancers.
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { connectionHandlers } from './connections.js';
import { gatewayHandlers } from './gateways.js';
import { finishNetworkLayer } from './network-defaults.js';
import { routeTableHandlers } from './route-table.js';
import { securityGroupHandlers } from './security-group.js';
import { subnetHandlers } from './subnet.js';
import { transitGatewayHandlers } from './transit-gateway.js';
import { vpcHandlers } from './vpc.js';

export const networkHandlers: LiftHandler[] = [
  ...vpcHandlers,
  ...subnetHandlers,
  ...routeTableHandlers,
  ...gatewayHandlers,
  ...transitGatewayHandlers,
  ...connectionHandlers,
  ...securityGroupHandlers,
];

/** Platform defaults every VPC has (main route table, default security group) and the joins that need every entity. */
export function finishNetwork(ctx: LiftContext): void {
  finishNetworkLayer(ctx);
}
