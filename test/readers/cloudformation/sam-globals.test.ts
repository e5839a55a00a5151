import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../src/readers/value.js';
import { prop, readText } from './helpers.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  SubnetIds: {Type: CommaDelimitedList, Default: "subnet-a,subnet-c"}
Globals:
  Function:
    Runtime: python3.12
    Timeout: 30
    VpcConfig:
      SubnetIds: !Ref SubnetIds
      SecurityGroupIds: [sg-common]
    Environment:
      Variables: {STAGE: honban, LOG_LEVEL: INFO}
    Layers: [arn:aws:lambda:ap-northeast-1:111122223333:layer:common:1]
Resources:
  # 税額計算
  Calc:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Timeout: 60
      Environment:
        Variables: {LOG_LEVEL: DEBUG}
      Layers: [arn:aws:lambda:ap-northeast-1:111122223333:layer:calc:3]
  Batch:
    Type: AWS::Serverless::Function
    Properties:
      Handler: batch.handler
      VpcConfig:
        SecurityGroupIds: [sg-batch]
  Bare:
    Type: AWS::Serverless::Function
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
`;

describe('SAM Globals', () => {
  const r = readText(TEMPLATE);

  it('merges Globals.Function into each serverless function: maps by key, the function overriding values', () => {
    expect(r.errors).toEqual([]);
    expect(toPlain(prop(r, 'Calc', 'Runtime'))).toBe('python3.12');
    expect(toPlain(prop(r, 'Calc', 'Timeout'))).toBe(60);
    expect(toPlain(prop(r, 'Calc', 'Environment', 'Variables'))).toEqual({ STAGE: 'honban', LOG_LEVEL: 'DEBUG' });
    expect(toPlain(prop(r, 'Calc', 'VpcConfig', 'SubnetIds'))).toEqual(['subnet-a', 'subnet-c']);
  });

  it('puts the global list items before the function own, and locates global values at Globals', () => {
    expect(toPlain(prop(r, 'Calc', 'Layers'))).toEqual([
      'arn:aws:lambda:ap-northeast-1:111122223333:layer:common:1',
      'arn:aws:lambda:ap-northeast-1:111122223333:layer:calc:3',
    ]);
    expect(toPlain(prop(r, 'Batch', 'VpcConfig', 'SecurityGroupIds'))).toEqual(['sg-common', 'sg-batch']);
    expect(toPlain(prop(r, 'Batch', 'VpcConfig', 'SubnetIds'))).toEqual(['subnet-a', 'subnet-c']);
    expect(prop(r, 'Batch', 'VpcConfig', 'SubnetIds')?.loc?.line).toBe(9);
  });

  it('gives a function without Properties the global ones, and leaves other resource types alone', () => {
    expect(toPlain(prop(r, 'Bare', 'Timeout'))).toBe(30);
    expect(prop(r, 'Plain', 'Runtime')).toBeUndefined();
  });

  it('applies no Globals without the SAM transform', () => {
    const plain = readText(TEMPLATE.replace('Transform: AWS::Serverless-2016-10-31\n', ''));
    expect(prop(plain, 'Calc', 'Runtime')).toBeUndefined();
  });
});
