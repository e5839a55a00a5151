import { describe, expect, it } from 'vitest';
import type { Route } from '../../../../src/model/network.js';
import { armId, locOf, refTo, Scan, unknownInput } from './scan-builder.js';

const RT = 'Microsoft.Network/routeTables';

function kinds(routes: Route[]): (string | undefined)[] {
  return routes.map((r) => (r.target.known ? r.target.value.kind : undefined));
}

describe('route tables', () => {
  it('reads ARM inline routes and child route resources, with next hop types and appliance addresses', () => {
    const s = new Scan();
    const rt = s.arm(RT, 'rt-mn', {
      properties: {
        disableBgpRoutePropagation: true,
        routes: [
          { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' } },
          { name: 'onprem', properties: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' } },
          { name: 'storage', properties: { addressPrefix: 'Storage', nextHopType: 'Internet' } },
        ],
      },
    });
    const child = s.arm(`${RT}/routes`, 'rt-mn/blackhole', { properties: { addressPrefix: '10.99.0.0/16', nextHopType: 'None' } });
    s.arm(`${RT}/routes`, 'rt-other/x', { properties: { addressPrefix: '10.98.0.0/16', nextHopType: 'VnetLocal' } });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    const table = model.getOf(rt.key, 'route-table')!;
    expect(kinds(table.routes)).toEqual(['virtual-appliance', 'virtual-network-gateway', 'internet', 'none']);
    expect(table.routes[0]!.target).toMatchObject({ value: { address: { known: true, value: '10.0.1.4' } } });
    expect(table.routes[0]!.loc).toEqual(locOf(rt, 'properties', 'routes', 0));
    expect(table.routes[2]!.destination).toMatchObject({ value: 'Storage' });
    expect(table.routes[3]).toMatchObject({ definedBy: child.address, loc: child.loc });
    expect(table.bgpRoutePropagation).toMatchObject({ known: true, value: false });
    expect(table.routesComplete).toMatchObject({ known: true, value: true });
  });

  it('keeps unknown next hops, unknown route lists and conditional routes as unknowns', () => {
    const s = new Scan();
    const rt = s.arm(RT, 'rt', {
      properties: {
        routes: [
          { name: 'a', properties: { addressPrefix: '0.0.0.0/0', nextHopType: unknownInput('parameter hopType') } },
          { name: 'b', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Firewall' } },
          { name: 'c', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance' } },
        ],
      },
    });
    const open = s.arm(RT, 'open', { properties: { routes: unknownInput('parameter routes') } });
    s.conditional(s.arm(`${RT}/routes`, 'rt/maybe', { properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }), 'parameter addInternetRoute');
    const { model } = s.lift();
    const routes = model.getOf(rt.key, 'route-table')!.routes;
    expect(routes[0]!.target).toMatchObject({ known: false, cause: { inputs: ['parameter hopType'] } });
    expect(routes[1]!.target).toMatchObject({ known: false, cause: { detail: expect.stringContaining('not a next hop type') } });
    expect(routes[2]!.target).toMatchObject({ known: true, value: { kind: 'virtual-appliance', address: { known: false } } });
    expect(routes[3]!.destination).toMatchObject({ known: false, cause: { inputs: ['parameter addInternetRoute'], detail: expect.stringContaining('0.0.0.0/0') } });
    expect(routes[3]!.target).toMatchObject({ known: true, value: { kind: 'internet' } });
    expect(model.getOf(open.key, 'route-table')!.routesComplete).toMatchObject({ known: false, cause: { inputs: ['parameter routes'] } });
  });

  it('reads azurerm inline routes and azurerm_route by table name, with both spellings of BGP propagation', () => {
    const s = new Scan();
    const extra = s.tf('azurerm_route', 'to_fw', { name: 'fw', resource_group_name: 'rg', route_table_name: 'rt-app', address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.0.0.4' });
    const rt = s.tf('azurerm_route_table', 'app', {
      name: 'rt-app',
      resource_group_name: 'rg',
      bgp_route_propagation_enabled: false,
      route: [{ name: 'local', address_prefix: '10.0.0.0/16', next_hop_type: 'VnetLocal' }],
    });
    const legacy = s.tf('azurerm_route_table', 'legacy', { name: 'rt-legacy', resource_group_name: 'rg', disable_bgp_route_propagation: true });
    const plain = s.tf('azurerm_route_table', 'plain', { name: 'rt-plain', resource_group_name: 'rg' });
    const { model } = s.lift();
    const table = model.getOf(rt.key, 'route-table')!;
    expect(kinds(table.routes)).toEqual(['vnet-local', 'virtual-appliance']);
    expect(table.routes[1]).toMatchObject({ definedBy: extra.address, destination: { value: '0.0.0.0/0' } });
    expect(table.bgpRoutePropagation).toMatchObject({ value: false });
    expect(model.getOf(legacy.key, 'route-table')!.bgpRoutePropagation).toMatchObject({ value: false });
    expect(model.getOf(plain.key, 'route-table')!.bgpRoutePropagation).toMatchObject({ value: true, defaulted: true });
  });

  it('reads a next hop that refers to a firewall as that firewall, and its address', () => {
    const s = new Scan();
    s.tf('azurerm_virtual_network', 'hub', { name: 'hub', resource_group_name: 'rg', address_space: ['10.0.0.0/16'] });
    const fwSubnet = s.tf('azurerm_subnet', 'fw', { name: 'AzureFirewallSubnet', resource_group_name: 'rg', virtual_network_name: 'hub', address_prefixes: ['10.0.1.0/26'] });
    const fw = s.tf('azurerm_firewall', 'fw', { name: 'fw', resource_group_name: 'rg', ip_configuration: [{ name: 'c', subnet_id: refTo(fwSubnet) }] });
    const rt = s.tf('azurerm_route_table', 'rt', {
      name: 'rt',
      resource_group_name: 'rg',
      route: [{ name: 'd', address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: refTo(fw, 'ip_configuration[0].private_ip_address') }],
    });
    const armFw = s.arm('Microsoft.Network/azureFirewalls', 'afw', { properties: { ipConfigurations: [{ name: 'c', properties: { privateIPAddress: '10.50.0.4' } }] } });
    const armRt = s.arm(RT, 'armrt', {
      properties: {
        routes: [
          {
            name: 'd',
            properties: {
              addressPrefix: '0.0.0.0/0',
              nextHopType: 'VirtualAppliance',
              nextHopIpAddress: unknownInput("reference(resourceId('Microsoft.Network/azureFirewalls', 'afw'))", "[reference(resourceId('Microsoft.Network/azureFirewalls', 'afw')).ipConfigurations[0].properties.privateIPAddress]"),
            },
          },
        ],
      },
    });
    const { model } = s.lift();
    expect(model.getOf(rt.key, 'route-table')!.routes[0]!.target).toMatchObject({
      known: true,
      value: { kind: 'virtual-appliance', ref: { known: true, value: fw.key }, address: { known: true, value: '10.0.1.4' } },
    });
    expect(model.getOf(armRt.key, 'route-table')!.routes[0]!.target).toMatchObject({
      value: { ref: { value: armFw.key }, address: { known: true, value: '10.50.0.4' } },
    });
    // The ID the ARM function would build is the firewall's own.
    expect(armFw.ids![0]).toBe(armId('Microsoft.Network/azureFirewalls', 'afw').toLowerCase());
  });
});
