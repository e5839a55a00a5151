// End to end: an ARM template (with its parameter file) and an azurerm
// configuration read by their readers, lifted by the network handlers, and
// handed to the network graph.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../../src/graph/build.js';
import { finishNetwork, networkHandlers } from '../../../../src/model/azure/network/index.js';
import type { LiftContext } from '../../../../src/model/lifter.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import { defaultPolicy } from '../../../../src/policy/types.js';
import { readArm } from '../../../../src/readers/arm/index.js';
import type { NativeResource } from '../../../../src/readers/native.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';
import { readTerraform } from '../../../../src/readers/terraform/index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures/model/azure/network');

/** 1-based line of the first line of a fixture file containing `text`. */
function lineOf(root: string, file: string, text: string): number {
  return readFileSync(path.join(root, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

function lift(resources: NativeResource[]) {
  const model = new CloudModel();
  const ctx: LiftContext = { model, links: new LinkResolver(resources) };
  const unlifted = runLifters('azure', networkHandlers, resources, ctx, finishNetwork);
  return { model, unlifted, graph: buildGraph(model, defaultPolicy()) };
}

describe('ARM: closed-segment spoke with a hub firewall', () => {
  const root = path.join(FIXTURES, 'arm-closed-segment');
  const text = (f: string) => readFileSync(path.join(root, f), 'utf8');
  const read = readArm('azuredeploy.json', text('azuredeploy.json'), defaultReadOptions(root), [{ file: 'azuredeploy.parameters.json', text: text('azuredeploy.parameters.json') }]);
  const { model, unlifted, graph } = lift(read.resources);
  const key = (address: string) => `azuredeploy.json#${address}`;
  const subnet = (name: string) => model.getOf(key(`Microsoft.Network/virtualNetworks/subnets/${name}`), 'subnet')!;

  it('reads and lifts every resource', () => {
    expect(read.errors).toEqual([]);
    expect(unlifted.map((r) => r.type)).toEqual([]);
  });

  it('lifts the copy-loop subnets of the spoke with their route table, NSG and private outbound', () => {
    for (const name of ['snet-app', 'snet-db', 'snet-pe']) {
      const s = subnet(`vnet-jmk-mn/${name}`);
      expect(s.network).toMatchObject({ value: key('Microsoft.Network/virtualNetworks/vnet-jmk-mn') });
      expect(s.routeTable).toMatchObject({ value: key('Microsoft.Network/routeTables/rt-jmk-mn') });
      expect(s.securityGroup).toMatchObject({ value: key('Microsoft.Network/networkSecurityGroups/nsg-jmk-app') });
      expect(s.defaultOutboundAccess).toMatchObject({ known: true, value: false });
    }
    expect(subnet('vnet-jmk-mn/snet-db').cidr).toMatchObject({ value: '10.110.2.0/24' });
    // The hub's firewall subnet keeps the default of its API version.
    expect(subnet('vnet-jmk-hub/AzureFirewallSubnet').defaultOutboundAccess).toMatchObject({ value: true, defaulted: true });
  });

  it('sends the spoke to the internet only through the hub firewall, across the peering', () => {
    const paths = graph.internetPaths(subnet('vnet-jmk-mn/snet-app').id);
    expect(paths.map((p) => [p.exit, p.certainty, p.firewall])).toEqual([['firewall', 'definite', key('Microsoft.Network/azureFirewalls/afw-hub')]]);
    expect(graph.internetPaths(subnet('vnet-jmk-hub/snet-mgmt').id)).toEqual([]);
    const fw = model.getOf(key('Microsoft.Network/azureFirewalls/afw-hub'), 'firewall')!;
    expect(fw.privateAddresses).toMatchObject({ value: ['10.100.0.4'] });
    expect(fw.domainRules.known && fw.domainRules.value.map((r) => [r.syntax, r.domains])).toEqual([
      ['azure-firewall-fqdn-tag', ['WindowsUpdate']],
      ['azure-firewall-fqdn', ['*.av-vendor.example.jp']],
    ]);
  });

  it('places the copy-loop VMs through their NICs and finds the password the parameter file gives as a literal', () => {
    const vm = model.getOf(key('Microsoft.Compute/virtualMachines/vm-jmk-ap2'), 'compute')!;
    expect(vm).toMatchObject({ zones: { value: ['2'] }, managed: { value: true }, publicIp: { value: false }, subnets: { value: [{ value: subnet('vnet-jmk-mn/snet-app').id }] } });
    // Located where the template uses it.
    expect(vm.literalSecrets).toEqual([{ attribute: 'osProfile.adminPassword', loc: { file: 'azuredeploy.json', line: lineOf(root, 'azuredeploy.json', '"adminPassword": "['), column: expect.any(Number) } }]);
    expect(graph.segmentOf(vm.id)).toMatchObject({ segment: 'mynumber' });
    expect(model.getOf(key('Microsoft.Network/loadBalancers/lbi-jmk-ap'), 'load-balancer')).toMatchObject({ internetFacing: { value: false }, zoneRedundant: { value: true } });
  });

  it('reaches the Key Vault through a private endpoint in the spoke', () => {
    const pe = model.getOf(key('Microsoft.Network/privateEndpoints/pe-jmk-kv'), 'endpoint')!;
    expect(pe).toMatchObject({ service: { value: 'vault' }, network: { value: key('Microsoft.Network/virtualNetworks/vnet-jmk-mn') } });
    // The vault is in another template: the endpoint names it.
    expect(pe.target).toMatchObject({ known: false, cause: { inputs: ['/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.KeyVault/vaults/kv-jmk-prod'] } });
  });

  it('pairs the two peering sides', () => {
    const link = graph.links().find((l) => l.connectionType === 'vnet-peering')!;
    expect(link).toMatchObject({ effective: true, certainty: 'definite' });
  });
});

describe('azurerm: internet-segment web tier', async () => {
  const root = path.join(FIXTURES, 'tf-web-tier');
  const read = await readTerraform([root], defaultReadOptions(root));
  const { model, unlifted, graph } = lift(read.resources);
  const key = (address: string) => `.#${address}`;

  it('reads and lifts every resource', () => {
    expect(read.errors).toEqual([]);
    expect(unlifted.map((r) => r.type)).toEqual([]);
  });

  it('joins subnets by name, applies associations and the standalone rule, and carries the resource group segment', () => {
    const web = model.getOf(key('azurerm_subnet.web'), 'subnet')!;
    expect(web).toMatchObject({ network: { value: key('azurerm_virtual_network.web') }, cidr: { value: '10.200.1.0/24' }, securityGroup: { value: key('azurerm_network_security_group.web') } });
    expect(web.resourceGroupTags).toMatchObject({ value: { 'lg:segment': 'internet' } });
    const nsg = model.getOf(key('azurerm_network_security_group.web'), 'security-group')!;
    expect(nsg.rules.filter((r) => !r.platformDefault).map((r) => [r.name, r.peers.known && r.peers.value])).toEqual([
      ['allow-https-in', [{ kind: 'service-tag', tag: 'Internet' }]],
      ['allow-ssh-maintenance', [{ kind: 'cidr', cidr: '203.0.113.0/28' }]],
    ]);
    const batch = model.getOf(key('azurerm_subnet.batch'), 'subnet')!;
    expect(batch).toMatchObject({ natGateway: { value: key('azurerm_nat_gateway.batch') }, routeTable: { value: key('azurerm_route_table.batch') }, defaultOutboundAccess: { value: false } });
  });

  it('finds each way out: public IP NICs, default outbound access and a service endpoint on web; the NAT gateway on batch', () => {
    const exits = (id: string) => graph.internetPaths(id).map((p) => p.exit).sort();
    expect(exits(key('azurerm_subnet.web'))).toEqual(['default-outbound-access', 'public-ip', 'public-ip', 'service-endpoint']);
    expect(exits(key('azurerm_subnet.batch'))).toEqual(['nat-gateway']);
  });

  it('reads the VMs, the password tfvars gives as a literal, and the web app through its zone-redundant plan', () => {
    const vm = model.getOf(key('azurerm_linux_virtual_machine.web[1]'), 'compute')!;
    expect(vm).toMatchObject({ zones: { value: ['2'] }, publicIp: { value: true }, patchMode: { value: 'ImageDefault' } });
    expect(vm.literalSecrets).toEqual([{ attribute: 'admin_password', loc: { file: 'main.tf', line: lineOf(root, 'main.tf', 'admin_password  '), column: expect.any(Number) } }]);
    expect(model.getOf(key('azurerm_linux_web_app.portal'), 'compute')).toMatchObject({ zoneRedundant: { value: true }, httpsOnly: { value: true }, publicNetworkAccess: { value: true, defaulted: true } });
    expect(model.getOf(key('azurerm_public_ip.nat'), 'public-ip')!.attachedTo).toMatchObject({ value: key('azurerm_nat_gateway.batch') });
  });
});
