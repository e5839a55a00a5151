// Reads a fixture template the way discovery hands it over: path relative to
// the scan root, with the conventional parameter files beside it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { armParameterFileNames, readArm } from '../../../src/readers/arm/index.js';
import type { NativeResource, ReadResult } from '../../../src/readers/native.js';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';

export const FIXTURE_ROOT = fileURLToPath(new URL('../../../fixtures/readers/arm', import.meta.url));

export function readFixture(rel: string, options: Partial<ReadOptions> = {}, withParameterFiles = true): ReadResult {
  const opts = { ...defaultReadOptions(FIXTURE_ROOT), ...options };
  const text = readFileSync(path.join(FIXTURE_ROOT, rel), 'utf8');
  const params = withParameterFiles
    ? armParameterFileNames(rel)
        .filter((p) => existsSync(path.join(FIXTURE_ROOT, p)))
        .map((p) => ({ file: p, text: readFileSync(path.join(FIXTURE_ROOT, p), 'utf8') }))
    : [];
  return readArm(rel, text, opts, params);
}

export function byAddress(r: ReadResult, address: string): NativeResource {
  const found = r.resources.find((x) => x.address === address);
  if (!found) throw new Error(`no resource ${address}; have:\n${r.resources.map((x) => x.address).join('\n')}`);
  return found;
}
