import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../src/readers/value.js';
import { prop, readText } from './helpers.js';

const TEMPLATE = `Parameters:
  Kankyo: {Type: String}
  Hozon: {Type: String, Default: long}
Conditions:
  IsHonban: !Equals [!Ref Kankyo, honban]
  IsLong: !Equals [!Ref Hozon, long]
Resources:
  Kansa:
    Type: AWS::Logs::LogGroup
    Properties: !If
      - IsHonban
      - {LogGroupName: /juki/kansa, RetentionInDays: 731, KmsKeyId: arn:aws:kms:ap-northeast-1:111122223333:key/k}
      - {LogGroupName: /juki/kansa, RetentionInDays: 7}
  Nested:
    Type: AWS::Logs::LogGroup
    Properties: !If
      - IsHonban
      - !If [IsLong, {RetentionInDays: 3653}, {RetentionInDays: 400}]
      - !Ref AWS::NoValue
  Known:
    Type: AWS::Logs::LogGroup
    Properties: !If [IsLong, {RetentionInDays: 3653}, {RetentionInDays: 1}]
  Opaque:
    Type: AWS::Logs::LogGroup
    Properties: !If [IsHonban, {RetentionInDays: 1}, !Ref SomethingElse]
`;

describe('Properties chosen by Fn::If under an unknown condition', () => {
  const r = readText(TEMPLATE);

  it('keeps what both branches agree on and makes the rest unknown, naming the parameter', () => {
    expect(toPlain(prop(r, 'Kansa', 'LogGroupName'))).toBe('/juki/kansa');
    expect(prop(r, 'Kansa', 'RetentionInDays')).toMatchObject({ kind: 'unknown', cause: { inputs: ['parameter Kankyo'] } });
    expect(prop(r, 'Kansa', 'KmsKeyId')).toMatchObject({ kind: 'unknown', cause: { inputs: ['parameter Kankyo'] } });
    expect(r.notScanned.map((n) => n.address)).not.toContain('Kansa');
  });

  it('spreads a nested Fn::If and a NoValue branch too', () => {
    expect(prop(r, 'Nested', 'RetentionInDays')).toMatchObject({ kind: 'unknown', cause: { inputs: ['parameter Kankyo'] } });
  });

  it('takes the chosen branch when the condition is known', () => {
    expect(toPlain(prop(r, 'Known', 'RetentionInDays'))).toBe(3653);
  });

  it('still notes Properties it cannot spread', () => {
    expect(r.notScanned.map((n) => n.address)).toContain('Opaque');
  });
});
