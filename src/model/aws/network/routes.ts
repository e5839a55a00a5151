// One route, as written inline in a route table (`route { … }`) or as a
// standalone resource (`aws_route`, `AWS::EC2::Route`).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import { unknownFact } from '../../fact.js';
import { stringFact } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import type { Route } from '../../network.js';
import { routeTargetOf } from './route-targets.js';
import { isWritten } from './written.js';

export interface RouteAttrs {
  destinations: readonly string[];
  targets: readonly string[];
}

/** Inline `route` blocks of `aws_route_table` / `aws_default_route_table`. */
export const TF_INLINE_ROUTE: RouteAttrs = {
  destinations: ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'],
  targets: [
    'gateway_id',
    'nat_gateway_id',
    'transit_gateway_id',
    'vpc_peering_connection_id',
    'vpc_endpoint_id',
    'network_interface_id',
    'instance_id',
    'egress_only_gateway_id',
    'carrier_gateway_id',
    'local_gateway_id',
    'core_network_arn',
  ],
};

export const TF_ROUTE: RouteAttrs = {
  destinations: ['destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'],
  targets: TF_INLINE_ROUTE.targets,
};

export const CFN_ROUTE: RouteAttrs = {
  destinations: ['DestinationCidrBlock', 'DestinationIpv6CidrBlock', 'DestinationPrefixListId'],
  targets: [
    'GatewayId',
    'NatGatewayId',
    'TransitGatewayId',
    'VpcPeeringConnectionId',
    'VpcEndpointId',
    'NetworkInterfaceId',
    'InstanceId',
    'EgressOnlyInternetGatewayId',
    'CarrierGatewayId',
    'LocalGatewayId',
    'CoreNetworkArn',
  ],
};

function firstSet(block: Value, names: readonly string[]): [string, Value] | undefined {
  for (const n of names) {
    const v = field(block, n);
    if (isWritten(v)) return [n, v];
  }
  return undefined;
}

/** Reads a route from `block`: an inline block (located at the block), or a standalone route's attributes (at the resource). */
export function routeOf(block: Value, attrs: RouteAttrs, r: NativeResource, ctx: LiftContext): Route {
  const loc = block === r.attrs ? r.loc : (block.loc ?? r.loc);
  const dest = firstSet(block, attrs.destinations);
  const target = firstSet(block, attrs.targets);
  return {
    destination: dest
      ? stringFact(dest[1], r, { name: dest[0] })
      : unknownFact({ inputs: [], detail: `a route in ${r.address} has no destination` }, loc),
    target: target
      ? routeTargetOf(target[1], target[0], r, ctx)
      : unknownFact({ inputs: [], detail: `a route in ${r.address} has no target` }, loc),
    loc,
    definedBy: r.address,
  };
}
