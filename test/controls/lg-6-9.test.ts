// LG-6.9 on hand-built models: literal secrets located where the value is
// written (a tfvars line), the resource types the lifters read, and the
// secret inputs of a scope once a reader reports them.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-9.js';
import { run, statuses } from './lg-3-support.js';
import { IdentityModel } from './identity-support.js';

describe('LG-6.9 resources', () => {
  it('fails a store or VM with literal secrets at the first one, listing every one', () => {
    const m = new IdentityModel();
    const tfvars = m.secret('password');
    const inline = m.secret('master_password', 'database.tf');
    m.dataStore('aws_db_instance.juki', 'rds-instance', { literalSecrets: [tfvars, inline] });
    const vmSecret = m.secret('admin_password', 'vm.tf');
    m.compute('azurerm_windows_virtual_machine.ap', 'azure-vm', { literalSecrets: [vmSecret] });
    const drafts = run(check, m).filter((d) => d.status === 'fail');
    expect(statuses(drafts)).toEqual(['aws_db_instance.juki=fail', 'azurerm_windows_virtual_machine.ap=fail']);
    expect(drafts[0]!.location).toEqual(tfvars.loc);
    expect(drafts[0]!.message.en).toContain(`password (terraform.tfvars:${tfvars.loc.line}), master_password (database.tf:${inline.loc.line})`);
    expect(drafts[1]!.location).toEqual(vmSecret.loc);
  });

  it('passes the credential-bearing types the lifters read, is unknown on those they do not, and skips the rest', () => {
    const m = new IdentityModel();
    m.dataStore('aws_rds_cluster.reporting', 'rds-cluster');
    m.dataStore('aws_secretsmanager_secret.token', 'secret');
    m.compute('azurerm_linux_virtual_machine.batch', 'azure-vm');
    m.dataStore('aws_redshift_cluster.dwh', 'redshift-cluster');
    m.dataStore('aws_s3_bucket.docs', 's3-bucket');
    m.compute('aws_instance.app', 'ec2-instance');
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_rds_cluster.reporting=pass',
      'aws_secretsmanager_secret.token=pass',
      'aws_redshift_cluster.dwh=unknown',
      'azurerm_linux_virtual_machine.batch=pass',
    ]);
    expect(drafts[2]!.unknown![0]!.inputs).toEqual(['aws_redshift_cluster.dwh master password']);
  });

  it('says nothing on resources read live: a live read never returns a secret value', () => {
    const m = new IdentityModel();
    m.dataStore('arn:aws:rds:ap-northeast-1:111122223333:cluster:reporting', 'rds-cluster', { source: 'aws-config' });
    m.compute('/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/batch', 'azure-vm', { source: 'azure' });
    m.dataStore('aws_rds_cluster.reporting', 'rds-cluster');
    expect(statuses(run(check, m))).toEqual(['aws_rds_cluster.reporting=pass']);
  });

  it('fails a literal secret on a type it does not otherwise judge', () => {
    const m = new IdentityModel();
    m.dataStore('aws_redshift_cluster.dwh', 'redshift-cluster', { literalSecrets: [m.secret('master_password', 'dwh.tf')] });
    m.compute('aws_instance.app', 'ec2-instance', { literalSecrets: [m.secret('user_data', 'app.tf')] });
    expect(statuses(run(check, m))).toEqual(['aws_redshift_cluster.dwh=fail', 'aws_instance.app=fail']);
  });
});

describe('LG-6.9 secret inputs of a scope', () => {
  it('is unknown while the reader does not report them, and says nothing on live scopes', () => {
    const code = new IdentityModel();
    const scope = code.scope();
    const drafts = run(check, code);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ status: 'unknown', subject: scope, key: 'secret-inputs' });
    expect(drafts[0]!.unknown![0]!.inputs).toEqual(['network: secret inputs']);

    const live = new IdentityModel();
    live.scope({ source: 'aws-config' });
    expect(run(check, live)).toEqual([]);
  });

  it('fails each declared-secret input with a written value at that value, once, and passes a scope with none', () => {
    const m = new IdentityModel();
    const used = m.secret('MasterUserPassword', 'db.yaml');
    m.dataStore('DB', 'rds-instance', { literalSecrets: [used] });
    const defaultLine = { file: 'db.yaml', line: 9 };
    m.scope({
      source: 'cloudformation',
      secretInputs: [
        { name: 'parameter ApiKey', declaredAs: 'NoEcho', loc: { file: 'db.yaml', line: 7 }, literal: defaultLine },
        { name: 'parameter DBPassword', declaredAs: 'NoEcho', loc: { file: 'db.yaml', line: 4 }, literal: used.loc },
        { name: 'parameter ReportPassword', declaredAs: 'NoEcho', loc: { file: 'db.yaml', line: 11 } },
      ],
    });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['DB=fail', 'network[secret-input:parameter ApiKey]=fail']);
    expect(drafts[1]!.location).toEqual(defaultLine);
    expect(drafts[1]!.message.en).toContain('parameter ApiKey is declared secret (NoEcho)');

    const clean = new IdentityModel('azure');
    clean.scope({ secretInputs: [{ name: 'parameter adminPassword', declaredAs: 'secureString', loc: { file: 'vm.json', line: 5 } }] });
    expect(statuses(run(check, clean))).toEqual(['network[secret-inputs]=pass']);
  });
});
