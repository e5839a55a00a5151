// Transit gateways: the gateway and its default route table, VPC and peering
// attachments, route tables, associations, propagations and static routes.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, mapFact, unknownFact } from '../../fact.js';
import { boolFact, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Connection, Gateway, TransitRouteTable } from '../../network.js';
import { linkTo, linksTo, referencedNative, transitDefaultRouteTableId } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { mayNotExist, ownCondition } from './own-condition.js';
import { forPossibleTargets, possiblyMore } from './uncertain-targets.js';
import { isWritten } from './written.js';

interface GatewayAttrs {
  association: string;
  propagation: string;
  associationTable: string;
  propagationTable: string;
}

const TF_GATEWAY: GatewayAttrs = {
  association: 'default_route_table_association',
  propagation: 'default_route_table_propagation',
  associationTable: 'association_default_route_table_id',
  propagationTable: 'propagation_default_route_table_id',
};

const CFN_GATEWAY: GatewayAttrs = {
  association: 'DefaultRouteTableAssociation',
  propagation: 'DefaultRouteTablePropagation',
  associationTable: 'AssociationDefaultRouteTableId',
  propagationTable: 'PropagationDefaultRouteTableId',
};

function gatewayAttrsOf(r: NativeResource): GatewayAttrs {
  return r.source === 'cloudformation' ? CFN_GATEWAY : TF_GATEWAY;
}

/** `enable` / `disable`; both sources default to `enable`. */
function enabled(r: NativeResource, attribute: string): Fact<boolean> {
  const f = stringFact(field(r.attrs, attribute), r, { name: attribute, default: 'enable' });
  if (!f.known) return f;
  if (f.value === 'enable' || f.value === 'disable') return { ...f, value: f.value === 'enable' };
  return unknownFact({ inputs: [], detail: `${attribute} = ${JSON.stringify(f.value)} is not a valid value` }, f.loc);
}

/**
 * The table attachments are associated with (or propagate to) by default:
 * a table named explicitly, the one the gateway creates, or none when the
 * default is disabled.
 */
function defaultTable(tgw: NativeResource, ctx: LiftContext, toggle: string, tableAttr: string): Fact<string | null> {
  const on = enabled(tgw, toggle);
  if (!on.known) return on;
  if (!on.value) return { ...on, value: null };
  const named = field(tgw.attrs, tableAttr);
  if (isWritten(named)) return linkTo(named, tgw, ctx, tableAttr);
  return { ...on, value: transitDefaultRouteTableId(tgw.key) };
}

function transitGateway(types: string[], sources: LiftHandler['sources']): LiftHandler {
  return { types, sources, pass: 'entity', lift: liftTransitGateway };
}

function liftTransitGateway(r: NativeResource, ctx: LiftContext): void {
  const a = gatewayAttrsOf(r);
  const association = defaultTable(r, ctx, a.association, a.associationTable);
  const propagation = defaultTable(r, ctx, a.propagation, a.propagationTable);
  const gateway: Gateway = {
    ...baseOf(r, ctx, tagsOf(r)),
    kind: 'gateway',
    gatewayType: 'transit',
    defaultRouteTable: association,
  };
  ctx.model.add(gateway);
  const own = transitDefaultRouteTableId(r.key);
  const createsTable = [association, propagation].some((f) => f.known && f.value === own);
  if (createsTable) {
    const table: TransitRouteTable = {
      ...baseOf(r, ctx, undefined),
      id: own,
      address: `${r.address}#default-route-table`,
      kind: 'transit-route-table',
      gateway: fact(r.key, r.loc),
      routes: [],
      platformDefault: 'transit gateway default route table',
    };
    ctx.model.add(table);
  }
}

/** The table the gateway propagates attachments to by default, read from the gateway's native definition. */
function defaultPropagationTable(tgwRef: Value | undefined, r: NativeResource, ctx: LiftContext, attribute: string): Fact<string | null> {
  const tgw = referencedNative(tgwRef, ctx, r);
  // The gateway's entity may not be lifted yet in this pass; its definition is enough.
  if (tgw && (tgw.type === 'aws_ec2_transit_gateway' || tgw.type === 'AWS::EC2::TransitGateway')) {
    const a = gatewayAttrsOf(tgw);
    return defaultTable(tgw, ctx, a.propagation, a.propagationTable);
  }
  const link = linkTo(tgwRef, r, ctx, attribute);
  if (!link.known) return link;
  return unknownFact({ inputs: [link.value], detail: `the default propagation table of ${link.value} is not known` }, link.loc);
}

