// LG-6.9 with inputs kept outside the scanned repository: a variable or
// parameter file given by path from elsewhere writes nothing into the
// definitions, while the same file inside the scan root does.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDefinitions } from '../../src/engine/scan.js';
import { loadPolicyFor } from '../../src/policy/load.js';
import { defaultReadOptions } from '../../src/readers/options.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/LG-6.9');

async function lg69(root: string, files: { varFiles?: string[]; paramFiles?: string[] }): Promise<string[]> {
  const read = { ...defaultReadOptions(root), varFiles: files.varFiles ?? [], paramFiles: files.paramFiles ?? [] };
  const outcome = await scanDefinitions({ paths: [root], read, policy: loadPolicyFor(root, undefined), now: new Date('2026-11-28'), severityOf: () => 'high' });
  expect(outcome.errors).toEqual([]);
  return outcome.findings.filter((f) => f.controlId === 'LG-6.9').map((f) => `${f.resource.address}=${f.status}`).sort();
}

function workspace(fixture: string): { repo: string; outside: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'kikan-lg69-'));
  const repo = path.join(base, 'repo');
  cpSync(path.join(FIXTURES, fixture), repo, { recursive: true });
  const outside = path.join(base, 'secrets');
  mkdirSync(outside);
  return { repo, outside };
}

describe('LG-6.9 and input files outside the scan root', () => {
  it('a Terraform variable file outside the repository supplies the password; the same file inside writes it', async () => {
    const { repo, outside } = workspace('tf-password-from-pipeline');
    const vars = 'kokuho_db_password = "from-the-vault"\nbatch_db_password = "also-from-the-vault"\n';
    writeFileSync(path.join(outside, 'prd.tfvars'), vars);
    expect(await lg69(repo, { varFiles: [path.join(outside, 'prd.tfvars')] })).toEqual([
      '.=pass',
      'aws_db_instance.batch=pass',
      'aws_db_instance.kokuho=pass',
      'aws_db_instance.verification=fail',
    ]);
    writeFileSync(path.join(repo, 'prd.tfvars'), vars);
    expect(await lg69(repo, { varFiles: [path.join(repo, 'prd.tfvars')] })).toEqual([
      '.=fail',
      'aws_db_instance.batch=fail',
      'aws_db_instance.kokuho=fail',
      'aws_db_instance.verification=fail',
    ]);
  });

  it('an ARM parameter file outside the repository supplies the passwords; the same file inside writes them', async () => {
    const { repo, outside } = workspace('arm-password-from-pipeline');
    const params = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { sqlAdminPassword: { value: 'from-the-vault' }, vmAdminPassword: { value: 'also-from-the-vault' } },
    });
    writeFileSync(path.join(outside, 'prd.parameters.json'), params);
    expect(await lg69(repo, { paramFiles: [path.join(outside, 'prd.parameters.json')] })).toEqual([
      'Microsoft.Compute/virtualMachines/vm-shuunou-ap=pass',
      'Microsoft.Sql/servers/sql-shuunou-prd=pass',
      'azuredeploy.json=pass',
    ]);
    writeFileSync(path.join(repo, 'prd.parameters.json'), params);
    expect(await lg69(repo, { paramFiles: [path.join(repo, 'prd.parameters.json')] })).toEqual([
      'Microsoft.Compute/virtualMachines/vm-shuunou-ap=fail',
      'Microsoft.Sql/servers/sql-shuunou-prd=fail',
      'azuredeploy.json=fail',
    ]);
  });

  it('a CloudFormation parameter file outside the repository supplies the password', async () => {
    const { repo, outside } = workspace('cfn-password-from-pipeline');
    writeFileSync(path.join(outside, 'prd.json'), JSON.stringify([{ ParameterKey: 'KaigoDbPassword', ParameterValue: 'from-the-vault' }]));
    expect(await lg69(repo, { paramFiles: [path.join(outside, 'prd.json')] })).toEqual(['KaigoDb=pass', 'ReportDb=fail', 'template.yaml=pass']);
  });
});
