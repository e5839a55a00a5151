import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeCloudFormation } from '../../../src/readers/cloudformation/index.js';
import { FIXTURES } from './helpers.js';

function fixture(file: string): string {
  return readFileSync(`${FIXTURES}/${file}`, 'utf8');
}

describe('looksLikeCloudFormation', () => {
  it('recognises every template fixture', () => {
    for (const f of ['juki-network/network.yaml', 'juki-network/logging.yaml', 'storage/storage.json', 'sam/template.yaml', 'foreach/subnets.yaml']) {
      expect(looksLikeCloudFormation(fixture(f), f), f).toBe(true);
    }
  });

  it('is not fooled by ARM, plans, parameter files, Kubernetes or serverless.yml', () => {
    const others = readdirSync(`${FIXTURES}/not-templates`);
    expect(others.length).toBeGreaterThanOrEqual(6);
    for (const f of others) expect(looksLikeCloudFormation(fixture(`not-templates/${f}`), f), f).toBe(false);
    for (const f of readdirSync(`${FIXTURES}/params`)) expect(looksLikeCloudFormation(fixture(`params/${f}`), f), f).toBe(false);
  });

  it('recognises a template without AWSTemplateFormatVersion by its AWS:: types', () => {
    expect(looksLikeCloudFormation('Resources:\n  Q:\n    Type: "AWS::SQS::Queue"\n', 'q.yml')).toBe(true);
    expect(looksLikeCloudFormation('{"Resources": {"Q": {"Properties": {}, "Type": "AWS::SQS::Queue"}}}', 'q.json')).toBe(true);
    expect(looksLikeCloudFormation('Resources:\n  Q:\n    Type: Custom::Thing\n', 'q.yml')).toBe(false);
  });

  it('accepts a document indented as a whole', () => {
    expect(looksLikeCloudFormation('---\n  AWSTemplateFormatVersion: "2010-09-09"\n  Resources: {}\n', 'vpc.yaml')).toBe(true);
  });

  it('looks only at top-level keys', () => {
    expect(looksLikeCloudFormation('{"Outputs": {"AWSTemplateFormatVersion": 1, "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}}', 'x.json')).toBe(false);
    expect(looksLikeCloudFormation('data:\n  AWSTemplateFormatVersion: 2010-09-09\n', 'cm.yaml')).toBe(false);
  });

  it('ignores files that are not templates by name, such as a README with an example', () => {
    expect(looksLikeCloudFormation('AWSTemplateFormatVersion: 2010-09-09\n', 'README.md')).toBe(false);
    expect(looksLikeCloudFormation('AWSTemplateFormatVersion: 2010-09-09\n', 'vpc.template')).toBe(true);
  });
});
