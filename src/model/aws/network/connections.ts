// Connections between networks: VPC peering (and its acceptance), VPN
// connections and Direct Connect gateway associations.
import type { NativeResource } from '../../../readers/native.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Connection } from '../../network.js';
import { linkTo } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { defaultRouting } from './transit-gateway.js';
import { isWritten } from './written.js';

/**
 * Terraform: accepted when `auto_accept` is on (same account and region only).
 * A request to another account or region waits for the peer's acceptance,
 * which the peer's code holds; a same-account request without auto-accept
 * stays pending until an accepter resource accepts it (amended later).
 */
function terraformAccepted(r: NativeResource): Fact<boolean> {
  const auto = boolFact(field(r.attrs, 'auto_accept'), r, { name: 'auto_accept', default: false });
  if (!auto.known || auto.value) return auto;
  for (const attr of ['peer_owner_id', 'peer_region']) {
    const v = field(r.attrs, attr);
    if (isWritten(v)) {
      return unknownFact(
        { inputs: [attr], detail: `${r.address} waits for acceptance by the peer (${attr}), outside the scanned code` },
        v.loc ?? r.loc,
      );
    }
  }
  return auto;
}

/** CloudFormation accepts a same-account request itself, and a cross-account one through `PeerRoleArn`. */
function cloudFormationAccepted(r: NativeResource): Fact<boolean> {
  const role = field(r.attrs, 'PeerRoleArn');
  if (isWritten(role)) return fact(true, role.loc ?? r.loc);
  const owner = field(r.attrs, 'PeerOwnerId');
  if (!isWritten(owner)) return defaulted(true, r.loc);
  return unknownFact(
    { inputs: ['PeerOwnerId'], detail: `${r.address} waits for acceptance by account of PeerOwnerId, outside the scanned code` },
    owner.loc ?? r.loc,
  );
}

function peering(
  types: string[],
  sources: LiftHandler['sources'],
  vpc: string,
  peer: string,
  accepted: (r: NativeResource) => Fact<boolean>,
): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      ctx.model.add({
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'connection',
        connectionType: 'vpc-peering',
        from: linkTo(field(r.attrs, vpc), r, ctx, vpc),
        to: linkTo(field(r.attrs, peer), r, ctx, peer),
        accepted: accepted(r),
      });
    },
  };
}

/**
 * The accepter side. When the request is scanned too, it marks the request
 * accepted; otherwise (the request lives in another account's code) it is a
 * connection of its own whose requester is unknown.
 */
const terraformAccepter: LiftHandler = {
  types: ['aws_vpc_peering_connection_accepter'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const request = linkTo(field(r.attrs, 'vpc_peering_connection_id'), r, ctx, 'vpc_peering_connection_id');
    const accepted = boolFact(field(r.attrs, 'auto_accept'), r, { name: 'auto_accept', default: false });
    if (request.known && ctx.links.native(request.value)) return;
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'connection',
      connectionType: 'vpc-peering',
      from: request,
      to: unknownFact(
        { inputs: [], detail: `the accepter VPC of ${r.address} is only known after deployment` },
        r.loc,
      ),
      accepted,
    });
  },
};

const terraformAcceptance: LiftHandler = {
  types: ['aws_vpc_peering_connection_accepter'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const request = linkTo(field(r.attrs, 'vpc_peering_connection_id'), r, ctx, 'vpc_peering_connection_id');
    const connection = request.known ? ctx.model.getOf(request.value, 'connection') : undefined;
    if (!connection) return;
    const accepted = boolFact(field(r.attrs, 'auto_accept'), r, { name: 'auto_accept', default: false });
    if (connection.accepted?.known && connection.accepted.value) return;
    connection.accepted = accepted;
  },
};

interface VpnAttrs {
  customerGateway: string;
  vpnGateway: string;
  transitGateway: string;
}

/** A VPN joins an on-premises network (its customer gateway) to a VPN gateway or a transit gateway. */
function vpnConnection(types: string[], sources: LiftHandler['sources'], a: VpnAttrs): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const tgw = field(r.attrs, a.transitGateway);
      const connection: Connection = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'connection',
        connectionType: 'vpn',
        from: linkTo(field(r.attrs, a.customerGateway), r, ctx, a.customerGateway),
        to: isWritten(tgw)
          ? linkTo(tgw, r, ctx, a.transitGateway)
          : linkTo(field(r.attrs, a.vpnGateway), r, ctx, a.vpnGateway),
      };
      if (isWritten(tgw)) Object.assign(connection, defaultRouting(r, ctx, a.transitGateway));
      ctx.model.add(connection);
    },
  };
}

/** Joins a Direct Connect gateway to a VPN gateway or a transit gateway. */
const terraformDirectConnectAssociation: LiftHandler = {
  types: ['aws_dx_gateway_association'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const associated = field(r.attrs, 'associated_gateway_id');
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'connection',
      connectionType: 'direct-connect',
      from: linkTo(field(r.attrs, 'dx_gateway_id'), r, ctx, 'dx_gateway_id'),
      to: isWritten(associated)
        ? linkTo(associated, r, ctx, 'associated_gateway_id')
        : linkTo(field(r.attrs, 'vpn_gateway_id'), r, ctx, 'vpn_gateway_id'),
    });
  },
};

export const connectionHandlers: LiftHandler[] = [
  peering(['aws_vpc_peering_connection'], TERRAFORM, 'vpc_id', 'peer_vpc_id', terraformAccepted),
  peering(['AWS::EC2::VPCPeeringConnection'], CLOUDFORMATION, 'VpcId', 'PeerVpcId', cloudFormationAccepted),
  terraformAccepter,
  terraformAcceptance,
  vpnConnection(['aws_vpn_connection'], TERRAFORM, {
    customerGateway: 'customer_gateway_id',
    vpnGateway: 'vpn_gateway_id',
    transitGateway: 'transit_gateway_id',
  }),
  vpnConnection(['AWS::EC2::VPNConnection'], CLOUDFORMATION, {
    customerGateway: 'CustomerGatewayId',
    vpnGateway: 'VpnGatewayId',
    transitGateway: 'TransitGatewayId',
  }),
  terraformDirectConnectAssociation,
];
