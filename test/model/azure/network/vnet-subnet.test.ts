import { describe, expect, it } from 'vitest';
import { armId, locOf, refTo, Scan, unknownInput } from './scan-builder.js';

const VNET = 'Microsoft.Network/virtualNetworks';
const SUBNET = 'Microsoft.Network/virtualNetworks/subnets';

describe('ARM virtual networks and subnets', () => {
  it('joins subnets to their network by ID and reads prefixes, default outbound access and attachments', () => {
    const s = new Scan();
    const vnet = s.arm(VNET, 'vnet-mn', { location: 'japaneast', tags: { 'lg:segment': 'mynumber' }, properties: { addressSpace: { addressPrefixes: ['10.10.0.0/16'] } } });
    const nsg = s.arm('Microsoft.Network/networkSecurityGroups', 'nsg-app');
    const rt = s.arm('Microsoft.Network/routeTables', 'rt-app');
    const app = s.arm(SUBNET, 'vnet-mn/app', {
      properties: {
        addressPrefix: '10.10.1.0/24',
        networkSecurityGroup: { id: armId('Microsoft.Network/networkSecurityGroups', 'nsg-app') },
        routeTable: { id: armId('Microsoft.Network/routeTables', 'rt-app') },
        serviceEndpoints: [{ service: 'Microsoft.Storage' }, { service: 'Microsoft.KeyVault' }],
        delegations: [{ name: 'd', properties: { serviceName: 'Microsoft.Web/serverFarms' } }],
      },
    });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    expect(model.getOf(vnet.key, 'network')!.cidrs).toMatchObject({ known: true, value: ['10.10.0.0/16'] });
    const subnet = model.getOf(app.key, 'subnet')!;
    expect(subnet.network).toMatchObject({ known: true, value: vnet.key });
    expect(subnet.cidr).toEqual({ known: true, value: '10.10.1.0/24', loc: locOf(app, 'properties', 'addressPrefix') });
    expect(subnet.securityGroup).toMatchObject({ known: true, value: nsg.key });
    expect(subnet.routeTable).toMatchObject({ known: true, value: rt.key });
    expect(subnet.natGateway).toMatchObject({ known: true, value: null });
    expect(subnet.serviceEndpoints).toMatchObject({ value: ['Microsoft.Storage', 'Microsoft.KeyVault'] });
    expect(subnet.delegations).toMatchObject({ value: ['Microsoft.Web/serverFarms'] });
    expect(subnet.privateEndpointNetworkPolicies).toMatchObject({ value: 'Disabled', defaulted: true });
    // A subnet has no location of its own: it is where its network is.
    expect(subnet.region).toMatchObject({ known: true, value: 'japaneast' });
  });

  it('defaults outbound access by API version: on before 2025-07-01, off from it, unknown without one', () => {
    const s = new Scan();
    s.arm(VNET, 'v', { properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } } });
    const old = s.arm(SUBNET, 'v/old', { apiVersion: '2024-05-01', properties: { addressPrefix: '10.0.1.0/24' } });
    const fresh = s.arm(SUBNET, 'v/new', { apiVersion: '2025-07-01', properties: { addressPrefix: '10.0.2.0/24' } });
    const preview = s.arm(SUBNET, 'v/preview', { apiVersion: '2025-09-01-preview', properties: { addressPrefix: '10.0.5.0/24' } });
    const off = s.arm(SUBNET, 'v/off', { apiVersion: '2023-09-01', properties: { addressPrefix: '10.0.3.0/24', defaultOutboundAccess: false } });
    const noVersion = s.arm(SUBNET, 'v/nover', { apiVersion: unknownInput('parameter apiVersion'), properties: { addressPrefix: '10.0.4.0/24' } });
    const { model } = s.lift();
    const doa = (key: string) => model.getOf(key, 'subnet')!.defaultOutboundAccess;
    expect(doa(old.key)).toEqual({ known: true, value: true, defaulted: true, loc: old.loc });
    expect(doa(fresh.key)).toMatchObject({ known: true, value: false, defaulted: true });
    expect(doa(preview.key)).toMatchObject({ known: true, value: false });
    expect(doa(off.key)).toEqual({ known: true, value: false, loc: locOf(off, 'properties', 'defaultOutboundAccess') });
    expect(doa(noVersion.key)).toMatchObject({ known: false, cause: { inputs: [`${noVersion.address} apiVersion`] } });
  });

  it('takes the first prefix of each family from addressPrefixes and keeps unknown prefixes unknown', () => {
    const s = new Scan();
    s.arm(VNET, 'v');
    const dual = s.arm(SUBNET, 'v/dual', { properties: { addressPrefixes: ['10.0.1.0/24', 'fd00:db8::/64', '10.0.2.0/24'] } });
    const param = s.arm(SUBNET, 'v/param', { properties: { addressPrefix: unknownInput('parameter subnetPrefix', "[parameters('subnetPrefix')]") } });
    const ipam = s.arm(SUBNET, 'v/ipam', { properties: { ipamPoolPrefixAllocations: [{ numberOfIpAddresses: '256' }] } });
    const { model } = s.lift();
    const d = model.getOf(dual.key, 'subnet')!;
    expect([d.cidr, d.ipv6Cidr!].map((f) => f.known && f.value)).toEqual(['10.0.1.0/24', 'fd00:db8::/64']);
    expect(model.getOf(param.key, 'subnet')!.cidr).toMatchObject({ known: false, cause: { inputs: ['parameter subnetPrefix'] } });
    expect(model.getOf(ipam.key, 'subnet')!.cidr).toMatchObject({ known: false, cause: { detail: expect.stringContaining('IPAM pool') } });
  });

  it('names the missing input: a network outside the scan, an unresolved parameter, a resource of the wrong kind', () => {
    const s = new Scan();
    const rt = s.arm('Microsoft.Network/routeTables', 'rt');
    const spoke = s.arm(SUBNET, 'vnet-shared/spoke', {
      properties: {
        addressPrefix: '10.1.0.0/24',
        routeTable: { id: unknownInput('parameter rtName', `${armId('Microsoft.Network/routeTables', "[parameters('rtName')]")}`) },
        networkSecurityGroup: { id: armId('Microsoft.Network/routeTables', 'rt') },
      },
    });
    const { model } = s.lift();
    const subnet = model.getOf(spoke.key, 'subnet')!;
    expect(subnet.network).toMatchObject({ known: false, cause: { inputs: [armId(VNET, 'vnet-shared').toLowerCase()] } });
    expect(subnet.routeTable).toMatchObject({ known: false, cause: { inputs: ['parameter rtName'] } });
    expect(subnet.securityGroup).toMatchObject({ known: false, cause: { inputs: [rt.address], detail: expect.stringContaining('not a network security group') } });
  });

  it('says when the subnets written in a network cannot be read', () => {
    const s = new Scan();
    const open = s.arm(VNET, 'open', { properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: unknownInput('parameter subnets') } });
    const closed = s.arm(VNET, 'closed', { properties: { addressSpace: { addressPrefixes: ['10.1.0.0/16'] }, subnets: [] } });
    const tf = s.tf('azurerm_virtual_network', 'dyn', { name: 'dyn', resource_group_name: 'rg', address_space: ['10.2.0.0/16'], subnet: unknownInput('var.subnets') });
    const { model } = s.lift();
    expect(model.getOf(open.key, 'network')!.subnetsComplete).toMatchObject({ known: false, cause: { inputs: ['parameter subnets'] } });
    expect(model.getOf(closed.key, 'network')!.subnetsComplete).toMatchObject({ known: true, value: true });
    expect(model.getOf(tf.key, 'network')!.subnetsComplete).toMatchObject({ known: false, cause: { inputs: ['var.subnets'] } });
  });

  it('resolves an ID whose name part is unknown to the resource that carries the same unknown name', () => {
    const s = new Scan();
    const name = "[parameters('rtName')]";
    const rt = s.arm('Microsoft.Network/routeTables', name);
    s.arm(VNET, 'v');
    const sub = s.arm(SUBNET, 'v/a', { properties: { addressPrefix: '10.0.0.0/24', routeTable: { id: unknownInput('parameter rtName', armId('Microsoft.Network/routeTables', name)) } } });
    const { model } = s.lift();
    expect(model.getOf(sub.key, 'subnet')!.routeTable).toMatchObject({ known: true, value: rt.key });
  });
});

