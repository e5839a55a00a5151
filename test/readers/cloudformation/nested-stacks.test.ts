// Nested stacks with a local TemplateURL: the child template is read where it
// is nested, with what the parent passes it, and not judged on its own too.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../../src/engine/discover.js';
import { readDiscovered, sniffFile } from '../../../src/engine/read-inputs.js';
import { readCloudFormation } from '../../../src/readers/cloudformation/index.js';
import { MAX_NESTED_STACKS, MAX_STACK_DEPTH } from '../../../src/readers/cloudformation/nested-stacks.js';
import { MAX_INPUT_BYTES } from '../../../src/readers/referenced-file.js';
import type { ReadResult } from '../../../src/readers/native.js';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';
import { toPlain } from '../../../src/readers/value.js';
import { prop, resource } from './helpers.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-cfn-nested-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function readIn(files: Record<string, string>, root: string, extra: (dir: string) => Partial<ReadOptions> = () => ({})): ReadResult {
  const dir = tree(files);
  return readCloudFormation(root, files[root]!, { ...defaultReadOptions(dir), ...extra(dir) });
}

function tagsOf(r: ReadResult, address: string): Record<string, unknown> {
  const tags = toPlain(prop(r, address, 'Tags')) as { Key: string; Value: unknown }[];
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

const VPC_CHILD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Cidr:
    Type: String
  Env:
    Type: String
    Default: dev
  AzList:
    Type: CommaDelimitedList
    Default: a,b
  PeerVpc:
    Type: String
    Default: none
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref Cidr
      Tags:
        - Key: Name
          Value: !Sub vpc-\${Env}
        - Key: Owner
          Value: network-team
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!Ref Cidr, 2, 8]]
      AvailabilityZone: !Select [1, !Ref AzList]
      Tags:
        - Key: Peer
          Value: !Ref PeerVpc
Outputs:
  VpcId:
    Value: !Ref Vpc
  SubnetCidr:
    Value: !GetAtt Subnet.CidrBlock
`;

describe('a nested stack with a local TemplateURL', () => {
  const parent = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  EnvName:
    Type: String
    Default: prod
  Peer:
    Type: String
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./nested/vpc.yaml
      Parameters:
        Cidr: 10.40.0.0/16
        Env: !Ref EnvName
        AzList: !Join [',', [ap-northeast-1a, ap-northeast-1c]]
        PeerVpc: !Ref Peer
  Flow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !GetAtt Network.Outputs.VpcId
      ResourceType: VPC
      LogDestination: !GetAtt Network.Outputs.SubnetCidr
`;
  const r = readIn({ 'root.yaml': parent, 'nested/vpc.yaml': VPC_CHILD }, 'root.yaml');

  it('reads the child under the Stack logical ID, scoped to the scanned template, located in the child file', () => {
    expect(r.errors).toEqual([]);
    expect(r.notScanned).toEqual([]);
    const vpc = resource(r, 'Network/Vpc');
    expect(vpc.key).toBe('root.yaml#Network/Vpc');
    expect(vpc.scope).toBe('root.yaml');
    expect(vpc.loc.file).toBe('nested/vpc.yaml');
    expect(r.inputs).toContainEqual(expect.objectContaining({ file: 'nested/vpc.yaml', kind: 'cloudformation (nested in root.yaml)' }));
  });

  it('gives the child the Parameters the Stack passes: literals, parent parameters, lists as text', () => {
    expect(toPlain(prop(r, 'Network/Vpc', 'CidrBlock'))).toBe('10.40.0.0/16');
    expect(toPlain(prop(r, 'Network/Subnet', 'CidrBlock'))).toBe('10.40.0.0/24');
    expect(tagsOf(r, 'Network/Vpc').Name).toBe('vpc-prod');
    expect(toPlain(prop(r, 'Network/Subnet', 'AvailabilityZone'))).toBe('ap-northeast-1c');
    // A reference inside the child points at the child's resource, under the Stack's ID.
    expect(prop(r, 'Network/Subnet', 'VpcId')).toMatchObject({ kind: 'ref', target: 'root.yaml#Network/Vpc' });
  });

  it('leaves a parameter unknown when the parent parameter it comes from has no value, naming the parent parameter', () => {
    const peer = prop(r, 'Network/Subnet', 'Tags', 0, 'Value');
    expect(peer?.kind).toBe('unknown');
    expect(peer?.kind === 'unknown' && peer.cause.inputs).toEqual(['parameter Peer']);
  });

  it('reads GetAtt Stack.Outputs.Name in the parent from the child template', () => {
    expect(prop(r, 'Flow', 'ResourceId')).toMatchObject({ kind: 'ref', target: 'root.yaml#Network/Vpc', attribute: 'Ref' });
    expect(toPlain(prop(r, 'Flow', 'LogDestination'))).toBe('10.40.0.0/24');
  });

  it('makes an output the child does not declare an explicit unknown', () => {
    const other = readIn(
      {
        'root.yaml': `Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: vpc.yaml
      Parameters: { Cidr: 10.1.0.0/16 }
  Probe:
    Type: AWS::SSM::Parameter
    Properties:
      V: !GetAtt Network.Outputs.Missing
`,
        'vpc.yaml': VPC_CHILD,
      },
      'root.yaml',
    );
    expect(prop(other, 'Probe', 'V')).toMatchObject({ kind: 'unknown', cause: { detail: 'vpc.yaml has no output Missing' } });
  });
});