/**
 * How an attachment is routed when no association or propagation resource
 * says otherwise. Association: `null`, the gateway's default (which the
 * gateway may have disabled). An attachment that opts out of the default
 * association is associated elsewhere, possibly outside the scan: unknown
 * until an association resource amends it. Propagation: to the gateway's
 * default propagation table unless the gateway or the attachment opts out.
 */
export function defaultRouting(
  r: NativeResource,
  ctx: LiftContext,
  tgwAttr: string,
  optOut?: { association: string; propagation: string },
): { routeTable: Fact<string | null>; propagations: Connection['propagations'] } {
  let routeTable: Fact<string | null> = defaulted(null, r.loc);
  if (optOut) {
    const flag = boolFact(field(r.attrs, optOut.association), r, { name: optOut.association, default: true });
    if (!flag.known) routeTable = flag;
    else if (!flag.value) {
      routeTable = unknownFact(
        {
          inputs: ['aws_ec2_transit_gateway_route_table_association'],
          detail: `${r.address} opts out of the default association and no association for it is scanned`,
        },
        flag.loc,
      );
    }
  }
  let propagated = defaultPropagationTable(field(r.attrs, tgwAttr), r, ctx, tgwAttr);
  if (optOut) {
    const flag = boolFact(field(r.attrs, optOut.propagation), r, { name: optOut.propagation, default: true });
    if (!flag.known) propagated = flag;
    else if (!flag.value) propagated = { ...flag, value: null };
  }
  const propagations = propagated.known
    ? fact(propagated.value === null ? [] : [fact(propagated.value, propagated.loc) as Link], propagated.loc)
    : propagated;
  return { routeTable, propagations };
}

interface AttachmentAttrs {
  tgw: string;
  vpc: string;
  subnets: string;
  optOut?: { association: string; propagation: string };
}

function vpcAttachment(types: string[], sources: LiftHandler['sources'], a: AttachmentAttrs): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const connection: Connection = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'connection',
        connectionType: 'transit-gateway-attachment',
        from: linkTo(field(r.attrs, a.vpc), r, ctx, a.vpc),
        to: linkTo(field(r.attrs, a.tgw), r, ctx, a.tgw),
        subnets: linksTo(field(r.attrs, a.subnets), r, ctx, a.subnets),
        ...defaultRouting(r, ctx, a.tgw, a.optOut),
      };
      ctx.model.add(connection);
    },
  };
}

/** A peering attachment joins two transit gateways; it takes static routes only, never propagation. */
function peeringAttachment(types: string[], sources: LiftHandler['sources'], tgw: string, peer: string): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      ctx.model.add({
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'connection',
        connectionType: 'transit-gateway-attachment',
        from: linkTo(field(r.attrs, tgw), r, ctx, tgw),
        to: linkTo(field(r.attrs, peer), r, ctx, peer),
        routeTable: defaultRouting(r, ctx, tgw).routeTable,
        propagations: defaulted([], r.loc),
      });
    },
  };
}

function routeTable(types: string[], sources: LiftHandler['sources'], tgw: string): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      ctx.model.add({
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'transit-route-table',
        gateway: linkTo(field(r.attrs, tgw), r, ctx, tgw),
        routes: [],
      });
    },
  };
}

function attachmentNamed(v: Value | undefined, r: NativeResource, ctx: LiftContext, name: string): Connection | undefined {
  const id = linkTo(v, r, ctx, name);
  return id.known ? ctx.model.getOf(id.value, 'connection') : undefined;
}

function association(types: string[], sources: LiftHandler['sources'], attachment: string, table: string): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      const ref = field(r.attrs, attachment);
      const connection = attachmentNamed(ref, r, ctx, attachment);
      const condition = connection ? ownCondition(r, connection) : undefined;
      const link = linkTo(field(r.attrs, table), r, ctx, table);
      if (connection) connection.routeTable = condition ? mayNotExist(r, condition, link.loc ?? r.loc) : link;
      else forPossibleTargets(ref, r, ctx, 'connection', (c) => (c.routeTable = possiblyMore(ref!, r, 'a route table association')));
    },
  };
}

