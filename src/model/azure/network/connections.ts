// Links between networks: VNet peerings (one resource per side; the graph
// pairs them), virtual WAN hubs and their VNet connections, virtual network
// gateways with their site-to-site, VNet-to-VNet and ExpressRoute
// connections, and virtual WAN VPN gateways with their site connections.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { EntityBase } from '../../entity.js';
import { fact, unknownFact } from '../../fact.js';
import { boolFact, itemsOf, stringFact } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { Connection, ConnectionType, Gateway, GatewayType } from '../../network.js';
import { armPath, attr, isSet, knownText, prop, subResourceId, tfPath } from './attributes.js';
import { azureBase } from './base.js';
import { later } from './deferred.js';
import { CONNECTION_PEERS, SUBNETS, VIRTUAL_HUBS, VIRTUAL_NETWORKS, VNET_GATEWAYS } from './kinds.js';
import { armParent, armParentLink } from './arm-parent.js';
import { Kinds, linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';
import { networkOfSubnet } from './subnet-network.js';
import { networkByName } from './network-by-name.js';

const VPN_SITES = new Kinds('VPN site', ['Microsoft.Network/vpnSites', 'azurerm_vpn_site']);
const VPN_GATEWAYS = new Kinds('VPN gateway', ['Microsoft.Network/vpnGateways', 'azurerm_vpn_gateway']);

interface PeeringValues {
  remote: Value | undefined;
  allowAccess: Value | undefined;
  allowForwarded: Value | undefined;
  useRemoteGateways: Value | undefined;
  names: { remote: string; allowAccess: string; allowForwarded: string; useRemoteGateways: string };
}

const ARM_PEERING_NAMES = {
  remote: 'remoteVirtualNetwork',
  allowAccess: 'allowVirtualNetworkAccess',
  allowForwarded: 'allowForwardedTraffic',
  useRemoteGateways: 'useRemoteGateways',
};

function armPeeringValues(props: Value | undefined): PeeringValues {
  return {
    remote: subResourceId(armPath(props, 'remoteVirtualNetwork')),
    allowAccess: armPath(props, 'allowVirtualNetworkAccess'),
    allowForwarded: armPath(props, 'allowForwardedTraffic'),
    useRemoteGateways: armPath(props, 'useRemoteGateways'),
    names: ARM_PEERING_NAMES,
  };
}

function peering(base: EntityBase, r: NativeResource, ctx: LiftContext, from: Link, v: PeeringValues): Connection {
  return {
    ...base,
    kind: 'connection',
    connectionType: 'vnet-peering',
    from,
    to: linkTo(v.remote, r, ctx, v.names.remote, VIRTUAL_NETWORKS),
    // Resource Manager and azurerm defaults.
    allowVirtualNetworkAccess: boolFact(v.allowAccess, r, { name: v.names.allowAccess, default: true }),
    allowForwardedTraffic: boolFact(v.allowForwarded, r, { name: v.names.allowForwarded, default: false }),
    useRemoteGateways: boolFact(v.useRemoteGateways, r, { name: v.names.useRemoteGateways, default: false }),
  };
}

/** Peerings written inside an ARM virtual network's `virtualNetworkPeerings`. */
export function armInlinePeerings(vnet: NativeResource, ctx: LiftContext): void {
  itemsOf(prop(vnet, 'virtualNetworkPeerings')).forEach((item, i) => {
    if (item.kind !== 'object') return;
    const name = knownText(armPath(item, 'name')) ?? String(i);
    const id = `${vnet.key}#peering/${name}`;
    if (ctx.model.get(id)) return;
    const loc = item.loc ?? vnet.loc;
    const base = { ...azureBase(vnet, ctx), id, address: `${vnet.address}/virtualNetworkPeerings/${name}`, loc, tags: fact({}, loc) };
    delete base.unknownTags;
    ctx.model.add(peering(base, vnet, ctx, fact(vnet.key, loc), armPeeringValues(armPath(item, 'properties'))));
  });
}

const armPeering: LiftHandler = {
  types: ['Microsoft.Network/virtualNetworks/virtualNetworkPeerings'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const base = azureBase(r, ctx, armParent(r, ctx));
    ctx.model.add(peering(base, r, ctx, armParentLink(r, ctx, VIRTUAL_NETWORKS), armPeeringValues(prop(r))));
  },
};

const tfPeering: LiftHandler = {
  types: ['azurerm_virtual_network_peering'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const c = peering(azureBase(r, ctx), r, ctx, unknownFact({ inputs: [], detail: 'resolved by name' }, r.loc), {
      remote: attr(r, 'remote_virtual_network_id'),
      allowAccess: attr(r, 'allow_virtual_network_access'),
      allowForwarded: attr(r, 'allow_forwarded_traffic'),
      useRemoteGateways: attr(r, 'use_remote_gateways'),
      names: {
        remote: 'remote_virtual_network_id',
        allowAccess: 'allow_virtual_network_access',
        allowForwarded: 'allow_forwarded_traffic',
        useRemoteGateways: 'use_remote_gateways',
      },
    });
    ctx.model.add(c);
    later(ctx, () => {
      c.from = networkByName(r, ctx, attr(r, 'resource_group_name'), attr(r, 'virtual_network_name'));
      const vnet = c.from.known ? ctx.links.native(c.from.value) : undefined;
      if (vnet) c.region = azureBase(r, ctx, vnet).region;
    });
  },
};

function gateway(r: NativeResource, ctx: LiftContext, gatewayType: GatewayType, parent?: NativeResource): Gateway {
  return { ...azureBase(r, ctx, parent), kind: 'gateway', gatewayType };
}

/** Hubs and on-premises ends: no network of their own. */
function hubHandler(types: string[], sources: typeof ARM, gatewayType: GatewayType): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      ctx.model.add(gateway(r, ctx, gatewayType));
    },
  };
}

