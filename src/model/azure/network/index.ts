// Azure networking handlers: virtual networks, subnets, route tables, NAT
// gateways, public IPs, NICs, NSGs, peerings, private endpoints, firewalls,
// VMs, scale sets, load balancers and App Service.
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { appServiceHandlers, finishAppAccess } from './app-service.js';
import { connectionHandlers } from './connections.js';
import { runDeferred } from './deferred.js';
import { nsgHandlers } from './nsg.js';
import { applyResourceGroupTags, resourceGroupHandlers } from './resource-group.js';
import { resolveApplianceAddresses, routeTableHandlers } from './route-table.js';
import { firewallHandlers, finishFirewalls } from './firewall.js';
import { loadBalancerHandlers } from './load-balancer.js';
import { natPublicIpHandlers } from './nat-public-ip.js';
import { nicHandlers } from './nic.js';
import { privateEndpointHandlers } from './private-endpoint.js';
import { bindPublicIps } from './public-ip-users.js';
import { subnetHandlers } from './subnet.js';
import { vmHandlers } from './vm.js';
import { vnetHandlers } from './vnet.js';

export const networkHandlers: LiftHandler[] = [
  ...vnetHandlers,
  ...subnetHandlers,
  ...routeTableHandlers,
  ...nsgHandlers,
  ...connectionHandlers,
  ...natPublicIpHandlers,
  ...nicHandlers,
  ...privateEndpointHandlers,
  ...firewallHandlers,
  ...vmHandlers,
  ...loadBalancerHandlers,
  ...appServiceHandlers,
  ...resourceGroupHandlers,
];

/**
 * Joins that need every entity: references by name, networks through
 * subnets, VM NICs, firewall rules and addresses, public IP bindings, web
 * app access with private endpoints, resource group tags. NSG default rules
 * and default outbound access are set when the entities are made.
 */
export function finishNetwork(ctx: LiftContext): void {
  runDeferred(ctx);
  finishFirewalls(ctx);
  resolveApplianceAddresses(ctx);
  bindPublicIps(ctx);
  finishAppAccess(ctx);
  applyResourceGroupTags(ctx);
}