describe('sibling stacks passing outputs', () => {
  const files = {
    'main.yaml': `Resources:
  Net:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: vpc.yaml
      Parameters:
        Cidr: 10.9.0.0/16
  App:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: app.yaml
      Parameters:
        VpcId: !GetAtt Net.Outputs.VpcId
        Image: !GetAtt Images.Outputs.AmiId
  Images:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.ap-northeast-1.amazonaws.com/bucket/images.yaml
`,
    'vpc.yaml': VPC_CHILD,
    'app.yaml': `Parameters:
  VpcId: { Type: String }
  Image: { Type: String }
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref VpcId
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref Image
`,
  };
  const r = readIn(files, 'main.yaml');

  it("passes a sibling's output into the child that takes it", () => {
    expect(prop(r, 'App/Sg', 'VpcId')).toMatchObject({ kind: 'ref', target: 'main.yaml#Net/Vpc' });
  });

  it('keeps an output of a stack whose template is not read as a reference to that stack, and notes the S3 template', () => {
    expect(prop(r, 'App/Server', 'ImageId')).toMatchObject({ kind: 'ref', target: 'main.yaml#Images', attribute: 'Outputs.AmiId' });
    expect(r.notScanned).toEqual([
      expect.objectContaining({
        address: 'Images',
        scope: 'main.yaml',
        cause: expect.objectContaining({ inputs: ['https://s3.ap-northeast-1.amazonaws.com/bucket/images.yaml'] }),
      }),
    ]);
  });
});

describe('tags and conditions a nested stack gives its resources', () => {
  const files = {
    'parent.yaml': `Parameters:
  WithLgwan:
    Type: String
    AllowedValues: ['true', 'false']
Conditions:
  Lgwan: !Equals [!Ref WithLgwan, 'true']
Resources:
  Segment:
    Type: AWS::CloudFormation::Stack
    Condition: Lgwan
    Properties:
      TemplateURL: ./vpc.yaml
      Parameters:
        Cidr: 10.50.0.0/16
      Tags:
        - Key: lg:segment
          Value: LGWAN接続系
        - Key: Owner
          Value: stack-owner
        - Key: System
          Value: zeimu
`,
    'vpc.yaml': VPC_CHILD,
    'deploy/prod.json': JSON.stringify({ Parameters: {}, Tags: { System: 'from-config', CostCenter: 'cc-1' } }),
  };
  const r = readIn(files, 'parent.yaml', (dir) => ({ paramFiles: [path.join(dir, 'deploy/prod.json')] }));

  it("puts the Stack's tags and the parent's stack tags on the child's resources; the resource's own tag wins, then the Stack's", () => {
    expect(tagsOf(r, 'Segment/Vpc')).toEqual({
      Name: 'vpc-dev',
      Owner: 'network-team',
      'lg:segment': 'LGWAN接続系',
      System: 'zeimu',
      CostCenter: 'cc-1',
    });
  });

  it("leaves the child's Tags unknown when the Stack's Tags or a key in them are not known", () => {
    const stack = (tags: string) => `Parameters:
  Segment: { Type: String }
  Shared: { Type: String, AllowedValues: ['yes', 'no'] }
Conditions:
  IsShared: !Equals [!Ref Shared, 'yes']
Resources:
  Net:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: vpc.yaml
      Parameters: { Cidr: 10.5.0.0/16 }
      Tags: ${tags}
`;
    const byIf = readIn({ 'p.yaml': stack("!If [IsShared, [{Key: lg:segment, Value: LGWAN接続系}], [{Key: System, Value: x}]]"), 'vpc.yaml': VPC_CHILD }, 'p.yaml');
    expect(prop(byIf, 'Net/Vpc', 'Tags')).toMatchObject({ kind: 'unknown', cause: { inputs: ['parameter Shared'] } });
    const byKey = readIn({ 'p.yaml': stack('[{Key: !Ref Segment, Value: LGWAN接続系}]'), 'vpc.yaml': VPC_CHILD }, 'p.yaml');
    expect(prop(byKey, 'Net/Subnet', 'Tags')).toMatchObject({ kind: 'unknown', cause: { inputs: ['parameter Segment'] } });
  });

  it("makes every resource of the child conditional on the Stack's unknown Condition", () => {
    for (const address of ['Segment/Vpc', 'Segment/Subnet']) {
      expect(resource(r, address).conditional?.inputs).toEqual(['parameter WithLgwan']);
    }
  });

  it('reads nothing of a child whose Stack is certainly not created', () => {
    const off = readIn(files, 'parent.yaml', () => ({ params: { WithLgwan: 'false' } }));
    expect(off.resources.map((x) => x.address)).toEqual([]);
    expect(off.notScanned).toEqual([]);
  });
});