/** A virtual network gateway sits in the GatewaySubnet of its network. */
function vnetGateway(r: NativeResource, ctx: LiftContext, subnetValue: Value | undefined, subnetName: string): void {
  const g = gateway(r, ctx, 'vpn-gateway');
  const subnet = linkTo(subnetValue, r, ctx, subnetName, SUBNETS);
  g.network = subnet;
  ctx.model.add(g);
  later(
    ctx,
    () => {
      if (subnet.known) g.network = networkOfSubnet(ctx, subnet);
    },
    'joins',
  );
}

const armVnetGateway: LiftHandler = {
  types: ['Microsoft.Network/virtualNetworkGateways'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    vnetGateway(r, ctx, subResourceId(prop(r, 'ipConfigurations', 0, 'properties', 'subnet')), 'ipConfigurations[0].subnet');
  },
};

const tfVnetGateway: LiftHandler = {
  types: ['azurerm_virtual_network_gateway'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    vnetGateway(r, ctx, tfPath(itemsOf(attr(r, 'ip_configuration'))[0], 'subnet_id'), 'ip_configuration.subnet_id');
  },
};

function connection(r: NativeResource, ctx: LiftContext, type: ConnectionType, from: Link, to: Link, parent?: NativeResource): Connection {
  return { ...azureBase(r, ctx, parent), kind: 'connection', connectionType: type, from, to };
}

function gatewayConnectionType(r: NativeResource, v: Value | undefined, name: string): ConnectionType {
  const t = stringFact(v, r, { name });
  // ExpressRoute is the private line to premises; IPsec and VNet-to-VNet are VPN tunnels.
  return t.known && t.value.toLowerCase() === 'expressroute' ? 'direct-connect' : 'vpn';
}

/** The far end of a gateway connection: the first of the attributes that is set. */
function farEnd(r: NativeResource, ctx: LiftContext, candidates: [Value | undefined, string][]): Link {
  for (const [v, name] of candidates) if (isSet(v)) return linkTo(v, r, ctx, name, CONNECTION_PEERS);
  return unknownFact({ inputs: [], detail: `${r.address} names no local network gateway, peer gateway or circuit` }, r.loc);
}

const armGatewayConnection: LiftHandler = {
  types: ['Microsoft.Network/connections'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const from = linkTo(subResourceId(prop(r, 'virtualNetworkGateway1')), r, ctx, 'virtualNetworkGateway1', VNET_GATEWAYS);
    const to = farEnd(r, ctx, [
      [subResourceId(prop(r, 'localNetworkGateway2')), 'localNetworkGateway2'],
      [subResourceId(prop(r, 'virtualNetworkGateway2')), 'virtualNetworkGateway2'],
      [subResourceId(prop(r, 'peer')), 'peer'],
    ]);
    ctx.model.add(connection(r, ctx, gatewayConnectionType(r, prop(r, 'connectionType'), 'connectionType'), from, to));
  },
};

const tfGatewayConnection: LiftHandler = {
  types: ['azurerm_virtual_network_gateway_connection'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const from = linkTo(attr(r, 'virtual_network_gateway_id'), r, ctx, 'virtual_network_gateway_id', VNET_GATEWAYS);
    const to = farEnd(r, ctx, [
      [attr(r, 'local_network_gateway_id'), 'local_network_gateway_id'],
      [attr(r, 'peer_virtual_network_gateway_id'), 'peer_virtual_network_gateway_id'],
      [attr(r, 'express_route_circuit_id'), 'express_route_circuit_id'],
    ]);
    ctx.model.add(connection(r, ctx, gatewayConnectionType(r, attr(r, 'type'), 'type'), from, to));
  },
};

