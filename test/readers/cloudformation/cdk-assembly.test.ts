// A CDK stack's template in cdk.out takes its deployment region from the
// environment manifest.json gives the stack.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCloudFormation } from '../../../src/readers/cloudformation/index.js';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';
import { prop } from './helpers.js';

const TEMPLATE = JSON.stringify({
  Resources: {
    Probe: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] } } },
  },
});

function stackArtifact(templateFile: string, environment: string) {
  return { type: 'aws:cloudformation:stack', environment, properties: { templateFile, validateOnSynth: false } };
}

function readIn(manifest: string | undefined, extra: Partial<ReadOptions> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-cdk-assembly-'));
  mkdirSync(path.join(dir, 'cdk.out'));
  writeFileSync(path.join(dir, 'cdk.out/KokuhoStack.template.json'), TEMPLATE);
  if (manifest !== undefined) writeFileSync(path.join(dir, 'cdk.out/manifest.json'), manifest);
  return readCloudFormation('cdk.out/KokuhoStack.template.json', TEMPLATE, { ...defaultReadOptions(dir), ...extra });
}

const manifest = (environment: string) =>
  JSON.stringify({
    version: '44.0.0',
    artifacts: {
      'KokuhoStack.assets': { type: 'cdk:asset-manifest', properties: { file: 'KokuhoStack.assets.json' } },
      KokuhoStack: stackArtifact('KokuhoStack.template.json', environment),
      OtherStack: stackArtifact('OtherStack.template.json', 'aws://111122223333/us-east-1'),
    },
  });

describe('the region of a stack in a CDK cloud assembly', () => {
  it("is the region of the stack's environment, and the manifest is listed as read", () => {
    const r = readIn(manifest('aws://111122223333/ap-northeast-3'));
    expect(prop(r, 'Probe', 'Value')).toMatchObject({ kind: 'known', value: 'com.amazonaws.ap-northeast-3.s3' });
    expect(r.inputs).toContainEqual(expect.objectContaining({ file: 'cdk.out/manifest.json', kind: 'cdk cloud assembly manifest (deployment region)' }));
  });

  it('wins over --region, as a region the definition gives', () => {
    const r = readIn(manifest('aws://111122223333/ap-northeast-3'), { region: 'ap-northeast-1' });
    expect(prop(r, 'Probe', 'Value')).toMatchObject({ kind: 'known', value: 'com.amazonaws.ap-northeast-3.s3' });
  });

  it('stays unknown, naming --region, for an environment-agnostic stack, and --region still gives it', () => {
    const agnostic = readIn(manifest('aws://unknown-account/unknown-region'));
    expect(prop(agnostic, 'Probe', 'Value')).toMatchObject({ kind: 'unknown', cause: { inputs: ['--region'] } });
    expect(agnostic.inputs.map((i) => i.file)).not.toContain('cdk.out/manifest.json');
    expect(prop(readIn(manifest('aws://unknown-account/unknown-region'), { region: 'ap-northeast-1' }), 'Probe', 'Value')).toMatchObject({
      value: 'com.amazonaws.ap-northeast-1.s3',
    });
  });

  it('ignores a manifest that is not JSON or names no artifact for the template', () => {
    for (const text of ['{"version": ', JSON.stringify({ artifacts: { OtherStack: stackArtifact('OtherStack.template.json', 'aws://1/ap-northeast-1') } }), undefined]) {
      const r = readIn(text);
      expect(prop(r, 'Probe', 'Value')).toMatchObject({ kind: 'unknown', cause: { inputs: ['--region'] } });
      expect(r.errors).toEqual([]);
    }
  });
});
