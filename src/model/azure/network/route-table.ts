// Route tables and user-defined routes: inline `routes` / `route` blocks,
// ARM `routeTables/routes` child resources and `azurerm_route`, which add
// routes to their table in the amend pass.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { Route, RouteTable, RouteTarget, RouteTargetKind } from '../../network.js';
import { armPath, attr, isSet, prop, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { armParentLink } from './arm-parent.js';
import { FIREWALLS, ROUTE_TABLE, ROUTE_TABLES } from './kinds.js';
import { idByName, registerName } from './name-index.js';
import { linkTo } from './references.js';
import { resourceGroupId } from './resource-ids.js';
import { ARM, TERRAFORM } from './sources.js';

const NEXT_HOPS: Record<string, RouteTargetKind> = {
  internet: 'internet',
  virtualappliance: 'virtual-appliance',
  virtualnetworkgateway: 'virtual-network-gateway',
  vnetlocal: 'vnet-local',
  none: 'none',
};

interface RouteValues {
  prefix: Value | undefined;
  hopType: Value | undefined;
  hopAddress: Value | undefined;
  names: { prefix: string; hopType: string; hopAddress: string };
}

/**
 * A next hop address written as ARM `reference(resourceId('Microsoft.Network/azureFirewalls', '<name>')…)`
 * names that firewall, deployed in the route's resource group.
 */
function armFirewallReference(v: Value, r: NativeResource, ctx: LiftContext): Link | undefined {
  if (r.source !== 'arm' || v.kind !== 'unknown' || !v.expr) return undefined;
  const m = /reference\(\s*resourceId\(\s*'Microsoft\.Network\/azureFirewalls'\s*,\s*'([^']+)'\s*\)/i.exec(v.expr);
  const rg = r.ids?.[0] ? resourceGroupId(r.ids[0]) : undefined;
  if (!m || !rg) return undefined;
  const n = ctx.links.byIdentity(`${rg}/providers/Microsoft.Network/azureFirewalls/${m[1]}`);
  return n && FIREWALLS.has(n.type) ? fact(n.key, v.loc) : undefined;
}

/** The firewall a next hop address is read from, when it is a reference to one. */
function applianceRef(v: Value | undefined, r: NativeResource, ctx: LiftContext, name: string): Link | undefined {
  if (!v) return undefined;
  if (v.kind === 'ref') {
    const n = ctx.links.native(v.target);
    return n && FIREWALLS.has(n.type) ? linkTo(v, r, ctx, name, FIREWALLS) : undefined;
  }
  return armFirewallReference(v, r, ctx);
}

function targetOf(v: RouteValues, r: NativeResource, ctx: LiftContext): Fact<RouteTarget> {
  const t = stringFact(v.hopType, r, { name: v.names.hopType });
  if (!t.known) return t;
  const kind = NEXT_HOPS[t.value.toLowerCase()];
  if (!kind) return unknownFact({ inputs: [], detail: `${v.names.hopType} = ${JSON.stringify(t.value)} is not a next hop type` }, t.loc);
  const target: RouteTarget = { kind };
  if (kind === 'virtual-appliance') {
    target.address = stringFact(v.hopAddress, r, { name: v.names.hopAddress });
    const ref = applianceRef(v.hopAddress, r, ctx, v.names.hopAddress);
    if (ref) target.ref = ref;
  }
  return fact(target, t.loc);
}

function routeOf(v: RouteValues, r: NativeResource, ctx: LiftContext, loc = r.loc): Route {
  return {
    destination: stringFact(v.prefix, r, { name: v.names.prefix }),
    target: targetOf(v, r, ctx),
    loc,
    definedBy: r.address,
  };
}

const ARM_ROUTE_NAMES = { prefix: 'addressPrefix', hopType: 'nextHopType', hopAddress: 'nextHopIpAddress' };
const TF_ROUTE_NAMES = { prefix: 'address_prefix', hopType: 'next_hop_type', hopAddress: 'next_hop_in_ip_address' };

function armRouteValues(props: Value | undefined): RouteValues {
  return {
    prefix: armPath(props, 'addressPrefix'),
    hopType: armPath(props, 'nextHopType'),
    hopAddress: armPath(props, 'nextHopIpAddress'),
    names: ARM_ROUTE_NAMES,
  };
}

function tfRouteValues(block: Value | undefined): RouteValues {
  return {
    prefix: tfPath(block, 'address_prefix'),
    hopType: tfPath(block, 'next_hop_type'),
    hopAddress: tfPath(block, 'next_hop_in_ip_address'),
    names: TF_ROUTE_NAMES,
  };
}

/** Inline routes; an unknown list leaves the table's routes incomplete. */
function inlineRoutes(list: Value | undefined, r: NativeResource, ctx: LiftContext, values: (item: Value) => RouteValues): { routes: Route[]; complete: Fact<boolean> } {
  if (list && (list.kind === 'unknown' || list.kind === 'ref')) {
    return { routes: [], complete: unknownFact(causeOf(list, r, 'routes'), list.loc ?? r.loc) };
  }
  const routes = itemsOf(list)
    .filter((item) => item.kind === 'object')
    .map((item) => routeOf(values(item), r, ctx, item.loc ?? r.loc));
  return { routes, complete: fact(true, list?.loc ?? r.loc) };
}

const armRouteTable: LiftHandler = {
  types: [ROUTE_TABLE],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const { routes, complete } = inlineRoutes(prop(r, 'routes'), r, ctx, (item) => armRouteValues(armPath(item, 'properties')));
    const disabled = boolFact(prop(r, 'disableBgpRoutePropagation'), r, { name: 'disableBgpRoutePropagation', default: false });
    const table: RouteTable = {
      ...azureBase(r, ctx),
      kind: 'route-table',
      routes,
      routesComplete: complete,
      bgpRoutePropagation: disabled.known ? { ...disabled, value: !disabled.value } : disabled,
    };
    ctx.model.add(table);
  },
};