describe('nested stacks that cannot be followed', () => {
  it('reports a cycle as not scanned, and keeps both files judged on their own', async () => {
    const stack = (url: string) => `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Inner:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ${url}
`;
    const files = { 'a/a.yaml': stack('../b/b.yaml'), 'b/b.yaml': stack('../a/a.yaml') };
    const r = readIn(files, 'a/a.yaml');
    expect(r.resources.map((x) => x.address)).toEqual(['Bucket', 'Inner', 'Inner/Bucket', 'Inner/Inner']);
    expect(r.notScanned).toEqual([
      expect.objectContaining({ address: 'Inner/Inner', scope: 'a/a.yaml', cause: expect.objectContaining({ detail: expect.stringContaining('a cycle') }) }),
    ]);
    expect(r.inputs).toContainEqual(expect.objectContaining({ file: 'b/b.yaml', kind: 'cloudformation (read again on a nesting cycle)' }));

    const dir = tree(files);
    const all = await readDiscovered(await discover([dir], dir, sniffFile), defaultReadOptions(dir));
    expect(all.resources.filter((x) => x.address === 'Bucket').map((x) => x.scope).sort()).toEqual(['a/a.yaml', 'b/b.yaml']);
  });

  it(`stops nesting ${MAX_STACK_DEPTH} stacks deep`, () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= MAX_STACK_DEPTH + 2; i++) {
      files[`l${i}.yaml`] = `Resources:
  Queue:
    Type: AWS::SQS::Queue
  Down:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: l${i + 1}.yaml
`;
    }
    const r = readIn(files, 'l0.yaml');
    expect(r.notScanned).toHaveLength(1);
    expect(r.notScanned[0]!.cause.detail).toContain(`more than ${MAX_STACK_DEPTH} deep`);
    // The scanned template and the stacks nested under it, down to the limit.
    expect(r.resources.filter((x) => x.type === 'AWS::SQS::Queue')).toHaveLength(MAX_STACK_DEPTH + 1);
  });

  it(`stops after ${MAX_NESTED_STACKS} nested stacks when files nest each other twice over`, () => {
    const files: Record<string, string> = {};
    // Each level nests the next twice: 2^16 stacks if nothing stopped it.
    for (let i = 0; i < MAX_STACK_DEPTH; i++) {
      files[`t${i}.yaml`] = `Resources:
  Left:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: t${i + 1}.yaml }
  Right:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: t${i + 1}.yaml }
`;
    }
    files[`t${MAX_STACK_DEPTH}.yaml`] = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n';
    const r = readIn(files, 't0.yaml');
    // Depth first, the first 1000 children are read: 496 leaves holding a Queue and 504 stacks of two Stacks each.
    // The 10 Stacks met after them are noted, not read.
    expect(MAX_NESTED_STACKS).toBe(1000);
    expect(r.resources.filter((x) => x.type === 'AWS::SQS::Queue')).toHaveLength(496);
    expect(r.resources.filter((x) => x.type === 'AWS::CloudFormation::Stack')).toHaveLength(2 + 2 * 504);
    expect(r.notScanned).toHaveLength(10);
    expect(r.notScanned.every((n) => n.cause.detail.includes(`more than ${MAX_NESTED_STACKS} nested stacks under t0.yaml`))).toBe(true);
  });

  it('notes a missing file, a path outside the scan root and an unparsable child', () => {
    const r = readIn(
      {
        'infra/root.yaml': `Resources:
  Gone:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: missing.yaml }
  Outside:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: ../../elsewhere.yaml }
  Broken:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: broken.json }
`,
        'infra/broken.json': '{ "Resources": [1, ',
      },
      'infra/root.yaml',
    );
    const why = Object.fromEntries(r.notScanned.map((n) => [n.address, n.cause.detail]));
    expect(why.Gone).toContain('cannot read infra/missing.yaml: ENOENT');
    expect(why.Outside).toContain('outside the scanned directory');
    expect(why.Broken).toContain('infra/broken.json');
    expect(r.errors.some((e) => e.file === 'infra/broken.json' && e.line !== undefined)).toBe(true);
  });

  it('notes a child too large to read and a link leading out of the scan root, and reads neither', () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'kikan-cfn-outside-'));
    writeFileSync(path.join(outside, 'shared.yaml'), 'Resources:\n  Leaked:\n    Type: AWS::SQS::Queue\n');
    const files = {
      'root.yaml': `Resources:
  Huge:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: huge.yaml }
  Linked:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: linked.yaml }
`,
      'huge.yaml': `Resources:\n  Big:\n    Type: AWS::SQS::Queue\n${'#'.repeat(MAX_INPUT_BYTES)}\n`,
    };
    const dir = tree(files);
    symlinkSync(path.join(outside, 'shared.yaml'), path.join(dir, 'linked.yaml'));
    const r = readCloudFormation('root.yaml', files['root.yaml'], defaultReadOptions(dir));
    expect(r.resources.map((x) => x.address)).toEqual(['Huge', 'Linked']);
    expect(r.notScanned.map((n) => [n.address, n.cause.detail])).toEqual([
      ['Huge', 'nested template huge.yaml of Huge is not read: huge.yaml is larger than 5 MB'],
      ['Linked', 'nested template linked.yaml of Linked is not read: linked.yaml is a link to outside the scanned directory'],
    ]);
    expect(r.inputs.map((i) => i.file)).toEqual(['root.yaml']);
  });

  it('reads a JSON child and the same child twice under two Stacks, each with its own parameters', () => {
    const child = JSON.stringify({
      Parameters: { Name: { Type: 'String' } },
      Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Name' } } } },
    });
    const r = readIn(
      {
        'root.yaml': `Resources:
  First:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: topic.json, Parameters: { Name: first } }
  Second:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: topic.json, Parameters: { Name: second } }
`,
        'topic.json': child,
      },
      'root.yaml',
    );
    expect(toPlain(prop(r, 'First/Topic', 'TopicName'))).toBe('first');
    expect(toPlain(prop(r, 'Second/Topic', 'TopicName'))).toBe('second');
    expect(r.inputs.filter((i) => i.file === 'topic.json')).toHaveLength(1);
  });
});