describe('azurerm virtual networks and subnets', () => {
  it('finds the network of azurerm_subnet by name and resource group, whatever the order', () => {
    const s = new Scan();
    const app = s.tf('azurerm_subnet', 'app', { name: 'app', resource_group_name: 'rg-mn', virtual_network_name: 'vnet-mn', address_prefixes: ['10.20.1.0/24'] });
    const vnet = s.tf('azurerm_virtual_network', 'mn', { name: 'vnet-mn', resource_group_name: 'rg-mn', location: 'japaneast', address_space: ['10.20.0.0/16'] });
    const other = s.tf('azurerm_virtual_network', 'other', { name: 'vnet-mn', resource_group_name: 'rg-other', address_space: ['10.30.0.0/16'] });
    const { model } = s.lift();
    const subnet = model.getOf(app.key, 'subnet')!;
    expect(subnet.network).toMatchObject({ known: true, value: vnet.key, loc: locOf(app, 'virtual_network_name') });
    expect(subnet.network.known && subnet.network.value).not.toBe(other.key);
    expect(subnet.region).toMatchObject({ known: true, value: 'japaneast' });
    expect(subnet.defaultOutboundAccess).toMatchObject({ known: true, value: true, defaulted: true });
  });

  it('matches an unknown resource group only to the same input, and names a network that is not scanned', () => {
    const s = new Scan();
    const vnet = s.tf('azurerm_virtual_network', 'v', { name: 'vnet-a', resource_group_name: unknownInput('var.resource_group_name'), address_space: ['10.0.0.0/16'] });
    const same = s.tf('azurerm_subnet', 'same', { name: 's1', resource_group_name: unknownInput('var.resource_group_name'), virtual_network_name: 'vnet-a', address_prefixes: ['10.0.1.0/24'] });
    const otherVar = s.tf('azurerm_subnet', 'other', { name: 's2', resource_group_name: unknownInput('var.hub_rg'), virtual_network_name: 'vnet-a', address_prefixes: ['10.0.2.0/24'] });
    const missing = s.tf('azurerm_subnet', 'missing', { name: 's3', resource_group_name: 'rg-hub', virtual_network_name: 'vnet-hub', address_prefixes: ['10.9.0.0/24'] });
    const { model } = s.lift();
    expect(model.getOf(same.key, 'subnet')!.network).toMatchObject({ known: true, value: vnet.key });
    expect(model.getOf(otherVar.key, 'subnet')!.network).toMatchObject({ known: false });
    expect(model.getOf(missing.key, 'subnet')!.network).toMatchObject({ known: false, cause: { inputs: ['virtual network vnet-hub in resource group rg-hub'] } });
  });

  it('applies association resources, and leaves a conditional association unknown', () => {
    const s = new Scan();
    s.tf('azurerm_virtual_network', 'v', { name: 'v', resource_group_name: 'rg', address_space: ['10.0.0.0/16'] });
    const nsg = s.tf('azurerm_network_security_group', 'nsg', { name: 'nsg', resource_group_name: 'rg' });
    const rt = s.tf('azurerm_route_table', 'rt', { name: 'rt', resource_group_name: 'rg' });
    const nat = s.tf('azurerm_nat_gateway', 'nat', { name: 'nat', resource_group_name: 'rg' });
    const a = s.tf('azurerm_subnet', 'a', { name: 'a', resource_group_name: 'rg', virtual_network_name: 'v', address_prefixes: ['10.0.1.0/24'], default_outbound_access_enabled: false });
    const b = s.tf('azurerm_subnet', 'b', { name: 'b', resource_group_name: 'rg', virtual_network_name: 'v', address_prefixes: ['10.0.2.0/24'] });
    const nsgAssoc = s.tf('azurerm_subnet_network_security_group_association', 'a', { subnet_id: refTo(a), network_security_group_id: refTo(nsg) });
    s.tf('azurerm_subnet_route_table_association', 'a', { subnet_id: refTo(a), route_table_id: refTo(rt) });
    s.tf('azurerm_subnet_nat_gateway_association', 'a', { subnet_id: refTo(a), nat_gateway_id: refTo(nat) });
    s.conditional(s.tf('azurerm_subnet_nat_gateway_association', 'b', { subnet_id: refTo(b), nat_gateway_id: refTo(nat) }), 'var.use_nat');
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    const sa = model.getOf(a.key, 'subnet')!;
    expect(sa.securityGroup).toEqual({ known: true, value: nsg.key, loc: locOf(nsgAssoc, 'network_security_group_id') });
    expect(sa.routeTable).toMatchObject({ known: true, value: rt.key });
    expect(sa.natGateway).toMatchObject({ known: true, value: nat.key });
    expect(sa.defaultOutboundAccess).toMatchObject({ known: true, value: false });
    const sb = model.getOf(b.key, 'subnet')!;
    expect(sb.natGateway).toMatchObject({ known: false, cause: { inputs: ['var.use_nat'] } });
    expect(sb.securityGroup).toMatchObject({ known: true, value: null });
  });

  it('makes subnets of the subnet blocks of azurerm_virtual_network and resolves references into them', () => {
    const s = new Scan();
    const nsg = s.tf('azurerm_network_security_group', 'nsg', { name: 'nsg', resource_group_name: 'rg' });
    const one = s.tf('azurerm_virtual_network', 'one', {
      name: 'one',
      resource_group_name: 'rg',
      address_space: ['10.1.0.0/16'],
      subnet: [{ name: 'app', address_prefixes: ['10.1.1.0/24'], security_group: refTo(nsg), default_outbound_access_enabled: false }],
    });
    const two = s.tf('azurerm_virtual_network', 'two', {
      name: 'two',
      resource_group_name: 'rg',
      address_space: ['10.2.0.0/16'],
      subnet: [
        { name: 'a', address_prefix: '10.2.1.0/24' },
        { name: 'b', address_prefix: '10.2.2.0/24' },
      ],
    });
    const nic1 = s.tf('azurerm_network_interface', 'n1', { name: 'n1', resource_group_name: 'rg', ip_configuration: [{ name: 'c', subnet_id: refTo(one, 'subnet[0].id') }] });
    const nic2 = s.tf('azurerm_network_interface', 'n2', { name: 'n2', resource_group_name: 'rg', ip_configuration: [{ name: 'c', subnet_id: refTo(two, 'subnet[0].id') }] });
    const nic3 = s.tf('azurerm_network_interface', 'n3', { name: 'n3', resource_group_name: 'rg', ip_configuration: [{ name: 'c', subnet_id: refTo(two, 'name') }] });
    const { model } = s.lift();
    const app = model.getOf(`${one.key}#subnet/app`, 'subnet')!;
    expect(app).toMatchObject({ address: 'azurerm_virtual_network.one.subnet["app"]', network: { value: one.key }, cidr: { value: '10.1.1.0/24' }, securityGroup: { value: nsg.key } });
    expect(app.defaultOutboundAccess).toMatchObject({ value: false });
    expect(app.loc).toEqual(locOf(one, 'subnet', 0));
    expect(model.getOf(`${two.key}#subnet/b`, 'subnet')!.cidr).toMatchObject({ value: '10.2.2.0/24' });
    expect(model.getOf(nic1.key, 'network-interface')!.subnet).toMatchObject({ known: true, value: app.id });
    expect(model.getOf(nic2.key, 'network-interface')!.subnet).toMatchObject({ known: false, cause: { detail: expect.stringContaining('set') } });
    expect(model.getOf(nic3.key, 'network-interface')!.subnet).toMatchObject({ known: false, cause: { detail: expect.stringContaining('not a subnet') } });
  });

  it('resolves a literal subnet ID to the subnet defined by that name, ignoring the subscription', () => {
    const s = new Scan();
    s.tf('azurerm_virtual_network', 'v', { name: 'vnet-mn', resource_group_name: 'rg-mn', address_space: ['10.0.0.0/16'] });
    const sub = s.tf('azurerm_subnet', 'app', { name: 'app', resource_group_name: 'rg-mn', virtual_network_name: 'vnet-mn', address_prefixes: ['10.0.1.0/24'] });
    const nic = s.tf('azurerm_network_interface', 'n', {
      name: 'n',
      resource_group_name: 'rg-mn',
      ip_configuration: [{ name: 'c', subnet_id: '/subscriptions/0000-1111/resourceGroups/RG-MN/providers/Microsoft.Network/virtualNetworks/vnet-mn/subnets/app' }],
    });
    const { model } = s.lift();
    expect(model.getOf(nic.key, 'network-interface')!.subnet).toMatchObject({ known: true, value: sub.key });
  });

  it('lifts plan resources with the Terraform handlers', () => {
    const s = new Scan();
    const v = s.tf('azurerm_virtual_network', 'v', { name: 'v', resource_group_name: 'rg', address_space: ['10.0.0.0/16'] }, 'terraform-plan');
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    expect(model.getOf(v.key, 'network')!.source).toBe('terraform-plan');
  });
});
