import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/engine/discover.js';
import { readDiscovered, sniffFile } from '../../src/engine/read-inputs.js';
import { terraformGroups } from '../../src/engine/workers/work-units.js';
import { defaultReadOptions } from '../../src/readers/options.js';
import type { Value } from '../../src/readers/value.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-parallel-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function objectsOf(v: Value | undefined, out: Record<string, Value>[] = []): Record<string, Value>[] {
  if (v?.kind === 'object') {
    out.push(v.fields);
    for (const f of Object.values(v.fields)) objectsOf(f, out);
  } else if (v?.kind === 'list') for (const i of v.items) objectsOf(i, out);
  return out;
}

describe('reading on worker threads', () => {
  it('gives the same resources, inputs and errors as reading in-process, on every fixture', async () => {
    const opts = defaultReadOptions(FIXTURES);
    const found = await discover([FIXTURES], FIXTURES, sniffFile);
    const single = await readDiscovered(found, opts, 1);
    const parallel = await readDiscovered(found, opts, 3);
    expect(single.resources.length).toBeGreaterThan(500);
    const sources = new Set(single.resources.map((r) => r.source));
    for (const s of ['terraform', 'terraform-plan', 'cloudformation', 'arm'] as const) expect(sources.has(s)).toBe(true);
    // Timings differ from run to run; everything else must be the same.
    const { timing: t1, ...singleRead } = single;
    const { timing: t2, ...parallelRead } = parallel;
    expect(t1 && t2 && t1.parseMs > 0 && t1.readMs >= t1.parseMs && t2.parseMs > 0).toBe(true);
    expect(JSON.stringify(parallelRead)).toEqual(JSON.stringify(singleRead));
  }, 120_000);

  it('rebuilds object fields with a null prototype, so a field named like an Object method is only a field', async () => {
    const dir = tree({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  tags = { constructor = "a", toString = "b" }\n}\n',
      'other/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
    });
    const found = await discover([dir], dir, sniffFile);
    const read = await readDiscovered(found, defaultReadOptions(dir), 2);
    const bucket = read.resources.find((r) => r.type === 'aws_s3_bucket')!;
    const objects = objectsOf(bucket.attrs);
    expect(objects.length).toBeGreaterThan(1);
    for (const fields of objects) expect(Object.getPrototypeOf(fields)).toBeNull();
    const tags = bucket.attrs.fields.tags;
    expect(tags?.kind === 'object' && Object.keys(tags.fields)).toEqual(['constructor', 'toString']);
  }, 60_000);

  it('reports a unit that runs past the time limit as a read error and reads the rest', async () => {
    const dir = tree({
      'a/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
      'stack.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n',
    });
    const found = await discover([dir], dir, sniffFile);
    // No worker starts and parses within a millisecond: both units are given up.
    const read = await readDiscovered(found, { ...defaultReadOptions(dir), timeLimitMs: 1 }, 2);
    expect(read.resources).toEqual([]);
    expect(read.errors.map((e) => e.file).sort()).toEqual(['a', 'stack.yaml']);
    for (const e of read.errors) expect(e.message).toMatch(/took longer than 0\.001 s/);
  }, 60_000);
});

describe('terraformGroups', () => {
  it('joins roots that call one local module and keeps unrelated roots apart', () => {
    const dir = tree({
      'modules/net/main.tf': 'variable "n" {}\n',
      'prod/main.tf': 'module "net" {\n  source = "../modules/net"\n}\n',
      'stg/main.tf.json': '{"module": {"net": {"source": "../modules/net"}}}',
      'solo/main.tf': 'resource "aws_vpc" "v" {}\n',
      'chain/a/main.tf': 'module "b" {\n  source = "./b"\n}\n',
      'chain/a/b/main.tf': 'module "c" {\n  source = "../../../modules/net"\n}\n',
    });
    const groups = terraformGroups(['prod', 'stg', 'solo', 'modules/net', 'chain/a', 'chain/a/b'].map((d) => path.join(dir, d)));
    const rel = groups.map((g) => g.map((d) => path.relative(dir, d)).sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(rel).toEqual([['chain/a', 'chain/a/b', 'modules/net', 'prod', 'stg'], ['solo']]);
  });

  it('joins two roots through a called module that is outside the scanned directories', () => {
    const dir = tree({
      'shared/main.tf': 'output "x" { value = 1 }\n',
      'one/main.tf': 'module "s" { source = "../shared" }\n',
      'two/main.tf': 'module "s" { source = "../shared" }\n',
    });
    const groups = terraformGroups([path.join(dir, 'one'), path.join(dir, 'two')]);
    expect(groups).toHaveLength(1);
  });
});