describe('NoEcho parameters of a nested template', () => {
  it('reports them with the scanned template, written where the parent passes a literal or the child defaults', () => {
    const r = readIn(
      {
        'root.yaml': `Parameters:
  AdminPassword: { Type: String, NoEcho: true }
Resources:
  Db:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: db.yaml
      Parameters:
        MasterPassword: !Ref AdminPassword
        ReportPassword: hunter2-report
`,
        'db.yaml': `Parameters:
  MasterPassword: { Type: String, NoEcho: true, Default: changeme }
  ReportPassword: { Type: String, NoEcho: true }
  ReplicaPassword: { Type: String, NoEcho: true, Default: replica-default }
Resources:
  Topic: { Type: AWS::SNS::Topic }
`,
      },
      'root.yaml',
    );
    expect(r.secretInputs).toHaveLength(1);
    expect(r.secretInputs![0]!.scope).toBe('root.yaml');
    const byName = Object.fromEntries(r.secretInputs![0]!.inputs.map((i) => [i.name, i.literal]));
    expect(byName).toEqual({
      'parameter AdminPassword': undefined,
      'parameter Db/MasterPassword': undefined,
      'parameter Db/ReportPassword': { file: 'root.yaml', line: 10, column: 25 },
      'parameter Db/ReplicaPassword': expect.objectContaining({ file: 'db.yaml', line: 4 }),
    });
  });
});

