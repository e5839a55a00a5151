import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discover } from '../../src/engine/discover.js';
import { readDiscovered, sniffFile } from '../../src/engine/read-inputs.js';
import { defaultReadOptions } from '../../src/readers/options.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-time-limit-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

// Each unit below is cheap except the one that evaluates a long loop.
const HEAVY_TF = [
  'locals {',
  '  ids = [for i in range(90000) : "bucket-${i}"]',
  '}',
  'resource "aws_s3_bucket" "b" {',
  '  bucket = "logs-${length(local.ids)}"',
  '}',
].join('\n');
const LIGHT_TF = 'resource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n';
const HEAVY_ARM = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [
    {
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: '2023-01-01',
      name: "[concat('st', copyIndex())]",
      location: 'japaneast',
      copy: { name: 'accounts', count: 800 },
      properties: {
        supportsHttpsTrafficOnly: true,
        copy: [{ name: 'ipRules', count: 100, input: { value: "[concat('10.0.', string(copyIndex('ipRules')), '.0/24')]", action: 'Allow' } }],
      },
    },
  ],
});
const LIGHT_CFN = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';

/** Time as the readers see it, moving 1 ms at every look: the limit is met by work done, not by the machine's speed. */
function steppingTime(): void {
  let t = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => t++);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the read time limit (in-process)', () => {
  it('gives up a Terraform group that runs past it, whole, and reads the other units', async () => {
    const dir = tree({ 'heavy/main.tf': HEAVY_TF, 'light/main.tf': LIGHT_TF, 'stack.yaml': LIGHT_CFN });
    const found = await discover([dir], dir, sniffFile);
    steppingTime();
    const read = await readDiscovered(found, { ...defaultReadOptions(dir), timeLimitMs: 50 }, 1);
    expect(read.errors).toEqual([{ file: 'heavy', message: 'reading took longer than 0.05 s: stopped, not scanned (heavy)' }]);
    expect(read.resources.map((r) => r.address).sort()).toEqual(['Q', 'aws_s3_bucket.ok']);
  });

  it('gives up an ARM template whose copy loops run past it', async () => {
    const dir = tree({ 'azure/main.json': HEAVY_ARM, 'stack.yaml': LIGHT_CFN });
    const found = await discover([dir], dir, sniffFile);
    steppingTime();
    const read = await readDiscovered(found, { ...defaultReadOptions(dir), timeLimitMs: 50 }, 1);
    expect(read.errors).toEqual([{ file: 'azure/main.json', message: 'reading took longer than 0.05 s: stopped, not scanned (azure/main.json)' }]);
    expect(read.resources.map((r) => r.address)).toEqual(['Q']);
  });

  it('reads the same units completely under the default limit', async () => {
    const dir = tree({ 'heavy/main.tf': HEAVY_TF, 'azure/main.json': HEAVY_ARM });
    const found = await discover([dir], dir, sniffFile);
    steppingTime();
    const read = await readDiscovered(found, defaultReadOptions(dir), 1);
    expect(read.errors).toEqual([]);
    const bucket = read.resources.find((r) => r.address === 'aws_s3_bucket.b');
    expect(bucket?.attrs.fields.bucket).toMatchObject({ kind: 'known', value: 'logs-90000' });
    expect(read.resources.filter((r) => r.source === 'arm')).toHaveLength(800);
  });
});
