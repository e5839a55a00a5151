// End to end: a vendor-style ARM template (with its parameter file) and a
// subscription-scope template, read by the ARM reader and lifted by this
// lifter's handlers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../../../src/model/fact.js';
import { finishResources, resourceHandlers } from '../../../../src/model/azure/resources/index.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { withAzureSpelling } from '../../../../src/model/azure/lift.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import type { NativeResource, ReadError } from '../../../../src/readers/native.js';
import { readArm } from '../../../../src/readers/arm/index.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';
import { get, inputsOf } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../../../fixtures/model/azure/resources/arm-juki-data');
const text = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const key = (file: string, address: string) => `${file}#${address}`;
const main = (address: string) => key('azuredeploy.json', address);

/** The line of the first occurrence of `snippet` in a fixture file. */
function lineOf(file: string, snippet: string, after = ''): number {
  const lines = text(file).split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, n) => n >= start && l.includes(snippet));
  if (i < 0) throw new Error(`${snippet} not in ${file}`);
  return i + 1;
}

const lineOfFact = (f: Fact<unknown> | undefined) => f?.loc?.line;

describe('juki data tier (ARM)', () => {
  let model: CloudModel;
  let unlifted: NativeResource[];
  let errors: ReadError[];

  beforeAll(() => {
    const opts = defaultReadOptions(ROOT);
    const a = readArm('azuredeploy.json', text('azuredeploy.json'), opts, [{ file: 'azuredeploy.parameters.json', text: text('azuredeploy.parameters.json') }]);
    const b = readArm('subscription.json', text('subscription.json'), opts);
    const resources = withAzureSpelling([...a.resources, ...b.resources]);
    errors = [...a.errors, ...b.errors];
    model = new CloudModel();
    unlifted = runLifters('azure', resourceHandlers, resources, { model, links: new LinkResolver(resources) }, finishResources);
  });

  it('reads without errors and lifts every resource of its families', () => {
    expect(errors).toEqual([]);
    expect(unlifted.map((r) => r.type)).toEqual([]);
  });

  it('Key Vault: purge protection, shorter soft delete, private; the data key rotates, the disk key does not', () => {
    const kv = get(model, main('Microsoft.KeyVault/vaults/kv-kanagi-juki'), 'key');
    expect(kv.purgeProtection).toMatchObject({ value: true });
    expect(kv.softDeleteRetentionDays).toMatchObject({ value: 30 });
    expect(kv.publiclyAccessible).toMatchObject({ value: false });
    expect(kv.tags).toMatchObject({ value: { 'lg:segment': 'mynumber', 'lg:tenant': 'kanagi' } });
    const data = get(model, main('Microsoft.KeyVault/vaults/keys/kv-kanagi-juki/juki-data'), 'key');
    expect(data.parent).toMatchObject({ value: kv.id });
    expect(data.rotationEnabled).toMatchObject({ value: true });
    expect(lineOfFact(data.rotationEnabled)).toBe(lineOf('azuredeploy.json', '"type": "rotate"'));
    expect(get(model, main('Microsoft.KeyVault/vaults/keys/kv-kanagi-juki/juki-disk'), 'key').rotationEnabled).toMatchObject({ value: false, defaulted: true });
  });

  it('the data account: customer key from the vault, geo-zone redundant to Japan West, closed network, TLS 1.2', () => {
    const s = get(model, main('Microsoft.Storage/storageAccounts/stkanagiprdjuki'), 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed' } });
    // The vault URI is read from the deployed vault: the key itself is known only after deployment.
    expect(s.encryption?.known && inputsOf(s.encryption.value.key)?.[0]).toMatch(/^reference\(resourceId\('Microsoft.KeyVault\/vaults'/);
    expect(s.redundancy).toMatchObject({ value: 'GZRS' });
    expect(s.replicationRegions).toMatchObject({ value: ['japanwest'] });
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    expect(s.publicRead).toMatchObject({ value: false });
    expect(s.minTlsVersion).toMatchObject({ value: '1.2' });
  });

  it('the legacy log account: anonymous container allowed by its old API version, versioned, an immutable activity-log container, lifecycle from a parameter', () => {
    const s = get(model, main('Microsoft.Storage/storageAccounts/stkanagilogs'), 'data-store');
    expect(s.publicAccessBlocked).toMatchObject({ value: false, defaulted: true });
    expect(s.publicRead).toMatchObject({ value: true });
    expect(lineOfFact(s.publicRead)).toBe(lineOf('azuredeploy.json', '"publicAccess": "Container"'));
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(s.redundancy).toMatchObject({ value: 'LRS' });
    expect(s.versioning).toMatchObject({ value: true });
    expect(s.immutableContainers).toMatchObject({ value: ['insights-activity-logs'] });
    expect(s.expirationDays).toMatchObject({ value: 90 });
  });

  it('VM disks from a copy loop: OS disks through the disk encryption set, data disks on the platform key', () => {
    for (const n of [1, 2]) {
      const vm = main(`Microsoft.Compute/virtualMachines/vm-kanagi-prd-ap${n}`);
      const os = get(model, `${vm}#osDisk`, 'data-store');
      expect(os.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: main('Microsoft.Compute/diskEncryptionSets/des-kanagi-prd') } } });
      expect(os.redundancy).toMatchObject({ value: 'ZRS' });
      expect(os.tags).toMatchObject({ value: { 'lg:classification': '3' } });
      expect(get(model, `${vm}#dataDisk0`, 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    }
    expect(get(model, main('Microsoft.Compute/diskEncryptionSets/des-kanagi-prd'), 'key').keyType).toBe('disk-encryption-set');
  });

  it('SQL: the office rule from the parameter file opens the server; the admin password is a Key Vault reference, not a literal', () => {
    const s = get(model, main('Microsoft.Sql/servers/sql-kanagi-prd-juki'), 'data-store');
    expect(s.publiclyAccessible).toMatchObject({ value: true });
    expect(s.publicFirewall).toMatchObject({ value: 'admits-ranges' });
    expect(lineOfFact(s.publicFirewall)).toBe(lineOf('azuredeploy.json', '"startIpAddress": "[parameters(\'allowedOfficeRange\')]"'));
    expect(s.literalSecrets).toBeUndefined();
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(s.accessLogging).toMatchObject({ value: false });
    const db = get(model, main('Microsoft.Sql/servers/databases/sql-kanagi-prd-juki/jukidb'), 'data-store');
    expect(db.parent).toMatchObject({ value: s.id });
    expect(db.multiZone).toMatchObject({ value: true });
    expect(db.backupRetentionDays).toMatchObject({ value: 14 });
  });

  it('logs: a 30-day workspace by default; diagnostic settings on the vault and (old form) on the SQL server', () => {
    const law = get(model, main('Microsoft.OperationalInsights/workspaces/log-kanagi-prd-juki'), 'log-store');
    expect(law.retentionDays).toMatchObject({ value: 30, defaulted: true });
    const kv = get(model, main('Microsoft.Insights/diagnosticSettings/kv-audit'), 'log-setting');
    expect(kv.target).toMatchObject({ value: main('Microsoft.KeyVault/vaults/kv-kanagi-juki') });
    expect(kv.destinations).toMatchObject({ value: [{ value: law.id }] });
    const sql = get(model, main('Microsoft.Sql/servers/providers/diagnosticSettings/sql-kanagi-prd-juki/Microsoft.Insights/sql-audit'), 'log-setting');
    expect(sql.target).toMatchObject({ value: main('Microsoft.Sql/servers/sql-kanagi-prd-juki') });
    expect(sql.categories).toMatchObject({ value: ['audit'] });
    expect(sql.destinations).toMatchObject({ value: [{ value: main('Microsoft.Storage/storageAccounts/stkanagilogs') }] });
  });

  it('backup: the vault is geo-redundant but only Unlocked (not immutable); the policy keeps 12 months and protects the first VM with its disks', () => {
    const v = get(model, main('Microsoft.RecoveryServices/vaults/rsv-kanagi-prd-juki'), 'data-store');
    expect(v.immutable).toMatchObject({ known: true, value: false, loc: { line: 267 } });
    expect(v.replicationRegions).toMatchObject({ value: ['japanwest'] });
    const p = get(model, main('Microsoft.RecoveryServices/vaults/backupPolicies/rsv-kanagi-prd-juki/vm-daily'), 'backup-plan');
    expect(p.retentionDays).toMatchObject({ value: 360 });
    const vm = main('Microsoft.Compute/virtualMachines/vm-kanagi-prd-ap1');
    expect(p.selects.known && p.selects.value.map((l) => l.known && l.value)).toEqual([vm, `${vm}#osDisk`, `${vm}#dataDisk0`]);
  });

  it('the lock on the SQL server covers its database', () => {
    const l = get(model, main('Microsoft.Sql/servers/providers/locks/sql-kanagi-prd-juki/Microsoft.Authorization/no-delete'), 'lock');
    expect(l.level).toMatchObject({ value: 'CanNotDelete' });
    const covered = l.covers?.known ? l.covers.value.map((x) => x.known && x.value) : [];
    expect(covered).toContain(main('Microsoft.Sql/servers/databases/sql-kanagi-prd-juki/jukidb'));
  });

  it('PostgreSQL: same-zone HA is not zone redundancy; an Azure-services-only firewall is public, not open to all; literal admin password', () => {
    const pg = get(model, main('Microsoft.DBforPostgreSQL/flexibleServers/psql-kanagi-prd-gyomu'), 'data-store');
    expect(pg.multiZone).toMatchObject({ value: false });
    expect(pg.publiclyAccessible).toMatchObject({ value: true });
    expect(pg.firewallOpenToAll).toMatchObject({ value: false });
    expect(pg.literalSecrets).toEqual([{ attribute: 'administratorLoginPassword', loc: expect.objectContaining({ line: lineOf('azuredeploy.json', 'Kanagi#2026-initial') }) }]);
  });

  it('subscription template: Activity Log to an unset workspace, Defender plans from a copy loop, contact, custom role', () => {
    const sub = (address: string) => key('subscription.json', address);
    const trail = get(model, sub('Microsoft.Insights/diagnosticSettings/activity-to-central'), 'trail');
    expect(trail.managementEvents).toMatchObject({ value: true });
    expect(trail.destinations.known && trail.destinations.value.map(inputsOf)).toEqual([['parameter centralWorkspaceId']]);
    const plans = model.all('account-service').filter((s) => s.serviceType === 'defender-plan');
    expect(plans.map((p) => [p.settings.plan?.known && p.settings.plan.value, p.enabled.known && p.enabled.value])).toEqual([
      ['VirtualMachines', true],
      ['SqlServers', true],
      ['StorageAccounts', true],
      ['KeyVaults', true],
      ['Arm', true],
      ['Containers', false],
    ]);
    const contact = get(model, sub('Microsoft.Security/securityContacts/default'), 'account-service');
    expect(contact.enabled).toMatchObject({ value: true });
    expect(contact.settings.email).toMatchObject({ value: 'soc@city.kanagi.lg.jp' });
    const role = model.all('iam-policy')[0]!;
    expect(role.azureActions).toMatchObject({ value: ['*/read', 'Microsoft.Compute/virtualMachines/start/action', 'Microsoft.Compute/virtualMachines/restart/action'] });
    // The subscription is known only at deployment: kept as the placeholder the reader writes.
    expect(role.document.known && JSON.parse(role.document.value!).assignableScopes).toEqual(['/subscriptions/{subscription}']);
  });
});
