// A CDK cloud assembly (cdk.out): a stack's template takes its deployment
// region from the environment manifest.json gives the stack, reads the exports
// of the other stacks, and the construct tree is listed without being read.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../../src/engine/discover.js';
import { MAX_INPUT_BYTES } from '../../../src/readers/referenced-file.js';
import { sniffFile } from '../../../src/engine/read-inputs.js';
import { readCloudFormation } from '../../../src/readers/cloudformation/index.js';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';
import { prop } from './helpers.js';

const TEMPLATE = JSON.stringify({
  Resources: {
    Probe: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] } } },
  },
});

function stackArtifact(templateFile: string, environment: string, stackName?: string) {
  return { type: 'aws:cloudformation:stack', environment, properties: { templateFile, validateOnSynth: false, ...(stackName ? { stackName } : {}) } };
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
    expect(r.inputs).toContainEqual(expect.objectContaining({ file: 'cdk.out/manifest.json', kind: 'cdk cloud assembly manifest' }));
  });

  it('wins over --region, as a region the definition gives', () => {
    const r = readIn(manifest('aws://111122223333/ap-northeast-3'), { region: 'ap-northeast-1' });
    expect(prop(r, 'Probe', 'Value')).toMatchObject({ kind: 'known', value: 'com.amazonaws.ap-northeast-3.s3' });
  });

  it('stays unknown, naming --region, for an environment-agnostic stack, and --region still gives it', () => {
    const agnostic = readIn(manifest('aws://unknown-account/unknown-region'));
    expect(prop(agnostic, 'Probe', 'Value')).toMatchObject({ kind: 'unknown', cause: { inputs: ['--region'] } });
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

describe('Fn::ImportValue between the stacks of a CDK cloud assembly', () => {
  /** `stacks`: artifact id to its template file and the stack name, which differs from the id here. */
  function assembly(files: Record<string, unknown>, stacks: Record<string, [string, string]>) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-cdk-exports-'));
    mkdirSync(path.join(dir, 'cdk.out'));
    for (const [name, doc] of Object.entries(files)) writeFileSync(path.join(dir, 'cdk.out', name), JSON.stringify(doc, null, 1));
    const artifacts = Object.fromEntries(
      Object.entries(stacks).map(([id, [file, stackName]]) => [id, stackArtifact(file, 'aws://111122223333/ap-northeast-1', stackName)]),
    );
    writeFileSync(path.join(dir, 'cdk.out/manifest.json'), JSON.stringify({ version: '44.0.0', artifacts }));
    return (file: string) => readCloudFormation(`cdk.out/${file}`, JSON.stringify(files[file]), defaultReadOptions(dir));
  }
  const exported = (name: unknown, value: unknown) => ({ Value: value, Export: { Name: name } });
  const sg = (vpc: unknown) => ({ Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'app', VpcId: vpc } });
  const read = assembly(
    {
      'NetStack.template.json': {
        Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } }, Key: { Type: 'AWS::KMS::Key', Properties: {} } },
        Outputs: {
          ExportsOutputRefVpc: exported('JukiNet:ExportsOutputRefVpc', { Ref: 'Vpc' }),
          ExportsOutputFnGetAttKeyArn: exported({ 'Fn::Join': [':', ['JukiNet', 'ExportsOutputFnGetAttKeyArn']] }, { 'Fn::GetAtt': ['Key', 'Arn'] }),
          Loop: exported('JukiNet:Loop', { 'Fn::ImportValue': 'JukiApp:Back' }),
        },
      },
      'AppStack.template.json': {
        Resources: {
          Sg: sg({ 'Fn::ImportValue': 'JukiNet:ExportsOutputRefVpc' }),
          Logs: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: { 'Fn::ImportValue': 'JukiNet:ExportsOutputFnGetAttKeyArn' } } },
          Missing: sg({ 'Fn::ImportValue': 'JukiNet:NoSuchExport' }),
          Elsewhere: sg({ 'Fn::ImportValue': 'SharedNet:ExportsOutputRefVpc' }),
          Looping: sg({ 'Fn::ImportValue': 'JukiNet:Loop' }),
        },
        Outputs: { Back: exported('JukiApp:Back', { Ref: 'Sg' }) },
      },
    },
    { NetStack: ['NetStack.template.json', 'JukiNet'], AppStack: ['AppStack.template.json', 'JukiApp'] },
  );
  const app = read('AppStack.template.json');

  it("reads the producer's exported value as a reference to its resource, located at the import", () => {
    expect(prop(app, 'Sg', 'VpcId')).toMatchObject({ kind: 'ref', target: 'cdk.out/NetStack.template.json#Vpc', loc: { file: 'cdk.out/AppStack.template.json' } });
    expect(prop(app, 'Logs', 'KmsKeyId')).toMatchObject({ kind: 'ref', target: 'cdk.out/NetStack.template.json#Key', attribute: 'Arn' });
  });

  it('leaves unknown, naming the export, one the producer does not declare, one of a stack not in the assembly, and an import the producer makes itself', () => {
    expect(prop(app, 'Missing', 'VpcId')).toMatchObject({ kind: 'unknown', cause: { inputs: ['export JukiNet:NoSuchExport'] } });
    expect(prop(app, 'Elsewhere', 'VpcId')).toMatchObject({ kind: 'unknown', cause: { inputs: ['export SharedNet:ExportsOutputRefVpc'] } });
    expect(prop(app, 'Looping', 'VpcId')).toMatchObject({ kind: 'unknown', cause: { inputs: ['export JukiApp:Back'] } });
  });

  it("reports nothing of the producer with the consumer's read", () => {
    expect(app.resources.map((r) => r.address).sort()).toEqual(['Elsewhere', 'Logs', 'Looping', 'Missing', 'Sg']);
    expect(app.errors).toEqual([]);
    expect(app.notScanned).toEqual([]);
  });
});