describe('scanning a directory with a root template and its nested child', () => {
  it('judges the child only where it is nested', async () => {
    const dir = tree({
      'root.yaml': `Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./nested/vpc.yaml
      Parameters: { Cidr: 10.60.0.0/16 }
`,
      'nested/vpc.yaml': VPC_CHILD,
    });
    const r = await readDiscovered(await discover([dir], dir, sniffFile), defaultReadOptions(dir));
    expect(r.resources.map((x) => x.address).sort()).toEqual(['Network', 'Network/Subnet', 'Network/Vpc']);
    expect(r.inputs).toContainEqual(expect.objectContaining({ file: 'nested/vpc.yaml', kind: 'cloudformation (judged where it is nested)' }));
    expect(r.inputs).toContainEqual(expect.objectContaining({ file: 'nested/vpc.yaml', kind: 'cloudformation (nested in root.yaml)' }));
    expect(r.notScanned).toEqual([]);
  });
});

describe('a CDK NestedStack in cdk.out, whose TemplateURL is the bootstrap asset bucket', () => {
  const stack = (assetPath: string) => ({
    Type: 'AWS::CloudFormation::Stack',
    Properties: {
      Parameters: { referencetoJukiDataStackDataKeyArn: { 'Fn::GetAtt': ['DataKey', 'Arn'] } },
      TemplateURL: {
        'Fn::Join': [
          '',
          ['https://s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, '/5e1f3c6a.json'],
        ],
      },
    },
    Metadata: { 'aws:cdk:path': 'JukiDataStack/Audit.NestedStack/Audit.NestedStackResource', 'aws:asset:path': assetPath, 'aws:asset:property': 'TemplateURL' },
  });
  const parent = (assetPath: string) =>
    JSON.stringify({ Resources: { DataKey: { Type: 'AWS::KMS::Key', Properties: {} }, AuditNestedStackResource: stack(assetPath) } }, null, 1);
  const child = JSON.stringify(
    {
      Parameters: { referencetoJukiDataStackDataKeyArn: { Type: 'String' } },
      Resources: { OpsLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: { Ref: 'referencetoJukiDataStackDataKeyArn' }, RetentionInDays: 180 } } },
    },
    null,
    1,
  );

  it('reads the template CDK names in aws:asset:path, with what the parent passes', () => {
    const r = readIn({ 'cdk.out/JukiDataStack.template.json': parent('JukiDataStackAuditB2C3.nested.template.json'), 'cdk.out/JukiDataStackAuditB2C3.nested.template.json': child }, 'cdk.out/JukiDataStack.template.json');
    expect(prop(r, 'AuditNestedStackResource/OpsLogGroup', 'KmsKeyId')).toMatchObject({ kind: 'ref', target: 'cdk.out/JukiDataStack.template.json#DataKey', attribute: 'Arn' });
    expect(resource(r, 'AuditNestedStackResource/OpsLogGroup').loc.file).toBe('cdk.out/JukiDataStackAuditB2C3.nested.template.json');
    expect(r.notScanned).toEqual([]);
  });

  it('notes the asset file when it is not in the scan', () => {
    const r = readIn({ 'cdk.out/JukiDataStack.template.json': parent('Missing.nested.template.json') }, 'cdk.out/JukiDataStack.template.json');
    expect(r.notScanned).toEqual([
      expect.objectContaining({ address: 'AuditNestedStackResource', cause: expect.objectContaining({ inputs: ['Missing.nested.template.json'] }) }),
    ]);
    expect(r.notScanned[0]!.cause.detail).toMatch(/not read: cannot read cdk\.out\/Missing\.nested\.template\.json/);
  });

  it('is judged only where it is nested when the whole cdk.out is scanned', async () => {
    const dir = tree({ 'cdk.out/JukiDataStack.template.json': parent('JukiDataStackAuditB2C3.nested.template.json'), 'cdk.out/JukiDataStackAuditB2C3.nested.template.json': child });
    const r = await readDiscovered(await discover([dir], dir, sniffFile), defaultReadOptions(dir));
    expect(r.resources.map((x) => x.address).sort()).toEqual(['AuditNestedStackResource', 'AuditNestedStackResource/OpsLogGroup', 'DataKey']);
    expect(r.inputs).toContainEqual(expect.objectContaining({ file: 'cdk.out/JukiDataStackAuditB2C3.nested.template.json', kind: 'cloudformation (judged where it is nested)' }));
  });
});
