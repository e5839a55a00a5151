import { describe, expect, it } from 'vitest';
import { armId, locOf, refTo, Scan, unknownInput } from './scan-builder.js';

const VNET = 'Microsoft.Network/virtualNetworks';
const SUBNET = `${VNET}/subnets`;
const FW = 'Microsoft.Network/azureFirewalls';
const POLICY = 'Microsoft.Network/firewallPolicies';

describe('private endpoints', () => {
  it('reads subnet, network, service, target and private DNS from ARM and azurerm', () => {
    const s = new Scan();
    const vnet = s.arm(VNET, 'v');
    const pe = s.arm(SUBNET, 'v/pe');
    const kv = s.arm('Microsoft.KeyVault/vaults', 'kv-mn');
    const armPe = s.arm('Microsoft.Network/privateEndpoints', 'pe-kv', {
      properties: {
        subnet: { id: armId(SUBNET, 'v/pe') },
        privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: armId('Microsoft.KeyVault/vaults', 'kv-mn'), groupIds: ['vault'] } }],
      },
    });
    s.arm('Microsoft.Network/privateEndpoints/privateDnsZoneGroups', 'pe-kv/default', { properties: { privateDnsZoneConfigs: [] } });
    const tfSubnet = s.tf('azurerm_subnet', 'pe', { name: 'pe', resource_group_name: 'rg', virtual_network_name: 'tv', address_prefixes: ['10.3.1.0/24'] });
    const tfVnet = s.tf('azurerm_virtual_network', 'tv', { name: 'tv', resource_group_name: 'rg', address_space: ['10.3.0.0/16'] });
    const sa = s.tf('azurerm_storage_account', 'sa', { name: 'sa' });
    const tfPe = s.tf('azurerm_private_endpoint', 'blob', {
      name: 'pe-blob',
      resource_group_name: 'rg',
      subnet_id: refTo(tfSubnet),
      private_service_connection: [{ name: 'c', private_connection_resource_id: refTo(sa), subresource_names: ['blob'], is_manual_connection: false }],
    });
    const paramPe = s.arm('Microsoft.Network/privateEndpoints', 'pe-param', { properties: { subnet: { id: armId(SUBNET, 'v/pe') }, privateLinkServiceConnections: unknownInput('parameter connections') } });
    const { model } = s.lift();
    expect(model.getOf(armPe.key, 'endpoint')).toMatchObject({
      endpointType: 'private-endpoint',
      service: { value: 'vault' },
      subnets: { value: [{ value: pe.key }] },
      network: { value: vnet.key },
      target: { value: kv.key },
      privateDns: { known: true, value: true },
    });
    expect(model.getOf(tfPe.key, 'endpoint')).toMatchObject({ service: { value: 'blob' }, network: { value: tfVnet.key }, target: { value: sa.key }, privateDns: { value: false, defaulted: true } });
    expect(model.getOf(paramPe.key, 'endpoint')).toMatchObject({ service: { known: false, cause: { inputs: ['parameter connections'] } }, target: { known: false } });
  });
});

