import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/engine/discover.js';
import { MAX_INPUT_BYTES } from '../../src/readers/referenced-file.js';
import { readDiscovered, sniffFile } from '../../src/engine/read-inputs.js';
import { defaultReadOptions } from '../../src/readers/options.js';

const ARM = '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[]}';
const CFN = 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-discover-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('discover', () => {
  it('lists Bicep files without a compiled template beside them as not scanned, and every .bicepparam file', async () => {
    const dir = tree({
      'built/main.bicep': 'param location string\n',
      'built/main.json': ARM,
      'source-only/network.bicep': "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {}\n",
      'source-only/prod.bicepparam': "using './network.bicep'\n",
    });
    const found = await discover([dir], dir, sniffFile);
    expect(found.notScanned.map((n) => [n.address, n.cause.inputs, n.cause.detail])).toEqual([
      ['source-only/network.bicep', ['compiled source-only/network.bicep'], expect.stringContaining('az bicep build --file source-only/network.bicep')],
      ['source-only/prod.bicepparam', ['compiled source-only/prod.bicepparam'], expect.stringContaining('az bicep build-params')],
    ]);
    expect(found.files.map((f) => f.rel)).toEqual(['built/main.json']);
  });

  it('tells files by content, lists Terraform directories, and walks in name order', async () => {
    const dir = tree({
      'b/template.yaml': CFN,
      'a/main.json': ARM,
      'a/readme.yaml': 'title: not a template\n',
      'net/main.tf': 'resource "aws_vpc" "v" {}\n',
      'net/terraform.tfvars': 'x = 1\n',
      'app/package.json': '{"name":"x"}',
      'app/variables.tf.json': '{}',
    });
    const found = await discover([dir], dir, sniffFile);
    expect(found.files.map((f) => [f.rel, f.kind])).toEqual([
      ['a/main.json', 'arm'],
      ['a/readme.yaml', 'other'],
      ['b/template.yaml', 'cloudformation'],
      ['net/terraform.tfvars', 'terraform-vars'],
    ]);
    expect(found.terraformDirs).toEqual([path.join(dir, 'app'), path.join(dir, 'net')]);
    expect(found.errors).toEqual([]);
  });

  it('skips dependency, VCS and hidden directories below the paths given, but enters a hidden directory given by name', async () => {
    const dir = tree({
      'node_modules/m/template.yaml': CFN,
      '.git/x.json': ARM,
      '.terraform/modules/m/main.tf': 'x = 1',
      '.hidden/template.yaml': CFN,
      'ok/template.yaml': CFN,
    });
    const found = await discover([dir], dir, sniffFile);
    expect(found.files.map((f) => f.rel)).toEqual(['ok/template.yaml']);
    expect(found.terraformDirs).toEqual([]);
    const named = await discover([path.join(dir, '.hidden')], dir, sniffFile);
    expect(named.files.map((f) => f.rel)).toEqual(['.hidden/template.yaml']);
  });

  it('follows a link named on the command line, never one met in the walk (no cycles)', async () => {
    const dir = tree({ 'real/template.yaml': CFN });
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'real', 'loop'));
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    const walked = await discover([dir], dir, sniffFile);
    expect(walked.files.map((f) => f.rel)).toEqual(['real/template.yaml']);
    const named = await discover([path.join(dir, 'alias')], dir, sniffFile);
    expect(named.files.map((f) => f.rel)).toEqual(['alias/template.yaml']);
  });

  it('reports a file over the size limit and a missing path instead of reading them, and goes on', async () => {
    const dir = tree({ 'big.json': ' '.repeat(MAX_INPUT_BYTES + 1), 'ok/template.yaml': CFN });
    const found = await discover([dir, path.join(dir, 'missing')], dir, sniffFile);
    expect(found.files.map((f) => f.rel)).toEqual(['ok/template.yaml']);
    expect(found.errors).toEqual([
      { file: 'big.json', message: 'larger than 5 MB: not read' },
      { file: 'missing', message: expect.stringMatching(/^cannot read: ENOENT/) },
    ]);
  });

  it('names a linked template and a pipe with a definition name as not scanned; a linked .tf makes its directory a module', async () => {
    const dir = tree({ 'real/template.yaml': CFN, 'shared/variables.tf': 'variable "env" {}\n', 'notes.txt': 'x' });
    mkdirSync(path.join(dir, 'env'));
    symlinkSync(path.join(dir, 'real', 'template.yaml'), path.join(dir, 'env', 'copy.yaml'));
    symlinkSync(path.join(dir, 'shared', 'variables.tf'), path.join(dir, 'env', 'variables.tf'));
    symlinkSync(path.join(dir, 'notes.txt'), path.join(dir, 'env', 'notes.txt'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    const found = await discover([dir], dir, sniffFile);
    expect(found.files.map((f) => f.rel)).toEqual(['real/template.yaml']);
    expect(found.terraformDirs.map((d) => path.relative(dir, d))).toEqual(['env', 'shared']);
    expect(found.notScanned.map((n) => [n.address, n.cause.detail])).toEqual([
      ['env/copy.yaml', 'env/copy.yaml is a symbolic link and is not followed: scan the file it points to, or name the link on the command line'],
      ['pipe.json', 'pipe.json is not a regular file (a pipe, socket or device) and is not read'],
    ]);
  });

  it('lists variable files Terraform does not load by itself as inputs to give with --var-file', async () => {
    const dir = tree({
      'env/main.tf': 'variable "name" {}\nresource "aws_sqs_queue" "q" {\n  name = var.name\n}\n',
      'env/terraform.tfvars': 'name = "dev"\n',
      'env/envs/prod.tfvars': 'name = "prod"\n',
      'env/envs/stg.tfvars.json': '{"name": "stg"}',
    });
    const found = await discover([dir], dir, sniffFile);
    const read = await readDiscovered(found, defaultReadOptions(dir), 1);
    expect(read.inputs.filter((i) => i.file.includes('tfvars')).map((i) => [i.file, i.kind])).toEqual([
      ['env/envs/prod.tfvars', 'terraform-vars (not loaded by itself: give it with --var-file)'],
      ['env/envs/stg.tfvars.json', 'terraform-vars (not loaded by itself: give it with --var-file)'],
      ['env/terraform.tfvars', 'terraform-vars'],
    ]);
  });

  it('names each terragrunt.hcl as not scanned, with how to give its inputs', async () => {
    const dir = tree({
      'live/prod/juki/terragrunt.hcl': 'terraform {\n  source = "../../../modules//juki"\n}\ninputs = {\n  segment = "mynumber"\n}\n',
      'live/terragrunt.hcl': 'remote_state {}\n',
      'modules/juki/main.tf': 'variable "segment" {}\n',
    });
    const found = await discover([dir], dir, sniffFile);
    expect(found.notScanned.map((n) => [n.address, n.cause.inputs])).toEqual([
      ['live/prod/juki/terragrunt.hcl', ['inputs of live/prod/juki/terragrunt.hcl']],
      ['live/terragrunt.hcl', ['inputs of live/terragrunt.hcl']],
    ]);
    expect(found.notScanned[0]!.cause.detail).toContain('terragrunt show -json');
    expect(found.terraformDirs.map((d) => path.relative(dir, d))).toEqual(['modules/juki']);
  });

  it('reads a path given twice once', async () => {
    const dir = tree({ 'template.yaml': CFN });
    const found = await discover([dir, dir, path.join(dir, 'template.yaml')], dir, sniffFile);
    expect(found.files.map((f) => f.rel)).toEqual(['template.yaml']);
  });
});
