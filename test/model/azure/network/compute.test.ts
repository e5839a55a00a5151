import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../../src/graph/build.js';
import { defaultPolicy } from '../../../../src/policy/types.js';
import { armId, locOf, refTo, Scan, unknownInput } from './scan-builder.js';

const VNET = 'Microsoft.Network/virtualNetworks';
const SUBNET = `${VNET}/subnets`;
const NIC = 'Microsoft.Network/networkInterfaces';
const PIP = 'Microsoft.Network/publicIPAddresses';

function network(s: Scan) {
  s.arm(VNET, 'v', { location: 'japaneast', properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } } });
  return s.arm(SUBNET, 'v/app', { properties: { addressPrefix: '10.0.1.0/24' } });
}

describe('network interfaces and public IPs', () => {
  it('reads the primary configuration subnet, public IPs by presence, and binds each public IP to its user', () => {
    const s = new Scan();
    const app = network(s);
    const pip = s.arm(PIP, 'pip-vm', { sku: { name: 'Standard' } });
    const spare = s.arm(PIP, 'pip-spare');
    const nsg = s.arm('Microsoft.Network/networkSecurityGroups', 'nsg');
    const nic = s.arm(NIC, 'nic-vm', {
      properties: {
        networkSecurityGroup: { id: armId('Microsoft.Network/networkSecurityGroups', 'nsg') },
        ipConfigurations: [
          { name: 'second', properties: { subnet: { id: armId(SUBNET, 'v/other') } } },
          { name: 'first', properties: { primary: true, subnet: { id: armId(SUBNET, 'v/app') }, publicIPAddress: { id: armId(PIP, 'pip-vm') } } },
        ],
      },
    });
    // A public IP whose name is a hash is still a public IP.
    const hashed = s.arm(NIC, 'nic-hash', {
      properties: { ipConfigurations: [{ name: 'c', properties: { subnet: { id: armId(SUBNET, 'v/app') }, publicIPAddress: { id: unknownInput('uniqueString()', armId(PIP, '[uniqueString()]')) } } }] },
    });
    const maybe = s.arm(NIC, 'nic-maybe', {
      properties: { ipConfigurations: [{ name: 'c', properties: { subnet: { id: armId(SUBNET, 'v/app') }, publicIPAddress: unknownInput('parameter withPublicIp') } }] },
    });
    const { model } = s.lift();
    const n = model.getOf(nic.key, 'network-interface')!;
    expect(n.subnet).toMatchObject({ known: true, value: app.key });
    expect(n.publicIp).toEqual({ known: true, value: true, loc: locOf(nic, 'properties', 'ipConfigurations', 1, 'properties', 'publicIPAddress') });
    expect(n.securityGroups).toMatchObject({ value: [{ value: nsg.key }] });
    expect(model.getOf(hashed.key, 'network-interface')!.publicIp).toMatchObject({ known: true, value: true });
    expect(model.getOf(maybe.key, 'network-interface')!.publicIp).toMatchObject({ known: false, cause: { inputs: ['parameter withPublicIp'] } });
    expect(model.getOf(pip.key, 'public-ip')!.attachedTo).toMatchObject({ known: true, value: nic.key });
    expect(model.getOf(spare.key, 'public-ip')!.attachedTo).toMatchObject({ known: true, value: null, defaulted: true });
  });

  it('binds public IPs of NAT gateways, including azurerm associations, and makes NAT gateways public', () => {
    const s = new Scan();
    const pip = s.tf('azurerm_public_ip', 'nat', { name: 'pip-nat', resource_group_name: 'rg', sku: 'Standard' });
    const prefix = s.tf('azurerm_public_ip_prefix', 'nat', { name: 'pfx', resource_group_name: 'rg' });
    const nat = s.tf('azurerm_nat_gateway', 'nat', { name: 'nat', resource_group_name: 'rg' });
    s.tf('azurerm_nat_gateway_public_ip_association', 'a', { nat_gateway_id: refTo(nat), public_ip_address_id: refTo(pip) });
    s.tf('azurerm_nat_gateway_public_ip_prefix_association', 'b', { nat_gateway_id: refTo(nat), public_ip_prefix_id: refTo(prefix) });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    expect(model.getOf(nat.key, 'gateway')).toMatchObject({ gatewayType: 'nat', connectivity: { value: 'public' } });
    expect(model.getOf(pip.key, 'public-ip')!.attachedTo).toMatchObject({ value: nat.key });
    expect(model.getOf(prefix.key, 'public-ip')!.attachedTo).toMatchObject({ value: nat.key });
  });
});

