// AWS networking handlers: VPCs, subnets, routing, gateways, security groups,
// endpoints, connections, firewalls, instances and load balancers.
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { addressHandlers } from './addresses.js';
import { cdkDefaultGroupHandlers } from './cdk-restricted-default-group.js';
import { connectionHandlers } from './connections.js';
import { endpointHandlers } from './endpoint.js';
import { firewallHandlers } from './firewall.js';
import { gatewayHandlers } from './gateways.js';
import { instanceHandlers } from './instance.js';
import { completeLaunches } from './launch-completion.js';
import { loadBalancerHandlers } from './load-balancer.js';
import { networkAclHandlers } from './network-acl.js';
import { finishNetworkLayer } from './network-defaults.js';
import { finishPlacement } from './placement.js';
import { routeTableHandlers } from './route-table.js';
import { securityGroupHandlers } from './security-group.js';
import { serviceHandlers } from './services.js';
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
  ...cdkDefaultGroupHandlers,
  ...networkAclHandlers,
  ...endpointHandlers,
  ...firewallHandlers,
  ...addressHandlers,
  ...instanceHandlers,
  ...serviceHandlers,
  ...loadBalancerHandlers,
];

/** Platform defaults every VPC has (main route table, default security group) and the joins that need every entity. */
export function finishNetwork(ctx: LiftContext): void {
  finishNetworkLayer(ctx);
  completeLaunches(ctx);
  finishPlacement(ctx);
}
