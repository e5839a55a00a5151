// A subscription-scope template: a resource group as a resource, and nested
// deployments into it (known name and location) and into a group named by a
// parameter without value.
import { describe, expect, it } from 'vitest';
import { readArm } from '../../../src/readers/arm/index.js';
import { defaultReadOptions } from '../../../src/readers/options.js';
import { path as at, toPlain } from '../../../src/readers/value.js';
import { byAddress, readFixture } from './read-fixture.js';

const FILE = 'subscription-scope/azuredeploy.json';

describe('subscription-scope template', () => {
  const r = readFixture(FILE);

  it('resource groups and subscription-level resources get subscription-level IDs', () => {
    expect(r.errors).toEqual([]);
    expect(byAddress(r, 'Microsoft.Resources/resourceGroups/rg-131016-juki').ids).toEqual(['/subscriptions/{subscription}/resourcegroups/rg-131016-juki']);
    expect(byAddress(r, 'Microsoft.Authorization/policyAssignments/allowed-locations-japan').ids).toEqual([
      '/subscriptions/{subscription}/providers/microsoft.authorization/policyassignments/allowed-locations-japan',
    ]);
    const dep = byAddress(r, 'Microsoft.Resources/deployments/juki-network');
    const rg = byAddress(r, 'Microsoft.Resources/resourceGroups/rg-131016-juki');
    expect(String(toPlain(at(dep.attrs, 'dependsOn', 0))).toLowerCase()).toBe(rg.ids![0]);
  });

  it('a deployment into a group the template creates deploys there, in that group\'s region', () => {
    const vnet = byAddress(r, 'Microsoft.Resources/deployments/juki-network/Microsoft.Network/virtualNetworks/vnet-131016-mn');
    expect(toPlain(vnet.region)).toBe('japaneast');
    expect(vnet.ids).toEqual(['/subscriptions/{subscription}/resourcegroups/rg-131016-juki/providers/microsoft.network/virtualnetworks/vnet-131016-mn']);
    expect(byAddress(r, 'Microsoft.Resources/deployments/juki-network/Microsoft.Network/virtualNetworks/subnets/vnet-131016-mn/snet-app').ids).toEqual([
      '/subscriptions/{subscription}/resourcegroups/rg-131016-juki/providers/microsoft.network/virtualnetworks/vnet-131016-mn/subnets/snet-app',
    ]);
  });

  it('a deployment into a group named by an unset parameter keeps that parameter in IDs and region causes', () => {
    const rt = byAddress(r, 'Microsoft.Resources/deployments/hub-peering/Microsoft.Network/routeTables/rt-hub');
    expect(rt.ids).toEqual([
      "/subscriptions/{subscription}/resourcegroups/[parameters('networkresourcegroup')]/providers/microsoft.network/routetables/rt-hub",
    ]);
    expect(rt.region).toMatchObject({ kind: 'unknown', cause: { inputs: ["location of resource group [parameters('networkResourceGroup')]"] } });
  });

  it("a created group's own location wins over --location for what deploys into it", () => {
    const other = readFixture(FILE, { region: 'japanwest', params: { primaryRegion: 'japanwest' } });
    expect(toPlain(byAddress(other, 'Microsoft.Resources/deployments/juki-network/Microsoft.Network/virtualNetworks/vnet-131016-mn').region)).toBe('japanwest');
    const rg = readFixture(FILE, { region: 'westus' });
    expect(toPlain(byAddress(rg, 'Microsoft.Resources/deployments/juki-network/Microsoft.Network/virtualNetworks/vnet-131016-mn').region)).toBe('japaneast');
  });

  it('a parameter default that cannot be evaluated at subscription scope names the parameter to give', () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' } },
      resources: [{ type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: 'rg-fukushi', location: "[parameters('location')]" }],
    });
    const sub = readArm('sub.json', text, defaultReadOptions('/'));
    const location = at(byAddress(sub, 'Microsoft.Resources/resourceGroups/rg-fukushi').attrs, 'location');
    expect(location).toMatchObject({ kind: 'unknown', cause: { inputs: ['parameter location'], detail: expect.stringMatching(/resourceGroup\(\) is not available in a subscription deployment/) } });
  });
});
