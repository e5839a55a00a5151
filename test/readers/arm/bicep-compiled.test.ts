// A template as Bicep compiles it: languageVersion 2.0 with symbolic resource
// names, an existing resource, user-defined functions, a module (inner-scope
// nested deployment) whose outputs another resource reads, relative extension
// scopes, nullable parameters and lambdas.
import { describe, expect, it } from 'vitest';
import { path as at, toPlain } from '../../../src/readers/value.js';
import { byAddress, readFixture } from './read-fixture.js';

const FILE = 'bicep-compiled/main.json';
const STORAGE = 'Microsoft.Resources/deployments/[deployment().name]-storage/Microsoft.Storage/storageAccounts/stjuki01data';

describe('bicep-compiled (languageVersion 2.0)', () => {
  const r = readFixture(FILE, { region: 'japaneast' });

  it('emits resources keyed by symbolic name, but not existing ones; a null lock level leaves the lock out', () => {
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => x.address)).toEqual([
      'Microsoft.Network/virtualNetworks/vnet-mn-shared',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-shared/snet-app',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-shared/snet-pe',
      'Microsoft.Insights/diagnosticSettings/to-central-log',
      'Microsoft.Resources/deployments/[deployment().name]-storage',
      STORAGE,
      'Microsoft.Network/privateEndpoints/pe-Juki01-blob',
    ]);
  });

  it('evaluates user-defined functions and passes module parameters, property loops included', () => {
    const st = byAddress(r, STORAGE);
    expect(toPlain(at(st.attrs, 'name'))).toBe('stjuki01data');
    expect(toPlain(at(st.attrs, 'tags'))).toEqual({ 'lg:segment': 'mynumber', 'lg:tenant': 'Juki01' });
    expect(toPlain(at(st.attrs, 'properties', 'networkAcls', 'virtualNetworkRules'))).toEqual([
      { id: '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-mn-shared/subnets/snet-app', action: 'Allow' },
      { id: '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-mn-shared/subnets/snet-pe', action: 'Allow' },
    ]);
    // A null module parameter takes the module's default.
    expect(toPlain(at(st.attrs, 'sku', 'name'))).toBe('Standard_ZRS');
    expect(toPlain(st.region)).toBe('japaneast');
  });

  it("a module's output read through reference() joins the private endpoint to the storage account", () => {
    const pe = byAddress(r, 'Microsoft.Network/privateEndpoints/pe-Juki01-blob');
    const st = byAddress(r, STORAGE);
    const target = toPlain(at(pe.attrs, 'properties', 'privateLinkServiceConnections', 0, 'properties', 'privateLinkServiceId'));
    expect(String(target).toLowerCase()).toBe(st.ids![0]);
    // An output that reads the deployed account is still unknown, naming the read.
    expect(at(pe.attrs, 'properties', 'customDnsConfigs', 0, 'fqdn')).toMatchObject({
      kind: 'unknown',
      cause: { inputs: ["reference('account')"] },
    });
  });

  it('tryGet gives null where a subnet object has no such key', () => {
    const vnet = byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-mn-shared');
    expect(toPlain(at(vnet.attrs, 'properties', 'subnets'))).toEqual([
      { name: 'snet-app', properties: { addressPrefix: '10.40.1.0/24', defaultOutboundAccess: false } },
      { name: 'snet-pe', properties: { addressPrefix: '10.40.2.0/24', defaultOutboundAccess: null } },
    ]);
  });

  it('relative extension scopes become the target ID; dependsOn keeps symbolic names', () => {
    const diag = byAddress(r, 'Microsoft.Insights/diagnosticSettings/to-central-log');
    const vnet = byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-mn-shared');
    expect(String(toPlain(at(diag.attrs, 'scope'))).toLowerCase()).toBe(vnet.ids![0]);
    expect(toPlain(at(diag.attrs, 'dependsOn'))).toEqual(['vnet']);
  });

  it('a lock level from --param brings the lock in, scoped to the network', () => {
    const withLock = readFixture(FILE, { params: { lockLevel: 'CanNotDelete' } });
    const lock = byAddress(withLock, 'Microsoft.Authorization/locks/vnet-mn-shared-lock');
    expect(toPlain(at(lock.attrs, 'properties', 'level'))).toBe('CanNotDelete');
    expect(lock.ids).toEqual([
      '/subscriptions/{subscription}/resourcegroups/{resourcegroup}/providers/microsoft.network/virtualnetworks/vnet-mn-shared/providers/microsoft.authorization/locks/vnet-mn-shared-lock',
    ]);
  });

  it('without the parameter file, module names show the unknown call and causes carry the chain', () => {
    const bare = readFixture(FILE, {}, false);
    const st = bare.resources.find((x) => x.type === 'Microsoft.Storage/storageAccounts')!;
    expect(st.address).toBe(
      "Microsoft.Resources/deployments/[deployment().name]-storage/Microsoft.Storage/storageAccounts/[__bicep.storageName(parameters('systemCode'))]",
    );
    const name = at(st.attrs, 'name');
    expect(name).toMatchObject({
      kind: 'unknown',
      cause: { inputs: ['parameter systemCode'], chain: ["deployment [deployment().name]-storage: parameters('name')"] },
    });
  });
});
