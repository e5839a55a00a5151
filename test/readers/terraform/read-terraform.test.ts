import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NativeResource } from '../../../src/readers/native.js';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';
import { readTerraform, type TerraformReadResult } from '../../../src/readers/terraform/index.js';
import { path as at, toPlain, type Value } from '../../../src/readers/value.js';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/readers/terraform');

function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** 1-based line of the first line of `file` (under `root`) containing `snippet`. */
function lineOf(root: string, file: string, snippet: string): number {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(snippet));
  if (i < 0) throw new Error(`${snippet} not in ${file}`);
  return i + 1;
}

function byAddress(r: TerraformReadResult, address: string): NativeResource {
  const found = r.resources.find((x) => x.address === address);
  if (!found) throw new Error(`no ${address} among ${r.resources.map((x) => x.address).join(', ')}`);
  return found;
}

function expectUnknown(v: Value | undefined): Extract<Value, { kind: 'unknown' }> {
  expect(v?.kind).toBe('unknown');
  return v as Extract<Value, { kind: 'unknown' }>;
}

async function read(root: string, dirs: string[], extra: Partial<ReadOptions> = {}): Promise<TerraformReadResult> {
  return readTerraform(
    dirs.map((d) => path.join(root, d)),
    { ...defaultReadOptions(root), ...extra },
  );
}

