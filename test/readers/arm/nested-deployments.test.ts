// Nested inline deployments built in the test: each copy of a deployment gets
// its own parameters, outputs are read through reference(), and a deployment
// whose outputs read themselves stays unknown.
import { describe, expect, it } from 'vitest';
import { readArm } from '../../../src/readers/arm/index.js';
import { defaultReadOptions } from '../../../src/readers/options.js';
import { path as at, toPlain } from '../../../src/readers/value.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function module(name: string, parameters: Record<string, unknown>, template: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    ...extra,
    properties: { expressionEvaluationOptions: { scope: 'inner' }, mode: 'Incremental', parameters, template: { $schema: SCHEMA, ...template } },
  };
}

const NSG_MODULE = {
  parameters: { nsgName: { type: 'string' } },
  resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-09-01', name: "[parameters('nsgName')]", location: 'japaneast' }],
  outputs: {
    ids: { type: 'array', copy: { count: 2, input: "[concat(resourceId('Microsoft.Network/networkSecurityGroups', parameters('nsgName')), '-', copyIndex())]" } },
  },
};

describe('nested deployments', () => {
  const text = JSON.stringify({
    $schema: SCHEMA,
    parameters: { tiers: { type: 'array', defaultValue: ['web', 'app'] } },
    resources: [
      module('[concat(parameters(\'tiers\')[copyIndex()], \'-nsg\')]', { nsgName: { value: "[concat('nsg-', parameters('tiers')[copyIndex()])]" } }, NSG_MODULE, {
        copy: { name: 'tierLoop', count: "[length(parameters('tiers'))]" },
      }),
      module('single', { nsgName: { value: 'nsg-db' } }, NSG_MODULE),
      module('loop', { nsgName: "[createObject('value', 'nsg-loop')]" }, NSG_MODULE),
      // Outer scope: its outputs are evaluated in this template, where reference('selfref') names itself.
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'selfref',
        properties: { mode: 'Incremental', template: { $schema: SCHEMA, resources: [], outputs: { self: { type: 'string', value: "[reference('selfref').outputs.self.value]" } } } },
      },
      {
        type: 'Microsoft.Network/networkInterfaces',
        apiVersion: '2023-09-01',
        name: 'nic-db',
        location: 'japaneast',
        properties: {
          networkSecurityGroup: { id: "[reference('single').outputs.ids.value[1]]" },
          note: "[reference('selfref').outputs.self.value]",
        },
      },
    ],
  });
  const r = readArm('modules.json', text, defaultReadOptions('/'));

  it('each copy of a deployment evaluates its template with its own parameters', () => {
    expect(r.errors).toEqual([]);
    expect(r.resources.filter((x) => x.type === 'Microsoft.Network/networkSecurityGroups').map((x) => x.address)).toEqual([
      'Microsoft.Resources/deployments/web-nsg/Microsoft.Network/networkSecurityGroups/nsg-web',
      'Microsoft.Resources/deployments/app-nsg/Microsoft.Network/networkSecurityGroups/nsg-app',
      'Microsoft.Resources/deployments/single/Microsoft.Network/networkSecurityGroups/nsg-db',
      'Microsoft.Resources/deployments/loop/Microsoft.Network/networkSecurityGroups/nsg-loop',
    ]);
  });

  it('reference() reads an output copy loop of a deployment', () => {
    const nic = r.resources.find((x) => x.address === 'Microsoft.Network/networkInterfaces/nic-db')!;
    expect(toPlain(at(nic.attrs, 'properties', 'networkSecurityGroup', 'id'))).toBe(
      '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/networkSecurityGroups/nsg-db-1',
    );
  });

  it('an output that reads its own deployment stays unknown instead of looping', () => {
    const nic = r.resources.find((x) => x.address === 'Microsoft.Network/networkInterfaces/nic-db')!;
    expect(at(nic.attrs, 'properties', 'note')).toMatchObject({ kind: 'unknown' });
  });
});
