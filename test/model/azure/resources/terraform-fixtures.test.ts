// End to end: a vendor-style azurerm configuration (tfvars, a local module,
// for_each, dynamic blocks) read by the Terraform reader and lifted by this
// lifter's handlers.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { finishResources, resourceHandlers } from '../../../../src/model/azure/resources/index.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import type { NativeResource, ReadError } from '../../../../src/readers/native.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';
import { readTerraform } from '../../../../src/readers/terraform/index.js';
import { get } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../../../fixtures/model/azure/resources/tf-juki-data');
const key = (address: string) => `.#${address}`;
const at = (file: string) => expect.objectContaining({ file });

describe('juki data tier (azurerm)', () => {
  let model: CloudModel;
  let unlifted: NativeResource[];
  let errors: ReadError[];

  beforeAll(async () => {
    const read = await readTerraform([ROOT], defaultReadOptions(ROOT));
    errors = read.errors;
    model = new CloudModel();
    unlifted = runLifters('azure', resourceHandlers, read.resources, { model, links: new LinkResolver(read.resources) }, finishResources);
  });

  it('reads without errors; only the resource group is left to the network lifter', () => {
    expect(errors).toEqual([]);
    expect(unlifted.map((r) => r.address)).toEqual(['azurerm_resource_group.data']);
  });

  it('the module vault and its rotating key; the data account uses that key by vault and key name', () => {
    const kv = get(model, key('module.vault.azurerm_key_vault.this'), 'key');
    expect(kv.purgeProtection).toMatchObject({ value: true, loc: at('modules/vault/main.tf') });
    // The ACL denies by default, but public network access is left on: the endpoint exists.
    expect(kv.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(kv.publicFirewall).toMatchObject({ value: 'denies', loc: at('modules/vault/main.tf') });
    expect(kv.tags).toMatchObject({ value: { 'lg:tenant': 'kanagi' } });
    expect(get(model, key('module.vault.azurerm_key_vault_key.data'), 'key').rotationEnabled).toMatchObject({ value: true });
    const s = get(model, key('azurerm_storage_account.data'), 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: key('module.vault.azurerm_key_vault_key.data') } }, loc: at('storage.tf') });
    expect(s.name).toMatchObject({ value: 'stkanagiprdjuki' });
    // The tfvars add a `blob` container, but the account refuses anonymous access.
    expect(s.publicAccessBlocked).toMatchObject({ value: true });
    expect(s.publicRead).toMatchObject({ value: false });
    expect(s.redundancy).toMatchObject({ value: 'ZRS' });
    expect(s.versioning).toMatchObject({ value: true });
  });

  it('the log account: TLS 1.0 as written, public access left to azurerm ~> 4.20 (allowed), immutable activity logs, 400-day lifecycle from tfvars', () => {
    const s = get(model, key('azurerm_storage_account.logs'), 'data-store');
    expect(s.minTlsVersion).toMatchObject({ value: '1.0', loc: at('storage.tf') });
    // required_providers keeps azurerm below 5.0, whose default allows nested items to be public.
    expect(s.publicAccessBlocked).toMatchObject({ value: false, defaulted: true });
    expect(s.publicRead).toMatchObject({ value: false });
    expect(s.immutableContainers).toMatchObject({ value: ['insights-activity-logs'] });
    expect(s.expirationDays).toMatchObject({ value: 400 });
  });

  it('SQL: TDE with the module key, private, zone-redundant database keeping 14 days; the password is a variable', () => {
    const s = get(model, key('azurerm_mssql_server.juki'), 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: key('module.vault.azurerm_key_vault_key.data') } } });
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    expect(s.literalSecrets).toBeUndefined();
    // Auditing goes to Azure Monitor only, and no diagnostic setting on master carries it.
    expect(s.accessLogging).toMatchObject({ value: false });
    const db = get(model, key('azurerm_mssql_database.juki'), 'data-store');
    expect(db.multiZone).toMatchObject({ value: true });
    expect(db.backupRetentionDays).toMatchObject({ value: 14 });
    expect(db.publiclyAccessible).toMatchObject({ value: false });
  });

  it('PostgreSQL: zone-redundant HA, geo backups to Japan West, an office firewall rule opens it, literal password', () => {
    const pg = get(model, key('azurerm_postgresql_flexible_server.gyomu'), 'data-store');
    expect(pg.multiZone).toMatchObject({ value: true });
    expect(pg.replicationRegions).toMatchObject({ value: ['japanwest'] });
    expect(pg.backupRetentionDays).toMatchObject({ value: 35 });
    expect(pg.publiclyAccessible).toMatchObject({ value: true });
    expect(pg.literalSecrets).toMatchObject([{ attribute: 'administrator_password', loc: at('database.tf') }]);
  });

  it('logs: a 400-day workspace; the subscription Activity Log from a dynamic block; the vault audit setting', () => {
    expect(get(model, key('azurerm_log_analytics_workspace.juki'), 'log-store').retentionDays).toMatchObject({ value: 400 });
    const trail = get(model, key('azurerm_monitor_diagnostic_setting.activity'), 'trail');
    expect(trail.managementEvents).toMatchObject({ value: true });
    expect(trail.destinations).toMatchObject({ value: [{ value: key('azurerm_log_analytics_workspace.juki') }, { value: key('azurerm_storage_account.logs') }] });
    const vault = get(model, key('azurerm_monitor_diagnostic_setting.vault'), 'log-setting');
    expect(vault.target).toMatchObject({ value: key('module.vault.azurerm_key_vault.this') });
    expect(vault.categories).toMatchObject({ value: ['audit'] });
  });

  it('backup: a locked geo-redundant vault; the VM policy keeps 8 weeks and covers the batch VM and its OS disk', () => {
    const v = get(model, key('azurerm_recovery_services_vault.juki'), 'data-store');
    expect(v.immutable).toMatchObject({ value: true });
    const p = get(model, key('azurerm_backup_policy_vm.daily'), 'backup-plan');
    expect(p.retentionDays).toMatchObject({ value: 56 });
    expect(p.vault).toMatchObject({ value: v.id });
    expect(p.selects.known && p.selects.value.map((l) => l.known && l.value)).toEqual([
      key('azurerm_linux_virtual_machine.batch'),
      `${key('azurerm_linux_virtual_machine.batch')}#osDisk`,
    ]);
  });

  it('the resource group lock covers what is deployed in it, child resources included, and not the log account elsewhere', () => {
    const l = get(model, key('azurerm_management_lock.data'), 'lock');
    const covered = l.covers?.known ? l.covers.value.map((x) => x.known && x.value) : [];
    expect(covered).toEqual(
      expect.arrayContaining([
        key('azurerm_storage_account.data'),
        key('azurerm_mssql_server.juki'),
        key('azurerm_mssql_database.juki'),
        key('module.vault.azurerm_key_vault.this'),
        key('module.vault.azurerm_key_vault_key.data'),
        `${key('azurerm_linux_virtual_machine.batch')}#osDisk`,
      ]),
    );
    expect(covered).not.toContain(key('azurerm_storage_account.logs'));
  });

  it('Defender plans from for_each, the contact, and a custom role granting every action', () => {
    const plans = model.all('account-service').filter((s) => s.serviceType === 'defender-plan');
    expect(plans.map((p) => p.settings.plan?.known && p.settings.plan.value).sort()).toEqual(['KeyVaults', 'SqlServers', 'StorageAccounts', 'VirtualMachines']);
    expect(plans.every((p) => p.enabled.known && p.enabled.value)).toBe(true);
    expect(get(model, key('azurerm_security_center_contact.soc'), 'account-service').settings.email).toMatchObject({ value: 'soc@city.kanagi.lg.jp' });
    expect(get(model, key('azurerm_role_definition.operator'), 'iam-policy').azureActions).toMatchObject({ value: ['*'] });
  });
});