describe('readTerraform: a vendor environment with local modules', async () => {
  const root = fixture('municipal-env');
  const r = await read(root, ['.', 'modules/logging', 'modules/archive']);

  it('evaluates the local modules through their caller, not as roots', () => {
    expect(r.stats.roots).toEqual(['.']);
    expect(r.errors).toEqual([]);
    expect(r.resources.every((x) => x.scope === '.' && x.key === `.#${x.address}`)).toBe(true);
    expect(r.resources.map((x) => x.address).sort()).toEqual(
      [
        'aws_kms_key.dr',
        'aws_kms_key.logs',
        'aws_route_table.private',
        'aws_route_table_association.private["app-a"]',
        'aws_route_table_association.private["app-c"]',
        'aws_route_table_association.private["db-a"]',
        'aws_security_group.admin',
        'aws_security_group_rule.db_from_app',
        'aws_ssm_parameter.archive_arn',
        'aws_ssm_parameter.log_group',
        'aws_subnet.this["app-a"]',
        'aws_subnet.this["app-c"]',
        'aws_subnet.this["db-a"]',
        'aws_vpc.main',
        'module.logging.aws_cloudwatch_log_group.app',
        'module.logging.module.archive.aws_s3_bucket.this',
        'module.logging.module.archive.aws_s3_bucket_lifecycle_configuration.this',
      ].sort(),
    );
    expect(r.stats.skippedTypes).toEqual({ random: 1 });
  });

  it('records every file read with its kind and hash', () => {
    const kinds = Object.fromEntries(r.inputs.map((i) => [i.file, i.kind]));
    expect(kinds['network.tf']).toBe('terraform');
    expect(kinds['modules/archive/main.tf']).toBe('terraform');
    expect(kinds['terraform.tfvars']).toBe('terraform-vars');
    expect(kinds['tenant.auto.tfvars']).toBe('terraform-vars');
    expect(r.inputs.every((i) => /^[0-9a-f]{64}$/.test(i.sha256 ?? ''))).toBe(true);
    expect(new Set(r.inputs.map((i) => i.file)).size).toBe(r.inputs.length);
  });

  it('applies tfvars in order (auto.tfvars over terraform.tfvars) and locals with merge()', () => {
    const vpc = byAddress(r, 'aws_vpc.main');
    expect(toPlain(at(vpc.attrs, 'tags'))).toEqual({
      CostCenter: 'jyuki-01',
      Environment: 'prod',
      'lg:segment': 'mynumber',
      Name: 'city-kikan-prod-vpc',
    });
    expect(toPlain(at(vpc.attrs, 'tags_all'))).toMatchObject({ 'lg:tenant': 'city-kikan', ManagedBy: 'terraform', Name: 'city-kikan-prod-vpc' });
    expect(at(vpc.attrs, 'cidr_block')).toMatchObject({ kind: 'known', value: '10.10.0.0/16' });
  });

  it('locates resources, attributes and nested block attributes on their lines', () => {
    const vpc = byAddress(r, 'aws_vpc.main');
    expect(vpc.loc).toEqual({ file: 'network.tf', line: lineOf(root, 'network.tf', 'resource "aws_vpc" "main"'), column: 1 });
    expect(at(vpc.attrs, 'cidr_block')?.loc).toMatchObject({ file: 'network.tf', line: lineOf(root, 'network.tf', 'cidr_block           = var.vpc_cidr') });
    const sg = byAddress(r, 'aws_security_group.admin');
    expect(at(sg.attrs, 'egress', 0, 'cidr_blocks')?.loc?.line).toBe(lineOf(root, 'network.tf', '["0.0.0.0/0"]'));
    expect(at(sg.attrs, 'ingress', 1, 'from_port')?.loc?.line).toBe(lineOf(root, 'network.tf', 'from_port   = 443'));
    const lg = byAddress(r, 'module.logging.aws_cloudwatch_log_group.app');
    expect(lg.loc).toMatchObject({ file: 'modules/logging/main.tf', line: lineOf(root, 'modules/logging/main.tf', 'resource "aws_cloudwatch_log_group"') });
    for (const res of r.resources) {
      for (const [name, v] of Object.entries(res.attrs.fields)) {
        expect(v.loc, `${res.address}.${name}`).toBeDefined();
        expect(v.loc!.line).toBeGreaterThan(0);
      }
    }
  });

  it('expands for_each over a map with optional() defaults, and over another resource', () => {
    const db = byAddress(r, 'aws_subnet.this["db-a"]');
    expect(toPlain(at(db.attrs, 'tags'))).toMatchObject({ Name: 'city-kikan-prod-db-a', Tier: 'db' });
    const app = byAddress(r, 'aws_subnet.this["app-c"]');
    expect(toPlain(at(app.attrs, 'tags'))).toMatchObject({ Tier: 'app' });
    expect(at(app.attrs, 'availability_zone')).toMatchObject({ kind: 'known', value: 'ap-northeast-1c' });
    expect(at(app.attrs, 'vpc_id')).toMatchObject({ kind: 'ref', target: '.#aws_vpc.main', attribute: 'id' });
    const assoc = byAddress(r, 'aws_route_table_association.private["app-c"]');
    expect(at(assoc.attrs, 'subnet_id')).toMatchObject({ kind: 'ref', target: '.#aws_subnet.this["app-c"]', attribute: 'id' });
    expect(at(assoc.attrs, 'route_table_id')).toMatchObject({ kind: 'ref', target: '.#aws_route_table.private', attribute: 'id' });
  });

  it('expands dynamic blocks in source order among static ones, with the iterator name', () => {
    const sg = byAddress(r, 'aws_security_group.admin');
    const ingress = at(sg.attrs, 'ingress');
    expect(ingress?.kind).toBe('list');
    expect(toPlain(ingress)).toEqual([
      { description: 'ssh from admin 0', from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.200.0.0/24'] },
      { description: 'https', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.10.0.0/16'] },
    ]);
    expect(Object.keys(sg.attrs.fields)).toEqual(['name', 'vpc_id', 'ingress', 'egress', 'tags_all']);
  });

  it('keeps inline waivers above a header and at an attribute', () => {
    const sg = byAddress(r, 'aws_security_group.admin');
    expect(sg.waivers).toEqual([
      { controlId: 'LG-3.5', reason: '保守端末からの接続のみ（申請番号 2024-031）', loc: sg.loc },
      { controlId: 'LG-3.4', reason: 'パッチ取得用、FW経由', loc: expect.objectContaining({ file: 'network.tf', line: lineOf(root, 'network.tf', '"0.0.0.0/0"') }) },
    ]);
    expect(byAddress(r, 'aws_vpc.main').waivers).toBeUndefined();
  });

  it('takes the region from the provider, by alias too', () => {
    const logs = byAddress(r, 'aws_kms_key.logs');
    expect(logs.region).toMatchObject({ kind: 'known', value: 'ap-northeast-1' });
    const dr = byAddress(r, 'aws_kms_key.dr');
    expect(dr.region).toMatchObject({ kind: 'known', value: 'ap-northeast-3', loc: { file: 'providers.tf' } });
    // default_tags belong to the default provider only
    expect(at(dr.attrs, 'tags_all')).toBeUndefined();
  });

  it('renders aws_iam_policy_document locally, marking the account ID as unknown in place', () => {
    const policy = at(byAddress(r, 'aws_kms_key.logs').attrs, 'policy');
    expect(policy?.kind).toBe('known');
    const doc = JSON.parse(String((policy as { value: string }).value));
    expect(doc.Version).toBe('2012-10-17');
    expect(doc.Statement).toHaveLength(2);
    expect(doc.Statement[0].Sid).toBe('RootAccess');
    expect(doc.Statement[0].Action).toBe('kms:*');
    const marker = doc.Statement[0].Principal.AWS['kikan:unknown'];
    expect(marker.inputs).toContain('data.aws_caller_identity.current');
    expect(doc.Statement[1].Principal).toEqual({ Service: 'logs.ap-northeast-1.amazonaws.com' });
    expect(doc.Statement[1].Action).toEqual(['kms:GenerateDataKey*', 'kms:Encrypt*', 'kms:Decrypt*']);
    expect(doc.Statement[1].Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:ap-northeast-1:*:*' } });
  });

  it('names the root-most input of an unknown passed down two module levels, with the chain', () => {
    const lg = byAddress(r, 'module.logging.aws_cloudwatch_log_group.app');
    const retention = expectUnknown(at(lg.attrs, 'retention_in_days'));
    expect(retention.cause.inputs).toEqual(['var.log_retention_days']);
    expect(retention.cause.chain).toEqual(['module.logging: var.retention <- var.log_retention_days']);
    expect(at(lg.attrs, 'name')).toMatchObject({ kind: 'known', value: '/city-kikan-prod/app' });
    expect(at(lg.attrs, 'kms_key_id')).toMatchObject({ kind: 'ref', target: '.#aws_kms_key.logs', attribute: 'arn' });

    const lc = byAddress(r, 'module.logging.module.archive.aws_s3_bucket_lifecycle_configuration.this');
    const days = expectUnknown(at(lc.attrs, 'rule', 0, 'expiration', 0, 'days'));
    expect(days.cause.inputs).toEqual(['var.log_retention_days']);
    expect(days.cause.chain).toEqual([
      'module.logging.module.archive: var.expire_days <- var.retention',
      'module.logging: var.retention <- var.log_retention_days',
    ]);
    expect(at(lc.attrs, 'bucket')).toMatchObject({ kind: 'ref', target: '.#module.logging.module.archive.aws_s3_bucket.this', attribute: 'id' });
    const bucket = byAddress(r, 'module.logging.module.archive.aws_s3_bucket.this');
    expect(at(bucket.attrs, 'object_lock_enabled')).toMatchObject({ kind: 'known', value: true });
    expect(at(bucket.attrs, 'bucket')?.kind).toBe('unknown');
  });

  it('reads module outputs: known values and refs to resources inside the module', () => {
    expect(at(byAddress(r, 'aws_ssm_parameter.log_group').attrs, 'value')).toMatchObject({ kind: 'known', value: '/city-kikan-prod/app' });
    expect(at(byAddress(r, 'aws_ssm_parameter.archive_arn').attrs, 'value')).toMatchObject({
      kind: 'ref',
      target: '.#module.logging.module.archive.aws_s3_bucket.this',
      attribute: 'arn',
    });
  });

  it('reports a remote module that was not downloaded once, and never fetches it', () => {
    expect(r.notScanned).toHaveLength(1);
    expect(r.notScanned[0]).toMatchObject({ address: 'module.endpoints', scope: '.', loc: { file: 'logging.tf', line: lineOf(root, 'logging.tf', 'module "endpoints"') } });
    expect(r.notScanned[0]!.cause.detail).toContain('terraform init');
  });
});

describe('readTerraform: variables from the command line', () => {
  const root = fixture('municipal-env');
  it('lets --var-file and --var win over tfvars, converting to the declared type', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      const varFile = path.join(dir, 'prod.tfvars');
      await writeFile(varFile, 'env = "dr"\nlog_retention_days = 90\n');
      const r = await read(root, ['.', 'modules/logging', 'modules/archive'], {
        varFiles: [varFile],
        vars: { log_retention_days: '400', admin_cidrs: '["192.0.2.0/28", "198.51.100.0/28"]', extra_tags: '{ Owner = "joho-seisaku" }' },
      });
      expect(r.inputs.find((i) => i.file.endsWith('prod.tfvars'))?.kind).toBe('terraform-vars');
      expect(toPlain(at(byAddress(r, 'aws_vpc.main').attrs, 'tags', 'Name'))).toBe('city-kikan-dr-vpc');
      expect(at(byAddress(r, 'module.logging.aws_cloudwatch_log_group.app').attrs, 'retention_in_days')).toMatchObject({ kind: 'known', value: 400 });
      const ingress = at(byAddress(r, 'aws_security_group.admin').attrs, 'ingress');
      expect((ingress as { items: Value[] }).items).toHaveLength(3);
      // a command-line value has no file: its parts are shown where its variable is declared
      expect(at(byAddress(r, 'aws_vpc.main').attrs, 'tags', 'Owner')).toMatchObject({
        kind: 'known',
        value: 'joho-seisaku',
        loc: { file: 'variables.tf', line: lineOf(root, 'variables.tf', 'variable "extra_tags"') },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readTerraform: broken files', () => {
  it('reports each rejected file with its line and still reads the others', async () => {
    const root = fixture('broken-file');
    const r = await read(root, ['.']);
    const errors = Object.fromEntries(r.errors.map((e) => [e.file, e]));
    // the parser names the innermost block left open
    expect(errors['broken.tf']).toMatchObject({ line: lineOf(root, 'broken.tf', 'versioning {'), column: expect.any(Number) });
    expect(errors['broken.tf']!.message).toMatch(/Unclosed configuration block/);
    expect(errors['zz_bad_expr.tf']).toMatchObject({ line: 2 });
    expect(r.resources.map((x) => x.address)).toEqual(['aws_s3_bucket.docs', 'aws_s3_bucket_public_access_block.docs']);
    expect(at(r.resources[1]!.attrs, 'bucket')).toMatchObject({ kind: 'ref', target: '.#aws_s3_bucket.docs' });
    expect(r.inputs.map((i) => i.file).sort()).toEqual(['broken.tf', 'good.tf', 'zz_bad_expr.tf']);
  });

  it('skips a file over 5 MB with an error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      await writeFile(path.join(dir, 'huge.tf'), `# ${'x'.repeat(5 * 1024 * 1024 + 10)}\n`);
      await writeFile(path.join(dir, 'ok.tf'), 'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n');
      const r = await readTerraform([dir], defaultReadOptions(dir));
      expect(r.errors).toEqual([{ file: 'huge.tf', message: expect.stringContaining('5 MB') }]);
      expect(r.resources.map((x) => x.address)).toEqual(['aws_sns_topic.t']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readTerraform: files linked into a module', () => {
  it('reads a linked shared file as part of the module, and reports a pipe and a link out of the scan', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-outside-'));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      await mkdir(path.join(dir, 'shared'));
      await mkdir(path.join(dir, 'env'));
      await writeFile(path.join(dir, 'shared', 'tags.tf'), 'locals {\n  tags = { "lg:segment" = "mynumber" }\n}\n');
      await writeFile(path.join(outside, 'secret.tf'), 'locals {\n  other = 1\n}\n');
      await writeFile(path.join(dir, 'env', 'main.tf'), 'resource "aws_sqs_queue" "q" {\n  name = var.queue_name\n  tags = local.tags\n}\n');
      await symlink('../shared/tags.tf', path.join(dir, 'env', 'tags.tf'));
      await writeFile(path.join(dir, 'shared', 'common.auto.tfvars'), 'queue_name = "juki-jobs"\n');
      await symlink('../shared/common.auto.tfvars', path.join(dir, 'env', 'common.auto.tfvars'));
      await writeFile(path.join(dir, 'env', 'variables.tf'), 'variable "queue_name" {}\n');
      await symlink(path.join(outside, 'secret.tf'), path.join(dir, 'env', 'secret.tf'));
      execFileSync('mkfifo', [path.join(dir, 'env', 'zz.tf')]);
      const r = await readTerraform([path.join(dir, 'env')], defaultReadOptions(dir));
      expect(r.errors).toEqual([
        { file: 'env/secret.tf', message: 'a symbolic link to outside the scanned directory; not read' },
        { file: 'env/zz.tf', message: 'not a regular file (a pipe, socket or device); not read' },
      ]);
      expect(r.inputs.map((i) => i.file).sort()).toEqual(['env/common.auto.tfvars', 'env/main.tf', 'env/tags.tf', 'env/variables.tf']);
      expect(toPlain(at(byAddress(r, 'aws_sqs_queue.q').attrs, 'name')!)).toBe('juki-jobs');
      expect(toPlain(at(byAddress(r, 'aws_sqs_queue.q').attrs, 'tags')!)).toEqual({ 'lg:segment': 'mynumber' });
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('readTerraform: files Terraform never loads', () => {
  it('skips hidden files, Vim backups and Emacs autosaves and locks, as Terraform does', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      await writeFile(path.join(dir, 'main.tf'), 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n');
      // Old copies of the same resource: loading them would declare it twice.
      await writeFile(path.join(dir, '.main.tf'), 'resource "aws_sqs_queue" "q" {\n  name = "old"\n}\n');
      await writeFile(path.join(dir, '#main.tf#'), 'resource "aws_sqs_queue" "q" {}\n');
      await writeFile(path.join(dir, 'main.tf~'), 'resource "aws_sqs_queue" "q" {}\n');
      await symlink('user@host.1234:1700000000', path.join(dir, '.#main.tf'));
      await writeFile(path.join(dir, '.terraform.tfvars'), 'x = 1\n');
      const r = await readTerraform([dir], defaultReadOptions(dir));
      expect(r.errors).toEqual([]);
      expect(r.inputs.map((i) => i.file)).toEqual(['main.tf']);
      expect(toPlain(at(byAddress(r, 'aws_sqs_queue.q').attrs, 'name')!)).toBe('q');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readTerraform: JSON configuration', async () => {
  const root = fixture('json-config');
  const r = await read(root, ['.']);

  it('reads .tf.json with count, templates, dynamic blocks and tfvars.json', () => {
    expect(r.errors).toEqual([]);
    expect(r.inputs.map((i) => [i.file, i.kind]).sort()).toEqual([
      ['main.tf.json', 'terraform'],
      ['terraform.tfvars.json', 'terraform-vars'],
    ]);
    const q1 = byAddress(r, 'aws_sqs_queue.q[1]');
    expect(at(q1.attrs, 'name')).toMatchObject({ kind: 'known', value: 'kikan-stg-notice', loc: { file: 'main.tf.json', line: lineOf(root, 'main.tf.json', '"name": "${local.prefix}') } });
    expect(at(q1.attrs, 'tags', 'lg:segment')).toMatchObject({ kind: 'known', value: 'lgwan', loc: { line: lineOf(root, 'main.tf.json', '"lg:segment"') } });
    expect(q1.loc).toMatchObject({ file: 'main.tf.json', line: lineOf(root, 'main.tf.json', '"q": {') });
    const sg = byAddress(r, 'aws_security_group.web');
    expect(toPlain(at(sg.attrs, 'ingress'))).toEqual([
      { from_port: 80, to_port: 80, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] },
      { from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] },
    ]);
  });

  it('takes waivers from "//" comment properties', () => {
    expect(byAddress(r, 'aws_sqs_queue.q[0]').waivers).toEqual([
      { controlId: 'LG-2.3', reason: 'SSE-SQS is accepted for notices', loc: expect.objectContaining({ file: 'main.tf.json' }) },
    ]);
  });
});

describe('readTerraform: what cannot be known', async () => {
  const root = fixture('unknown-expansion');
  const r = await read(root, ['.']);

  it('emits a resource whose count is unknown once, unindexed and conditional', () => {
    const vault = byAddress(r, 'aws_backup_vault.this');
    expect(vault.conditional?.inputs).toEqual(['var.create_backup']);
    expect(at(vault.attrs, 'name')).toMatchObject({ kind: 'known', value: 'juki-vault' });
    expect(r.resources.some((x) => x.address.startsWith('aws_backup_vault.this['))).toBe(false);
  });

  it('does the same for an unknown for_each, and for one over such a resource', () => {
    expect(byAddress(r, 'aws_s3_bucket.data').conditional?.inputs).toEqual(['var.bucket_names']);
    const versioning = byAddress(r, 'aws_s3_bucket_versioning.data');
    expect(versioning.conditional?.inputs).toEqual(['var.bucket_names']);
  });

  it('emits nothing for count = 0 or a count over an empty list', () => {
    expect(r.resources.some((x) => x.type === 'aws_ebs_volume' || x.type === 'aws_instance')).toBe(false);
  });

  it('names a data source as the input of values that come from it', () => {
    const subnet = byAddress(r, 'aws_subnet.in_shared');
    expect(expectUnknown(at(subnet.attrs, 'vpc_id')).cause.inputs).toEqual(['data.aws_vpc.shared']);
  });

  it('turns a cycle between locals into an unknown instead of hanging', () => {
    const lg = byAddress(r, 'aws_cloudwatch_log_group.cyclic');
    expect(expectUnknown(at(lg.attrs, 'name')).cause.detail).toMatch(/cycle/);
  });

  it('needs --region for the region and partition when no provider sets it', async () => {
    const name = expectUnknown(at(byAddress(r, 'aws_cloudwatch_log_group.by_region').attrs, 'name'));
    expect(name.cause.inputs).toContain('--region');
    const withRegion = await read(root, ['.'], { region: 'ap-northeast-1' });
    expect(at(byAddress(withRegion, 'aws_cloudwatch_log_group.by_region').attrs, 'name')).toMatchObject({ kind: 'known', value: '/aws/aws/ap-northeast-1' });
    // the resource itself has no provider region: the engine applies --region
    expect(byAddress(withRegion, 'aws_cloudwatch_log_group.by_region').region).toBeUndefined();
  });

  it('lists the zones of a Japanese region as the CloudFormation reader does, and no others', async () => {
    expect(byAddress(r, 'aws_subnet.per_zone').conditional?.inputs).toEqual(['data.aws_availability_zones.available']);
    const tokyo = await read(root, ['.'], { region: 'ap-northeast-1' });
    const zones = tokyo.resources.filter((x) => x.address.startsWith('aws_subnet.per_zone'));
    expect(zones.map((z) => [z.address, toPlain(at(z.attrs, 'availability_zone')), toPlain(at(z.attrs, 'cidr_block'))])).toEqual([
      ['aws_subnet.per_zone[0]', 'ap-northeast-1a', '10.1.10.0/24'],
      ['aws_subnet.per_zone[1]', 'ap-northeast-1c', '10.1.11.0/24'],
      ['aws_subnet.per_zone[2]', 'ap-northeast-1d', '10.1.12.0/24'],
    ]);
    const ireland = await read(root, ['.'], { region: 'eu-west-1' });
    expect(byAddress(ireland, 'aws_subnet.per_zone').conditional).toBeDefined();
  });
});

describe('readTerraform: module instances', async () => {
  const r = await read(fixture('module-foreach'), ['.', 'modules/tenant-net']);

  it('addresses resources of module instances made by for_each and count', () => {
    expect(r.stats.roots).toEqual(['.']);
    expect(r.resources.map((x) => x.address).sort()).toEqual([
      'aws_vpc_peering_connection.a_b',
      'module.extra[0].aws_vpc.this',
      'module.extra[1].aws_vpc.this',
      'module.net["city-a"].aws_vpc.this',
      'module.net["city-b"].aws_vpc.this',
    ]);
    expect(toPlain(at(byAddress(r, 'module.net["city-b"].aws_vpc.this').attrs, 'tags'))).toEqual({ Name: 'city-b', 'lg:segment': 'lgwan' });
    expect(at(byAddress(r, 'module.extra[1].aws_vpc.this').attrs, 'cidr_block')).toMatchObject({ kind: 'known', value: '10.100.1.0/24' });
  });

  it('joins resources across module instances by reference', () => {
    const peering = byAddress(r, 'aws_vpc_peering_connection.a_b');
    expect(at(peering.attrs, 'vpc_id')).toMatchObject({ kind: 'ref', target: '.#module.net["city-a"].aws_vpc.this', attribute: 'id' });
    expect(at(peering.attrs, 'peer_vpc_id')).toMatchObject({ kind: 'ref', target: '.#module.net["city-b"].aws_vpc.this', attribute: 'id' });
  });
});

describe('readTerraform: provider configurations passed to modules', () => {
  const root = fixture('provider-mapping');

  it('gives a module the caller\'s default provider, or the one named in providers = {}', async () => {
    const r = await read(root, ['.', 'modules/bucket']);
    const primary = byAddress(r, 'module.primary.aws_s3_bucket.this');
    expect(expectUnknown(primary.region).cause.inputs).toEqual(['var.region']);
    expect(toPlain(at(primary.attrs, 'tags_all'))).toEqual({ System: 'juki', Name: 'juki-primary' });
    const dr = byAddress(r, 'module.dr.aws_s3_bucket.this');
    expect(dr.region).toMatchObject({ kind: 'known', value: 'ap-northeast-3' });
    expect(at(dr.attrs, 'tags_all')).toBeUndefined();
  });

  it('takes the region from --var when given', async () => {
    const r = await read(root, ['.', 'modules/bucket'], { vars: { region: 'ap-northeast-1' } });
    expect(byAddress(r, 'module.primary.aws_s3_bucket.this').region).toMatchObject({ kind: 'known', value: 'ap-northeast-1' });
  });
});

describe('readTerraform: roots', () => {
  it('does not take a module reached through an unscanned directory for a root', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      for (const [d, text] of [
        ['env', 'module "w" {\n  source = "../wrapper"\n}\n'],
        ['wrapper', 'module "z" {\n  source = "../leaf"\n  name   = "from-env"\n}\n'],
        ['leaf', 'variable "name" {}\nresource "aws_sns_topic" "t" {\n  name = var.name\n}\n'],
      ] as const) {
        await mkdir(path.join(dir, d));
        await writeFile(path.join(dir, d, 'main.tf'), text);
      }
      const r = await readTerraform([path.join(dir, 'env'), path.join(dir, 'leaf')], defaultReadOptions(dir));
      expect(r.stats.roots).toEqual(['env']);
      expect(r.resources.map((x) => [x.key, toPlain(at(x.attrs, 'name'))])).toEqual([['env#module.w.module.z.aws_sns_topic.t', 'from-env']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readTerraform: module cycles', () => {
  it('refuses a module that calls itself back, with an error at the call', async () => {
    const root = fixture('cycles');
    const r = await read(root, ['a', 'b']);
    expect(r.stats.roots).toEqual(['a']);
    expect(r.resources.map((x) => [x.scope, x.address])).toEqual([
      ['a', 'aws_sns_topic.a'],
      ['a', 'module.b.aws_sns_topic.b'],
    ]);
    expect(r.errors).toEqual([{ file: 'b/main.tf', line: 1, message: expect.stringMatching(/cycle/) }]);
  });
});

describe('readTerraform: modules downloaded by terraform init', async () => {
  const root = fixture('downloaded');
  const r = await read(root, ['.', '.terraform/modules/kms', '.terraform/modules/kms/modules/policy']);

  it('uses .terraform/modules for registry modules and their local submodules', () => {
    expect(r.stats.roots).toEqual(['.']);
    const key = byAddress(r, 'module.kms.aws_kms_key.this');
    expect(key.loc.file).toBe('.terraform/modules/kms/main.tf');
    expect(at(key.attrs, 'description')).toMatchObject({ kind: 'known', value: 'juki key' });
    expect(at(key.attrs, 'enable_key_rotation')).toMatchObject({ kind: 'known', value: true });
    const doc = JSON.parse(String((at(key.attrs, 'policy') as { value: string }).value));
    expect(doc.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: 'kms:*',
      Resource: '*',
      Principal: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    });
    expect(byAddress(r, 'module.kms.aws_kms_alias.this["juki"]')).toBeDefined();
    expect(at(byAddress(r, 'aws_sns_topic.alerts').attrs, 'kms_master_key_id')).toMatchObject({ kind: 'ref', target: '.#module.kms.aws_kms_key.this', attribute: 'arn' });
  });

  it('reports the module that was not downloaded once per call, whatever its count', () => {
    expect(r.notScanned.map((n) => n.address)).toEqual(['module.not_downloaded']);
    expect(r.errors).toEqual([]);
  });
});

describe('readTerraform: unknown values leaving a module', () => {
  it('name the module resources behind them by full address, once, however many modules they cross', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      await mkdir(path.join(dir, 'modules/hub/modules/spoke'), { recursive: true });
      await writeFile(
        path.join(dir, 'main.tf'),
        [
          'resource "aws_ec2_transit_gateway" "tgw" {}',
          'module "hub" {',
          '  source = "./modules/hub"',
          '  tgw_id = aws_ec2_transit_gateway.tgw.id',
          '}',
          'resource "aws_ec2_transit_gateway_route_table_association" "a" {',
          '  transit_gateway_attachment_id  = module.hub.attachment_id',
          '  transit_gateway_route_table_id = "tgw-rtb-1"',
          '}',
          'resource "aws_ec2_transit_gateway_route" "r" {',
          '  transit_gateway_attachment_id  = module.hub.nested_id',
          '  transit_gateway_route_table_id = "tgw-rtb-1"',
          '  destination_cidr_block         = "0.0.0.0/0"',
          '}',
        ].join('\n'),
      );
      await writeFile(
        path.join(dir, 'modules/hub/main.tf'),
        [
          'variable "tgw_id" {}',
          'resource "aws_ec2_transit_gateway_vpc_attachment" "this" {',
          '  count              = var.tgw_id == null ? 0 : 1',
          '  transit_gateway_id = var.tgw_id',
          '  vpc_id             = "vpc-1"',
          '  subnet_ids         = ["subnet-1"]',
          '}',
          'module "spoke" {',
          '  source = "./modules/spoke"',
          '  tgw_id = var.tgw_id',
          '}',
          'output "attachment_id" { value = try(aws_ec2_transit_gateway_vpc_attachment.this[0].id, null) }',
          'output "nested_id" { value = module.spoke.id }',
        ].join('\n'),
      );
      await writeFile(
        path.join(dir, 'modules/hub/modules/spoke/main.tf'),
        [
          'variable "tgw_id" {}',
          'resource "aws_ec2_transit_gateway_vpc_attachment" "spoke" {',
          '  for_each           = var.tgw_id == null ? toset([]) : toset(["a"])',
          '  transit_gateway_id = var.tgw_id',
          '  vpc_id             = "vpc-2"',
          '  subnet_ids         = ["subnet-2"]',
          '}',
          'output "id" { value = aws_ec2_transit_gateway_vpc_attachment.spoke["a"].id }',
        ].join('\n'),
      );
      const r = await readTerraform([dir], defaultReadOptions(dir));
      expect(r.errors).toEqual([]);
      const assoc = expectUnknown(at(byAddress(r, 'aws_ec2_transit_gateway_route_table_association.a').attrs, 'transit_gateway_attachment_id'));
      expect(assoc.expr).toBe('module.hub.aws_ec2_transit_gateway_vpc_attachment.this[0].id');
      const route = expectUnknown(at(byAddress(r, 'aws_ec2_transit_gateway_route.r').attrs, 'transit_gateway_attachment_id'));
      expect(route.expr).toBe('module.hub.module.spoke.aws_ec2_transit_gateway_vpc_attachment.spoke["a"].id');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readTerraform: files read by expressions', () => {
  it('reads file() and templatefile() relative to the root module, inside the scan root only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      const root = path.join(dir, 'scan');
      await mkdir(path.join(root, 'env/modules/bucket/policies'), { recursive: true });
      await writeFile(path.join(dir, 'outside.json'), '{"secret": true}');
      await writeFile(path.join(root, 'env/modules/bucket/policies/read.json.tpl'), '{"Resource": "arn:aws:s3:::${name}/*"}');
      await writeFile(path.join(root, 'env/key.json'), '{"Version": "2012-10-17"}');
      await writeFile(
        path.join(root, 'env/main.tf'),
        [
          'module "bucket" {',
          '  source = "./modules/bucket"',
          '}',
          'resource "aws_kms_key" "k" {',
          '  policy      = file("key.json")',
          '  description = file("../../outside.json")',
          '}',
        ].join('\n'),
      );
      await writeFile(
        path.join(root, 'env/modules/bucket/main.tf'),
        'resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = templatefile("${path.module}/policies/read.json.tpl", { name = "juki" })\n}\n',
      );
      const r = await readTerraform([path.join(root, 'env')], defaultReadOptions(root));
      expect(r.errors).toEqual([]);
      const key = byAddress(r, 'aws_kms_key.k');
      expect(at(key.attrs, 'policy')).toMatchObject({ kind: 'known', value: '{"Version": "2012-10-17"}' });
      expect(expectUnknown(at(key.attrs, 'description')).cause.inputs).toEqual(['file ../../outside.json']);
      expect(at(byAddress(r, 'module.bucket.aws_s3_bucket_policy.p').attrs, 'policy')).toMatchObject({
        kind: 'known',
        value: '{"Resource": "arn:aws:s3:::juki/*"}',
      });
      expect(r.inputs.filter((i) => i.kind === 'terraform-file').map((i) => i.file).sort()).toEqual([
        'env/key.json',
        'env/modules/bucket/policies/read.json.tpl',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readTerraform: provider versions an Azure resource is deployed with', () => {
  it('collects the lock file, required_providers in HCL, in .tf.json and in a module, per resource', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      await mkdir(path.join(dir, 'modules/store'), { recursive: true });
      await writeFile(
        path.join(dir, '.terraform.lock.hcl'),
        'provider "registry.terraform.io/hashicorp/azurerm" {\n  version     = "3.117.0"\n  constraints = ">= 3.80.0"\n}\n',
      );
      await writeFile(
        path.join(dir, 'main.tf'),
        [
          'provider "azurerm" {',
          '  features {}',
          '}',
          'resource "azurerm_resource_group" "rg" {',
          '  name     = "rg-juki"',
          '  location = "japaneast"',
          '}',
          'module "store" {',
          '  source = "./modules/store"',
          '}',
          'resource "aws_s3_bucket" "b" {}',
        ].join('\n'),
      );
      await writeFile(path.join(dir, 'versions.tf.json'), JSON.stringify({ terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: '>= 3.80.0' } } } }));
      await writeFile(
        path.join(dir, 'modules/store/main.tf'),
        'terraform {\n  required_providers {\n    azurerm = "~> 3.0"\n  }\n}\nresource "azurerm_storage_account" "sa" {\n  name = "stjuki"\n}\n',
      );
      const r = await readTerraform([dir], defaultReadOptions(dir));
      expect(r.errors).toEqual([]);
      expect(byAddress(r, 'azurerm_resource_group.rg').providerVersions).toEqual(['= 3.117.0', '>= 3.80.0']);
      expect(byAddress(r, 'module.store.azurerm_storage_account.sa').providerVersions).toEqual(['= 3.117.0', '>= 3.80.0', '~> 3.0']);
      expect(byAddress(r, 'aws_s3_bucket.b').providerVersions).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readTerraform: variable and lock files the parser rejects', () => {
  it('are read errors at the parser position, and the module is still read', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-'));
    try {
      await writeFile(path.join(dir, 'main.tf'), 'variable "env" {}\nresource "aws_sns_topic" "t" {\n  name = "juki-${var.env}"\n}\n');
      await writeFile(path.join(dir, 'terraform.tfvars'), 'env = "prod"\nretention = [1, 2\n');
      await writeFile(path.join(dir, '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/aws" {\n  version = \n}\n');
      const r = await readTerraform([dir], defaultReadOptions(dir));
      expect(r.errors).toEqual([
        { file: 'terraform.tfvars', line: 2, column: 13, message: expect.stringMatching(/^Unterminated tuple constructor/) },
        { file: '.terraform.lock.hcl', line: 2, column: 13, message: expect.stringMatching(/^Invalid expression/) },
      ]);
      expect(r.resources.map((x) => x.address)).toEqual(['aws_sns_topic.t']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