describe('virtual machines and scale sets', () => {
  it('places an ARM VM through its NICs and reads zones, availability set, patch mode and literal passwords', () => {
    const s = new Scan();
    const app = network(s);
    const avset = s.arm('Microsoft.Compute/availabilitySets', 'as');
    const nic = s.arm(NIC, 'nic', { properties: { ipConfigurations: [{ name: 'c', properties: { subnet: { id: armId(SUBNET, 'v/app') } } }] } });
    const vm = s.arm('Microsoft.Compute/virtualMachines', 'vm-app', {
      zones: ['1'],
      properties: {
        availabilitySet: { id: armId('Microsoft.Compute/availabilitySets', 'as') },
        osProfile: { adminUsername: 'azureuser', adminPassword: 'P@ssw0rd1234!', windowsConfiguration: { patchSettings: { patchMode: 'AutomaticByPlatform' } } },
        networkProfile: { networkInterfaces: [{ id: armId(NIC, 'nic') }] },
      },
    });
    const linux = s.arm('Microsoft.Compute/virtualMachines', 'vm-linux', {
      properties: { osProfile: { adminPassword: unknownInput('parameter adminPassword') }, storageProfile: { imageReference: { publisher: 'Canonical' } } },
    });
    const unknownOs = s.arm('Microsoft.Compute/virtualMachines', 'vm-any', { properties: {} });
    const { model } = s.lift();
    const c = model.getOf(vm.key, 'compute')!;
    expect(c).toMatchObject({
      computeType: 'azure-vm',
      zones: { value: ['1'] },
      availabilitySet: { value: avset.key },
      patchMode: { value: 'AutomaticByPlatform' },
      managed: { value: true },
      subnets: { value: [{ value: app.key }] },
      publicIp: { value: false },
      literalSecrets: [{ attribute: 'osProfile.adminPassword', loc: locOf(vm, 'properties', 'osProfile', 'adminPassword') }],
    });
    expect(model.getOf(nic.key, 'network-interface')!.attachedTo).toMatchObject({ value: vm.key });
    const l = model.getOf(linux.key, 'compute')!;
    expect(l).toMatchObject({ patchMode: { value: 'ImageDefault', defaulted: true }, managed: { value: false }, zones: { value: [], defaulted: true } });
    expect(l.literalSecrets).toBeUndefined();
    // Neither OS's default mode is platform patching, even when the OS cannot be told.
    expect(model.getOf(unknownOs.key, 'compute')).toMatchObject({ patchMode: { known: false }, managed: { known: true, value: false } });
  });

  it('reads azurerm VMs, legacy VMs and scale sets', () => {
    const s = new Scan();
    s.tf('azurerm_virtual_network', 'v', { name: 'v', resource_group_name: 'rg', address_space: ['10.0.0.0/16'] });
    const sub = s.tf('azurerm_subnet', 's', { name: 's', resource_group_name: 'rg', virtual_network_name: 'v', address_prefixes: ['10.0.1.0/24'] });
    const pip = s.tf('azurerm_public_ip', 'p', { name: 'p', resource_group_name: 'rg' });
    const nic = s.tf('azurerm_network_interface', 'n', { name: 'n', resource_group_name: 'rg', ip_configuration: [{ name: 'c', subnet_id: refTo(sub), public_ip_address_id: refTo(pip) }] });
    const vm = s.tf('azurerm_windows_virtual_machine', 'w', { name: 'w', resource_group_name: 'rg', zone: '2', admin_password: 'Literal#Pass1', network_interface_ids: [refTo(nic)] });
    const legacy = s.tf('azurerm_virtual_machine', 'l', { name: 'l', resource_group_name: 'rg', zones: ['1'], os_profile: [{ admin_password: unknownInput('var.password') }], os_profile_linux_config: [{ disable_password_authentication: false }], network_interface_ids: [] });
    const vmss = s.tf('azurerm_linux_virtual_machine_scale_set', 'ss', {
      name: 'ss',
      resource_group_name: 'rg',
      zones: ['1', '2', '3'],
      instances: 3,
      network_interface: [{ name: 'n', network_security_group_id: unknownInput('var.nsg_id'), ip_configuration: [{ name: 'c', subnet_id: refTo(sub), public_ip_address: [{ name: 'pub' }] }] }],
    });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    expect(model.getOf(vm.key, 'compute')).toMatchObject({
      zones: { value: ['2'] },
      subnets: { value: [{ value: sub.key }] },
      publicIp: { value: true },
      patchMode: { value: 'AutomaticByOS', defaulted: true },
      literalSecrets: [{ attribute: 'admin_password' }],
    });
    expect(model.getOf(legacy.key, 'compute')).toMatchObject({ zones: { value: ['1'] }, patchMode: { value: 'ImageDefault' } });
    expect(model.getOf(legacy.key, 'compute')!.literalSecrets).toBeUndefined();
    expect(model.getOf(vmss.key, 'compute')).toMatchObject({
      computeType: 'azure-vmss',
      zones: { value: ['1', '2', '3'] },
      minSize: { value: 3 },
      subnets: { value: [{ value: sub.key }] },
      publicIp: { value: true },
      securityGroups: { value: [{ known: false, cause: { inputs: ['var.nsg_id'] } }] },
    });
    expect(model.getOf(pip.key, 'public-ip')!.attachedTo).toMatchObject({ value: nic.key });
    // The platform's NIC of every instance, from the NIC configuration, which the graph sees.
    expect(model.getOf(`${vmss.key}#nic/n`, 'network-interface')).toMatchObject({
      address: 'azurerm_linux_virtual_machine_scale_set.ss.network_interface["n"]',
      platformDefault: expect.any(String),
      subnet: { value: sub.key },
      publicIp: { value: true },
      attachedTo: { value: vmss.key },
    });
    const exits = buildGraph(model, defaultPolicy()).internetPaths(sub.key).map((p) => [p.exit, p.hops.at(-1)?.id]);
    expect(exits).toContainEqual(['public-ip', `${vmss.key}#nic/n`]);
    expect(exits).toContainEqual(['public-ip', nic.key]);
  });

  it('reads ARM scale sets from their profile', () => {
    const s = new Scan();
    const app = network(s);
    const ss = s.arm('Microsoft.Compute/virtualMachineScaleSets', 'ss', {
      zones: ['1', '2'],
      sku: { name: 'Standard_D2s_v5', capacity: 2 },
      properties: {
        virtualMachineProfile: {
          osProfile: { linuxConfiguration: { patchSettings: { patchMode: 'AutomaticByPlatform' } } },
          networkProfile: { networkInterfaceConfigurations: [{ name: 'n', properties: { ipConfigurations: [{ name: 'c', properties: { subnet: { id: armId(SUBNET, 'v/app') } } }] } }] },
        },
      },
    });
    const { model } = s.lift();
    expect(model.getOf(ss.key, 'compute')).toMatchObject({ zones: { value: ['1', '2'] }, minSize: { value: 2 }, managed: { value: true }, subnets: { value: [{ value: app.key }] }, publicIp: { value: false } });
  });
});

