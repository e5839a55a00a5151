import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../../src/readers/value.js';
import { ev, testScope } from './scope-for-tests.js';

describe('resource IDs', () => {
  it('resourceId with known names is a known ID with the scan-wide placeholders', () => {
    expect(toPlain(ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-mn', 'app')]"))).toBe(
      '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-mn/subnets/app',
    );
  });

  it('takes an explicit resource group, and subscription, before the type', () => {
    expect(toPlain(ev("[resourceId('rg-net', 'Microsoft.Network/virtualNetworks', 'vnet-hub')]"))).toBe(
      '/subscriptions/{subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub',
    );
    expect(toPlain(ev("[resourceId('0000-sub', 'rg-net', 'Microsoft.Network/virtualNetworks', 'vnet-hub')]"))).toBe(
      '/subscriptions/0000-sub/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub',
    );
    // The deployment's own group and subscription, written out, are the placeholders too.
    expect(toPlain(ev("[resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.Network/virtualNetworks', 'v')]"))).toBe(
      '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/v',
    );
  });

  it('an unknown name makes the ID unknown; its expression is the ID text the named resource carries', () => {
    const v = ev("[resourceId('Microsoft.Network/virtualNetworks', concat(parameters('prefix'), '-vnet'))]", testScope({ unknownParams: ['prefix'] }));
    expect(v).toMatchObject({
      kind: 'unknown',
      expr: "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/[parameters('prefix')]-vnet",
    });
    expect(v.kind === 'unknown' && v.cause.inputs).toEqual(['parameter prefix']);
  });

  it('subscription, tenant, management group and extension IDs', () => {
    expect(toPlain(ev("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac')]"))).toBe(
      '/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/b24988ac',
    );
    expect(toPlain(ev("[tenantResourceId('Microsoft.Management/managementGroups', 'mg-lg')]"))).toBe(
      '/providers/Microsoft.Management/managementGroups/mg-lg',
    );
    expect(toPlain(ev("[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]"))).toBe(
      '/providers/Microsoft.Management/managementGroups/{managementGroup}/providers/Microsoft.Authorization/policyDefinitions/p1',
    );
    expect(
      toPlain(ev("[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', 'kv'), 'Microsoft.Authorization/locks', 'no-delete')]")),
    ).toBe('/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.KeyVault/vaults/kv/providers/Microsoft.Authorization/locks/no-delete');
  });

  it('in a subscription-scope template resourceId builds subscription-level IDs', () => {
    const s = testScope({ deploymentScope: 'subscription' });
    expect(toPlain(ev("[resourceId('Microsoft.Resources/resourceGroups', 'rg-juki')]", s))).toBe('/subscriptions/{subscription}/resourceGroups/rg-juki');
    expect(ev('[resourceGroup().location]', s)).toMatchObject({ kind: 'unknown' });
  });

  it('resourceGroup().id is unknown, shown as the placeholder ID so concatenated IDs still read as IDs', () => {
    const v = ev("[concat(resourceGroup().id, '/providers/Microsoft.Network/virtualNetworks/vnet-mn')]");
    expect(v).toMatchObject({
      kind: 'unknown',
      expr: '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-mn',
    });
  });

  it('names that do not fit the type are an error, not a wrong ID', () => {
    const v = ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'only-one')]");
    expect(v.kind === 'unknown' && v.cause.detail).toMatch(/do not fit the type/);
  });
});
