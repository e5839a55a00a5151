import { describe, expect, it } from 'vitest';
import { arm, armId, armKey, tf, tfKey, tfRef, unk } from './builder.js';
import { get, inputsOf, lift } from './harness.js';

const RSV = 'Microsoft.RecoveryServices/vaults';
const POLICY = 'Microsoft.RecoveryServices/vaults/backupPolicies';
const ITEM = 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems';
const VM = 'Microsoft.Compute/virtualMachines';
const LOCK = 'Microsoft.Authorization/locks';
const SQL = 'Microsoft.Sql/servers';
const SUB = '/subscriptions/{subscription}';

const vmWithDisks = (name: string) =>
  arm(VM, name, {
    properties: {
      storageProfile: {
        osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' } },
        dataDisks: [{ lun: 0, createOption: 'Attach', managedDisk: { id: armId('Microsoft.Compute/disks', `${name}-data`) } }],
      },
    },
  });

describe('Recovery Services (ARM)', () => {
  it('the vault: geo-redundant by default, immutability and customer key as written', () => {
    const { model } = lift([
      arm(RSV, 'rsv-plain', { sku: { name: 'RS0', tier: 'Standard' }, properties: {} }),
      arm(RSV, 'rsv-locked', {
        sku: { name: 'RS0', tier: 'Standard' },
        properties: {
          securitySettings: { immutabilitySettings: { state: 'Locked' } },
          redundancySettings: { standardTierStorageRedundancy: 'ZoneRedundant' },
          encryption: { keyVaultProperties: { keyUri: 'https://kv.vault.azure.net/keys/backup' }, kekIdentity: { useSystemAssignedIdentity: true } },
          publicNetworkAccess: 'Disabled',
        },
      }),
      arm(`${RSV}/backupstorageconfig`, 'rsv-plain/vaultstorageconfig', { properties: { storageModelType: 'LocallyRedundant' } }, { location: null }),
    ]);
    const plain = get(model, armKey(RSV, 'rsv-plain'), 'data-store');
    expect(plain.storeType).toBe('recovery-services-vault');
    expect(plain.immutable).toMatchObject({ value: false, defaulted: true });
    expect(plain.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(plain.redundancy).toMatchObject({ value: 'LRS' });
    expect(plain.replicationRegions).toMatchObject({ value: [] });
    expect(plain.publiclyAccessible).toMatchObject({ value: true });
    const locked = get(model, armKey(RSV, 'rsv-locked'), 'data-store');
    expect(locked.immutable).toMatchObject({ value: true });
    expect(locked.redundancy).toMatchObject({ value: 'ZRS' });
    expect(locked.encryption).toMatchObject({ value: { mode: 'customer-managed', keyText: 'https://kv.vault.azure.net/keys/backup' } });
    expect(locked.publiclyAccessible).toMatchObject({ value: false });
  });

  it('a policy keeps its longest schedule; protected VMs bring their disks; DefaultPolicy keeps 30 days', () => {
    const vm1 = vmWithDisks('vm-app');
    const vm2 = vmWithDisks('vm-db');
    const { model } = lift([
      arm(RSV, 'rsv', { properties: {} }),
      arm('Microsoft.Compute/disks', 'vm-app-data', { properties: {} }),
      vm1,
      vm2,
      arm(POLICY, 'rsv/daily-35', {
        properties: {
          backupManagementType: 'AzureIaasVM',
          schedulePolicy: { schedulePolicyType: 'SimpleSchedulePolicy', scheduleRunFrequency: 'Daily' },
          retentionPolicy: {
            retentionPolicyType: 'LongTermRetentionPolicy',
            dailySchedule: { retentionDuration: { count: 35, durationType: 'Days' } },
            weeklySchedule: { daysOfTheWeek: ['Sunday'], retentionDuration: { count: 12, durationType: 'Weeks' } },
          },
        },
      }, { location: null }),
      arm(ITEM, 'rsv/Azure/iaasvmcontainer;iaasvmcontainerv2;rg;vm-app/vm;iaasvmcontainerv2;rg;vm-app', {
        properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', policyId: armId(POLICY, 'rsv/daily-35'), sourceResourceId: armId(VM, 'vm-app') },
      }, { location: null }),
      arm(ITEM, 'rsv/Azure/iaasvmcontainer;iaasvmcontainerv2;rg;vm-db/vm;iaasvmcontainerv2;rg;vm-db', {
        properties: { policyId: armId(POLICY, 'rsv/DefaultPolicy'), sourceResourceId: armId(VM, 'vm-db') },
      }, { location: null }),
    ]);
    const plan = get(model, armKey(POLICY, 'rsv/daily-35'), 'backup-plan');
    expect(plan.retentionDays).toMatchObject({ value: 84 });
    expect(plan.vault).toMatchObject({ value: armKey(RSV, 'rsv') });
    expect(plan.region).toMatchObject({ value: 'japaneast' });
    const selected = plan.selects.known ? plan.selects.value.map((l) => (l.known ? l.value : '?')) : [];
    expect(selected).toEqual([vm1.key, `${vm1.key}#osDisk`, armKey('Microsoft.Compute/disks', 'vm-app-data')]);
    const def = get(model, `${armKey(RSV, 'rsv')}#DefaultPolicy`, 'backup-plan');
    expect(def.platformDefault).toBeDefined();
    expect(def.retentionDays).toMatchObject({ value: 30, defaulted: true });
    expect(def.selects.known && def.selects.value.map((l) => l.known && l.value)).toEqual([vm2.key, `${vm2.key}#osDisk`]);
  });

  it('a SQL database inside a VM, protected without a source, selects no data store (and leaves none unknown)', () => {
    const vm = vmWithDisks('vm-sql');
    const { model } = lift([
      vm,
      arm(RSV, 'rsv', { sku: { name: 'RS0', tier: 'Standard' }, properties: {} }),
      arm(ITEM, 'rsv/Azure/VMAppContainer;compute;rg;vm-sql/SQLDataBase;mssqlserver;jumin', {
        properties: { protectedItemType: 'AzureVmWorkloadSQLDatabase', workloadType: 'SQLDataBase', policyId: armId(POLICY, 'rsv/DefaultPolicy') },
      }, { location: null }),
    ]);
    const def = get(model, `${armKey(RSV, 'rsv')}#DefaultPolicy`, 'backup-plan');
    expect(def.selects).toMatchObject({ known: true, value: [] });
  });

  it('a protected item whose policy is outside the scan is backed up with unknown retention', () => {
    const other = '/subscriptions/1111/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-central/backupPolicies/gold';
    const vm = vmWithDisks('vm-x');
    const { model } = lift([vm, arm(ITEM, 'rsv/Azure/c/vm-x', { properties: { policyId: other, sourceResourceId: armId(VM, 'vm-x') } }, { location: null })]);
    const plan = get(model, armKey(ITEM, 'rsv/Azure/c/vm-x'), 'backup-plan');
    expect(inputsOf(plan.retentionDays)).toEqual([other]);
    expect(plan.selects.known && plan.selects.value.map((l) => l.known && l.value)).toEqual([vm.key, `${vm.key}#osDisk`]);
  });
});

describe('Recovery Services (azurerm)', () => {
  it('vault by name, VM policy, protected VM and file share', () => {
    const { model } = lift([
      tf('azurerm_recovery_services_vault', 'rsv', { name: 'rsv-juki', location: 'japaneast', sku: 'Standard', immutability: 'Unlocked', storage_mode_type: 'GeoRedundant' }),
      tf('azurerm_backup_policy_vm', 'daily', {
        name: 'daily',
        recovery_vault_name: 'rsv-juki',
        backup: [{ frequency: 'Daily', time: '23:00' }],
        retention_daily: [{ count: 14 }],
        retention_yearly: [{ count: 2, weekdays: ['Sunday'], weeks: ['Last'], months: ['March'] }],
      }),
      tf('azurerm_linux_virtual_machine', 'app', { name: 'vm-app', location: 'japaneast', os_disk: [{ storage_account_type: 'Premium_LRS' }] }),
      tf('azurerm_managed_disk', 'data', { name: 'data', location: 'japaneast', storage_account_type: 'Premium_LRS' }),
      tf('azurerm_virtual_machine_data_disk_attachment', 'data', { managed_disk_id: tfRef('azurerm_managed_disk.data'), virtual_machine_id: tfRef('azurerm_linux_virtual_machine.app'), lun: 1 }),
      tf('azurerm_backup_protected_vm', 'app', { recovery_vault_name: tfRef('azurerm_recovery_services_vault.rsv', 'name'), source_vm_id: tfRef('azurerm_linux_virtual_machine.app'), backup_policy_id: tfRef('azurerm_backup_policy_vm.daily') }),
      tf('azurerm_storage_account', 'files', { name: 'stfiles', location: 'japaneast', account_replication_type: 'ZRS' }),
      tf('azurerm_backup_policy_file_share', 'files', { name: 'files', recovery_vault_name: unk('var.vault_name'), retention_daily: [{ count: 10 }] }),
      tf('azurerm_backup_protected_file_share', 'files', { source_storage_account_id: tfRef('azurerm_storage_account.files'), backup_policy_id: tfRef('azurerm_backup_policy_file_share.files') }),
    ]);
    const v = get(model, tfKey('azurerm_recovery_services_vault.rsv'), 'data-store');
    // Unlocked immutability can be turned off again by an administrator: not immutable.
    expect(v.immutable).toMatchObject({ known: true, value: false });
    expect(v.redundancy).toMatchObject({ value: 'GRS' });
    expect(v.replicationRegions).toMatchObject({ value: ['japanwest'] });
    const daily = get(model, tfKey('azurerm_backup_policy_vm.daily'), 'backup-plan');
    expect(daily.retentionDays).toMatchObject({ value: 730 });
    expect(daily.vault).toMatchObject({ value: tfKey('azurerm_recovery_services_vault.rsv') });
    expect(daily.region).toMatchObject({ value: 'japaneast' });
    expect(daily.selects.known && daily.selects.value.map((l) => l.known && l.value)).toEqual([
      tfKey('azurerm_linux_virtual_machine.app'),
      `${tfKey('azurerm_linux_virtual_machine.app')}#osDisk`,
      tfKey('azurerm_managed_disk.data'),
    ]);
    const files = get(model, tfKey('azurerm_backup_policy_file_share.files'), 'backup-plan');
    expect(files.retentionDays).toMatchObject({ value: 10 });
    expect(inputsOf(files.vault)).toEqual(['var.vault_name']);
    expect(files.selects).toMatchObject({ value: [{ value: tfKey('azurerm_storage_account.files') }] });
  });
});

describe('custom role definitions', () => {
  it('ARM: actions and data actions granted; the document keeps notActions and scopes', () => {
    const { model } = lift([
      arm('Microsoft.Authorization/roleDefinitions', 'juki-operator', {
        properties: {
          roleName: 'Juki operator',
          type: 'customRole',
          permissions: [{ actions: ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/restart/action'], notActions: [], dataActions: ['*'] }],
          assignableScopes: ['[subscription().id]'],
        },
      }, { location: null }),
    ]);
    const p = get(model, armKey('Microsoft.Authorization/roleDefinitions', 'juki-operator'), 'iam-policy');
    expect(p.policyType).toBe('azure-role-definition');
    expect(p.azureActions).toMatchObject({ value: ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/restart/action', '*'] });
    expect(p.document.known && JSON.parse(p.document.value!)).toEqual({
      permissions: [{ actions: ['Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/restart/action'], notActions: [], dataActions: ['*'], notDataActions: [] }],
      assignableScopes: ['[subscription().id]'],
    });
  });

  it('azurerm: an action from a variable leaves the actions unknown, naming it', () => {
    const { model } = lift([
      tf('azurerm_role_definition', 'ops', { name: 'ops', scope: unk('data.azurerm_subscription.primary'), permissions: [{ actions: ['*/read', unk('var.extra_action')], not_actions: [] }] }),
    ]);
    const p = get(model, tfKey('azurerm_role_definition.ops'), 'iam-policy');
    expect(inputsOf(p.azureActions)).toEqual(['var.extra_action']);
    expect(inputsOf(p.document)).toEqual(['var.extra_action']);
  });
});

describe('management locks', () => {
  it('ARM: a lock scoped to a server covers the server and its databases; one at the resource group covers every resource', () => {
    const { model } = lift([
      arm(SQL, 'sql', { properties: {} }),
      arm(`${SQL}/databases`, 'sql/juki', { properties: {} }),
      arm('Microsoft.Storage/storageAccounts', 'st', { properties: {} }),
      arm(LOCK, 'sql-lock', { scope: armId(SQL, 'sql'), properties: { level: 'CanNotDelete', notes: 'juki' } }, { location: null, id: `${armId(SQL, 'sql')}/providers/${LOCK}/sql-lock` }),
      arm(LOCK, 'rg-lock', { properties: { level: 'ReadOnly' } }, { location: null }),
      arm(`${'Microsoft.Storage/storageAccounts'}/providers/locks`, 'st/Microsoft.Authorization/st-lock', { properties: { level: 'CanNotDelete' } }, { location: null }),
    ]);
    const sqlLock = get(model, armKey(LOCK, 'sql-lock'), 'lock');
    expect(sqlLock.level).toMatchObject({ value: 'CanNotDelete' });
    expect(sqlLock.target).toMatchObject({ value: armKey(SQL, 'sql') });
    expect(sqlLock.covers?.known && sqlLock.covers.value.map((l) => l.known && l.value).sort()).toEqual([armKey(SQL, 'sql'), armKey(`${SQL}/databases`, 'sql/juki')].sort());
    const rgLock = get(model, armKey(LOCK, 'rg-lock'), 'lock');
    expect(rgLock.level).toMatchObject({ value: 'ReadOnly' });
    expect(rgLock.target.known).toBe(false);
    expect(rgLock.covers?.known && rgLock.covers.value.length).toBe(3);
    const stLock = get(model, armKey('Microsoft.Storage/storageAccounts/providers/locks', 'st/Microsoft.Authorization/st-lock'), 'lock');
    expect(stLock.target).toMatchObject({ value: armKey('Microsoft.Storage/storageAccounts', 'st') });
    expect(stLock.covers).toMatchObject({ value: [{ value: armKey('Microsoft.Storage/storageAccounts', 'st') }] });
  });

  it('azurerm: a lock on a resource group covers what is deployed in it by reference or by name', () => {
    const { model } = lift([
      tf('azurerm_resource_group', 'data', { name: 'rg-data', location: 'japaneast' }),
      tf('azurerm_storage_account', 'a', { name: 'sta', resource_group_name: tfRef('azurerm_resource_group.data', 'name'), location: 'japaneast' }),
      tf('azurerm_storage_account', 'b', { name: 'stb', resource_group_name: 'rg-data', location: 'japaneast' }),
      tf('azurerm_storage_account', 'c', { name: 'stc', resource_group_name: 'rg-other', location: 'japaneast' }),
      tf('azurerm_mssql_server', 'sql', { name: 'sql', resource_group_name: 'rg-other', location: 'japaneast' }),
      tf('azurerm_mssql_database', 'db', { name: 'db', server_id: tfRef('azurerm_mssql_server.sql') }),
      tf('azurerm_management_lock', 'rg', { name: 'rg', scope: tfRef('azurerm_resource_group.data'), lock_level: 'CanNotDelete' }),
      tf('azurerm_management_lock', 'sql', { name: 'sql', scope: tfRef('azurerm_mssql_server.sql'), lock_level: 'CanNotDelete' }),
      tf('azurerm_management_lock', 'unknown', { name: 'u', scope: unk('var.lock_scope'), lock_level: 'CanNotDelete' }),
    ]);
    const rg = get(model, tfKey('azurerm_management_lock.rg'), 'lock');
    expect(rg.covers?.known && rg.covers.value.map((l) => l.known && l.value)).toEqual([tfKey('azurerm_storage_account.a'), tfKey('azurerm_storage_account.b')]);
    const sql = get(model, tfKey('azurerm_management_lock.sql'), 'lock');
    expect(sql.covers?.known && sql.covers.value.map((l) => l.known && l.value)).toEqual([tfKey('azurerm_mssql_server.sql'), tfKey('azurerm_mssql_database.db')]);
    expect(inputsOf(get(model, tfKey('azurerm_management_lock.unknown'), 'lock').covers)).toEqual(['var.lock_scope']);
  });
});

describe('Defender for Cloud, security contacts and policy assignments', () => {
  it('ARM subscription template: plans on Standard, a contact with alerts, an assignment not enforced', () => {
    const opts = { location: null, base: SUB, file: 'security.json' };
    const { model } = lift([
      arm('Microsoft.Security/pricings', 'VirtualMachines', { properties: { pricingTier: 'Standard', subPlan: 'P2' } }, opts),
      arm('Microsoft.Security/pricings', 'StorageAccounts', { properties: { pricingTier: 'Free' } }, opts),
      arm('Microsoft.Security/securityContacts', 'default', {
        properties: { emails: 'soc@city.kanagi.lg.jp', notificationsByRole: { state: 'On', roles: ['Owner'] }, alertNotifications: { state: 'On', minimalSeverity: 'Medium' } },
      }, opts),
      arm('Microsoft.Security/securityContacts', 'old', { properties: { email: 'x@example.jp', alertNotifications: 'Off' } }, opts),
      arm('Microsoft.Authorization/policyAssignments', 'japan-only', {
        properties: { policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c', enforcementMode: 'DoNotEnforce' },
      }, opts),
    ]);
    const vms = get(model, armKey('Microsoft.Security/pricings', 'VirtualMachines', 'security.json'), 'account-service');
    expect(vms.serviceType).toBe('defender-plan');
    expect(vms.enabled).toMatchObject({ value: true });
    expect(vms.settings.plan).toMatchObject({ value: 'VirtualMachines' });
    expect(vms.settings.subPlan).toMatchObject({ value: 'P2' });
    expect(get(model, armKey('Microsoft.Security/pricings', 'StorageAccounts', 'security.json'), 'account-service').enabled).toMatchObject({ value: false });
    const contact = get(model, armKey('Microsoft.Security/securityContacts', 'default', 'security.json'), 'account-service');
    expect(contact.serviceType).toBe('security-contact');
    expect(contact.enabled).toMatchObject({ value: true });
    expect(contact.settings.email).toMatchObject({ value: 'soc@city.kanagi.lg.jp' });
    expect(get(model, armKey('Microsoft.Security/securityContacts', 'old', 'security.json'), 'account-service').enabled).toMatchObject({ value: false });
    const policy = get(model, armKey('Microsoft.Authorization/policyAssignments', 'japan-only', 'security.json'), 'account-service');
    expect(policy.serviceType).toBe('azure-policy-assignment');
    expect(policy.enabled).toMatchObject({ value: false });
  });

  it('azurerm: pricing resource type defaults to VirtualMachines; contact; enforced assignment', () => {
    const { model } = lift([
      tf('azurerm_security_center_subscription_pricing', 'vm', { tier: 'Standard' }),
      tf('azurerm_security_center_contact', 'soc', { email: 'soc@example.jp', alert_notifications: true, alerts_to_admins: true }),
      tf('azurerm_subscription_policy_assignment', 'loc', { name: 'loc', subscription_id: unk('data.azurerm_subscription.current'), policy_definition_id: 'x' }),
    ]);
    const vm = get(model, tfKey('azurerm_security_center_subscription_pricing.vm'), 'account-service');
    expect(vm.settings.plan).toMatchObject({ value: 'VirtualMachines', defaulted: true });
    expect(vm.enabled).toMatchObject({ value: true });
    expect(get(model, tfKey('azurerm_security_center_contact.soc'), 'account-service').enabled).toMatchObject({ value: true });
    expect(get(model, tfKey('azurerm_subscription_policy_assignment.loc'), 'account-service').enabled).toMatchObject({ value: true, defaulted: true });
  });
});

describe('Azure Backup vaults (Data Protection)', () => {
  const BV = 'Microsoft.DataProtection/backupVaults';

  it('ARM: vault, a disk policy with its longest deleteAfter, and an instance protecting a disk', () => {
    const { model } = lift([
      arm(BV, 'bv', {
        identity: { type: 'SystemAssigned' },
        properties: {
          storageSettings: [{ datastoreType: 'VaultStore', type: 'ZoneRedundant' }],
          securitySettings: { immutabilitySettings: { state: 'Locked' }, softDeleteSettings: { state: 'On', retentionDurationInDays: 14 } },
        },
      }),
      arm(`${BV}/backupPolicies`, 'bv/disk-daily', {
        properties: {
          objectType: 'BackupPolicy',
          datasourceTypes: ['Microsoft.Compute/disks'],
          policyRules: [
            { name: 'BackupDaily', objectType: 'AzureBackupRule', trigger: { objectType: 'ScheduleBasedTriggerContext' } },
            { name: 'Default', objectType: 'AzureRetentionRule', isDefault: true, lifecycles: [{ deleteAfter: { objectType: 'AbsoluteDeleteOption', duration: 'P7D' } }] },
            { name: 'Weekly', objectType: 'AzureRetentionRule', lifecycles: [{ deleteAfter: { objectType: 'AbsoluteDeleteOption', duration: 'P12W' } }] },
          ],
        },
      }, { location: null }),
      arm('Microsoft.Compute/disks', 'data', { properties: {} }),
      arm(`${BV}/backupInstances`, 'bv/data', {
        properties: {
          dataSourceInfo: { resourceID: armId('Microsoft.Compute/disks', 'data'), datasourceType: 'Microsoft.Compute/disks' },
          policyInfo: { policyId: armId(`${BV}/backupPolicies`, 'bv/disk-daily') },
        },
      }, { location: null }),
    ]);
    const v = get(model, armKey(BV, 'bv'), 'data-store');
    expect(v.storeType).toBe('backup-vault');
    expect(v.redundancy).toMatchObject({ value: 'ZRS' });
    expect(v.immutable).toMatchObject({ value: true });
    const p = get(model, armKey(`${BV}/backupPolicies`, 'bv/disk-daily'), 'backup-plan');
    expect(p.retentionDays).toMatchObject({ value: 84 });
    expect(p.vault).toMatchObject({ value: v.id });
    expect(p.selects).toMatchObject({ value: [{ value: armKey('Microsoft.Compute/disks', 'data') }] });
  });

  it('azurerm: blob policy retention from its two durations; an instance whose policy is a variable has unknown retention', () => {
    const { model } = lift([
      tf('azurerm_data_protection_backup_vault', 'bv', { name: 'bv', location: 'japaneast', datastore_type: 'VaultStore', redundancy: 'LocallyRedundant', immutability: 'Unlocked' }),
      tf('azurerm_data_protection_backup_policy_blob_storage', 'blobs', {
        name: 'blobs',
        vault_id: tfRef('azurerm_data_protection_backup_vault.bv'),
        operational_default_retention_duration: 'P30D',
        vault_default_retention_duration: 'P1Y',
      }),
      tf('azurerm_storage_account', 'sa', { name: 'st', location: 'japaneast', account_replication_type: 'ZRS' }),
      tf('azurerm_data_protection_backup_instance_blob_storage', 'sa', {
        name: 'sa',
        vault_id: tfRef('azurerm_data_protection_backup_vault.bv'),
        storage_account_id: tfRef('azurerm_storage_account.sa'),
        backup_policy_id: tfRef('azurerm_data_protection_backup_policy_blob_storage.blobs'),
      }),
      tf('azurerm_managed_disk', 'd', { name: 'd', location: 'japaneast', storage_account_type: 'Premium_LRS' }),
      tf('azurerm_data_protection_backup_instance_disk', 'd', {
        name: 'd',
        vault_id: tfRef('azurerm_data_protection_backup_vault.bv'),
        disk_id: tfRef('azurerm_managed_disk.d'),
        backup_policy_id: unk('var.disk_policy_id'),
      }),
    ]);
    const v = get(model, tfKey('azurerm_data_protection_backup_vault.bv'), 'data-store');
    expect(v.redundancy).toMatchObject({ value: 'LRS' });
    // Unlocked immutability can be turned off again by an administrator: not immutable.
    expect(v.immutable).toMatchObject({ known: true, value: false });
    const p = get(model, tfKey('azurerm_data_protection_backup_policy_blob_storage.blobs'), 'backup-plan');
    expect(p.retentionDays).toMatchObject({ value: 365 });
    expect(p.region).toMatchObject({ value: 'japaneast' });
    expect(p.selects).toMatchObject({ value: [{ value: tfKey('azurerm_storage_account.sa') }] });
    const unread = get(model, tfKey('azurerm_data_protection_backup_instance_disk.d'), 'backup-plan');
    expect(inputsOf(unread.retentionDays)).toEqual(['var.disk_policy_id']);
    expect(unread.vault).toMatchObject({ value: v.id });
    expect(unread.selects).toMatchObject({ value: [{ value: tfKey('azurerm_managed_disk.d') }] });
  });
});
