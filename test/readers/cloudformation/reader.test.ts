import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../src/readers/value.js';
import { FIXTURES, prop, readFixture, resource } from './helpers.js';

const NETWORK = 'juki-network/network.yaml';
const STORAGE = 'storage/storage.json';

describe('a vendor network template (short forms)', () => {
  const r = readFixture(NETWORK);

  it('emits native resources keyed by file and logical ID, located at the logical ID', () => {
    const vpc = resource(r, 'JukiVpc');
    expect(vpc).toMatchObject({
      source: 'cloudformation',
      cloud: 'aws',
      type: 'AWS::EC2::VPC',
      key: `${NETWORK}#JukiVpc`,
      scope: NETWORK,
      loc: { file: NETWORK, line: 50 },
    });
    expect(r.errors).toEqual([]);
    expect(r.inputs[0]).toEqual({
      file: NETWORK,
      kind: 'cloudformation',
      sha256: createHash('sha256').update(readFileSync(`${FIXTURES}/${NETWORK}`, 'utf8')).digest('hex'),
    });
  });

  it('locates every property at the line that names it', () => {
    expect(prop(r, 'JukiVpc', 'CidrBlock')).toMatchObject({ value: '10.20.0.0/16', loc: { file: NETWORK, line: 54 } });
    expect(prop(r, 'JukiVpc', 'Tags', 1, 'Value')).toMatchObject({ value: 'mynumber', loc: { line: 61 } });
    expect(prop(r, 'AppSecurityGroup', 'SecurityGroupIngress', 1, 'CidrIp')).toMatchObject({ loc: { line: 99 } });
  });

  it('places two subnets in different zones and carves their CIDRs from the VPC', () => {
    const a = prop(r, 'AppSubnetA', 'AvailabilityZone');
    const b = prop(r, 'AppSubnetB', 'AvailabilityZone');
    expect(a?.kind).toBe('known');
    expect(b?.kind).toBe('known');
    expect(toPlain(a)).not.toEqual(toPlain(b));
    expect(toPlain(prop(r, 'AppSubnetA', 'CidrBlock'))).toBe('10.20.0.0/24');
    expect(toPlain(prop(r, 'AppSubnetB', 'CidrBlock'))).toBe('10.20.1.0/24');
    expect(prop(r, 'AppSubnetA', 'VpcId')).toMatchObject({ kind: 'ref', target: `${NETWORK}#JukiVpc`, attribute: 'Ref' });
  });

  it('leaves the region unknown naming --region, or takes it from --region', () => {
    expect(resource(r, 'JukiVpc').region).toMatchObject({ kind: 'unknown', cause: { inputs: ['--region'] } });
    const tokyo = readFixture(NETWORK, { region: 'ap-northeast-1' });
    expect(resource(tokyo, 'JukiVpc').region).toMatchObject({ kind: 'known', value: 'ap-northeast-1' });
    expect(toPlain(prop(tokyo, 'AppSubnetA', 'AvailabilityZone'))).toBe('ap-northeast-1a');
  });

  it('skips a resource whose condition is false and drops NoValue properties', () => {
    expect(r.resources.some((x) => x.address === 'NatEip')).toBe(false);
    expect(toPlain(prop(r, 'AppInstance', 'SecurityGroupIds'))).toHaveLength(1);
    expect(prop(r, 'AppLogGroup', 'KmsKeyId')).toMatchObject({ kind: 'unknown', cause: { inputs: ['parameter KmsKeyArn'] } });
  });

  it('keeps the known parts of names that contain an unknown', () => {
    expect(prop(r, 'AppLogGroup', 'LogGroupName')).toMatchObject({
      kind: 'unknown',
      expr: '/juki/prod/${AWS::StackName}/app',
      cause: { inputs: ['AWS::StackName'] },
    });
  });

  it('keeps resource attributes apart from properties under __meta', () => {
    expect(toPlain(prop(r, 'JukiVpc', '__meta'))).toEqual({ DeletionPolicy: 'Retain' });
    expect(toPlain(prop(r, 'AppSecurityGroup', '__meta', 'DependsOn'))).toEqual(['JukiVpc']);
    expect(prop(r, 'AppSubnetA', '__meta')).toBeUndefined();
  });

  it('reads inline waivers from comments and Metadata', () => {
    expect(resource(r, 'JukiVpc').waivers).toEqual([
      { controlId: 'LG-2.1', reason: "classification tag is applied by the agency's tag policy", loc: { file: NETWORK, line: 49 } },
    ]);
    expect(resource(r, 'AppSecurityGroup').waivers).toEqual([
      expect.objectContaining({ controlId: 'LG-3.5', reason: 'jump host range only, approved by CISO 2025-04' }),
    ]);
    expect(resource(r, 'AppLogGroup').waivers).toEqual([
      expect.objectContaining({ controlId: 'LG-6.3', reason: 'key is rotated in by the operator after go-live' }),
      expect.objectContaining({ controlId: 'LG-2.3', reason: '' }),
    ]);
    expect(resource(r, 'AppSubnetA').waivers).toBeUndefined();
  });

  it('reads the local template of a nested stack where it is nested, with the Env the parent passes', () => {
    expect(resource(r, 'LoggingStack').type).toBe('AWS::CloudFormation::Stack');
    expect(r.notScanned).toEqual([]);
    const bucket = resource(r, 'LoggingStack/TrailBucket');
    expect(bucket.scope).toBe(NETWORK);
    expect(bucket.loc.file).toBe('juki-network/logging.yaml');
    expect(toPlain(prop(r, 'LoggingStack/TrailBucket', 'ObjectLockEnabled'))).toBe(true);
    expect(r.inputs).toContainEqual(expect.objectContaining({ file: 'juki-network/logging.yaml', kind: `cloudformation (nested in ${NETWORK})` }));
  });

  it('applies a CodePipeline configuration file: other branch of every condition', () => {
    const stg = readFixture(NETWORK, { paramFiles: [`${FIXTURES}/params/pipeline-config.json`] });
    expect(stg.inputs).toContainEqual(expect.objectContaining({ file: 'params/pipeline-config.json', kind: 'cloudformation-parameters' }));
    expect(resource(stg, 'NatEip').conditional).toBeUndefined();
    expect(toPlain(prop(stg, 'AppInstance', 'InstanceType'))).toBe('t3.medium');
    expect(toPlain(prop(stg, 'AppLogGroup', 'KmsKeyId'))).toMatch(/^arn:aws:kms:/);
    expect(prop(stg, 'AppInstance', 'SecurityGroupIds', 1)).toMatchObject({ kind: 'unknown', cause: { inputs: ['export shared-bastion-sg'] } });
  });
});

