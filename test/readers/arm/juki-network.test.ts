// A hand-written vendor template with comments, a parameter file, variable and
// property copy loops, inline subnets, a parent/child subnet, conditions,
// an extension resource and inline waivers.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { path as at, toPlain } from '../../../src/readers/value.js';
import { byAddress, FIXTURE_ROOT, readFixture } from './read-fixture.js';

const FILE = 'juki-network/azuredeploy.json';

describe('juki-network: vendor template with its parameter file', () => {
  const r = readFixture(FILE);

  it('reads without errors and records both inputs with their hashes', () => {
    expect(r.errors).toEqual([]);
    const sha = (f: string) => createHash('sha256').update(readFileSync(path.join(FIXTURE_ROOT, f), 'utf8')).digest('hex');
    expect(r.inputs).toEqual([
      { file: FILE, kind: 'arm', sha256: sha(FILE) },
      { file: 'juki-network/azuredeploy.parameters.json', kind: 'arm-parameters', sha256: sha('juki-network/azuredeploy.parameters.json') },
    ]);
  });

  it('emits the resources the parameter file selects, in the address scheme of SPEC §4', () => {
    expect(r.resources.map((x) => x.address)).toEqual([
      'Microsoft.Network/networkSecurityGroups/nsg-juki-app-prd',
      'Microsoft.Network/virtualNetworks/vnet-mn-prd',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-prd/snet-app1',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-prd/snet-app2',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-prd/snet-app3',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-prd/snet-db',
      'Microsoft.KeyVault/vaults/kv-juki-[uniqueString(resourceGroup().id)]',
      'Microsoft.Insights/diagnosticSettings/diag-nsg',
      'Microsoft.Storage/storageAccounts/stjukiprd1',
      'Microsoft.Storage/storageAccounts/stjukiprd2',
    ]);
    const vnet = byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-mn-prd');
    expect(vnet).toMatchObject({ source: 'arm', cloud: 'azure', type: 'Microsoft.Network/virtualNetworks', scope: FILE });
    expect(vnet.key).toBe(`${FILE}#Microsoft.Network/virtualNetworks/vnet-mn-prd`);
    expect(vnet.loc).toEqual({ file: FILE, line: 97, column: 5 });
  });

  it('expands the variable copy loop and the property copy loop into inline subnets', () => {
    const vnet = byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-mn-prd');
    expect(toPlain(at(vnet.attrs, 'properties', 'subnets'))).toEqual(
      ['snet-app1', 'snet-app2', 'snet-app3'].map((name, i) => ({
        name,
        properties: {
          addressPrefix: `10.20.${i}.0/24`,
          defaultOutboundAccess: false,
          networkSecurityGroup: {
            id: '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/networkSecurityGroups/nsg-juki-app-prd',
          },
        },
      })),
    );
  });

  it('splits inline subnets out as subnet resources with their own ID, keeping the network API version', () => {
    const subnet = byAddress(r, 'Microsoft.Network/virtualNetworks/subnets/vnet-mn-prd/snet-app2');
    expect(subnet.type).toBe('Microsoft.Network/virtualNetworks/subnets');
    expect(subnet.ids).toEqual([
      '/subscriptions/{subscription}/resourcegroups/{resourcegroup}/providers/microsoft.network/virtualnetworks/vnet-mn-prd/subnets/snet-app2',
    ]);
    expect(toPlain(subnet.attrs)).toMatchObject({ name: 'vnet-mn-prd/snet-app2', apiVersion: '2023-09-01', properties: { addressPrefix: '10.20.1.0/24' } });
    expect(subnet.loc.line).toBe(114);
  });

  it('a parent/child subnet resource joins by ID to the network the inline subnets belong to', () => {
    const db = byAddress(r, 'Microsoft.Network/virtualNetworks/subnets/vnet-mn-prd/snet-db');
    expect(toPlain(at(db.attrs, 'properties', 'addressPrefix'))).toBe('10.20.15.0/26');
    const vnet = byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-mn-prd');
    expect(db.ids![0]!.startsWith(vnet.ids![0]! + '/subnets/')).toBe(true);
    expect(toPlain(at(db.attrs, 'dependsOn', 0))?.toString().toLowerCase()).toBe(vnet.ids![0]);
  });

  it('NSG rules stay inline on the NSG', () => {
    const nsg = byAddress(r, 'Microsoft.Network/networkSecurityGroups/nsg-juki-app-prd');
    expect(toPlain(at(nsg.attrs, 'properties', 'securityRules', 1, 'properties', 'destinationPortRanges'))).toEqual(['80', '443']);
    expect(r.resources.some((x) => x.type.endsWith('securityRules'))).toBe(false);
  });

  it('an unknown name part is shown as its expression in address and ID', () => {
    const kv = r.resources.find((x) => x.type === 'Microsoft.KeyVault/vaults')!;
    const name = at(kv.attrs, 'name');
    expect(name).toMatchObject({ kind: 'unknown', expr: 'kv-juki-[uniqueString(resourceGroup().id)]' });
    expect(kv.ids).toEqual(['/subscriptions/{subscription}/resourcegroups/{resourcegroup}/providers/microsoft.keyvault/vaults/kv-juki-[uniquestring(resourcegroup().id)]']);
  });

  it('region is unknown and names --location when neither the template nor the user gives it', () => {
    const nsg = byAddress(r, 'Microsoft.Network/networkSecurityGroups/nsg-juki-app-prd');
    expect(nsg.region).toMatchObject({ kind: 'unknown', cause: { inputs: ['--location'] } });
    expect(nsg.region?.loc).toEqual({ file: FILE, line: 64, column: 19 });
  });

  it('a false condition removes the resource; an unknown one marks it conditional, naming the parameter', () => {
    expect(r.resources.some((x) => x.type === 'Microsoft.Network/publicIPAddresses')).toBe(false);
    const diag = byAddress(r, 'Microsoft.Insights/diagnosticSettings/diag-nsg');
    expect(diag.conditional?.inputs).toEqual(['parameter enableFlowLogs']);
    expect(byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-mn-prd').conditional).toBeUndefined();
  });

  it("an extension resource's relative scope becomes the full ID of its target", () => {
    const diag = byAddress(r, 'Microsoft.Insights/diagnosticSettings/diag-nsg');
    const nsg = byAddress(r, 'Microsoft.Network/networkSecurityGroups/nsg-juki-app-prd');
    expect(String(toPlain(at(diag.attrs, 'scope'))).toLowerCase()).toBe(nsg.ids![0]);
    expect(diag.ids![0]).toBe(`${nsg.ids![0]}/providers/microsoft.insights/diagnosticsettings/diag-nsg`);
  });

  it('resource copy loops use copyIndex with an offset; if() picks the SKU by environment', () => {
    const st = byAddress(r, 'Microsoft.Storage/storageAccounts/stjukiprd2');
    expect(toPlain(at(st.attrs, 'sku', 'name'))).toBe('Standard_GZRS');
  });

  it('values are located at their own lines', () => {
    const kv = r.resources.find((x) => x.type === 'Microsoft.KeyVault/vaults')!;
    expect(at(kv.attrs, 'properties', 'enablePurgeProtection')?.loc?.line).toBe(160);
    // A variable used whole is located where it is used; its parts where they are written.
    const tags = at(kv.attrs, 'tags');
    expect(tags?.loc?.line).toBe(146);
    expect(at(tags, 'lg:segment')?.loc?.line).toBe(53);
  });

  it('reads waivers from a comment in the resource and from metadata', () => {
    const nsg = byAddress(r, 'Microsoft.Network/networkSecurityGroups/nsg-juki-app-prd');
    expect(nsg.waivers).toEqual([
      { controlId: 'LG-3.4', reason: 'OS更新のためWindows Updateへの送信を一時許可 (情報政策課 承認 2025-014)', loc: { file: FILE, line: 60 } },
    ]);
    const kv = r.resources.find((x) => x.type === 'Microsoft.KeyVault/vaults')!;
    expect(kv.waivers).toEqual([
      { controlId: 'LG-2.5', reason: 'パージ保護は移行完了後に有効化 (移行計画書 3.2)', loc: { file: FILE, line: 150 } },
      { controlId: 'LG-6.8', reason: '', loc: { file: FILE, line: 151 } },
    ]);
    // The comment above the subnet resource is not a waiver; nothing else carries one.
    expect(r.resources.filter((x) => x.waivers).map((x) => x.type)).toEqual(['Microsoft.Network/networkSecurityGroups', 'Microsoft.KeyVault/vaults']);
  });
});

describe('juki-network: where parameter values come from', () => {
  it('without the parameter file, defaults apply and a required parameter is unknown', () => {
    const r = readFixture(FILE, {}, false);
    expect(r.inputs.map((i) => i.kind)).toEqual(['arm']);
    const vnet = byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-mn-dev');
    const prefixes = at(vnet.attrs, 'properties', 'addressSpace', 'addressPrefixes', 0);
    expect(prefixes).toMatchObject({ kind: 'unknown', expr: "[parameters('vnetAddressPrefix')]", cause: { inputs: ['parameter vnetAddressPrefix'] } });
    // The subnets' prefixes depend on it; their names do not.
    expect(r.resources.filter((x) => x.type === 'Microsoft.Network/virtualNetworks/subnets').map((x) => x.address)).toEqual([
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-dev/snet-app1',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-dev/snet-app2',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-dev/snet-db',
    ]);
  });

  it('--param beats the parameter file and is read by the declared type; --location gives the region', () => {
    const r = readFixture(FILE, { params: { appSubnetCount: '1', environmentName: 'stg', enableFlowLogs: 'false' }, region: 'japaneast' });
    expect(r.resources.map((x) => x.address)).toEqual([
      'Microsoft.Network/networkSecurityGroups/nsg-juki-app-stg',
      'Microsoft.Network/virtualNetworks/vnet-mn-stg',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-stg/snet-app1',
      'Microsoft.Network/virtualNetworks/subnets/vnet-mn-stg/snet-db',
      'Microsoft.KeyVault/vaults/kv-juki-[uniqueString(resourceGroup().id)]',
      'Microsoft.Storage/storageAccounts/stjukistg1',
      'Microsoft.Storage/storageAccounts/stjukistg2',
    ]);
    expect(toPlain(byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-mn-stg').region)).toBe('japaneast');
  });

  it('--param-file files apply after the conventional one; a file of another kind is ignored', () => {
    const r = readFixture(FILE, {
      paramFiles: [path.join(FIXTURE_ROOT, 'juki-network/params/prd-override.parameters.json'), path.join(FIXTURE_ROOT, 'juki-network/params/cfn-params.json')],
    });
    expect(r.errors).toEqual([]);
    expect(r.inputs.map((i) => i.file)).toEqual([FILE, 'juki-network/azuredeploy.parameters.json', 'juki-network/params/prd-override.parameters.json']);
    expect(r.resources.filter((x) => x.type === 'Microsoft.Storage/storageAccounts').map((x) => x.address)).toEqual([
      'Microsoft.Storage/storageAccounts/stjukiprd1',
    ]);
    // A Key Vault reference is unknown until deployment.
    const diag = byAddress(r, 'Microsoft.Insights/diagnosticSettings/diag-nsg');
    expect(diag.conditional?.inputs).toEqual(['parameter enableFlowLogs']);
    expect(diag.conditional?.detail).toMatch(/Key Vault/);
  });

  it('an unreadable --param-file is a read error naming the file', () => {
    const r = readFixture(FILE, { paramFiles: [path.join(FIXTURE_ROOT, 'juki-network/params/missing.json')] });
    expect(r.errors).toEqual([{ file: 'juki-network/params/missing.json', message: expect.stringMatching(/cannot read parameter file/) }]);
    expect(r.resources.length).toBeGreaterThan(0);
  });
});
