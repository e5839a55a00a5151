// An older hand-written template: child resources nested in their parents,
// a resource copy loop, a nested deployment in the default (outer) scope, a
// linked template, `[[` escapes and string-built resource IDs.
import { describe, expect, it } from 'vitest';
import { path as at, toPlain } from '../../../src/readers/value.js';
import { byAddress, readFixture } from './read-fixture.js';

const FILE = 'lgwan-legacy/azuredeploy.json';

describe('lgwan-legacy', () => {
  const r = readFixture(FILE);

  it('reads every resource, children nested in their parents included', () => {
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => x.address)).toEqual([
      'Microsoft.Network/virtualNetworks/lgwan-vnet',
      'Microsoft.Network/virtualNetworks/subnets/lgwan-vnet/web',
      'Microsoft.Network/networkSecurityGroups/lgwan-nsg',
      'Microsoft.Network/networkSecurityGroups/securityRules/lgwan-nsg/allow-rdp-from-ops',
      'Microsoft.Network/networkInterfaces/web01-nic',
      'Microsoft.Network/networkInterfaces/web02-nic',
      'Microsoft.Resources/deployments/routeTableDeployment',
      'Microsoft.Resources/deployments/routeTableDeployment/Microsoft.Network/routeTables/rt-lgwan',
      'Microsoft.Resources/deployments/monitoringDeployment',
    ]);
    const rule = byAddress(r, 'Microsoft.Network/networkSecurityGroups/securityRules/lgwan-nsg/allow-rdp-from-ops');
    expect(rule.type).toBe('Microsoft.Network/networkSecurityGroups/securityRules');
    expect(toPlain(at(rule.attrs, 'name'))).toBe('lgwan-nsg/allow-rdp-from-ops');
  });

  it('a subnet ID built with concat joins the NIC to the nested subnet', () => {
    const subnet = byAddress(r, 'Microsoft.Network/virtualNetworks/subnets/lgwan-vnet/web');
    const nic = byAddress(r, 'Microsoft.Network/networkInterfaces/web02-nic');
    const ref = toPlain(at(nic.attrs, 'properties', 'ipConfigurations', 0, 'properties', 'subnet', 'id')) as string;
    expect(ref.toLowerCase()).toBe(subnet.ids![0]);
    expect(toPlain(at(nic.attrs, 'properties', 'ipConfigurations', 0, 'properties', 'privateIPAddress'))).toBe('172.16.1.11');
  });

  it('unescapes [[ in literal strings', () => {
    const nic = byAddress(r, 'Microsoft.Network/networkInterfaces/web01-nic');
    expect(toPlain(at(nic.attrs, 'tags', 'banner'))).toBe('[LGWAN] 接続系 - 許可された利用者のみ');
  });

  it('an outer-scope nested deployment reads the enclosing parameters; its route table joins to the subnet', () => {
    const rt = byAddress(r, 'Microsoft.Resources/deployments/routeTableDeployment/Microsoft.Network/routeTables/rt-lgwan');
    expect(toPlain(rt.region)).toBe('japanwest');
    const subnet = byAddress(r, 'Microsoft.Network/virtualNetworks/subnets/lgwan-vnet/web');
    expect(String(toPlain(at(subnet.attrs, 'properties', 'routeTable', 'id'))).toLowerCase()).toBe(rt.ids![0]);
    expect(rt.key).toBe(`${FILE}#Microsoft.Resources/deployments/routeTableDeployment/Microsoft.Network/routeTables/rt-lgwan`);
  });

  it('the deployment resource keeps its properties but not the inner template', () => {
    const dep = byAddress(r, 'Microsoft.Resources/deployments/routeTableDeployment');
    expect(toPlain(at(dep.attrs, 'properties'))).toEqual({ mode: 'Incremental' });
  });

  it('a linked template is reported as not scanned, naming its evaluated URI', () => {
    expect(r.notScanned).toEqual([
      {
        address: 'Microsoft.Resources/deployments/monitoringDeployment',
        scope: FILE,
        loc: { file: FILE, line: 153, column: 33 },
        cause: {
          inputs: ['templateLink https://example.blob.core.windows.net/templates/monitoring.json'],
          detail: expect.stringMatching(/not followed/),
        },
        reason: {
          ja: 'リンク先のテンプレート https://example.blob.core.windows.net/templates/monitoring.json はたどりません。そのテンプレートを（パラメータとともに）単独で検査してください',
          en: expect.stringMatching(/not followed/),
        },
      },
    ]);
  });

  it('a waiver comment in a child resource belongs to the child, not to its parent', () => {
    expect(byAddress(r, 'Microsoft.Network/virtualNetworks/subnets/lgwan-vnet/web').waivers).toEqual([
      { controlId: 'LG-3.2', reason: 'LGWAN-ASP 接続のための経路 (審査済)', loc: { file: FILE, line: 42 } },
    ]);
    expect(byAddress(r, 'Microsoft.Network/virtualNetworks/lgwan-vnet').waivers).toBeUndefined();
  });
});
