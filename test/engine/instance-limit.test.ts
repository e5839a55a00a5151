import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/engine/discover.js';
import { readDiscovered, sniffFile } from '../../src/engine/read-inputs.js';
import { defaultReadOptions } from '../../src/readers/options.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-instance-limit-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A root calling a module `outer` times, which calls one `inner` times, which makes `leaf` buckets. */
function nestedModules(outer: number, inner: number, leaf: number): Record<string, string> {
  return {
    'env/main.tf': `module "tenant" {\n  source = "../modules/tenant"\n  count  = ${outer}\n}\n`,
    'modules/tenant/main.tf': `module "site" {\n  source = "../site"\n  count  = ${inner}\n}\n`,
    'modules/site/main.tf': `resource "aws_s3_bucket" "log" {\n  count  = ${leaf}\n  bucket = "log-\${count.index}"\n}\n`,
  };
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
/** `levels` templates, each deploying the next `count` times through a relativePath link; the last holds one storage account. */
function linkedCopies(levels: number, count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let k = 0; k < levels; k++) {
    const resources =
      k < levels - 1
        ? [
            {
              type: 'Microsoft.Resources/deployments',
              apiVersion: '2022-09-01',
              name: `[concat('level${k}-', copyIndex())]`,
              copy: { name: 'fan', count },
              properties: { mode: 'Incremental', templateLink: { relativePath: `level${k + 1}.json` } },
            },
          ]
        : [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[uniqueString(deployment().name)]", location: 'japaneast', kind: 'StorageV2', sku: { name: 'Standard_ZRS' } }];
    files[`azure/level${k}.json`] = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources });
  }
  return files;
}

const LIGHT_CFN = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';

async function readWithLimit(files: Record<string, string>, instanceLimit: number) {
  const dir = tree({ ...files, 'stack.yaml': LIGHT_CFN });
  const found = await discover([dir], dir, sniffFile);
  return readDiscovered(found, { ...defaultReadOptions(dir), instanceLimit }, 1);
}

describe('the instance limit of one unit', () => {
  it('gives up a Terraform group whose nested module counts multiply past it, whole, and reads the other units', async () => {
    const read = await readWithLimit(nestedModules(40, 40, 40), 1000);
    expect(read.errors).toEqual([
      {
        file: 'env',
        message: 'the definitions expand to more than 1000 resource and module instances (loops multiplied by loops): stopped, not scanned (env, modules/site, modules/tenant)',
      },
    ]);
    expect(read.resources.map((r) => r.address)).toEqual(['Q']);
  });

  it('reads the same layout completely when it stays within the limit', async () => {
    const read = await readWithLimit(nestedModules(4, 5, 6), 1000);
    expect(read.errors).toEqual([]);
    expect(read.resources.filter((r) => r.type === 'aws_s3_bucket')).toHaveLength(4 * 5 * 6);
  });

  it('gives up an ARM template whose linked deployments multiply copy loops past it', async () => {
    const read = await readWithLimit(linkedCopies(4, 20), 1000);
    expect(read.errors).toEqual([
      {
        file: 'azure/level0.json',
        message: 'the definitions expand to more than 1000 resource and module instances (loops multiplied by loops): stopped, not scanned (azure/level0.json)',
      },
    ]);
    // The linked templates stand on their own once the template linking them is given up; nothing of level0 is kept.
    expect(read.resources.filter((r) => r.scope === 'azure/level0.json')).toEqual([]);
    expect(read.resources.map((r) => r.address)).toContain('Q');
  });

  it('reads linked copies within the limit, every storage account of every deployment', async () => {
    const read = await readWithLimit(linkedCopies(3, 5), 1000);
    expect(read.errors).toEqual([]);
    const accounts = read.resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts');
    expect(accounts).toHaveLength(25);
    expect(new Set(accounts.map((r) => r.scope))).toEqual(new Set(['azure/level0.json']));
  });

  it('counts CloudFormation resources against it', async () => {
    const many = ['Resources:', ...Array.from({ length: 30 }, (_, i) => `  Queue${i}:\n    Type: AWS::SQS::Queue`)].join('\n');
    const read = await readWithLimit({ 'many.yaml': many }, 20);
    expect(read.errors.map((e) => e.file)).toEqual(['many.yaml']);
    expect(read.errors[0]!.message).toContain('more than 20 resource and module instances');
    expect(read.resources.map((r) => r.address)).toEqual(['Q']);
  });
});

describe('the resource limit of one scan', () => {
  const buckets = (n: number) => `resource "aws_s3_bucket" "b" {\n  count  = ${n}\n  bucket = "b-\${count.index}"\n}\n`;

  it('gives up the units that would take the scan past it, in unit order, each named', async () => {
    const dir = tree({ 'a/main.tf': buckets(30), 'b/main.tf': buckets(30), 'c/main.tf': buckets(30), 'd/main.tf': buckets(5) });
    const found = await discover([dir], dir, sniffFile);
    const read = await readDiscovered(found, { ...defaultReadOptions(dir), maxScanResources: 70 }, 1);
    expect(read.errors).toEqual([
      { file: 'c', message: 'the scan would hold more than 70 resources: stopped, not scanned (c); scan fewer directories at once' },
    ]);
    expect(new Set(read.resources.map((r) => r.scope))).toEqual(new Set(['a', 'b', 'd']));
    expect(read.resources).toHaveLength(65);
  });
});
