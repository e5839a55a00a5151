// secureString / secureObject parameters are reported as declared-secret
// inputs of the template (LG-6.9), with where the repository writes a value:
// a parameter file under the scan root (a `value`, not a Key Vault
// `reference`), else a literal defaultValue. `--param` is not in the repository.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readArm } from '../../../src/readers/arm/index.js';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "adminPassword": { "type": "secureString", "defaultValue": "Kaigo#Verify2024" },
    "sqlPassword": { "type": "securestring" },
    "generated": { "type": "securestring", "defaultValue": "[newGuid()]" },
    "connection": { "type": "secureObject", "defaultValue": {
      "user": "kaigo", "password": "Kaigo-Conn-01" } },
    "emptyObject": { "type": "secureObject", "defaultValue": {} },
    "vmName": { "type": "string", "defaultValue": "vm-kaigo" }
  },
  "resources": [
    { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg-kaigo", "location": "japaneast" }
  ]
}`;

const PARAMS = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "sqlPassword": {
      "value": "Kaigo-Sql-0401"
    },
    "adminPassword": {
      "reference": {
        "keyVault": { "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv-kaigo" },
        "secretName": "vm-admin"
      }
    }
  }
}`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workspace(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'kikan-arm-secret-'));
  dirs.push(d);
  return d;
}

function inputsOf(extra: Partial<ReadOptions> = {}, files = [{ file: 'kaigo/azuredeploy.parameters.json', text: PARAMS }], root = workspace()) {
  const r = readArm('kaigo/azuredeploy.json', TEMPLATE, { ...defaultReadOptions(root), ...extra }, files);
  expect(r.secretInputs).toHaveLength(1);
  expect(r.secretInputs![0]).toMatchObject({ source: 'arm', scope: 'kaigo/azuredeploy.json' });
  return new Map(r.secretInputs![0]!.inputs.map((i) => [i.name, i]));
}

describe('ARM secure parameters', () => {
  it('are reported with their declaration; literal defaults are located, expressions and empty objects are not values', () => {
    const inputs = inputsOf({}, []);
    expect([...inputs.keys()]).toEqual(['parameter adminPassword', 'parameter sqlPassword', 'parameter generated', 'parameter connection', 'parameter emptyObject']);
    expect(inputs.get('parameter adminPassword')).toMatchObject({ declaredAs: 'secureString', loc: { file: 'kaigo/azuredeploy.json', line: 5 }, literal: { file: 'kaigo/azuredeploy.json', line: 5 } });
    expect(inputs.get('parameter connection')).toMatchObject({ declaredAs: 'secureObject', literal: { line: 8 } });
    expect(inputs.get('parameter sqlPassword')!.literal).toBeUndefined();
    expect(inputs.get('parameter generated')!.literal).toBeUndefined();
    expect(inputs.get('parameter emptyObject')!.literal).toBeUndefined();
  });

  it('a value in a parameter file of the repository is located at that line; a Key Vault reference is not a value', () => {
    const inputs = inputsOf();
    expect(inputs.get('parameter sqlPassword')!.literal).toMatchObject({ file: 'kaigo/azuredeploy.parameters.json', line: 6 });
    // The default is still written in the template, whatever the parameter file says.
    expect(inputs.get('parameter adminPassword')!.literal).toMatchObject({ file: 'kaigo/azuredeploy.json', line: 5 });
  });

  it('--param and a parameter file outside the scan root are not in the repository', () => {
    const outside = path.join(workspace(), 'prod.parameters.json');
    writeFileSync(outside, PARAMS);
    expect(inputsOf({ paramFiles: [outside] }, []).get('parameter sqlPassword')!.literal).toBeUndefined();
    expect(inputsOf({ params: { sqlPassword: 'typed' } }, []).get('parameter sqlPassword')!.literal).toBeUndefined();
  });
});
