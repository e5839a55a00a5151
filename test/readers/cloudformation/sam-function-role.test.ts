import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../src/readers/value.js';
import { prop, readText, resource } from './helpers.js';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Kankyo: {Type: String}
Conditions:
  IsHonban: !Equals [!Ref Kankyo, honban]
Globals:
  Function:
    VpcConfig:
      SubnetIds: [subnet-a]
      SecurityGroupIds: [sg-a]
Resources:
  Shukei:
    Type: AWS::Serverless::Function
    Condition: IsHonban
    Properties:
      Handler: app.handler
      Policies:
        - AmazonS3ReadOnlyAccess
        - arn:aws:iam::111122223333:policy/zeimu-batch
        - DynamoDBCrudPolicy: {TableName: zeimu}
        - Statement:
            - {Effect: Allow, Action: "kms:Decrypt", Resource: "*"}
  Jibun:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/zeimu-fn
`;

describe('the execution role SAM creates for a function', () => {
  const r = readText(TEMPLATE);

  it('is a Lambda-trusted role named after the function, with its condition', () => {
    const role = resource(r, 'ShukeiRole');
    expect(role).toMatchObject({ type: 'AWS::IAM::Role', key: 'inline.yaml#ShukeiRole', loc: { line: 12 } });
    expect(role.conditional?.inputs).toEqual(['parameter Kankyo']);
    expect(toPlain(prop(r, 'ShukeiRole', 'AssumeRolePolicyDocument', 'Statement', 0, 'Principal', 'Service'))).toEqual(['lambda.amazonaws.com']);
  });

  it('attaches the basic and VPC execution policies and the managed policies the function lists, by name or ARN', () => {
    expect(toPlain(prop(r, 'ShukeiRole', 'ManagedPolicyArns'))).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      'arn:aws:iam::111122223333:policy/zeimu-batch',
    ]);
  });

  it('keeps inline documents as role policies and leaves SAM policy templates out', () => {
    expect(toPlain(prop(r, 'ShukeiRole', 'Policies'))).toEqual([
      { PolicyName: 'ShukeiRolePolicy0', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] } },
    ]);
  });

  it('is not created for a function that names its own role', () => {
    expect(r.resources.map((x) => x.address)).not.toContain('JibunRole');
  });
});
