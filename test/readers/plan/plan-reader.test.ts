// The plan reader on hand-written `terraform show -json` output: values with
// after_unknown, refs from configuration references, modules, count and
// for_each instances, locations in the plan or in the `.tf` beside it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeTerraformPlan, readTerraformPlan } from '../../../src/readers/plan/index.js';
import { defaultReadOptions } from '../../../src/readers/options.js';
import { path as at, type Value } from '../../../src/readers/value.js';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/readers/plan');

async function read(dir: string, file: string) {
  const root = path.join(FIXTURES, dir);
  const r = await readTerraformPlan(file, readFileSync(path.join(root, file), 'utf8'), defaultReadOptions(root));
  const byAddress = (a: string) => {
    const x = r.resources.find((res) => res.address === a);
    if (!x) throw new Error(`no resource ${a}`);
    return x;
  };
  return { r, byAddress };
}

function attr(v: Value | undefined) {
  return v && (v.kind === 'ref' ? { ref: v.target, attribute: v.attribute } : v.kind === 'unknown' ? { unknown: v.cause.inputs } : v.kind === 'known' ? v.value : v.kind);
}

describe('plan with modules, count and for_each (plan.json)', async () => {
  const { r, byAddress } = await read('network', 'plan.json');

  it('emits managed AWS instances with Terraform addresses, skipping data sources and other providers', () => {
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => x.address)).toEqual([
      'aws_vpc.main',
      'aws_subnet.app["a"]',
      'aws_subnet.app["c"]',
      'aws_route_table_association.app["a"]',
      'aws_route_table_association.app["c"]',
      'aws_instance.batch[0]',
      'aws_security_group.batch',
      'aws_security_group.admin',
      'module.logs.aws_cloudwatch_log_group.this[0]',
    ]);
    expect(r.skippedTypes).toEqual({ random: 1 });
    const vpc = byAddress('aws_vpc.main');
    expect(vpc).toMatchObject({ source: 'terraform-plan', cloud: 'aws', key: 'plan.json#aws_vpc.main', scope: 'plan.json' });
    expect(r.inputs).toEqual([{ file: 'plan.json', kind: 'terraform-plan', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('keeps planned values, including tags_all from provider default tags', () => {
    const vpc = byAddress('aws_vpc.main');
    expect(attr(vpc.attrs.fields.cidr_block)).toBe('10.20.0.0/16');
    expect(attr(at(vpc.attrs, 'tags_all', 'System'))).toBe('juki');
    expect(attr(at(byAddress('module.logs.aws_cloudwatch_log_group.this[0]').attrs, 'retention_in_days'))).toBe(365);
  });

  it('makes values known only after apply unknown, naming the attribute, at every depth', () => {
    const vpc = byAddress('aws_vpc.main');
    expect(attr(vpc.attrs.fields.arn)).toEqual({ unknown: ['aws_vpc.main.arn (known after apply)'] });
    const batch = byAddress('aws_instance.batch[0]');
    expect(attr(at(batch.attrs, 'root_block_device', 0, 'kms_key_id'))).toEqual({ unknown: ['aws_instance.batch[0].root_block_device[0].kms_key_id (known after apply)'] });
    expect(attr(at(batch.attrs, 'root_block_device', 0, 'encrypted'))).toBe(true);
  });

  it('turns a reference to a single resource into a ref, and a for_each reference into the same key', () => {
    expect(attr(byAddress('aws_subnet.app["c"]').attrs.fields.vpc_id)).toEqual({ ref: 'plan.json#aws_vpc.main', attribute: 'id' });
    expect(attr(byAddress('aws_route_table_association.app["a"]').attrs.fields.subnet_id)).toEqual({ ref: 'plan.json#aws_subnet.app["a"]', attribute: 'id' });
    expect(attr(byAddress('aws_route_table_association.app["c"]').attrs.fields.subnet_id)).toEqual({ ref: 'plan.json#aws_subnet.app["c"]', attribute: 'id' });
  });

  it('refs each element of a list written as references, in order', () => {
    const sgs = byAddress('aws_instance.batch[0]').attrs.fields.vpc_security_group_ids;
    expect(sgs?.kind === 'list' && sgs.items.map(attr)).toEqual([
      { ref: 'plan.json#aws_security_group.batch', attribute: 'id' },
      { ref: 'plan.json#aws_security_group.admin', attribute: 'id' },
    ]);
  });

  it('stays unknown when the target is ambiguous or not in the plan, listing the references', () => {
    // count.index over a for_each resource: the keys differ, so no instance is picked.
    const subnet = byAddress('aws_instance.batch[0]').attrs.fields.subnet_id;
    expect(subnet?.kind).toBe('unknown');
    expect(subnet?.kind === 'unknown' && subnet.cause.detail).toContain('aws_subnet.app, count.index');
    const rt = byAddress('aws_route_table_association.app["a"]').attrs.fields.route_table_id;
    expect(attr(rt)).toEqual({ unknown: ['aws_route_table_association.app["a"].route_table_id (known after apply)'] });
  });

  it('takes the region from the root variable the provider uses, and locates resources at their plan entry', () => {
    expect(attr(byAddress('aws_vpc.main').region)).toBe('ap-northeast-1');
    expect(byAddress('aws_vpc.main').loc).toMatchObject({ file: 'plan.json', line: 12 });
    expect(byAddress('module.logs.aws_cloudwatch_log_group.this[0]').loc).toMatchObject({ line: 132 });
  });
});

describe('plan with its configuration beside it (beside-tf)', async () => {
  const { r, byAddress } = await read('beside-tf', 'tfplan.json');

  it('points resources and attributes at the .tf lines, through local module sources', () => {
    expect(r.errors).toEqual([]);
    expect(byAddress('aws_kms_key.docs').loc).toMatchObject({ file: 'main.tf', line: 6 });
    expect(byAddress('aws_kms_key.docs').attrs.fields.enable_key_rotation?.loc).toMatchObject({ file: 'main.tf', line: 8 });
    const sse = byAddress('module.store.aws_s3_bucket_server_side_encryption_configuration.this');
    expect(sse.loc).toMatchObject({ file: 'modules/store/main.tf', line: 13 });
    expect(at(sse.attrs, 'rule', 0, 'apply_server_side_encryption_by_default', 0, 'sse_algorithm')?.loc).toMatchObject({ line: 16 });
  });

  it('follows a module argument to the resource the caller passes', () => {
    const sse = byAddress('module.store.aws_s3_bucket_server_side_encryption_configuration.this');
    expect(attr(at(sse.attrs, 'rule', 0, 'apply_server_side_encryption_by_default', 0, 'kms_master_key_id'))).toEqual({ ref: 'tfplan.json#aws_kms_key.docs', attribute: 'arn' });
    expect(attr(sse.attrs.fields.bucket)).toEqual({ ref: 'tfplan.json#module.store.aws_s3_bucket.this', attribute: 'id' });
  });

  it('uses the provider region when a resource region is only computed', () => {
    expect(attr(byAddress('module.store.aws_s3_bucket.this').region)).toBe('ap-northeast-1');
  });
});

describe('plan beside a configuration whose module terraform init downloaded', () => {
  it('points the module resources at the downloaded copy the module manifest names', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kikan-plan-'));
    const files: Record<string, string> = {
      'main.tf': 'module "docs_key" {\n  source  = "terraform-aws-modules/kms/aws"\n  version = "3.1.0"\n}\n',
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'docs_key', Source: 'registry.terraform.io/terraform-aws-modules/kms/aws', Version: '3.1.0', Dir: '.terraform/modules/docs_key' },
        ],
      }),
      '.terraform/modules/docs_key/main.tf': '# KMS key\n\nresource "aws_kms_key" "this" {\n  description         = "docs"\n  enable_key_rotation = true\n}\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    const address = 'module.docs_key.aws_kms_key.this';
    const values = { description: 'docs', enable_key_rotation: true };
    const plan = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { child_modules: [{ address: 'module.docs_key', resources: [{ address, mode: 'managed', type: 'aws_kms_key', name: 'this', values }] }] } },
      resource_changes: [{ address, module_address: 'module.docs_key', mode: 'managed', type: 'aws_kms_key', name: 'this', change: { actions: ['create'], after: values, after_unknown: {} } }],
      configuration: { root_module: { module_calls: { docs_key: { source: 'terraform-aws-modules/kms/aws', module: { resources: [{ address: 'aws_kms_key.this', mode: 'managed', type: 'aws_kms_key', name: 'this' }] } } } } },
    });
    const r = await readTerraformPlan('tfplan.json', plan, defaultReadOptions(root));
    expect(r.errors).toEqual([]);
    const key = r.resources.find((x) => x.address === address);
    expect(key?.loc).toMatchObject({ file: '.terraform/modules/docs_key/main.tf', line: 3 });
    expect(key?.attrs.fields.enable_key_rotation?.loc).toMatchObject({ file: '.terraform/modules/docs_key/main.tf', line: 5 });
  });
});

