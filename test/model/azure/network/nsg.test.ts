import { describe, expect, it } from 'vitest';
import type { SecurityRule } from '../../../../src/model/security.js';
import { armId, locOf, refTo, Scan, unknownInput } from './scan-builder.js';

const NSG = 'Microsoft.Network/networkSecurityGroups';

function own(rules: SecurityRule[]): SecurityRule[] {
  return rules.filter((r) => !r.platformDefault);
}

describe('network security groups', () => {
  it('adds the six default rules to every NSG, located at the NSG', () => {
    const s = new Scan();
    const nsg = s.arm(NSG, 'empty', {});
    const { model } = s.lift();
    const g = model.getOf(nsg.key, 'security-group')!;
    expect(g.flavor).toBe('azure-nsg');
    expect(g.rules.map((r) => [r.platformDefault, r.direction, r.action, r.priority, r.peers.known && r.peers.value[0]])).toEqual([
      ['AllowVnetInBound', 'ingress', 'allow', 65000, { kind: 'service-tag', tag: 'VirtualNetwork' }],
      ['AllowAzureLoadBalancerInBound', 'ingress', 'allow', 65001, { kind: 'service-tag', tag: 'AzureLoadBalancer' }],
      ['DenyAllInBound', 'ingress', 'deny', 65500, { kind: 'service-tag', tag: '*' }],
      ['AllowVnetOutBound', 'egress', 'allow', 65000, { kind: 'service-tag', tag: 'VirtualNetwork' }],
      ['AllowInternetOutBound', 'egress', 'allow', 65001, { kind: 'service-tag', tag: 'Internet' }],
      ['DenyAllOutBound', 'egress', 'deny', 65500, { kind: 'service-tag', tag: '*' }],
    ]);
    expect(g.rules.every((r) => r.loc === nsg.loc && r.definedBy === nsg.address)).toBe(true);
    expect(g.rulesComplete).toMatchObject({ known: true, value: true });
  });

  it('reads ARM rules: remote side by direction, destination ports, protocols, tags, addresses and ASGs', () => {
    const s = new Scan();
    const asg = s.arm('Microsoft.Network/applicationSecurityGroups', 'asg-web');
    const nsg = s.arm(NSG, 'nsg', {
      properties: {
        securityRules: [
          {
            name: 'rdp-from-office',
            properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefixes: ['203.0.113.5', '198.51.100.0/24'], sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRanges: ['3389', '5985-5986'] },
          },
          { name: 'deny-internet', properties: { priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '*' } },
          { name: 'ping', properties: { priority: 200, direction: 'Outbound', access: 'Allow', protocol: 'Icmp', destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' } },
          {
            name: 'to-web',
            properties: { priority: 300, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destinationApplicationSecurityGroups: [{ id: armId('Microsoft.Network/applicationSecurityGroups', 'asg-web') }], destinationPortRange: '443' },
          },
        ],
      },
    });
    const { model } = s.lift();
    const rules = own(model.getOf(nsg.key, 'security-group')!.rules);
    expect(rules[0]).toMatchObject({
      name: 'rdp-from-office',
      direction: 'ingress',
      action: 'allow',
      priority: 100,
      protocol: { value: 'tcp' },
      ports: { value: [{ from: 3389, to: 3389 }, { from: 5985, to: 5986 }] },
      peers: { value: [{ kind: 'cidr', cidr: '203.0.113.5/32' }, { kind: 'cidr', cidr: '198.51.100.0/24' }] },
      loc: locOf(nsg, 'properties', 'securityRules', 0),
    });
    expect(rules[1]).toMatchObject({ direction: 'egress', action: 'deny', protocol: { value: 'all' }, ports: { value: [{ from: 0, to: 65535 }] }, peers: { value: [{ kind: 'service-tag', tag: 'Internet' }] } });
    expect(rules[2]).toMatchObject({ protocol: { value: 'icmp' }, ports: { value: [] } });
    expect(rules[3]!.peers).toMatchObject({ value: [{ kind: 'security-group', ref: { known: true, value: asg.key } }] });
  });

  it('leaves the rule set open when a rule cannot be read, and keeps unknown peers and ports unknown', () => {
    const s = new Scan();
    const nsg = s.arm(NSG, 'nsg', {
      properties: {
        securityRules: [
          { name: 'p', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: unknownInput('parameter officeCidr'), destinationPortRange: unknownInput('parameter port') } },
          { name: 'q', properties: { priority: 110, direction: unknownInput('parameter dir'), access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '*', destinationPortRange: '22' } },
        ],
      },
    });
    const open = s.arm(NSG, 'open', { properties: { securityRules: unknownInput('parameter rules') } });
    const { model } = s.lift();
    const g = model.getOf(nsg.key, 'security-group')!;
    expect(own(g.rules)).toHaveLength(1);
    expect(own(g.rules)[0]).toMatchObject({ peers: { known: false, cause: { inputs: ['parameter officeCidr'] } }, ports: { known: false, cause: { inputs: ['parameter port'] } } });
    expect(g.rulesComplete).toMatchObject({ known: false, cause: { inputs: ['parameter dir'] } });
    expect(model.getOf(open.key, 'security-group')!.rulesComplete).toMatchObject({ known: false, cause: { inputs: ['parameter rules'] } });
  });

  it('adds ARM child rules and azurerm rule resources to their group; a conditional rule keeps its condition', () => {
    const s = new Scan();
    const armNsg = s.arm(NSG, 'nsg-a', {});
    const child = s.arm(`${NSG}/securityRules`, 'nsg-a/ssh', { properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', destinationPortRange: '22' } });
    const tfNsg = s.tf('azurerm_network_security_group', 'b', {
      name: 'nsg-b',
      resource_group_name: 'rg',
      security_rule: [{ name: 'https', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '*', destination_port_range: '443', destination_address_prefix: '*' }],
    });
    const tfRule = s.tf('azurerm_network_security_rule', 'out', {
      name: 'deny-all-out',
      resource_group_name: 'rg',
      network_security_group_name: 'nsg-b',
      priority: 4096,
      direction: 'Outbound',
      access: 'Deny',
      protocol: '*',
      destination_address_prefix: '0.0.0.0/0',
      destination_port_range: '*',
    });
    const tfNsg2 = s.tf('azurerm_network_security_group', 'c', { name: 'nsg-c', resource_group_name: 'rg' });
    s.conditional(s.tf('azurerm_network_security_rule', 'maybe', { name: 'm', resource_group_name: 'rg', network_security_group_name: 'nsg-c', priority: 100, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', destination_address_prefix: 'Internet', destination_port_range: '443' }), 'var.allow_web');
    const { model, unlifted } = s.lift();
    expect(unlifted).toEqual([]);
    expect(own(model.getOf(armNsg.key, 'security-group')!.rules)).toMatchObject([{ definedBy: child.address, name: 'ssh', peers: { value: [{ kind: 'service-tag', tag: 'Internet' }] } }]);
    const b = own(model.getOf(tfNsg.key, 'security-group')!.rules);
    expect(b.map((r) => [r.name, r.definedBy])).toEqual([
      ['https', tfNsg.address],
      ['deny-all-out', tfRule.address],
    ]);
    expect(b[1]).toMatchObject({ peers: { value: [{ kind: 'cidr', cidr: '0.0.0.0/0' }] }, priority: 4096 });
    const c = model.getOf(tfNsg2.key, 'security-group')!;
    expect(own(c.rules)).toMatchObject([{ name: 'm', action: 'allow', conditional: { inputs: ['var.allow_web'] } }]);
    expect(c.rulesComplete).toMatchObject({ known: true, value: true });
  });

  it('adds an NSG to a NIC through the azurerm association', () => {
    const s = new Scan();
    const nsg = s.tf('azurerm_network_security_group', 'n', { name: 'n', resource_group_name: 'rg' });
    const nic = s.tf('azurerm_network_interface', 'nic', { name: 'nic', resource_group_name: 'rg', ip_configuration: [{ name: 'c', subnet_id: unknownInput('data.azurerm_subnet.app') }] });
    s.tf('azurerm_network_interface_security_group_association', 'a', { network_interface_id: refTo(nic), network_security_group_id: refTo(nsg) });
    const { model } = s.lift();
    expect(model.getOf(nic.key, 'network-interface')!.securityGroups).toMatchObject({ known: true, value: [{ known: true, value: nsg.key }] });
  });
});