describe('load balancers and application gateways', () => {
  it('tells internet-facing load balancers and zone redundancy from frontends and their public IPs', () => {
    const s = new Scan();
    const app = network(s);
    s.arm(PIP, 'pip-zr', { sku: { name: 'Standard' }, zones: ['1', '2', '3'] });
    s.arm(PIP, 'pip-basic', {});
    const pub = s.arm('Microsoft.Network/loadBalancers', 'lb-pub', {
      location: 'japaneast',
      properties: {
        frontendIPConfigurations: [{ name: 'f', properties: { publicIPAddress: { id: armId(PIP, 'pip-zr') } } }],
        loadBalancingRules: [{ name: 'https', properties: { protocol: 'Tcp', frontendPort: 443, backendPort: 8443 } }],
        inboundNatRules: [{ name: 'rdp', properties: { protocol: 'Tcp', frontendPort: 50001, backendPort: 3389 } }],
      },
    });
    const basic = s.arm('Microsoft.Network/loadBalancers', 'lb-basic', { properties: { frontendIPConfigurations: [{ name: 'f', properties: { publicIPAddress: { id: armId(PIP, 'pip-basic') } } }] } });
    const internal = s.arm('Microsoft.Network/loadBalancers', 'lb-int', {
      properties: { frontendIPConfigurations: [{ name: 'f', zones: ['1', '2', '3'], properties: { subnet: { id: armId(SUBNET, 'v/app') } } }] },
    });
    const nonZonal = s.arm('Microsoft.Network/loadBalancers', 'lb-nz', { properties: { frontendIPConfigurations: [{ name: 'f', properties: { subnet: { id: armId(SUBNET, 'v/app') } } }] } });
    s.arm('Microsoft.Network/loadBalancers/inboundNatRules', 'lb-int/ssh', { properties: { protocol: 'Tcp', frontendPort: 2222, backendPort: 22 } });
    const { model } = s.lift();
    const p = model.getOf(pub.key, 'load-balancer')!;
    expect(p).toMatchObject({ lbType: 'azure-load-balancer', internetFacing: { value: true }, zoneRedundant: { value: true } });
    expect(p.listeners.map((l) => [l.protocol.known && l.protocol.value, l.port.known && l.port.value, l.backendPort?.known && l.backendPort.value])).toEqual([
      ['Tcp', 443, 8443],
      ['Tcp', 50001, 3389],
    ]);
    expect(model.getOf(basic.key, 'load-balancer')!.zoneRedundant).toMatchObject({ known: true, value: false });
    const i = model.getOf(internal.key, 'load-balancer')!;
    expect(i).toMatchObject({ internetFacing: { value: false }, zoneRedundant: { value: true }, subnets: { value: [{ value: app.key }] } });
    expect(i.listeners[0]).toMatchObject({ port: { value: 2222 }, backendPort: { value: 22 } });
    expect(model.getOf(nonZonal.key, 'load-balancer')!.zoneRedundant).toMatchObject({ known: true, value: false });
  });

  it('leaves zone redundancy unknown for a Standard public IP without zones outside a known zonal region, and an azurerm IP without SKU', () => {
    const s = new Scan();
    s.arm(PIP, 'pip', { sku: { name: 'Standard' } });
    const lb = s.arm('Microsoft.Network/loadBalancers', 'lb', { location: unknownInput('--location'), properties: { frontendIPConfigurations: [{ name: 'f', properties: { publicIPAddress: { id: armId(PIP, 'pip') } } }] } });
    const east = s.arm('Microsoft.Network/loadBalancers', 'lb-east', { location: 'japaneast', properties: { frontendIPConfigurations: [{ name: 'f', properties: { publicIPAddress: { id: armId(PIP, 'pip') } } }] } });
    const tfPip = s.tf('azurerm_public_ip', 'p', { name: 'p', resource_group_name: 'rg' });
    const tfLb = s.tf('azurerm_lb', 'lb', { name: 'lb', resource_group_name: 'rg', location: 'japaneast', frontend_ip_configuration: [{ name: 'f', public_ip_address_id: refTo(tfPip) }] });
    s.tf('azurerm_lb_rule', 'r', { loadbalancer_id: refTo(tfLb), protocol: 'Tcp', frontend_port: 80, backend_port: 80 });
    const { model } = s.lift();
    expect(model.getOf(lb.key, 'load-balancer')!.zoneRedundant).toMatchObject({ known: false, cause: { detail: expect.stringContaining('availability zones') } });
    expect(model.getOf(east.key, 'load-balancer')!.zoneRedundant).toMatchObject({ known: true, value: true, defaulted: true });
    const t = model.getOf(tfLb.key, 'load-balancer')!;
    expect(t.zoneRedundant).toMatchObject({ known: false, cause: { detail: expect.stringContaining('sku') } });
    expect(t.listeners).toMatchObject([{ port: { value: 80 } }]);
  });

  it('reads application gateway listeners, redirects and TLS policy (with the API-version default)', () => {
    const s = new Scan();
    const app = network(s);
    s.arm(PIP, 'agw-pip', { sku: { name: 'Standard' } });
    const gwId = armId('Microsoft.Network/applicationGateways', 'agw');
    const agw = s.arm('Microsoft.Network/applicationGateways', 'agw', {
      apiVersion: '2022-09-01',
      zones: ['1', '2'],
      properties: {
        gatewayIPConfigurations: [{ name: 'g', properties: { subnet: { id: armId(SUBNET, 'v/app') } } }],
        frontendIPConfigurations: [{ name: 'pub', properties: { publicIPAddress: { id: armId(PIP, 'agw-pip') } } }],
        frontendPorts: [
          { name: 'p80', properties: { port: 80 } },
          { name: 'p443', properties: { port: 443 } },
        ],
        httpListeners: [
          { name: 'http', properties: { protocol: 'Http', frontendPort: { id: `${gwId}/frontendPorts/p80` } } },
          { name: 'https', properties: { protocol: 'Https', frontendPort: { id: `${gwId}/frontendPorts/p443` } } },
        ],
        redirectConfigurations: [{ name: 'toHttps', properties: { redirectType: 'Permanent', targetListener: { id: `${gwId}/httpListeners/https` } } }],
        requestRoutingRules: [{ name: 'r', properties: { httpListener: { id: `${gwId}/httpListeners/http` }, redirectConfiguration: { id: `${gwId}/redirectConfigurations/toHttps` } } }],
      },
    });
    const tfAgw = s.tf('azurerm_application_gateway', 'agw', {
      name: 'agw2',
      resource_group_name: 'rg',
      frontend_port: [{ name: 'https', port: 443 }],
      http_listener: [{ name: 'l', frontend_port_name: 'https', protocol: 'Https' }],
      ssl_policy: [{ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S' }],
    });
    const { model } = s.lift();
    const g = model.getOf(agw.key, 'load-balancer')!;
    expect(g).toMatchObject({ lbType: 'azure-application-gateway', internetFacing: { value: true }, zoneRedundant: { value: true }, subnets: { value: [{ value: app.key }] } });
    expect(g.listeners).toMatchObject([
      { protocol: { value: 'Http' }, port: { value: 80 }, redirectsToHttps: { value: true } },
      { protocol: { value: 'Https' }, port: { value: 443 }, sslPolicy: { value: 'AppGwSslPolicy20150501', defaulted: true } },
    ]);
    expect(model.getOf(tfAgw.key, 'load-balancer')!.listeners).toMatchObject([{ port: { value: 443 }, sslPolicy: { value: 'AppGwSslPolicy20220101S' } }]);
  });
});

describe('App Service', () => {
  it('reads plans and apps: zone redundancy through the plan, HTTPS, TLS, access, VNet integration', () => {
    const s = new Scan();
    const app = network(s);
    const plan = s.arm('Microsoft.Web/serverfarms', 'plan', { sku: { name: 'P1v3', capacity: 3 }, properties: { zoneRedundant: true } });
    const site = s.arm('Microsoft.Web/sites', 'web', {
      properties: { serverFarmId: armId('Microsoft.Web/serverfarms', 'plan'), httpsOnly: true, publicNetworkAccess: 'Disabled', virtualNetworkSubnetId: armId(SUBNET, 'v/app') },
    });
    s.arm('Microsoft.Web/sites/config', 'web/web', { properties: { minTlsVersion: '1.0' } });
    const withPe = s.arm('Microsoft.Web/sites', 'web-pe', { properties: { serverFarmId: armId('Microsoft.Web/serverfarms', 'plan') } });
    s.arm('Microsoft.Network/privateEndpoints', 'pe', {
      properties: { subnet: { id: armId(SUBNET, 'v/app') }, privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: armId('Microsoft.Web/sites', 'web-pe'), groupIds: ['sites'] } }] },
    });
    const tfPlan = s.tf('azurerm_service_plan', 'p', { name: 'p', resource_group_name: 'rg', os_type: 'Linux', sku_name: 'P1v3' });
    const tfApp = s.tf('azurerm_linux_web_app', 'a', { name: 'a', resource_group_name: 'rg', service_plan_id: refTo(tfPlan), site_config: [{}] });
    const { model } = s.lift();
    expect(model.getOf(plan.key, 'compute')).toMatchObject({ computeType: 'app-service-plan', zoneRedundant: { value: true }, minSize: { value: 3 } });
    expect(model.getOf(site.key, 'compute')).toMatchObject({
      computeType: 'app-service',
      plan: { value: plan.key },
      zoneRedundant: { value: true },
      httpsOnly: { value: true },
      publicNetworkAccess: { value: false },
      minTlsVersion: { value: '1.0' },
      subnets: { value: [{ value: app.key }] },
    });
    expect(model.getOf(withPe.key, 'compute')!.publicNetworkAccess).toMatchObject({ known: false, cause: { detail: expect.stringContaining('private endpoint') } });
    expect(model.getOf(tfApp.key, 'compute')).toMatchObject({
      zoneRedundant: { value: false, defaulted: true },
      httpsOnly: { value: false, defaulted: true },
      publicNetworkAccess: { value: true, defaulted: true },
      minTlsVersion: { value: '1.2', defaulted: true },
    });
  });
});

