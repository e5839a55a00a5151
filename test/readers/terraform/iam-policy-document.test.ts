import { describe, expect, it } from 'vitest';
import { renderPolicyDocument } from '../../../src/readers/terraform/iam-policy-document.js';
import { known, list, obj, ref, unknown, type Value } from '../../../src/readers/value.js';

const loc = { file: 'iam.tf', line: 3 };
const strs = (...s: string[]): Value => list(s.map((x) => known(x)));

function render(config: Value): { pretty: string; doc: any } {
  const { json, minified } = renderPolicyDocument(config as never, loc);
  expect(json.kind).toBe('known');
  expect(minified.kind).toBe('known');
  const pretty = String((json as { value: string }).value);
  expect(JSON.parse(String((minified as { value: string }).value))).toEqual(JSON.parse(pretty));
  return { pretty, doc: JSON.parse(pretty) };
}

describe('renderPolicyDocument', () => {
  it('writes statements the way the AWS provider does', () => {
    const { doc, pretty } = render(
      obj({
        policy_id: known('key-policy'),
        statement: list([
          obj({
            sid: known('DenyInsecure'),
            effect: known('Deny'),
            actions: strs('s3:*'),
            resources: strs('arn:aws:s3:::b', 'arn:aws:s3:::b/*'),
            principals: list([obj({ type: known('*'), identifiers: strs('*') })]),
            condition: list([
              obj({ test: known('Bool'), variable: known('aws:SecureTransport'), values: strs('false') }),
              obj({ test: known('Bool'), variable: known('aws:SecureTransport'), values: strs('0') }),
            ]),
          }),
          obj({
            not_actions: strs('iam:*'),
            not_resources: strs('*'),
            principals: list([
              obj({ type: known('AWS'), identifiers: strs('arn:aws:iam::111122223333:root') }),
              obj({ type: known('AWS'), identifiers: strs('arn:aws:iam::444455556666:root') }),
              obj({ type: known('Service'), identifiers: strs('logs.amazonaws.com') }),
            ]),
          }),
        ]),
      }),
    );
    expect(pretty).toContain('\n  "Statement"');
    expect(doc).toEqual({
      Version: '2012-10-17',
      Id: 'key-policy',
      Statement: [
        {
          Sid: 'DenyInsecure',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b'],
          Principal: '*',
          Condition: { Bool: { 'aws:SecureTransport': ['false', '0'] } },
        },
        {
          Effect: 'Allow',
          NotAction: 'iam:*',
          NotResource: '*',
          Principal: { AWS: ['arn:aws:iam::444455556666:root', 'arn:aws:iam::111122223333:root'], Service: 'logs.amazonaws.com' },
        },
      ],
    });
  });

  it('marks unknown parts in place and keeps the rest judgeable', () => {
    const { doc } = render(
      obj({
        statement: list([
          obj({
            actions: strs('s3:GetObject'),
            resources: list([ref('.#aws_s3_bucket.b', 'arn'), known('arn:aws:s3:::fixed')]),
            principals: list([obj({ type: known('AWS'), identifiers: list([unknown({ inputs: ['var.reader_arn'], detail: 'unset' })]) })]),
          }),
          unknown({ inputs: ['var.statements'], detail: 'dynamic statements' }),
        ]),
      }),
    );
    const [first, second] = doc.Statement;
    expect(first.Action).toBe('s3:GetObject');
    expect(first.Resource[0]).toBe('arn:aws:s3:::fixed');
    expect(first.Resource[1]['kikan:unknown'].detail).toContain('aws_s3_bucket.b');
    expect(first.Principal.AWS['kikan:unknown'].inputs).toEqual(['var.reader_arn']);
    expect(second['kikan:unknown'].inputs).toEqual(['var.statements']);
  });

  it('merges source documents under own statements and override documents over them by Sid', () => {
    const source = JSON.stringify({ Statement: [{ Sid: 'A', Effect: 'Allow', Action: 'a:*' }, { Sid: 'B', Effect: 'Allow', Action: 'b:*' }] });
    const override = JSON.stringify({ Statement: [{ Sid: 'B', Effect: 'Deny', Action: 'b:*' }, { Effect: 'Allow', Action: 'c:*' }] });
    const { doc } = render(
      obj({
        source_policy_documents: list([known(source)]),
        override_policy_documents: list([known(override)]),
        statement: list([obj({ sid: known('A'), actions: strs('a:Get*') })]),
      }),
    );
    expect(doc.Statement).toEqual([
      { Sid: 'A', Effect: 'Allow', Action: 'a:Get*' },
      { Sid: 'B', Effect: 'Deny', Action: 'b:*' },
      { Effect: 'Allow', Action: 'c:*' },
    ]);
  });

  it('marks a source document that is not known', () => {
    const { doc } = render(obj({ source_policy_documents: list([unknown({ inputs: ['data.aws_iam_policy.base'], detail: 'data source' })]) }));
    expect(doc.Statement[0]['kikan:unknown'].inputs).toEqual(['data.aws_iam_policy.base']);
  });
});
