// NoEcho parameters are reported as declared-secret inputs of the template
// (LG-6.9), with where a value is written for them in the repository: the
// Default, or the line of a parameter file under the scan root. `--param`
// and parameter files outside the scan root are not in the repository.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCloudFormation } from '../../../src/readers/cloudformation/index.js';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DBPassword:
    Type: String
    NoEcho: true
    Default: Shuunou-2024!
  ApiToken:
    Type: String
    NoEcho: "true"
  EmptyDefault:
    Type: String
    NoEcho: true
    Default: ""
  Env:
    Type: String
    Default: prd
Resources:
  Queue:
    Type: AWS::SQS::Queue
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workspace(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'kikan-cfn-secret-'));
  dirs.push(d);
  return d;
}

function read(root: string, extra: Partial<ReadOptions> = {}) {
  return readCloudFormation('stacks/shuunou.yaml', TEMPLATE, { ...defaultReadOptions(root), ...extra });
}

describe('CloudFormation NoEcho parameters', () => {
  it('are reported for the template; a literal Default is located at its line, an empty one is no value', () => {
    const r = read(workspace());
    expect(r.secretInputs).toEqual([
      {
        source: 'cloudformation',
        scope: 'stacks/shuunou.yaml',
        inputs: [
          { name: 'parameter DBPassword', declaredAs: 'NoEcho', loc: expect.objectContaining({ file: 'stacks/shuunou.yaml', line: 3 }), literal: expect.objectContaining({ file: 'stacks/shuunou.yaml', line: 6 }) },
          { name: 'parameter ApiToken', declaredAs: 'NoEcho', loc: expect.objectContaining({ line: 7 }) },
          { name: 'parameter EmptyDefault', declaredAs: 'NoEcho', loc: expect.objectContaining({ line: 10 }) },
        ],
      },
    ]);
  });

  it('a parameter file under the scan root writes the value at its line; --param and a file outside do not; an override does not unwrite it', () => {
    const root = workspace();
    mkdirSync(path.join(root, 'params'));
    const inRepo = path.join(root, 'params', 'prd.json');
    writeFileSync(inRepo, '[\n  { "ParameterKey": "Env", "ParameterValue": "prd" },\n  { "ParameterKey": "ApiToken", "ParameterValue": "tok-9f2c" }\n]\n');
    const outside = path.join(workspace(), 'secrets.json');
    writeFileSync(outside, '{\n  "Parameters": {\n    "ApiToken": "tok-from-vault"\n  }\n}\n');

    const fromRepo = read(root, { paramFiles: [inRepo] }).secretInputs![0]!.inputs;
    expect(fromRepo.find((i) => i.name === 'parameter ApiToken')!.literal).toEqual(expect.objectContaining({ file: 'params/prd.json', line: 3 }));

    const fromOutside = read(root, { paramFiles: [outside] }).secretInputs![0]!.inputs;
    expect(fromOutside.find((i) => i.name === 'parameter ApiToken')!.literal).toBeUndefined();

    const fromCli = read(root, { params: { ApiToken: 'typed-at-deploy' } }).secretInputs![0]!.inputs;
    expect(fromCli.find((i) => i.name === 'parameter ApiToken')!.literal).toBeUndefined();
    // What the repository holds is still written there, whatever overrides it at deployment.
    const overriddenFile = read(root, { paramFiles: [inRepo, outside], params: { ApiToken: 'x' } }).secretInputs![0]!.inputs;
    expect(overriddenFile.find((i) => i.name === 'parameter ApiToken')!.literal).toEqual(expect.objectContaining({ file: 'params/prd.json', line: 3 }));
    const overridden = read(root, { params: { DBPassword: 'x' } }).secretInputs![0]!.inputs;
    expect(overridden.find((i) => i.name === 'parameter DBPassword')!.literal).toEqual(expect.objectContaining({ line: 6 }));
  });

  it('a template without NoEcho parameters reports an empty list, not nothing', () => {
    const r = readCloudFormation('plain.yaml', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n', defaultReadOptions(workspace()));
    expect(r.secretInputs).toEqual([{ source: 'cloudformation', scope: 'plain.yaml', inputs: [] }]);
  });
});