describe('a long-form JSON template with parameter files', () => {
  it('emits a resource of an unknown condition as conditional, naming the parameter', () => {
    const r = readFixture(STORAGE);
    expect(resource(r, 'Database').conditional).toMatchObject({
      inputs: ['parameter Stage'],
      chain: ['condition IsProd', 'condition LongBackups'],
    });
    expect(r.resources.some((x) => x.address === 'DebugTopic')).toBe(false);
    expect(prop(r, 'Database', 'MultiAZ')).toMatchObject({ kind: 'unknown', cause: { inputs: ['parameter Stage'] } });
    expect(prop(r, 'Database', 'BackupRetentionPeriod')).toMatchObject({ kind: 'known', value: 14 });
    expect(prop(r, 'Database', 'EngineVersion')).toMatchObject({ value: '16.10' });
  });

  it('locates JSON properties too', () => {
    const r = readFixture(STORAGE);
    expect(resource(r, 'ArchiveBucket').loc).toEqual({ file: STORAGE, line: 38, column: 9 });
    expect(prop(r, 'ArchiveBucket', 'BucketName')).toMatchObject({ loc: { line: 43 }, expr: 'tax-${AWS::AccountId}-archive' });
  });

  it('takes parameters from an aws-cli parameter file, UsePreviousValue staying unknown', () => {
    const r = readFixture(STORAGE, { paramFiles: [`${FIXTURES}/params/prod-cli.json`], region: 'ap-northeast-3' });
    expect(resource(r, 'Database').conditional).toBeUndefined();
    expect(toPlain(prop(r, 'Database', 'MultiAZ'))).toBe('true');
    expect(toPlain(prop(r, 'Database', 'BackupRetentionPeriod'))).toBe(35);
    expect(toPlain(prop(r, 'ArchiveBucket', 'LoggingConfiguration', 'DestinationBucketName'))).toBe('tax-logs-osaka');
    expect(prop(r, 'ArchiveBucket', 'BucketName')).toMatchObject({ cause: { inputs: ['AWS::AccountId', 'parameter BucketSuffix'] } });
  });

  it('lets --param override a parameter file', () => {
    const r = readFixture(STORAGE, { paramFiles: [`${FIXTURES}/params/prod-cli.json`], params: { Stage: 'dev' } });
    // Stage=dev from --param; BackupDays=35 from the file still creates the database.
    expect(resource(r, 'Database').conditional).toBeUndefined();
    expect(toPlain(prop(r, 'Database', 'DBInstanceClass'))).toBe('db.t4g.medium');
    expect(toPlain(prop(r, 'ArchiveBucket', 'VersioningConfiguration', 'Status'))).toBe('Suspended');
  });

  it('accepts a plain parameter file with a list value', () => {
    const r = readFixture(NETWORK, { paramFiles: [`${FIXTURES}/params/plain.json`] });
    expect(toPlain(prop(r, 'AppSecurityGroup', 'SecurityGroupIngress', 1, 'CidrIp'))).toBe('10.2.0.0/24');
    expect(toPlain(prop(r, 'AppLogGroup', 'RetentionInDays'))).toBe(3653);
  });

  it('reports a broken parameter file with its line and still reads the template', () => {
    const r = readFixture(STORAGE, { paramFiles: [`${FIXTURES}/params/broken.json`, `${FIXTURES}/params/missing.json`] });
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'params/broken.json', line: 3 }),
      expect.objectContaining({ file: 'params/missing.json', message: expect.stringContaining('cannot read') }),
    ]);
    expect(r.resources.length).toBeGreaterThan(0);
  });
});