describe('discovering a CDK cloud assembly', () => {
  it("lists the construct tree as not a definition without reading it, however large; a tree.json elsewhere is read", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-cdk-tree-'));
    mkdirSync(path.join(dir, 'cdk.out'));
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'cdk.out/manifest.json'), manifest('aws://111122223333/ap-northeast-1'));
    writeFileSync(path.join(dir, 'cdk.out/tree.json'), `{"version":"tree-0.1","tree":{"id":"App","pad":"${' '.repeat(MAX_INPUT_BYTES)}"}}`);
    writeFileSync(path.join(dir, 'docs/tree.json'), ' '.repeat(MAX_INPUT_BYTES + 1));
    const found = await discover([dir], dir, sniffFile);
    expect(found.files.filter((f) => f.rel.endsWith('tree.json')).map((f) => [f.rel, f.kind, f.text])).toEqual([['cdk.out/tree.json', 'other', '']]);
    expect(found.errors).toEqual([{ file: 'docs/tree.json', message: 'larger than 5 MB: not read' }]);
  });
});

describe('files of a cloud assembly that are links', () => {
  it('reads neither a manifest nor a producer template through a link', () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'kikan-cdk-outside-'));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-cdk-links-'));
    mkdirSync(path.join(dir, 'cdk.out'));
    mkdirSync(path.join(dir, 'linked'));
    const producer = { Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: {} } }, Outputs: { V: { Value: { Ref: 'Vpc' }, Export: { Name: 'Net:V' } } } };
    const consumer = { Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', VpcId: { 'Fn::ImportValue': 'Net:V' } } } } };
    writeFileSync(path.join(outside, 'Net.template.json'), JSON.stringify(producer));
    symlinkSync(path.join(outside, 'Net.template.json'), path.join(dir, 'cdk.out/Net.template.json'));
    writeFileSync(path.join(dir, 'cdk.out/App.template.json'), JSON.stringify(consumer));
    const artifacts = { Net: stackArtifact('Net.template.json', 'aws://1/ap-northeast-1', 'Net'), App: stackArtifact('App.template.json', 'aws://1/ap-northeast-3', 'App') };
    writeFileSync(path.join(dir, 'cdk.out/manifest.json'), JSON.stringify({ artifacts }));
    const app = readCloudFormation('cdk.out/App.template.json', JSON.stringify(consumer), defaultReadOptions(dir));
    expect(prop(app, 'Sg', 'VpcId')).toMatchObject({ kind: 'unknown', cause: { inputs: ['export Net:V'] } });
    writeFileSync(path.join(outside, 'manifest.json'), JSON.stringify({ artifacts }));
    writeFileSync(path.join(dir, 'linked/App.template.json'), JSON.stringify(consumer));
    symlinkSync(path.join(outside, 'manifest.json'), path.join(dir, 'linked/manifest.json'));
    const viaLink = readCloudFormation('linked/App.template.json', JSON.stringify(consumer), defaultReadOptions(dir));
    expect(viaLink.inputs.map((i) => i.file)).not.toContain('linked/manifest.json');
  });
});

