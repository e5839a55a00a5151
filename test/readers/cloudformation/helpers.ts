// Shared by the CloudFormation reader tests: reading fixtures and inline
// templates, and finding resources and values in the result.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCloudFormation } from '../../../src/readers/cloudformation/index.js';
import type { NativeResource, ReadResult } from '../../../src/readers/native.js';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';
import { path, type Value } from '../../../src/readers/value.js';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/readers/cloudformation/', import.meta.url)).replace(/\/$/, '');

export function options(extra: Partial<ReadOptions> = {}): ReadOptions {
  return { ...defaultReadOptions(FIXTURES), ...extra };
}

export function readFixture(file: string, extra: Partial<ReadOptions> = {}): ReadResult {
  return readCloudFormation(file, readFileSync(`${FIXTURES}/${file}`, 'utf8'), options(extra));
}

export function readText(text: string, extra: Partial<ReadOptions> = {}, file = 'inline.yaml'): ReadResult {
  return readCloudFormation(file, text, options(extra));
}

export function resource(r: ReadResult, address: string): NativeResource {
  const found = r.resources.find((x) => x.address === address);
  if (!found) throw new Error(`no resource ${address} among ${r.resources.map((x) => x.address).join(', ')}`);
  return found;
}

/** A property of a resource, by path of names and list indexes. */
export function prop(r: ReadResult, address: string, ...steps: (string | number)[]): Value | undefined {
  return path(resource(r, address).attrs, ...steps);
}

/** One-resource template whose property `V` is the given YAML expression. */
export function valueTemplate(expr: string, head = ''): string {
  return `${head}
Resources:
  Probe:
    Type: AWS::SSM::Parameter
    Properties:
      V: ${expr}
`;
}

export function probe(expr: string, head = '', extra: Partial<ReadOptions> = {}): Value | undefined {
  const r = readText(valueTemplate(expr, head), extra);
  if (r.errors.length > 0) throw new Error(JSON.stringify(r.errors));
  return r.resources.length > 0 ? path(r.resources[0]!.attrs, 'V') : undefined;
}
