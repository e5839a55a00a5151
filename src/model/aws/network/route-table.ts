// Route tables, their routes (inline and standalone), subnet and gateway
// associations, main route table associations and VGW route propagation.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Route, RouteTable } from '../../network.js';
import { routeTableById } from './platform-objects.js';
import { linkOrNullTo, linkTo, linksTo, modelIdOf, referencedNative } from './references.js';
import type { RouteAttrs } from './routes.js';
import { CFN_ROUTE, TF_INLINE_ROUTE, TF_ROUTE, routeOf } from './routes.js';
import { routeTargetOf } from './route-targets.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { mayNotExist, ownCondition } from './own-condition.js';
import { forAnyInPlan, forPossibleTargets, possiblyMore } from './uncertain-targets.js';

/** Inline routes; an unknown block list (a `dynamic` block over an unknown collection) leaves the table incomplete. */
function inlineRoutes(r: NativeResource, ctx: LiftContext): { routes: Route[]; complete: Fact<boolean> } {
  const v = field(r.attrs, 'route');
  const routes: Route[] = [];
  if (v && (v.kind === 'unknown' || v.kind === 'ref')) {
    return { routes, complete: unknownFact(causeOf(v, r, 'route'), v.loc ?? r.loc) };
  }
  let complete: Fact<boolean> = defaulted(true, r.loc);
  for (const block of itemsOf(v)) {
    if (block.kind !== 'object') {
      complete = unknownFact(causeOf(block, r, 'route'), block.loc ?? r.loc);
      continue;
    }
    routes.push(routeOf(block, TF_INLINE_ROUTE, r, ctx));
  }
  return { routes, complete };
}

/** Routes propagated from a VPN gateway: their destinations come from the VPN (BGP or static routes). */
function propagatedRoute(vgw: Value, r: NativeResource, ctx: LiftContext, attribute: string): Route {
  const loc = vgw.loc ?? r.loc;
  return {
    destination: unknownFact(
      { inputs: [], detail: `routes propagated from the VPN gateway named by ${attribute} in ${r.address}` },
      loc,
    ),
    target: routeTargetOf(vgw, attribute, r, ctx),
    loc,
    definedBy: r.address,
  };
}

function propagationsOf(r: NativeResource, attribute: string, ctx: LiftContext): { routes: Route[]; complete?: Fact<boolean> } {
  const v = field(r.attrs, attribute);
  if (v && (v.kind === 'unknown' || v.kind === 'ref')) {
    return { routes: [], complete: unknownFact(causeOf(v, r, attribute), v.loc ?? r.loc) };
  }
  return { routes: itemsOf(v).filter((x) => !(x.kind === 'known' && x.value === null)).map((x) => propagatedRoute(x, r, ctx, attribute)) };
}

const terraformRouteTable: LiftHandler = {
  types: ['aws_route_table', 'aws_default_route_table'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const adopted = r.type === 'aws_default_route_table';
    const inline = inlineRoutes(r, ctx);
    const propagated = propagationsOf(r, 'propagating_vgws', ctx);
    const vpcRef = field(r.attrs, adopted ? 'default_route_table_id' : 'vpc_id');
    const vpc = referencedNative(vpcRef, ctx, r);
    const adoptedId = modelIdOf(r, undefined, ctx);
    const table: RouteTable = {
      ...baseOf(r, ctx, tagsOf(r)),
      // A second adoption of the same table (a mistaken count) keeps its own key rather than colliding.
      id: ctx.model.get(adoptedId) ? r.key : adoptedId,
      kind: 'route-table',
      // aws_default_route_table names its VPC only through the VPC's default_route_table_id.
      network: adopted
        ? vpc
          ? fact(vpc.key, vpcRef?.loc ?? r.loc)
          : unknownFact({ inputs: [], detail: `the VPC of ${r.address} is not in the scanned inputs` }, vpcRef?.loc ?? r.loc)
        : linkTo(vpcRef, r, ctx, 'vpc_id'),
      routes: [...inline.routes, ...propagated.routes],
      routesComplete: propagated.complete && inline.complete.known ? propagated.complete : inline.complete,
    };
    ctx.model.add(table);
  },
};

const cloudFormationRouteTable: LiftHandler = {
  types: ['AWS::EC2::RouteTable'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add({
      ...baseOf(r, ctx, tagsOf(r)),
      kind: 'route-table',
      network: linkTo(field(r.attrs, 'VpcId'), r, ctx, 'VpcId'),
      routes: [],
      routesComplete: defaulted(true, r.loc),
    });
  },
};

/** The scanned route table a standalone resource names; one outside the scan cannot be amended. */
function tableNamed(v: Value | undefined, r: NativeResource, ctx: LiftContext, name: string): RouteTable | undefined {
  const id = linkTo(v, r, ctx, name);
  return id.known ? routeTableById(id.value, ctx) : undefined;
}

function standaloneRoute(tableAttr: string, attrs: RouteAttrs): LiftHandler['lift'] {
  return (r, ctx) => {
    const tableRef = field(r.attrs, tableAttr);
    const table = tableNamed(tableRef, r, ctx, tableAttr);
    if (!table) {
      const mark = (t: RouteTable) => (t.routesComplete = possiblyMore(tableRef!, r, 'a route'));
      forPossibleTargets(tableRef, r, ctx, 'route-table', mark);
      forAnyInPlan(tableRef, r, ctx, 'route-table', mark);
      return;
    }
    const route = routeOf(r.attrs, attrs, r, ctx);
    const condition = ownCondition(r, table);
    if (condition) route.conditional = condition;
    table.routes.push(route);
  };
}

