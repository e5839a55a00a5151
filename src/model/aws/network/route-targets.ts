// What a route points at. The kind comes from the TYPE of the referenced
// resource (a `gateway_id` that references an `aws_nat_gateway` is a NAT),
// or from the ID prefix of a literal; anything else is 'unknown'.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import type { RouteTarget, RouteTargetKind } from '../../network.js';
import { linkTo, modelIdOf, nativesBehind, referencedNative } from './references.js';

const KIND_BY_TYPE: Record<string, RouteTargetKind> = {
  aws_internet_gateway: 'internet-gateway',
  'AWS::EC2::InternetGateway': 'internet-gateway',
  aws_egress_only_internet_gateway: 'egress-only-internet-gateway',
  'AWS::EC2::EgressOnlyInternetGateway': 'egress-only-internet-gateway',
  aws_nat_gateway: 'nat-gateway',
  'AWS::EC2::NatGateway': 'nat-gateway',
  aws_ec2_transit_gateway: 'transit-gateway',
  'AWS::EC2::TransitGateway': 'transit-gateway',
  aws_vpc_peering_connection: 'peering',
  aws_vpc_peering_connection_accepter: 'peering',
  'AWS::EC2::VPCPeeringConnection': 'peering',
  aws_vpc_endpoint: 'vpc-endpoint',
  'AWS::EC2::VPCEndpoint': 'vpc-endpoint',
  aws_networkfirewall_firewall: 'firewall',
  'AWS::NetworkFirewall::Firewall': 'firewall',
  aws_instance: 'instance',
  'AWS::EC2::Instance': 'instance',
  aws_network_interface: 'network-interface',
  'AWS::EC2::NetworkInterface': 'network-interface',
  aws_vpn_gateway: 'virtual-private-gateway',
  'AWS::EC2::VPNGateway': 'virtual-private-gateway',
  aws_ec2_carrier_gateway: 'carrier-gateway',
  'AWS::EC2::CarrierGateway': 'carrier-gateway',
};

/** Target types kikan recognises but does not lift into an entity. */
const NOT_MODELLED = new Set(['aws_ec2_carrier_gateway', 'AWS::EC2::CarrierGateway']);

/** `eigw-` must be tried before `i-`. */
const KIND_BY_PREFIX: [string, RouteTargetKind][] = [
  ['eigw-', 'egress-only-internet-gateway'],
  ['igw-', 'internet-gateway'],
  ['nat-', 'nat-gateway'],
  ['tgw-', 'transit-gateway'],
  ['pcx-', 'peering'],
  ['vpce-', 'vpc-endpoint'],
  ['eni-', 'network-interface'],
  ['vgw-', 'virtual-private-gateway'],
  ['cagw-', 'carrier-gateway'],
  ['lgw-', 'local-gateway'],
  ['i-', 'instance'],
];

/**
 * Target attributes that accept one kind of target only (the API rejects
 * anything else), so an unknown value still has a known kind. `gateway_id`
 * and `vpc_endpoint_id` take several and are not listed.
 */
const KIND_BY_ATTRIBUTE: Record<string, RouteTargetKind> = {
  nat_gateway_id: 'nat-gateway',
  NatGatewayId: 'nat-gateway',
  transit_gateway_id: 'transit-gateway',
  TransitGatewayId: 'transit-gateway',
  vpc_peering_connection_id: 'peering',
  VpcPeeringConnectionId: 'peering',
  egress_only_gateway_id: 'egress-only-internet-gateway',
  EgressOnlyInternetGatewayId: 'egress-only-internet-gateway',
  network_interface_id: 'network-interface',
  NetworkInterfaceId: 'network-interface',
  instance_id: 'instance',
  InstanceId: 'instance',
  carrier_gateway_id: 'carrier-gateway',
  CarrierGatewayId: 'carrier-gateway',
  local_gateway_id: 'local-gateway',
  LocalGatewayId: 'local-gateway',
};

export function kindOfId(id: string): RouteTargetKind {
  if (id === 'local') return 'local';
  for (const [prefix, kind] of KIND_BY_PREFIX) if (id.startsWith(prefix)) return kind;
  return 'unknown';
}

/**
 * The target of a route given by one target attribute. `attribute` is the
 * attribute name, used in messages; the attribute itself never decides the
 * kind, since `gateway_id` is routinely given a NAT gateway or a VGW.
 */
export function routeTargetOf(
  v: Value,
  attribute: string,
  from: NativeResource,
  ctx: LiftContext,
): Fact<RouteTarget> {
  const loc = v.loc ?? from.loc;
  const target = referencedNative(v, ctx, from);
  if (target) {
    const kind = KIND_BY_TYPE[target.type] ?? 'unknown';
    if (kind === 'unknown' || NOT_MODELLED.has(target.type)) return fact({ kind }, loc);
    return fact({ kind, ref: linkTo(v, from, ctx, attribute) }, loc);
  }
  if (v.kind === 'known' && typeof v.value === 'string') {
    const kind = kindOfId(v.value);
    if (kind === 'local') return fact({ kind }, loc);
    // A literal ID of something outside the scan: the kind is known, the object is not.
    return fact({ kind, ref: linkTo(v, from, ctx, attribute) }, loc);
  }
  const behind = nativesBehind(v, from, ctx);
  const kinds = new Set(behind?.map((n) => KIND_BY_TYPE[n.type] ?? 'unknown'));
  const only = kinds.size === 1 ? [...kinds][0] : undefined;
  if (behind && only && only !== 'unknown') {
    // Computed from one kind of target only (a firewall's endpoint ID out of its status): that kind, and the
    // object itself when it is a single one.
    const single = behind.length === 1 && !NOT_MODELLED.has(behind[0]!.type) ? behind[0] : undefined;
    const ref = single ? fact(modelIdOf(single, undefined, ctx), loc) : unknownFact(causeOf(v, from, attribute), loc);
    return fact({ kind: only, ref }, loc);
  }
  const cause =
    v.kind === 'ref'
      ? // A resource that is not scanned (a module output that is not resolved).
        { inputs: [v.target.split('#').pop() ?? v.target], detail: `${attribute} refers to a resource outside the scan` }
      : causeOf(v, from, attribute);
  const byAttribute = KIND_BY_ATTRIBUTE[attribute];
  if (byAttribute) return fact({ kind: byAttribute, ref: unknownFact(cause, loc) }, loc);
  return unknownFact(cause, loc);
}
