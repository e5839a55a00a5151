import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../src/readers/value.js';
import { prop, readText } from './helpers.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  JukiVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.8.0.0/16
  JukiSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref JukiVpc
      CidrBlock: 10.8.1.0/24
      Tags:
        - {Key: Name, Value: juki-app}
        - {Key: lg:segment, Value: lgwan}
  JukiFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Tags: {Owner: juki-team}
  Unresolved:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref JukiVpc
      CidrBlock: 10.8.2.0/24
      Tags:
        - {Key: !Ref AWS::StackName, Value: x}
`;

function configFile(body: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kikan-stack-tags-'));
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(body, null, 2));
  return file;
}

describe('stack tags of a template configuration file', () => {
  const file = configFile({ Parameters: {}, Tags: { 'lg:segment': 'mynumber', 'lg:tenant': 'city-a' } });
  const r = readText(TEMPLATE, { paramFiles: [file] });

  it('are put on every resource, as a CloudFormation Tags list', () => {
    expect(toPlain(prop(r, 'JukiVpc', 'Tags'))).toEqual([
      { Key: 'lg:segment', Value: 'mynumber' },
      { Key: 'lg:tenant', Value: 'city-a' },
    ]);
    expect(prop(r, 'JukiVpc', 'Tags', 0, 'Value')?.loc?.line).toBe(4);
  });

  it('leave a tag the resource writes itself as written, and add to map-shaped tags', () => {
    expect(toPlain(prop(r, 'JukiSubnet', 'Tags'))).toEqual([
      { Key: 'Name', Value: 'juki-app' },
      { Key: 'lg:segment', Value: 'lgwan' },
      { Key: 'lg:tenant', Value: 'city-a' },
    ]);
    expect(toPlain(prop(r, 'JukiFunction', 'Tags'))).toEqual({ Owner: 'juki-team', 'lg:segment': 'mynumber', 'lg:tenant': 'city-a' });
  });

  it('do not guess over a tag list with an unresolved key', () => {
    expect(prop(r, 'Unresolved', 'Tags', 1)).toBeUndefined();
  });

  it('are only read from the configuration shape, and a malformed Tags is an error at its line', () => {
    const plain = readText(TEMPLATE, { paramFiles: [configFile({ Tags: 'x' })] });
    expect(prop(plain, 'JukiVpc', 'Tags')).toBeUndefined();
    const bad = readText(TEMPLATE, { paramFiles: [configFile({ Parameters: {}, Tags: ['lg:segment'] })] });
    expect(bad.errors).toContainEqual(expect.objectContaining({ line: 3, message: 'Tags must be a mapping of tag keys to values' }));
  });
});