function tfBgpPropagation(r: NativeResource): Fact<boolean> {
  // azurerm 4.x writes it positively, 3.x as `disable_bgp_route_propagation`; both default to propagating.
  const disabled = attr(r, 'disable_bgp_route_propagation');
  if (isSet(disabled) && !isSet(attr(r, 'bgp_route_propagation_enabled'))) {
    const d = boolFact(disabled, r, { name: 'disable_bgp_route_propagation' });
    return d.known ? { ...d, value: !d.value } : d;
  }
  return boolFact(attr(r, 'bgp_route_propagation_enabled'), r, { name: 'bgp_route_propagation_enabled', default: true });
}

const tfRouteTable: LiftHandler = {
  types: ['azurerm_route_table'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    registerName(ctx, ROUTE_TABLE, attr(r, 'resource_group_name'), [attr(r, 'name')], r.key, r);
    const { routes, complete } = inlineRoutes(attr(r, 'route'), r, ctx, tfRouteValues);
    ctx.model.add({ ...azureBase(r, ctx), kind: 'route-table', routes, routesComplete: complete, bgpRoutePropagation: tfBgpPropagation(r) });
  },
};

/** A route resource of its own; one that exists only under a condition may or may not cover its destination. */
function standaloneRoute(v: RouteValues, r: NativeResource, ctx: LiftContext): Route {
  const route = routeOf(v, r, ctx);
  if (r.conditional) {
    const shown = route.destination.known ? route.destination.value : 'its destination';
    route.destination = unknownFact({ ...r.conditional, detail: `${r.address} routes ${shown} only under a condition: ${r.conditional.detail}` }, route.destination.loc ?? r.loc);
  }
  return route;
}

function addRoute(table: Link, route: Route, ctx: LiftContext): void {
  if (!table.known) return;
  ctx.model.getOf(table.value, 'route-table')?.routes.push(route);
}

const armRoute: LiftHandler = {
  types: ['Microsoft.Network/routeTables/routes'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    addRoute(armParentLink(r, ctx, ROUTE_TABLES), standaloneRoute(armRouteValues(prop(r)), r, ctx), ctx);
  },
};

const tfRoute: LiftHandler = {
  types: ['azurerm_route'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const name = attr(r, 'route_table_name');
    const byName = idByName(ctx, ROUTE_TABLE, attr(r, 'resource_group_name'), [name], r);
    // A table outside the scan takes the route with it.
    const table: Link | undefined = byName ? fact(byName) : name?.kind === 'ref' ? linkTo(name, r, ctx, 'route_table_name', ROUTE_TABLES) : undefined;
    if (table) addRoute(table, standaloneRoute(tfRouteValues(r.attrs), r, ctx), ctx);
  },
};

export const routeTableHandlers: LiftHandler[] = [armRouteTable, tfRouteTable, armRoute, tfRoute];

/**
 * A next hop written as a reference to a firewall's address (azurerm
 * `azurerm_firewall.x.ip_configuration[0].private_ip_address`, ARM
 * `reference(…azureFirewalls…)`) is that firewall's private address.
 */
export function resolveApplianceAddresses(ctx: LiftContext): void {
  for (const table of ctx.model.all('route-table')) {
    if (table.cloud !== 'azure') continue;
    for (const route of table.routes) {
      if (!route.target.known) continue;
      const t = route.target.value;
      if (t.kind !== 'virtual-appliance' || t.address?.known || !t.ref?.known) continue;
      const fw = ctx.model.getOf(t.ref.value, 'firewall');
      const addrs = fw?.privateAddresses;
      if (addrs?.known && addrs.value.length === 1) t.address = fact(addrs.value[0]!, t.address?.loc ?? route.loc);
    }
  }
}