describe('plan beside .tf files that cannot be read', () => {
  it('a pipe named like a .tf file is not read (reading it would never end); the other files still give lines', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kikan-plan-fifo-'));
    writeFileSync(path.join(root, 'main.tf'), '\nresource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n');
    execFileSync('mkfifo', [path.join(root, 'zz-pipe.tf')]);
    const values = { name: 'jobs' };
    const plan = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'aws_sqs_queue.jobs', mode: 'managed', type: 'aws_sqs_queue', name: 'jobs', values }] } },
      configuration: { root_module: { resources: [{ address: 'aws_sqs_queue.jobs', mode: 'managed', type: 'aws_sqs_queue', name: 'jobs' }] } },
    });
    const r = await readTerraformPlan('tfplan.json', plan, defaultReadOptions(root));
    expect(r.resources.find((x) => x.address === 'aws_sqs_queue.jobs')?.loc).toMatchObject({ file: 'main.tf', line: 2 });
  });
});

describe('sniffing and bad input', () => {
  it('recognises plans and state output but not other JSON', () => {
    expect(looksLikeTerraformPlan('{"format_version":"1.2","planned_values":{}}', 'x.json')).toBe(true);
    expect(looksLikeTerraformPlan('{"format_version":"1.0","values":{"root_module":{}}}', 'x.json')).toBe(true);
    expect(looksLikeTerraformPlan('{"format_version":"1.0","provider_schemas":{}}', 'x.json')).toBe(false);
    expect(looksLikeTerraformPlan('{"$schema":"https://schema.management.azure.com/","resources":[]}', 'x.json')).toBe(false);
  });

  it('reports broken JSON with line and column and never throws', async () => {
    const text = '{\n  "format_version": "1.2",\n  "planned_values": {\n    "root_module": { "resources": [ }\n  }\n}\n';
    const r = await readTerraformPlan('broken.json', text, defaultReadOptions('/nonexistent'));
    expect(r.resources).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'broken.json', line: 4, column: 37 });
    expect(r.inputs[0]).toMatchObject({ file: 'broken.json', kind: 'terraform-plan' });
  });

  it('tolerates fields of the wrong type', async () => {
    const text = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [1, { address: 'aws_vpc.x', type: 'aws_vpc', values: 'oops' }], child_modules: 'no' } }, configuration: [] });
    const r = await readTerraformPlan('odd.json', text, defaultReadOptions('/nonexistent'));
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => x.address)).toEqual(['aws_vpc.x']);
  });
});
