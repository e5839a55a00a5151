// Variables marked `sensitive = true` in a root module are reported as its
// declared-secret inputs (LG-6.9), with where the repository writes a value:
// a tfvars line (terraform.tfvars, *.auto.tfvars, a --var-file under the scan
// root), else a literal default. --var and files outside the scan root are
// not in the repository.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultReadOptions, type ReadOptions } from '../../../src/readers/options.js';
import { readTerraform } from '../../../src/readers/terraform/index.js';

const VARIABLES = `variable "env" {
  type    = string
  default = "stg"
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "api_key" {
  description = "Key of the 連携 API"
  sensitive   = true
  default     = "renkei-key-0099"
}

variable "optional_token" {
  type      = string
  sensitive = true
  default   = null
}
`;

const MAIN = `resource "aws_db_instance" "kokuho" {
  identifier = "kokuho-\${var.env}"
  engine     = "postgres"
  password   = var.db_password
}
`;

const made: string[] = [];
afterEach(async () => {
  for (const d of made.splice(0)) await rm(d, { recursive: true, force: true });
});

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kikan-tf-secret-'));
  made.push(root);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  return root;
}

async function inputsOf(root: string, extra: Partial<ReadOptions> = {}) {
  const r = await readTerraform([path.join(root, 'kokuho')], { ...defaultReadOptions(root), ...extra });
  expect(r.errors).toEqual([]);
  expect(r.secretInputs).toHaveLength(1);
  expect(r.secretInputs![0]).toMatchObject({ source: 'terraform', scope: 'kokuho' });
  return new Map(r.secretInputs![0]!.inputs.map((i) => [i.name, i]));
}

describe('Terraform sensitive variables', () => {
  it('are reported with their declaration; a literal default is located, a null one is no value', async () => {
    const root = await workspace({ 'kokuho/variables.tf': VARIABLES, 'kokuho/main.tf': MAIN });
    const inputs = await inputsOf(root);
    expect([...inputs.keys()]).toEqual(['var.db_password', 'var.api_key', 'var.optional_token']);
    expect(inputs.get('var.db_password')).toEqual({ name: 'var.db_password', declaredAs: 'sensitive', loc: expect.objectContaining({ file: 'kokuho/variables.tf', line: 6 }) });
    expect(inputs.get('var.api_key')!.literal).toMatchObject({ file: 'kokuho/variables.tf', line: 14 });
    expect(inputs.get('var.optional_token')!.literal).toBeUndefined();
  });

  it('a tfvars line of the repository is where the value is written, also when --var overrides it', async () => {
    const root = await workspace({
      'kokuho/variables.tf': VARIABLES,
      'kokuho/main.tf': MAIN,
      'kokuho/terraform.tfvars': 'env = "prd"\n\n# set before go-live\ndb_password = "Kokuho#Init-2025"\n',
      'envs/prd.tfvars': 'env = "prd"\napi_key = "renkei-prd-1"\n',
    });
    const inputs = await inputsOf(root, { varFiles: [path.join(root, 'envs/prd.tfvars')] });
    expect(inputs.get('var.db_password')!.literal).toMatchObject({ file: 'kokuho/terraform.tfvars', line: 4 });
    expect(inputs.get('var.api_key')!.literal).toMatchObject({ file: 'envs/prd.tfvars', line: 2 });
    const overridden = await inputsOf(root, { vars: { db_password: 'typed-at-apply' } });
    expect(overridden.get('var.db_password')!.literal).toMatchObject({ file: 'kokuho/terraform.tfvars', line: 4 });
  });

  it('--var and a var file outside the scan root are not in the repository', async () => {
    const root = await workspace({ 'kokuho/variables.tf': VARIABLES, 'kokuho/main.tf': MAIN });
    const outside = await workspace({ 'secret.tfvars': 'db_password = "from-the-vault-export"\n' });
    expect((await inputsOf(root, { varFiles: [path.join(outside, 'secret.tfvars')] })).get('var.db_password')!.literal).toBeUndefined();
    expect((await inputsOf(root, { vars: { db_password: 'typed' } })).get('var.db_password')!.literal).toBeUndefined();
  });
});