const armHubConnection: LiftHandler = {
  types: ['Microsoft.Network/virtualHubs/hubVirtualNetworkConnections'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const vnet = linkTo(subResourceId(prop(r, 'remoteVirtualNetwork')), r, ctx, 'remoteVirtualNetwork', VIRTUAL_NETWORKS);
    ctx.model.add(connection(r, ctx, 'virtual-wan-connection', vnet, armParentLink(r, ctx, VIRTUAL_HUBS), armParent(r, ctx)));
  },
};

const tfHubConnection: LiftHandler = {
  types: ['azurerm_virtual_hub_connection'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const vnet = linkTo(attr(r, 'remote_virtual_network_id'), r, ctx, 'remote_virtual_network_id', VIRTUAL_NETWORKS);
    const hub = linkTo(attr(r, 'virtual_hub_id'), r, ctx, 'virtual_hub_id', VIRTUAL_HUBS);
    ctx.model.add(connection(r, ctx, 'virtual-wan-connection', vnet, hub));
  },
};

/** Virtual WAN VPN gateways are not entities: their site connections join the hub to the site. */
const vpnGatewayHubs = new WeakMap<NativeResource, Link>();

function hubOfVpnGateway(gw: NativeResource, ctx: LiftContext): Link {
  let hub = vpnGatewayHubs.get(gw);
  if (!hub) {
    hub =
      ARM.includes(gw.source)
        ? linkTo(subResourceId(prop(gw, 'virtualHub')), gw, ctx, 'virtualHub', VIRTUAL_HUBS)
        : linkTo(attr(gw, 'virtual_hub_id'), gw, ctx, 'virtual_hub_id', VIRTUAL_HUBS);
    vpnGatewayHubs.set(gw, hub);
  }
  return hub;
}

function siteConnection(r: NativeResource, ctx: LiftContext, gw: Link, site: Value | undefined, siteName: string, id?: string, loc = r.loc): void {
  const native = gw.known ? ctx.links.native(gw.value) : undefined;
  const hub: Link = native ? hubOfVpnGateway(native, ctx) : gw;
  const c = connection(r, ctx, 'vpn', hub, linkTo(site, r, ctx, siteName, VPN_SITES));
  if (id) {
    c.id = id;
    c.loc = loc;
  }
  ctx.model.add(c);
}

const armVpnGateway: LiftHandler = {
  types: ['Microsoft.Network/vpnGateways'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    itemsOf(prop(r, 'connections')).forEach((item, i) => {
      const name = knownText(armPath(item, 'name')) ?? String(i);
      const id = `${r.key}#connection/${name}`;
      if (ctx.model.get(id)) return;
      siteConnection(r, ctx, fact(r.key), subResourceId(armPath(item, 'properties', 'remoteVpnSite')), 'remoteVpnSite', id, item.loc ?? r.loc);
    });
  },
};

const armVpnConnection: LiftHandler = {
  types: ['Microsoft.Network/vpnGateways/vpnConnections'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    siteConnection(r, ctx, armParentLink(r, ctx, VPN_GATEWAYS), subResourceId(prop(r, 'remoteVpnSite')), 'remoteVpnSite');
  },
};

const tfVpnConnection: LiftHandler = {
  types: ['azurerm_vpn_gateway_connection'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    siteConnection(r, ctx, linkTo(attr(r, 'vpn_gateway_id'), r, ctx, 'vpn_gateway_id', VPN_GATEWAYS), attr(r, 'remote_vpn_site_id'), 'remote_vpn_site_id');
  },
};

/** VPN gateways of a virtual WAN: taken (their connections are lifted), no entity of their own. */
const vpnGatewayItself: LiftHandler = {
  types: ['azurerm_vpn_gateway'],
  sources: TERRAFORM,
  pass: 'entity',
  lift() {},
};

export const connectionHandlers: LiftHandler[] = [
  armPeering,
  tfPeering,
  hubHandler(['Microsoft.Network/virtualHubs'], ARM, 'virtual-wan-hub'),
  hubHandler(['azurerm_virtual_hub'], TERRAFORM, 'virtual-wan-hub'),
  hubHandler(['Microsoft.Network/localNetworkGateways', 'Microsoft.Network/vpnSites'], ARM, 'customer'),
  hubHandler(['azurerm_local_network_gateway', 'azurerm_vpn_site'], TERRAFORM, 'customer'),
  hubHandler(['Microsoft.Network/expressRouteCircuits'], ARM, 'direct-connect'),
  hubHandler(['azurerm_express_route_circuit'], TERRAFORM, 'direct-connect'),
  armVnetGateway,
  tfVnetGateway,
  armGatewayConnection,
  tfGatewayConnection,
  armHubConnection,
  tfHubConnection,
  armVpnGateway,
  armVpnConnection,
  tfVpnConnection,
  vpnGatewayItself,
];
