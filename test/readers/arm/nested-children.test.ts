// Child resources nested in their parent's `resources` give their type
// relative to the parent: one segment (`subnets`) or several
// (`blobServices/containers`). Both are qualified with the parent's type and
// name; a fully-qualified type nested the same way is left as written.
import { describe, expect, it } from 'vitest';
import { readArm } from '../../../src/readers/arm/index.js';
import { defaultReadOptions } from '../../../src/readers/options.js';
import { path as at, toPlain } from '../../../src/readers/value.js';
import { byAddress, FIXTURE_ROOT } from './read-fixture.js';

const opts = defaultReadOptions(FIXTURE_ROOT);

function read(resources: unknown[]) {
  const text = JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources,
    },
    null,
    2,
  );
  return readArm('juki-docs/azuredeploy.json', text, opts, []);
}

const account = (children: unknown[]) => ({
  type: 'Microsoft.Storage/storageAccounts',
  apiVersion: '2023-01-01',
  name: 'stjukidocs01',
  location: 'japaneast',
  kind: 'StorageV2',
  sku: { name: 'Standard_ZRS' },
  resources: children,
});

describe('ARM nested children', () => {
  it('a multi-segment relative type is qualified with the parent type and name', () => {
    const r = read([account([{ type: 'blobServices/containers', apiVersion: '2023-01-01', name: 'default/juki-scans', properties: { publicAccess: 'None' } }])]);
    expect(r.errors).toEqual([]);
    const c = byAddress(r, 'Microsoft.Storage/storageAccounts/blobServices/containers/stjukidocs01/default/juki-scans');
    expect(c.type).toBe('Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(toPlain(at(c.attrs, 'name'))).toBe('stjukidocs01/default/juki-scans');
    expect(toPlain(at(c.attrs, 'type'))).toBe('Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(c.ids![0]).toMatch(/\/providers\/microsoft\.storage\/storageaccounts\/stjukidocs01\/blobservices\/default\/containers\/juki-scans$/);
  });

  it('children of a multi-segment child are qualified again, beside single-segment ones', () => {
    const r = read([
      account([
        {
          type: 'blobServices/containers',
          apiVersion: '2023-01-01',
          name: 'default/juki-archive',
          resources: [{ type: 'immutabilityPolicies', apiVersion: '2023-01-01', name: 'default', properties: { immutabilityPeriodSinceCreationInDays: 3650 } }],
        },
        { type: 'fileServices', apiVersion: '2023-01-01', name: 'default', resources: [{ type: 'shares', apiVersion: '2023-01-01', name: 'scans' }] },
      ]),
    ]);
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => [x.type, toPlain(at(x.attrs, 'name'))])).toEqual([
      ['Microsoft.Storage/storageAccounts', 'stjukidocs01'],
      ['Microsoft.Storage/storageAccounts/blobServices/containers', 'stjukidocs01/default/juki-archive'],
      ['Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies', 'stjukidocs01/default/juki-archive/default'],
      ['Microsoft.Storage/storageAccounts/fileServices', 'stjukidocs01/default'],
      ['Microsoft.Storage/storageAccounts/fileServices/shares', 'stjukidocs01/default/scans'],
    ]);
  });

  it('a fully-qualified type nested in a parent is kept as written', () => {
    const r = read([
      account([
        { type: 'Microsoft.Storage/storageAccounts/blobServices/containers', apiVersion: '2023-01-01', name: 'stjukidocs01/default/full', properties: {} },
      ]),
    ]);
    expect(r.errors).toEqual([]);
    const c = byAddress(r, 'Microsoft.Storage/storageAccounts/blobServices/containers/stjukidocs01/default/full');
    expect(toPlain(at(c.attrs, 'name'))).toBe('stjukidocs01/default/full');
  });
});
