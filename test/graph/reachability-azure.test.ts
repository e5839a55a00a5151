import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from './model-builder.js';

function azure() {
  const m = new ModelBuilder('azure', 'azuredeploy.json');
  const vnet = m.vpc('Microsoft.Network/virtualNetworks/vnet-mn', { tags: { 'lg:segment': 'mynumber' } });
  return { m, vnet };
}

describe('Azure reachability', () => {
  it('reports default outbound access where nothing else takes the traffic, located at the setting', () => {
    const { m, vnet } = azure();
    const on = m.subnet('vnet-mn/app', vnet, { defaultOutboundAccess: true, defaultOutboundDefaulted: true });
    const off = m.subnet('vnet-mn/db', vnet, { defaultOutboundAccess: false });
    const unk = m.subnet('vnet-mn/web', vnet, { defaultOutboundAccess: cause('parameters(\'defaultOutbound\')') });
    const g = buildGraph(m.model, defaultPolicy());
    const [p, ...rest] = g.internetPaths(on);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ exit: 'default-outbound-access', certainty: 'definite', openedBy: on });
    expect(p!.openedAt).toEqual(m.model.getOf(on, 'subnet')!.defaultOutboundAccess!.loc);
    expect(p!.hops[1]!.note).toBe('platform default: on');
    expect(g.internetPaths(off)).toEqual([]);
    expect(g.internetPaths(unk)).toMatchObject([{ exit: 'default-outbound-access', certainty: 'possible', cause: { inputs: ["parameters('defaultOutbound')"] } }]);
  });

  it('reports a NAT gateway instead of default outbound access', () => {
    const { m, vnet } = azure();
    const nat = m.gateway('Microsoft.Network/natGateways/ng-mn', 'nat');
    const s = m.subnet('vnet-mn/app', vnet, { natGateway: nat, defaultOutboundAccess: true });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => p.exit)).toEqual(['nat-gateway']);
    expect(paths[0]!.openedAt).toEqual(m.model.getOf(s, 'subnet')!.natGateway!.loc);
  });

  it('reports a UDR with next hop Internet and lets a 0.0.0.0/0 UDR replace default outbound access', () => {
    const { m, vnet } = azure();
    const rt = m.routeTable('Microsoft.Network/routeTables/rt-mn', undefined, [['0.0.0.0/0', 'internet']]);
    const s = m.subnet('vnet-mn/app', vnet, { routeTable: rt, defaultOutboundAccess: true });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => [p.exit, p.certainty])).toEqual([['route-to-internet', 'definite']]);
    expect(paths[0]!.openedAt).toEqual(m.model.getOf(rt, 'route-table')!.routes[0]!.loc);
  });

  it('follows a UDR to an Azure Firewall in a peered hub and names the firewall', () => {
    const { m, vnet } = azure();
    const hub = m.vpc('Microsoft.Network/virtualNetworks/vnet-hub');
    const fwSub = m.subnet('vnet-hub/AzureFirewallSubnet', hub);
    const fw = m.firewall('Microsoft.Network/azureFirewalls/fw-hub', hub, [fwSub], { privateAddresses: ['10.0.1.4'] });
    m.connection('vnet-mn/to-hub', 'vnet-peering', vnet, hub);
    m.connection('vnet-hub/to-mn', 'vnet-peering', hub, vnet);
    const rt = m.routeTable('Microsoft.Network/routeTables/rt-mn', undefined, [['0.0.0.0/0', 'virtual-appliance', undefined, '10.0.1.4']]);
    const s = m.subnet('vnet-mn/app', vnet, { routeTable: rt, defaultOutboundAccess: true });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ exit: 'firewall', firewall: fw, certainty: 'definite' });
    expect(paths[0]!.hops.map((h) => h.role)).toEqual(['subnet', 'route-table', 'route', 'vnet-peering', 'vnet-peering', 'firewall']);
  });

  it('calls an appliance that is not a known firewall possible, and a firewall without peering possible', () => {
    const { m, vnet } = azure();
    const other = m.vpc('Microsoft.Network/virtualNetworks/vnet-far');
    const fwSub = m.subnet('vnet-far/AzureFirewallSubnet', other);
    m.firewall('Microsoft.Network/azureFirewalls/fw-far', other, [fwSub], { privateAddresses: ['10.9.0.4'] });
    const rt = m.routeTable('Microsoft.Network/routeTables/rt', undefined, [
      ['0.0.0.0/0', 'virtual-appliance', undefined, '10.0.2.4'],
      ['8.8.8.8/32', 'virtual-appliance', undefined, '10.9.0.4'],
    ]);
    const s = m.subnet('vnet-mn/app', vnet, { routeTable: rt, defaultOutboundAccess: false });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => [p.exit, p.certainty])).toEqual([
      ['virtual-appliance', 'possible'],
      ['firewall', 'possible'],
    ]);
    expect(paths[0]!.cause!.inputs).toEqual(['10.0.2.4']);
  });

  it('reports NICs with a public IP, and service endpoints', () => {
    const { m, vnet } = azure();
    const s = m.subnet('vnet-mn/app', vnet, { defaultOutboundAccess: false, serviceEndpoints: ['Microsoft.Storage'] });
    const nic = m.nic('Microsoft.Network/networkInterfaces/vm1-nic', s, { publicIp: true });
    m.nic('Microsoft.Network/networkInterfaces/vm2-nic', s, { publicIp: false });
    const maybe = m.nic('Microsoft.Network/networkInterfaces/vm3-nic', s, { publicIp: cause("parameters('publicIpId')") });
    const paths = buildGraph(m.model, defaultPolicy()).internetPaths(s);
    expect(paths.map((p) => [p.exit, p.openedBy, p.certainty])).toEqual([
      ['public-ip', nic, 'definite'],
      ['public-ip', maybe, 'possible'],
      ['service-endpoint', s, 'definite'],
    ]);
    expect(paths[2]!.hops[1]!.note).toBe('Microsoft.Storage');
  });

  it('marks paths blocked by an NSG that denies internet egress before the default allow', () => {
    const { m, vnet } = azure();
    const nsg = m.securityGroup(
      'Microsoft.Network/networkSecurityGroups/nsg-mn',
      undefined,
      [
        { action: 'deny', priority: 4000, peers: { known: true, value: [{ kind: 'service-tag', tag: 'Internet' }] }, protocol: { known: true, value: '*' } },
        { action: 'allow', priority: 65000, peers: { known: true, value: [{ kind: 'service-tag', tag: 'VirtualNetwork' }] } },
        { action: 'allow', priority: 65001, peers: { known: true, value: [{ kind: 'service-tag', tag: 'Internet' }] }, platformDefault: 'AllowInternetOutBound' },
      ],
      'azure-nsg',
    );
    const open = m.securityGroup('Microsoft.Network/networkSecurityGroups/nsg-open', undefined, [
      { action: 'allow', priority: 65001, peers: { known: true, value: [{ kind: 'service-tag', tag: 'Internet' }] } },
    ], 'azure-nsg');
    const closed = m.subnet('vnet-mn/closed', vnet, { defaultOutboundAccess: true, securityGroup: nsg });
    const openSub = m.subnet('vnet-mn/open', vnet, { defaultOutboundAccess: true, securityGroup: open });
    const g = buildGraph(m.model, defaultPolicy());
    expect(g.internetPaths(closed)[0]!.blockedByRules).toBe(true);
    expect(g.internetPaths(openSub)[0]!.blockedByRules).toBeUndefined();
    expect(g.segmentsOf(nsg).map((a) => a.segment)).toEqual(['mynumber']);
  });
});