describe('App Service access restrictions', () => {
  it('say what the public endpoint admits only when their default action is written, in ARM, config/web and azurerm', () => {
    const s = new Scan();
    const site = (name: string, siteConfig: Record<string, unknown>) => s.arm('Microsoft.Web/sites', name, { properties: { serverFarmId: armId('Microsoft.Web/serverfarms', 'plan'), siteConfig } });
    s.arm('Microsoft.Web/serverfarms', 'plan', { sku: { name: 'P1v3' }, properties: {} });
    const denies = site('app-deny', {
      ipSecurityRestrictionsDefaultAction: 'Deny',
      ipSecurityRestrictions: [{ vnetSubnetResourceId: armId(SUBNET, 'v/app'), action: 'Allow', priority: 100 }, { ipAddress: '203.0.113.0/24', action: 'Deny', priority: 200 }],
    });
    const office = site('app-office', { ipSecurityRestrictionsDefaultAction: 'Deny', ipSecurityRestrictions: [{ ipAddress: '198.51.100.10/32', action: 'Allow', priority: 100 }] });
    const open = site('app-open', { ipSecurityRestrictionsDefaultAction: 'Allow' });
    // Rules without a written default action: what the platform does with the rest is not said.
    const silent = site('app-silent', { ipSecurityRestrictions: [{ ipAddress: '198.51.100.10/32', action: 'Allow', priority: 100 }] });
    const fromParam = site('app-param', { ipSecurityRestrictionsDefaultAction: unknownInput('parameter restrictionDefault') });
    const amended = site('app-amended', {});
    s.arm('Microsoft.Web/sites/config', 'app-amended/web', { properties: { ipSecurityRestrictionsDefaultAction: 'Deny', ipSecurityRestrictions: [] } });
    const tfPlan = s.tf('azurerm_service_plan', 'p', { name: 'p', resource_group_name: 'rg', os_type: 'Linux', sku_name: 'P1v3' });
    const tfDeny = s.tf('azurerm_linux_web_app', 'deny', {
      name: 'deny',
      resource_group_name: 'rg',
      service_plan_id: refTo(tfPlan),
      site_config: [{ ip_restriction_default_action: 'Deny', ip_restriction: [{ virtual_network_subnet_id: 'x', action: 'Allow' }] }],
    });
    const tfTag = s.tf('azurerm_linux_web_app', 'tag', {
      name: 'tag',
      resource_group_name: 'rg',
      service_plan_id: refTo(tfPlan),
      site_config: [{ ip_restriction_default_action: 'Deny', ip_restriction: [{ service_tag: 'AzureFrontDoor.Backend', action: 'Allow' }] }],
    });
    const { model } = s.lift();
    const firewall = (key: string) => model.getOf(key, 'compute')!.publicFirewall;
    expect(firewall(denies.key)).toMatchObject({ value: 'denies' });
    expect(firewall(office.key)).toMatchObject({ value: 'admits-ranges' });
    expect(firewall(open.key)).toMatchObject({ value: 'allows-all' });
    expect(firewall(silent.key)).toBeUndefined();
    expect(firewall(fromParam.key)).toMatchObject({ known: false, cause: { inputs: ['parameter restrictionDefault'] } });
    expect(firewall(amended.key)).toMatchObject({ value: 'denies' });
    expect(firewall(tfDeny.key)).toMatchObject({ value: 'denies' });
    expect(firewall(tfTag.key)).toMatchObject({ value: 'admits-ranges' });
    // Public network access stays what it is: on by default.
    expect(model.getOf(denies.key, 'compute')!.publicNetworkAccess).toMatchObject({ value: true, defaulted: true });
  });
});