describe('Azure Firewall', () => {
  it('folds classic collections and policy rule collection groups (with the base policy) into domain and address rules', () => {
    const s = new Scan();
    s.arm(VNET, 'hub', { properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } } });
    const fwSubnet = s.arm(SUBNET, 'hub/AzureFirewallSubnet', { properties: { addressPrefix: '10.0.1.0/26' } });
    s.arm(POLICY, 'base');
    s.arm(POLICY, 'child', { properties: { basePolicy: { id: armId(POLICY, 'base') } } });
    const fw = s.arm(FW, 'fw-hub', {
      properties: {
        ipConfigurations: [{ name: 'c', properties: { subnet: { id: armId(SUBNET, 'hub/AzureFirewallSubnet') } } }],
        firewallPolicy: { id: armId(POLICY, 'child') },
        applicationRuleCollections: [{ name: 'classic', properties: { priority: 100, action: { type: 'Allow' }, rules: [{ name: 'wu', fqdnTags: ['WindowsUpdate'] }] } }],
      },
    });
    const rcg = s.arm(`${POLICY}/ruleCollectionGroups`, 'child/app', {
      properties: {
        priority: 200,
        ruleCollections: [
          {
            ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
            name: 'allow-updates',
            priority: 100,
            action: { type: 'Allow' },
            rules: [
              { ruleType: 'ApplicationRule', name: 'av', targetFqdns: ['*.update.example.com', 'defs.example.net'], protocols: [{ protocolType: 'Https', port: 443 }] },
              { ruleType: 'ApplicationRule', name: 'urls', targetUrls: ['www.example.org/patches/*'] },
              { ruleType: 'NetworkRule', name: 'ntp', ipProtocols: ['UDP'], destinationAddresses: ['*'], destinationPorts: ['123'] },
            ],
          },
          { ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'dnat', priority: 50, action: { type: 'Dnat' }, rules: [{ ruleType: 'NatRule', name: 'rdp' }] },
        ],
      },
    });
    s.arm(`${POLICY}/ruleCollectionGroups`, 'base/deny', {
      properties: { ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', action: { type: 'Deny' }, rules: [{ ruleType: 'ApplicationRule', targetFqdns: ['bad.example.com'] }] }] },
    });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    const f = model.getOf(fw.key, 'firewall')!;
    expect(f).toMatchObject({ firewallType: 'azure-firewall', defaultDeny: { value: true, defaulted: true }, subnets: { value: [{ value: fwSubnet.key }] } });
    expect(f.network).toMatchObject({ known: true, value: 'azuredeploy.json#Microsoft.Network/virtualNetworks/hub' });
    // Azure gives the firewall the first usable address of its subnet.
    expect(f.privateAddresses).toMatchObject({ known: true, value: ['10.0.1.4'], defaulted: true });
    expect(f.domainRules.known && f.domainRules.value.map((r) => [r.action, r.syntax, r.domains, r.definedBy])).toEqual([
      ['allow', 'azure-firewall-fqdn-tag', ['WindowsUpdate'], fw.address],
      ['allow', 'azure-firewall-fqdn', ['*.update.example.com', 'defs.example.net'], rcg.address],
      ['allow', 'azure-firewall-fqdn', ['www.example.org'], rcg.address],
      ['deny', 'azure-firewall-fqdn', ['bad.example.com'], 'Microsoft.Network/firewallPolicies/ruleCollectionGroups/base/deny'],
    ]);
    expect(f.addressRules).toMatchObject({ known: true, value: [{ action: 'allow', destinations: ['*'], ports: ['123'], protocols: ['UDP'], name: 'ntp', loc: locOf(rcg, 'properties', 'ruleCollections', 0, 'rules', 2) }] });
  });

  it('reads azurerm policies, rule collection groups and classic collections by firewall name', () => {
    const s = new Scan();
    const policy = s.tf('azurerm_firewall_policy', 'p', { name: 'p', resource_group_name: 'rg' });
    const fw = s.tf('azurerm_firewall', 'fw', { name: 'fw', resource_group_name: 'rg', firewall_policy_id: refTo(policy), ip_configuration: [{ name: 'c', subnet_id: unknownInput('data.azurerm_subnet.fw') }] });
    s.tf('azurerm_firewall_policy_rule_collection_group', 'g', {
      name: 'g',
      firewall_policy_id: refTo(policy),
      priority: 100,
      application_rule_collection: [{ name: 'a', priority: 100, action: 'Allow', rule: [{ name: 'r', destination_fqdns: ['*.windowsupdate.com'], destination_fqdn_tags: [] }] }],
      network_rule_collection: [{ name: 'n', priority: 200, action: 'Allow', rule: [{ name: 'dns', protocols: ['UDP'], destination_addresses: ['168.63.129.16'], destination_ports: ['53'] }] }],
    });
    s.tf('azurerm_firewall_application_rule_collection', 'classic', { name: 'c', azure_firewall_name: 'fw', resource_group_name: 'rg', priority: 100, action: 'Allow', rule: [{ name: 'x', target_fqdns: ['repo.example.jp'] }] });
    const open = s.tf('azurerm_firewall', 'open', { name: 'open', resource_group_name: 'rg', firewall_policy_id: unknownInput('var.policy_id') });
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    const f = model.getOf(fw.key, 'firewall')!;
    expect(f.domainRules.known && f.domainRules.value.map((r) => r.domains)).toEqual([['repo.example.jp'], ['*.windowsupdate.com']]);
    expect(f.addressRules).toMatchObject({ value: [{ destinations: ['168.63.129.16'] }] });
    expect(f.privateAddresses).toMatchObject({ known: false });
    expect(model.getOf(open.key, 'firewall')!.domainRules).toMatchObject({ known: false, cause: { inputs: ['var.policy_id'] } });
  });

  it('leaves rules unknown when a rule collection cannot be read or allows web categories', () => {
    const s = new Scan();
    s.arm(POLICY, 'p');
    const fw = s.arm(FW, 'fw', { properties: { firewallPolicy: { id: armId(POLICY, 'p') } } });
    s.arm(`${POLICY}/ruleCollectionGroups`, 'p/g', {
      properties: { ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', action: { type: 'Allow' }, rules: [{ ruleType: 'ApplicationRule', webCategories: ['News'] }] }] },
    });
    const fw2 = s.arm(FW, 'fw2', {
      properties: { applicationRuleCollections: [{ name: 'c', properties: { action: { type: 'Allow' }, rules: [{ name: 'r', targetFqdns: unknownInput('parameter allowedFqdns') }] } }] },
    });
    const { model } = s.lift();
    expect(model.getOf(fw.key, 'firewall')!.domainRules).toMatchObject({ known: false, cause: { detail: expect.stringContaining('web categories') } });
    expect(model.getOf(fw2.key, 'firewall')!.domainRules).toMatchObject({ known: false, cause: { inputs: ['parameter allowedFqdns'] } });
  });
});
