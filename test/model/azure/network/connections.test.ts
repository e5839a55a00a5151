import { describe, expect, it } from 'vitest';
import { armId, refTo, Scan, unknownInput } from './scan-builder.js';

const VNET = 'Microsoft.Network/virtualNetworks';

describe('peerings, hubs and gateway connections', () => {
  it('makes a connection of each ARM peering side, child or inline, with Azure defaults', () => {
    const s = new Scan();
    const mn = s.arm(VNET, 'vnet-mn', {
      properties: {
        addressSpace: { addressPrefixes: ['10.1.0.0/16'] },
        virtualNetworkPeerings: [{ name: 'to-hub', properties: { remoteVirtualNetwork: { id: armId(VNET, 'vnet-hub') }, allowForwardedTraffic: true } }],
      },
    });
    const hub = s.arm(VNET, 'vnet-hub', { properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } } });
    const back = s.arm(`${VNET}/virtualNetworkPeerings`, 'vnet-hub/to-mn', {
      properties: { remoteVirtualNetwork: { id: armId(VNET, 'vnet-mn') }, allowVirtualNetworkAccess: false, useRemoteGateways: unknownInput('parameter useGw') },
    });
    const far = s.arm(`${VNET}/virtualNetworkPeerings`, 'vnet-hub/to-far', {
      properties: { remoteVirtualNetwork: { id: armId(VNET, 'vnet-far', '/subscriptions/{subscription}/resourceGroups/rg-far') } },
    });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    const inline = model.getOf(`${mn.key}#peering/to-hub`, 'connection')!;
    expect(inline).toMatchObject({
      connectionType: 'vnet-peering',
      address: `${mn.address}/virtualNetworkPeerings/to-hub`,
      from: { value: mn.key },
      to: { value: hub.key },
      allowForwardedTraffic: { value: true },
      allowVirtualNetworkAccess: { value: true, defaulted: true },
      useRemoteGateways: { value: false, defaulted: true },
    });
    expect(model.getOf(back.key, 'connection')).toMatchObject({ from: { value: hub.key }, to: { value: mn.key }, allowVirtualNetworkAccess: { value: false }, useRemoteGateways: { known: false } });
    expect(model.getOf(far.key, 'connection')!.to).toMatchObject({ known: false, cause: { inputs: [armId(VNET, 'vnet-far', '/subscriptions/{subscription}/resourceGroups/rg-far')] } });
  });

  it('finds the local network of an azurerm peering by name', () => {
    const s = new Scan();
    const p = s.tf('azurerm_virtual_network_peering', 'mn_hub', { name: 'mn-hub', resource_group_name: 'rg', virtual_network_name: 'vnet-mn', remote_virtual_network_id: unknownInput('data.azurerm_virtual_network.hub') });
    const mn = s.tf('azurerm_virtual_network', 'mn', { name: 'vnet-mn', resource_group_name: 'rg', location: 'japaneast', address_space: ['10.1.0.0/16'] });
    const { model } = s.lift();
    const c = model.getOf(p.key, 'connection')!;
    expect(c.from).toMatchObject({ known: true, value: mn.key });
    expect(c.to).toMatchObject({ known: false, cause: { inputs: ['data.azurerm_virtual_network.hub'] } });
    expect(c.region).toMatchObject({ value: 'japaneast' });
  });

  it('joins VNets to a virtual WAN hub and the hub to VPN sites', () => {
    const s = new Scan();
    const hub = s.arm('Microsoft.Network/virtualHubs', 'vhub');
    const spoke = s.arm(VNET, 'spoke');
    const conn = s.arm('Microsoft.Network/virtualHubs/hubVirtualNetworkConnections', 'vhub/spoke', { properties: { remoteVirtualNetwork: { id: armId(VNET, 'spoke') } } });
    const site = s.arm('Microsoft.Network/vpnSites', 'office');
    const gw = s.arm('Microsoft.Network/vpnGateways', 'vpngw', {
      properties: { virtualHub: { id: armId('Microsoft.Network/virtualHubs', 'vhub') }, connections: [{ name: 'office', properties: { remoteVpnSite: { id: armId('Microsoft.Network/vpnSites', 'office') } } }] },
    });
    const tfHub = s.tf('azurerm_virtual_hub', 'h', { name: 'h', resource_group_name: 'rg' });
    const tfVnet = s.tf('azurerm_virtual_network', 'v', { name: 'v', resource_group_name: 'rg', address_space: ['10.5.0.0/16'] });
    const tfConn = s.tf('azurerm_virtual_hub_connection', 'c', { name: 'c', virtual_hub_id: refTo(tfHub), remote_virtual_network_id: refTo(tfVnet) });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    expect(model.getOf(hub.key, 'gateway')!.gatewayType).toBe('virtual-wan-hub');
    expect(model.getOf(site.key, 'gateway')!.gatewayType).toBe('customer');
    expect(model.getOf(conn.key, 'connection')).toMatchObject({ connectionType: 'virtual-wan-connection', from: { value: spoke.key }, to: { value: hub.key } });
    expect(model.getOf(`${gw.key}#connection/office`, 'connection')).toMatchObject({ connectionType: 'vpn', from: { value: hub.key }, to: { value: site.key } });
    expect(model.getOf(tfConn.key, 'connection')).toMatchObject({ from: { value: tfVnet.key }, to: { value: tfHub.key } });
  });

  it('places virtual network gateways in their network and links their connections by type', () => {
    const s = new Scan();
    s.tf('azurerm_virtual_network', 'v', { name: 'v', resource_group_name: 'rg', address_space: ['10.0.0.0/16'] });
    const gwSubnet = s.tf('azurerm_subnet', 'gw', { name: 'GatewaySubnet', resource_group_name: 'rg', virtual_network_name: 'v', address_prefixes: ['10.0.255.0/27'] });
    const gw = s.tf('azurerm_virtual_network_gateway', 'gw', { name: 'gw', resource_group_name: 'rg', type: 'Vpn', ip_configuration: [{ name: 'c', subnet_id: refTo(gwSubnet) }] });
    const lng = s.tf('azurerm_local_network_gateway', 'office', { name: 'office', resource_group_name: 'rg' });
    const er = s.tf('azurerm_express_route_circuit', 'er', { name: 'er', resource_group_name: 'rg' });
    const vpn = s.tf('azurerm_virtual_network_gateway_connection', 'vpn', { name: 'vpn', resource_group_name: 'rg', type: 'IPsec', virtual_network_gateway_id: refTo(gw), local_network_gateway_id: refTo(lng) });
    const erc = s.tf('azurerm_virtual_network_gateway_connection', 'er', { name: 'erc', resource_group_name: 'rg', type: 'ExpressRoute', virtual_network_gateway_id: refTo(gw), express_route_circuit_id: refTo(er) });
    const { model } = s.lift();
    const g = model.getOf(gw.key, 'gateway')!;
    expect(g).toMatchObject({ gatewayType: 'vpn-gateway', network: { known: true, value: 'main.tf#azurerm_virtual_network.v' } });
    expect(model.getOf(lng.key, 'gateway')!.gatewayType).toBe('customer');
    expect(model.getOf(er.key, 'gateway')!.gatewayType).toBe('direct-connect');
    expect(model.getOf(vpn.key, 'connection')).toMatchObject({ connectionType: 'vpn', from: { value: gw.key }, to: { value: lng.key } });
    expect(model.getOf(erc.key, 'connection')).toMatchObject({ connectionType: 'direct-connect', to: { value: er.key } });
  });
});