const terraformRoute: LiftHandler = {
  types: ['aws_route'],
  sources: TERRAFORM,
  pass: 'amend',
  lift: standaloneRoute('route_table_id', TF_ROUTE),
};

const cloudFormationRoute: LiftHandler = {
  types: ['AWS::EC2::Route'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift: standaloneRoute('RouteTableId', CFN_ROUTE),
};

/**
 * An association whose subnet cannot be told (a plan's `each.value`, a
 * variable) may attach any subnet of the table's VPC that has no association
 * of its own (a subnet has one); a later explicit association still wins.
 */
function mayAttachUnassociated(r: NativeResource, ctx: LiftContext, subnetRef: Value, tableRef: Value | undefined, tableAttr: string): void {
  const vpc = tableNamed(tableRef, r, ctx, tableAttr)?.network;
  if (!vpc?.known) return;
  for (const s of ctx.model.all('subnet')) {
    if (s.network.known && s.network.value === vpc.value && s.routeTable.known && s.routeTable.defaulted) {
      s.routeTable = possiblyMore(subnetRef, r, 'a route table association');
    }
  }
}

/** Subnet or gateway (edge) association. */
function associate(r: NativeResource, ctx: LiftContext, subnetAttr: string, gatewayAttr: string, tableAttr: string): void {
  const tableRef = field(r.attrs, tableAttr);
  const subnetRef = field(r.attrs, subnetAttr);
  if (subnetRef !== undefined && !(subnetRef.kind === 'known' && subnetRef.value === null)) {
    const subnetId = linkTo(subnetRef, r, ctx, subnetAttr);
    const subnet = subnetId.known ? ctx.model.getOf(subnetId.value, 'subnet') : undefined;
    if (!subnet) {
      let named = 0;
      forPossibleTargets(subnetRef, r, ctx, 'subnet', (s) => {
        named++;
        s.routeTable = possiblyMore(subnetRef, r, 'a route table association');
      });
      if (named === 0) mayAttachUnassociated(r, ctx, subnetRef, tableRef, tableAttr);
      return;
    }
    const table = linkOrNullTo(tableRef, r, ctx, tableAttr);
    if (table.known && table.value !== null) routeTableById(table.value, ctx);
    const condition = ownCondition(r, subnet);
    subnet.routeTable = condition ? mayNotExist(r, condition, table.loc ?? r.loc) : table;
    return;
  }
  const table = tableNamed(tableRef, r, ctx, tableAttr);
  if (!table) return;
  const gateway = linkTo(field(r.attrs, gatewayAttr), r, ctx, gatewayAttr);
  const current = table.gatewayAssociations;
  table.gatewayAssociations =
    current && !current.known ? current : fact([...(current?.value ?? []), gateway], current?.loc ?? gateway.loc);
}

const terraformAssociation: LiftHandler = {
  types: ['aws_route_table_association'],
  sources: TERRAFORM,
  pass: 'amend',
  lift: (r, ctx) => associate(r, ctx, 'subnet_id', 'gateway_id', 'route_table_id'),
};

const cloudFormationSubnetAssociation: LiftHandler = {
  types: ['AWS::EC2::SubnetRouteTableAssociation'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift: (r, ctx) => associate(r, ctx, 'SubnetId', 'GatewayId', 'RouteTableId'),
};

const cloudFormationGatewayAssociation: LiftHandler = {
  types: ['AWS::EC2::GatewayRouteTableAssociation'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift: (r, ctx) => associate(r, ctx, 'SubnetId', 'GatewayId', 'RouteTableId'),
};

/** Replaces the VPC's main route table: unassociated subnets route through this table from then on. */
const terraformMainAssociation: LiftHandler = {
  types: ['aws_main_route_table_association'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const vpc = linkTo(field(r.attrs, 'vpc_id'), r, ctx, 'vpc_id');
    const network = vpc.known ? ctx.model.getOf(vpc.value, 'network') : undefined;
    if (!network) return;
    const table = linkTo(field(r.attrs, 'route_table_id'), r, ctx, 'route_table_id');
    if (table.known) routeTableById(table.value, ctx);
    network.mainRouteTable = table;
  },
};

function addPropagation(table: RouteTable, vgw: Value, r: NativeResource, ctx: LiftContext, attribute: string): void {
  table.routes.push(propagatedRoute(vgw, r, ctx, attribute));
}

const terraformPropagation: LiftHandler = {
  types: ['aws_vpn_gateway_route_propagation'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const table = tableNamed(field(r.attrs, 'route_table_id'), r, ctx, 'route_table_id');
    const vgw = field(r.attrs, 'vpn_gateway_id');
    if (table && vgw) addPropagation(table, vgw, r, ctx, 'vpn_gateway_id');
  },
};

const cloudFormationPropagation: LiftHandler = {
  types: ['AWS::EC2::VPNGatewayRoutePropagation'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift(r, ctx) {
    const vgw = field(r.attrs, 'VpnGatewayId');
    const tables = linksTo(field(r.attrs, 'RouteTableIds'), r, ctx, 'RouteTableIds');
    if (!vgw || !tables.known) return;
    for (const id of tables.value) {
      const table = id.known ? routeTableById(id.value, ctx) : undefined;
      if (table) addPropagation(table, vgw, r, ctx, 'VpnGatewayId');
    }
  },
};

export const routeTableHandlers: LiftHandler[] = [
  terraformRouteTable,
  cloudFormationRouteTable,
  terraformRoute,
  cloudFormationRoute,
  terraformAssociation,
  cloudFormationSubnetAssociation,
  cloudFormationGatewayAssociation,
  terraformMainAssociation,
  terraformPropagation,
  cloudFormationPropagation,
];