describe('resource groups', () => {
  it('gives entities the tags of their resource group when it is in the scan', () => {
    const s = new Scan();
    s.arm('Microsoft.Resources/resourceGroups', 'rg-mn', { location: 'japaneast', tags: { 'lg:segment': 'mynumber' } }, '/subscriptions/{subscription}');
    const inRg = s.arm(VNET, 'v', {}, '/subscriptions/{subscription}/resourceGroups/rg-mn');
    const elsewhere = s.arm(VNET, 'w');
    s.tf('azurerm_resource_group', 'rg', { name: 'rg-tf', location: 'japaneast', tags: { 'lg:segment': 'lgwan' } });
    const tfVnet = s.tf('azurerm_virtual_network', 'v', { name: 'v', resource_group_name: 'rg-tf', address_space: ['10.0.0.0/16'], subnet: [{ name: 's', address_prefixes: ['10.0.0.0/24'] }] });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    expect(model.get(inRg.key)!.resourceGroupTags).toMatchObject({ known: true, value: { 'lg:segment': 'mynumber' } });
    expect(model.get(elsewhere.key)!.resourceGroupTags).toBeUndefined();
    expect(model.get(tfVnet.key)!.resourceGroupTags).toMatchObject({ value: { 'lg:segment': 'lgwan' } });
    expect(model.get(`${tfVnet.key}#subnet/s`)!.resourceGroupTags).toMatchObject({ value: { 'lg:segment': 'lgwan' } });
  });
});
