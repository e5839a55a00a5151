import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadOptions } from '../../../src/readers/options.js';
import { readTerraform } from '../../../src/readers/terraform/index.js';
import { MAX_MODULE_DEPTH } from '../../../src/readers/terraform/module-instance.js';

// Hostile or accidental shapes: each must end with values or errors, never a hang or a crash.
describe('readTerraform limits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-limits-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a local chain deeper than it evaluates as unknown, not a stack overflow', async () => {
    const root = path.join(dir, 'chain');
    await mkdir(root);
    const locals = Array.from({ length: 3000 }, (_, i) => `  l${i} = local.l${i + 1}`).join('\n');
    await writeFile(path.join(root, 'main.tf'), `locals {\n${locals}\n  l3000 = "end"\n}\nresource "aws_sns_topic" "t" {\n  name = local.l0\n}\n`);
    const r = await readTerraform([root], defaultReadOptions(root));
    const name = r.resources[0]!.attrs.fields.name!;
    expect(name.kind).toBe('unknown');
  });

  it('stops following modules nested deeper than the limit', async () => {
    const root = path.join(dir, 'nested');
    const levels = MAX_MODULE_DEPTH + 5;
    for (let i = 0; i <= levels; i++) {
      const d = path.join(root, ...Array.from({ length: i }, () => 'm'));
      await mkdir(d, { recursive: true });
      await writeFile(path.join(d, 'main.tf'), `module "m" {\n  source = "./m"\n}\nresource "aws_sns_topic" "t" {\n  name = "level-${i}"\n}\n`);
    }
    const dirs = Array.from({ length: levels + 1 }, (_, i) => path.join(root, ...Array.from({ length: i }, () => 'm')));
    const r = await readTerraform(dirs, defaultReadOptions(root));
    expect(r.resources).toHaveLength(MAX_MODULE_DEPTH + 1);
    expect(r.errors.some((e) => /nested more than/.test(e.message))).toBe(true);
  });

  it('keeps __proto__ and constructor as ordinary names', async () => {
    const root = path.join(dir, 'proto');
    await mkdir(root);
    await writeFile(path.join(root, 'main.tf'), 'resource "aws_s3_bucket" "p" {\n  __proto__ = "x"\n  tags = {\n    "__proto__" = "y"\n    constructor = "z"\n  }\n}\n');
    const r = await readTerraform([root], defaultReadOptions(root));
    const attrs = r.resources[0]!.attrs;
    expect(Object.keys(attrs.fields)).toEqual(['__proto__', 'tags']);
    const tags = attrs.fields.tags;
    expect(tags?.kind === 'object' && Object.entries(tags.fields).map(([k, v]) => [k, v.kind === 'known' && v.value])).toEqual([
      ['__proto__', 'y'],
      ['constructor', 'z'],
    ]);
  });

  it('does not expand an absurd count', async () => {
    const root = path.join(dir, 'count');
    await mkdir(root);
    await writeFile(path.join(root, 'main.tf'), 'resource "aws_sns_topic" "t" {\n  count = 1000000000\n  name  = "t${count.index}"\n}\n');
    const r = await readTerraform([root], defaultReadOptions(root));
    expect(r.resources).toHaveLength(1);
    expect(r.resources[0]!.conditional?.detail).toMatch(/more than/);
    // Not expanded is not judged in full: a read error at the block, so the exit code says incomplete.
    expect(r.errors).toEqual([
      { file: 'main.tf', line: 1, message: 'aws_sns_topic.t: 1000000000 instances is more than the 10000 kikan expands; judged as one instance of unknown index' },
    ]);
  });

  it('reports a count written as a string the same way: Terraform converts it to a number', async () => {
    const root = path.join(dir, 'count-string');
    await mkdir(root);
    await writeFile(path.join(root, 'main.tf'), 'variable "n" {\n  default = "20000"\n}\nresource "aws_sns_topic" "t" {\n  count = var.n\n}\n');
    const r = await readTerraform([root], defaultReadOptions(root));
    expect(r.resources.map((x) => [x.address, x.conditional?.detail])).toEqual([['aws_sns_topic.t', 'error: 20000 instances is more than the 10000 the reader expands']]);
    expect(r.errors.map((e) => [e.file, e.line, e.message])).toEqual([
      ['main.tf', 4, 'aws_sns_topic.t: 20000 instances is more than the 10000 kikan expands; judged as one instance of unknown index'],
    ]);
  });

  it('reports a for_each over more keys than it expands, in a module, with the instance address', async () => {
    const root = path.join(dir, 'for-each');
    await mkdir(path.join(root, 'm'), { recursive: true });
    await writeFile(path.join(root, 'main.tf'), 'module "many" {\n  source = "./m"\n}\n');
    await writeFile(path.join(root, 'm', 'main.tf'), 'resource "aws_sns_topic" "t" {\n  for_each = toset([for i in range(10001) : tostring(i)])\n  name     = each.key\n}\n');
    const r = await readTerraform([root], defaultReadOptions(root));
    expect(r.errors.map((e) => [e.file, e.line, e.message])).toEqual([
      ['m/main.tf', 1, 'module.many.aws_sns_topic.t: 10001 instances is more than the 10000 kikan expands; judged as one instance of unknown index'],
    ]);
  });
});