function propagation(types: string[], sources: LiftHandler['sources'], attachment: string, table: string): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      const ref = field(r.attrs, attachment);
      const connection = attachmentNamed(ref, r, ctx, attachment);
      if (!connection) {
        forPossibleTargets(ref, r, ctx, 'connection', (c) => (c.propagations = possiblyMore(ref!, r, 'a propagation')));
        return;
      }
      const link = linkTo(field(r.attrs, table), r, ctx, table);
      const current = connection.propagations;
      if (current && !current.known) return;
      const condition = ownCondition(r, connection);
      connection.propagations = fact([...(current?.value ?? []), condition ? mayNotExist(r, condition, link.loc ?? r.loc) : link], current?.loc ?? link.loc);
    },
  };
}

interface RouteAttrs {
  table: string;
  destination: string;
  attachment: string;
  blackhole: string;
}

function staticRoute(types: string[], sources: LiftHandler['sources'], a: RouteAttrs): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      const id = linkTo(field(r.attrs, a.table), r, ctx, a.table);
      const table = id.known ? ctx.model.getOf(id.value, 'transit-route-table') : undefined;
      if (!table) return;
      const blackhole = boolFact(field(r.attrs, a.blackhole), r, { name: a.blackhole, default: false });
      const attachmentRef = field(r.attrs, a.attachment);
      const attachment: Fact<string | null> = !blackhole.known
        ? blackhole
        : blackhole.value
          ? fact(null, blackhole.loc)
          : mapFact(linkTo(attachmentRef, r, ctx, a.attachment), (x): string | null => x);
      table.routes.push({
        destination: stringFact(field(r.attrs, a.destination), r, { name: a.destination }),
        attachment,
        loc: r.loc,
        definedBy: r.address,
      });
    },
  };
}

export const transitGatewayHandlers: LiftHandler[] = [
  transitGateway(['aws_ec2_transit_gateway'], TERRAFORM),
  transitGateway(['AWS::EC2::TransitGateway'], CLOUDFORMATION),
  vpcAttachment(['aws_ec2_transit_gateway_vpc_attachment'], TERRAFORM, {
    tgw: 'transit_gateway_id',
    vpc: 'vpc_id',
    subnets: 'subnet_ids',
    optOut: {
      association: 'transit_gateway_default_route_table_association',
      propagation: 'transit_gateway_default_route_table_propagation',
    },
  }),
  vpcAttachment(['AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayVpcAttachment'], CLOUDFORMATION, {
    tgw: 'TransitGatewayId',
    vpc: 'VpcId',
    subnets: 'SubnetIds',
  }),
  peeringAttachment(['aws_ec2_transit_gateway_peering_attachment'], TERRAFORM, 'transit_gateway_id', 'peer_transit_gateway_id'),
  peeringAttachment(['AWS::EC2::TransitGatewayPeeringAttachment'], CLOUDFORMATION, 'TransitGatewayId', 'PeerTransitGatewayId'),
  routeTable(['aws_ec2_transit_gateway_route_table'], TERRAFORM, 'transit_gateway_id'),
  routeTable(['AWS::EC2::TransitGatewayRouteTable'], CLOUDFORMATION, 'TransitGatewayId'),
  association(
    ['aws_ec2_transit_gateway_route_table_association'],
    TERRAFORM,
    'transit_gateway_attachment_id',
    'transit_gateway_route_table_id',
  ),
  association(
    ['AWS::EC2::TransitGatewayRouteTableAssociation'],
    CLOUDFORMATION,
    'TransitGatewayAttachmentId',
    'TransitGatewayRouteTableId',
  ),
  propagation(
    ['aws_ec2_transit_gateway_route_table_propagation'],
    TERRAFORM,
    'transit_gateway_attachment_id',
    'transit_gateway_route_table_id',
  ),
  propagation(
    ['AWS::EC2::TransitGatewayRouteTablePropagation'],
    CLOUDFORMATION,
    'TransitGatewayAttachmentId',
    'TransitGatewayRouteTableId',
  ),
  staticRoute(['aws_ec2_transit_gateway_route'], TERRAFORM, {
    table: 'transit_gateway_route_table_id',
    destination: 'destination_cidr_block',
    attachment: 'transit_gateway_attachment_id',
    blackhole: 'blackhole',
  }),
  staticRoute(['AWS::EC2::TransitGatewayRoute'], CLOUDFORMATION, {
    table: 'TransitGatewayRouteTableId',
    destination: 'DestinationCidrBlock',
    attachment: 'TransitGatewayAttachmentId',
    blackhole: 'Blackhole',
  }),
];