describe('staged assets of a CDK cloud assembly', () => {
  it('lists the files of an asset directory as not definitions without reading them; the same name elsewhere is read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-cdk-asset-'));
    const asset = `asset.${'a1'.repeat(32)}`;
    const files: Record<string, string> = {
      'cdk.out/manifest.json': manifest('aws://111122223333/ap-northeast-1'),
      'cdk.out/KokuhoStack.template.json': TEMPLATE,
      [`cdk.out/${asset}/template.yaml`]: 'Resources:\n  Copy:\n    Type: AWS::S3::Bucket\n',
      [`cdk.out/${asset}/infra/main.tf`]: 'resource "aws_s3_bucket" "copy" {}\n',
      [`cdk.out/${asset}/handler.py`]: 'def handler(e, c):\n    return {}\n',
      [`vendor/${asset}/template.yaml`]: 'Resources:\n  Kept:\n    Type: AWS::S3::Bucket\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const found = await discover([dir], dir, sniffFile);
    const staged = found.files.filter((f) => f.rel.startsWith(`cdk.out/${asset}/`));
    expect(staged.map((f) => [f.rel, f.kind, f.text])).toEqual([
      [`cdk.out/${asset}/infra/main.tf`, 'other', ''],
      [`cdk.out/${asset}/template.yaml`, 'other', ''],
    ]);
    expect(found.terraformDirs).toEqual([]);
    expect(found.files.find((f) => f.rel === `vendor/${asset}/template.yaml`)?.kind).toBe('cloudformation');
  });
});

describe('a CDK NestedStack synthesized without asset metadata', () => {
  const HASH = '8d2f6a1c0e4b7d9f3a5c8e1b4d7f0a3c6e9b2d5f8a1c4e7b0d3f6a9c2e5b8d1f';
  const parent = (hash: string) =>
    JSON.stringify({
      Resources: {
        Key: { Type: 'AWS::KMS::Key', Properties: {} },
        LogsNestedStackResource: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: {
            Parameters: { KeyArn: { 'Fn::GetAtt': ['Key', 'Arn'] } },
            TemplateURL: {
              'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, `/${hash}.json`]],
            },
          },
        },
      },
    });
  const child = JSON.stringify({
    Parameters: { KeyArn: { Type: 'String' } },
    Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: { Ref: 'KeyArn' } } } },
  });
  const assets = JSON.stringify({
    version: '44.0.0',
    files: {
      [HASH]: { displayName: 'Nested Template', source: { path: 'JukiLogsABCD.nested.template.json', packaging: 'file' }, destinations: {} },
      ['0'.repeat(64)]: { source: { path: 'asset.000', packaging: 'zip' }, destinations: {} },
    },
  });
  function readWith(hash: string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-cdk-nested-'));
    mkdirSync(path.join(dir, 'cdk.out'));
    writeFileSync(path.join(dir, 'cdk.out/Juki.template.json'), parent(hash));
    writeFileSync(path.join(dir, 'cdk.out/Juki.assets.json'), assets);
    writeFileSync(path.join(dir, 'cdk.out/JukiLogsABCD.nested.template.json'), child);
    return readCloudFormation('cdk.out/Juki.template.json', parent(hash), defaultReadOptions(dir));
  }

  it("finds the template by the URL's hash in the stack's asset manifest", () => {
    const r = readWith(HASH);
    expect(prop(r, 'LogsNestedStackResource/Logs', 'KmsKeyId')).toMatchObject({ kind: 'ref', target: 'cdk.out/Juki.template.json#Key', attribute: 'Arn' });
    expect(r.notScanned).toEqual([]);
  });

  it('leaves a hash no manifest lists, or a zip asset, as a template not followed', () => {
    for (const hash of ['f'.repeat(64), '0'.repeat(64)]) {
      const r = readWith(hash);
      expect(r.resources.map((x) => x.address).sort()).toEqual(['Key', 'LogsNestedStackResource']);
      expect(r.notScanned).toEqual([expect.objectContaining({ address: 'LogsNestedStackResource', cause: expect.objectContaining({ detail: expect.stringMatching(/not followed/) }) })]);
    }
  });
});