describe('other template shapes', () => {
  it('reads SAM resources as written, with the role SAM creates for a function, and notes the nested application', () => {
    const r = readFixture('sam/template.yaml');
    expect(r.resources.map((x) => x.type)).toEqual([
      'AWS::Serverless::Function',
      'AWS::IAM::Role',
      'AWS::Serverless::SimpleTable',
      'AWS::Serverless::Application',
    ]);
    expect(prop(r, 'ReservationFunction', 'Environment', 'Variables', 'TABLE')).toMatchObject({
      kind: 'ref',
      target: 'sam/template.yaml#ReservationTable',
    });
    expect(r.notScanned.map((n) => n.address)).toEqual(['Notifications']);
  });

  it('expands Fn::ForEach, and notes a loop over an unknown list', () => {
    const r = readFixture('foreach/subnets.yaml');
    expect(r.resources.map((x) => x.address)).toEqual(['Vpc', 'Subneta', 'Subnetc']);
    expect(toPlain(prop(r, 'Subnetc', 'CidrBlock'))).toBe('10.30.1.0/24');
    expect(toPlain(prop(r, 'Subneta', 'Tags', 0, 'Value'))).toBe('app-a');
    expect(r.notScanned).toEqual([
      expect.objectContaining({ address: 'Fn::ForEach::Extra', cause: expect.objectContaining({ inputs: ['parameter ExtraSubnets'] }) }),
    ]);
    const more = readFixture('foreach/subnets.yaml', { params: { ExtraSubnets: 'db-1, db-2' } });
    expect(more.resources.map((x) => x.address)).toContain('Extradb1');
  });

  it('reads the long-form YAML nested template', () => {
    const r = readFixture('juki-network/logging.yaml', { params: { Env: 'prod' } });
    expect(toPlain(prop(r, 'TrailBucket', 'ObjectLockEnabled'))).toBe(true);
    expect(prop(r, 'Trail', 'CloudWatchLogsLogGroupArn')).toMatchObject({ kind: 'ref', attribute: 'Arn' });
    const dev = readFixture('juki-network/logging.yaml', { params: { Env: 'dev' } });
    expect(prop(dev, 'TrailBucket', 'ObjectLockEnabled')).toBeUndefined();
  });

  it('reports a broken YAML file at its line while the file beside it reads', () => {
    const broken = readFixture('broken/broken.yaml');
    expect(broken.resources).toEqual([]);
    expect(broken.errors[0]).toMatchObject({ file: 'broken/broken.yaml', line: 6 });
    expect(broken.inputs).toEqual([expect.objectContaining({ file: 'broken/broken.yaml', kind: 'cloudformation' })]);
    const good = readFixture('broken/good.yaml');
    expect(good.errors).toEqual([]);
    expect(toPlain(prop(good, 'FlowLogGroup', 'RetentionInDays'))).toBe(731);
  });
});
