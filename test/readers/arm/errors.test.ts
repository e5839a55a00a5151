// Bad input becomes read errors with file and line; the rest of the template
// is still read; nothing throws, hangs or grows without bound.
import { describe, expect, it } from 'vitest';
import { readArm } from '../../../src/readers/arm/index.js';
import { defaultReadOptions } from '../../../src/readers/options.js';
import { path as at, toPlain } from '../../../src/readers/value.js';
import { byAddress, FIXTURE_ROOT, readFixture } from './read-fixture.js';

const opts = defaultReadOptions(FIXTURE_ROOT);

function template(resources: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    ...extra,
    resources,
  });
}

describe('ARM read errors', () => {
  it('a JSON syntax error is a read error at its line and column, with no resources', () => {
    const r = readFixture('broken/azuredeploy.json');
    expect(r.resources).toEqual([]);
    expect(r.errors[0]).toEqual({ file: 'broken/azuredeploy.json', line: 9, column: 7, message: 'invalid JSON: comma expected' });
    expect(r.inputs).toEqual([{ file: 'broken/azuredeploy.json', kind: 'arm', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('bad parts of a valid template are errors at their lines, and the rest is read', () => {
    const r = readFixture('invalid-parts/azuredeploy.json');
    expect(r.errors).toEqual([
      {
        file: 'invalid-parts/azuredeploy.json',
        line: 18,
        message: expect.stringMatching(/^invalid expression: .* of "concat\('https only', "\)$/),
      },
      { file: 'invalid-parts/azuredeploy.json', line: 37, message: "copy 'nics' of a resource: copy count 5000 exceeds ARM's limit of 800" },
      { file: 'invalid-parts/azuredeploy.json', line: 47, message: "copy 'routes': copy count 900 exceeds ARM's limit of 800" },
      { file: 'invalid-parts/azuredeploy.json', line: 51, message: 'resource without a known type' },
    ]);
    expect(r.resources.map((x) => x.address)).toEqual(['Microsoft.Network/networkSecurityGroups/nsg-ok', 'Microsoft.Network/routeTables/rt-ok']);
    const nsg = byAddress(r, 'Microsoft.Network/networkSecurityGroups/nsg-ok');
    expect(at(nsg.attrs, 'properties', 'securityRules', 0, 'properties', 'description')).toMatchObject({ kind: 'unknown', loc: { line: 18 } });
    expect(toPlain(at(nsg.attrs, 'properties', 'securityRules', 0, 'properties', 'destinationPortRange'))).toBe('443');
    expect(at(byAddress(r, 'Microsoft.Network/routeTables/rt-ok').attrs, 'properties', 'routes')).toMatchObject({ kind: 'unknown' });
  });

  it('documents that are not templates, empty or not objects, are errors', () => {
    expect(readArm('a.json', '', opts).errors).toEqual([{ file: 'a.json', line: 1, column: 1, message: 'invalid JSON: value expected' }]);
    expect(readArm('a.json', '[1, 2]', opts).errors).toEqual([{ file: 'a.json', line: 1, message: 'not an ARM template: the document is not a JSON object' }]);
    expect(readArm('a.json', '{"resources": "nope"}', opts)).toMatchObject({ errors: [], resources: [] });
  });

  it('nesting too deep for the parser is refused up front', () => {
    const r = readArm('deep.json', '['.repeat(100_000), opts);
    expect(r.errors).toEqual([{ file: 'deep.json', line: 1, column: 257, message: 'JSON nested deeper than 256 levels' }]);
  });

  it('evaluation that would run away stops with a read error and keeps what was read', () => {
    const text = template([
      { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-09-01', name: 'nsg-first', location: 'japaneast' },
      {
        type: 'Microsoft.Network/routeTables',
        apiVersion: '2023-09-01',
        name: "[concat('rt-', copyIndex())]",
        copy: { name: 'rts', count: 800 },
        properties: { copy: [{ name: 'routes', count: 800, input: { name: "[string(copyIndex('routes'))]", sizes: '[range(0, 500)]' } }] },
      },
    ]);
    const r = readArm('runaway.json', text, opts);
    expect(r.errors).toEqual([{ file: 'runaway.json', message: expect.stringMatching(/too much evaluation work/) }]);
    expect(r.resources[0]?.address).toBe('Microsoft.Network/networkSecurityGroups/nsg-first');
    expect(r.resources.length).toBeLessThan(800);
  });

  it('a value that doubles itself through variables is bounded', () => {
    const variables: Record<string, string> = { v0: "[createArray('x', 'x')]" };
    for (let i = 1; i <= 40; i++) variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    const text = template([{ type: 'Microsoft.Resources/tags', apiVersion: '2022-09-01', name: 'default', properties: { tags: { n: "[length(variables('v40'))]" } } }], { variables });
    const r = readArm('doubling.json', text, opts);
    expect(r.errors).toEqual([{ file: 'doubling.json', message: expect.stringMatching(/too much evaluation work/) }]);
  });

  it('a variable that refers to itself is an error at its line and an unknown, not a hang', () => {
    const text = '{\n"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n"variables": {\n"a": "[variables(\'b\')]",\n"b": "[variables(\'a\')]"\n},\n"resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "[variables(\'a\')]"}]\n}';
    const r = readArm('cycle.json', text, opts);
    expect(r.errors).toEqual([{ file: 'cycle.json', line: 4, message: "variable 'a' refers to itself" }]);
    expect(at(r.resources[0]!.attrs, 'name')).toMatchObject({ kind: 'unknown' });
  });

  it('nested deployments nested past the limit are an error, not a stack overflow', () => {
    let inner: unknown = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [] };
    for (let i = 0; i < 40; i++) {
      inner = {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: `d${i}`, properties: { mode: 'Incremental', template: inner } }],
      };
    }
    const r = readArm('nest.json', JSON.stringify(inner), opts);
    expect(r.errors).toEqual([{ file: 'nest.json', line: 1, message: 'nested deployments deeper than 16 levels are not expanded' }]);
    expect(r.resources).toHaveLength(17);
  });
});

describe('parameter values of the wrong type', () => {
  it('a placeholder default of the wrong type (linked templates) is unknown, not an error', () => {
    const text = template(
      [{ type: 'Microsoft.Network/networkInterfaces', apiVersion: '2023-09-01', name: "[concat('nic', copyIndex())]", copy: { name: 'nics', count: "[parameters('vmCount')]" } }],
      { parameters: { vmCount: { type: 'int', defaultValue: '' } } },
    );
    const r = readArm('linked.json', text, opts);
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => x.address)).toEqual(['Microsoft.Network/networkInterfaces/nic[copyIndex()]']);
    expect(r.resources[0]!.conditional).toMatchObject({ inputs: ['parameter vmCount'], detail: expect.stringMatching(/not of its type int/) });
  });

  it('a property copy loop without input is a read error, and the property it builds is unknown, not absent', () => {
    const r = readArm(
      'no-input.json',
      template([
        {
          type: 'Microsoft.Network/virtualNetworks',
          apiVersion: '2024-05-01',
          name: 'vnet-juki',
          location: 'japaneast',
          properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, copy: [{ name: 'subnets', count: 2 }] },
        },
      ]),
      opts,
    );
    expect(r.errors).toEqual([{ file: 'no-input.json', line: 1, message: "copy 'subnets' has no input" }]);
    const subnets = at(byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-juki').attrs, 'properties', 'subnets');
    expect(subnets?.kind).toBe('unknown');
    expect(at(byAddress(r, 'Microsoft.Network/virtualNetworks/vnet-juki').attrs, 'properties', 'copy')).toBeUndefined();
  });
});
