// Azure Backup in Recovery Services vaults: the vault -> DataStore
// 'recovery-services-vault' (customer key, immutability, backup storage
// redundancy: geo-redundant unless set otherwise); backup policies ->
// BackupPlan (retention: the longest of its daily/weekly/monthly/yearly
// schedules); protected items -> what a policy selects (a VM counts with its
// disks). Every vault has a built-in `DefaultPolicy` (daily backups kept 30
// days) that protected items may name without defining it.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { BackupPlan } from '../../account.js';
import type { DataStore } from '../../data.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { causeOf, itemsOf, numberFact } from '../../lift-values.js';
import { ancestorId, parentLink } from './arm-ids.js';
import { backupPlan, longest, protect, storageRedundancy, unreadPolicy } from './backup-plans.js';
import { armPath, attr, isSet, knownText, prop, tfPath } from './attribute-paths.js';
import { azureBase, newDataStore } from './base.js';
import { keyReference } from './key-reference.js';
import { idByName, registerName } from './name-index.js';
import { enabledText } from './public-access.js';
import { replicaRegions } from './redundancy.js';
import { ARM, TERRAFORM } from './sources.js';
import { setVaultLock } from './vault-lock.js';

const UNIT_DAYS: Record<string, number> = { days: 1, weeks: 7, months: 30, years: 365 };

function vault(r: NativeResource, ctx: LiftContext, key: Value | undefined, keyName: string, immutability: Value | undefined, immutabilityName: string, redundancy: Fact<string>, access: Fact<boolean>): DataStore {
  const v = newDataStore(r, ctx, 'recovery-services-vault');
  v.encryption = isSet(key) ? keyReference(ctx, r, key, keyName) : defaulted({ mode: 'provider-managed' }, r.loc);
  setVaultLock(v, immutability, r, immutabilityName);
  v.redundancy = redundancy;
  v.replicationRegions = replicaRegions(redundancy, v.region);
  v.publiclyAccessible = access;
  return v;
}

/** ARM `retentionDuration: { count, durationType }` in days. */
function armDuration(d: Value, r: NativeResource, name: string): Fact<number> {
  const count = numberFact(armPath(d, 'count'), r, { name: `${name}.count` });
  if (!count.known) return count;
  const unit = armPath(d, 'durationType');
  const days = UNIT_DAYS[knownText(unit)?.toLowerCase() ?? ''];
  if (days === undefined) return unknownFact(unit ? causeOf(unit, r, `${name}.durationType`) : { inputs: [], detail: `${name}.durationType is not set` }, unit?.loc ?? r.loc);
  return { ...count, value: count.value * days };
}

function armRetention(r: NativeResource): Fact<number | null> {
  const policies = [prop(r, 'retentionPolicy'), ...itemsOf(prop(r, 'subProtectionPolicy')).map((s) => armPath(s, 'retentionPolicy'))];
  const durations: Fact<number>[] = [];
  for (const p of policies) {
    if (!p) continue;
    if (p.kind !== 'object') return unknownFact(causeOf(p, r, 'retentionPolicy'), p.loc ?? r.loc);
    const simple = armPath(p, 'retentionDuration');
    if (simple) durations.push(armDuration(simple, r, 'retentionPolicy.retentionDuration'));
    for (const s of ['dailySchedule', 'weeklySchedule', 'monthlySchedule', 'yearlySchedule']) {
      const d = armPath(p, s, 'retentionDuration');
      if (d) durations.push(armDuration(d, r, `retentionPolicy.${s}.retentionDuration`));
    }
  }
  return longest(durations, r);
}

const armVaults: LiftHandler = {
  types: ['Microsoft.RecoveryServices/vaults'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const v = vault(
      r,
      ctx,
      prop(r, 'encryption', 'keyVaultProperties', 'keyUri'),
      'encryption.keyVaultProperties.keyUri',
      prop(r, 'securitySettings', 'immutabilitySettings', 'state'),
      'securitySettings.immutabilitySettings.state',
      storageRedundancy(prop(r, 'redundancySettings', 'standardTierStorageRedundancy'), r, 'redundancySettings.standardTierStorageRedundancy'),
      enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true),
    );
    registerName(ctx, 'recovery-vault', armPath(r.attrs, 'name'), r.key);
    ctx.model.add(v);
  },
};

/** The older way to set backup storage redundancy: a `backupstorageconfig` child. */
const armStorageConfig: LiftHandler = {
  types: ['Microsoft.RecoveryServices/vaults/backupstorageconfig'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const id = ancestorId(r, 1);
    const n = id ? ctx.links.byIdentity(id) : undefined;
    const v = n ? ctx.model.getOf(n.key, 'data-store') : undefined;
    if (!v) return;
    v.redundancy = storageRedundancy(prop(r, 'storageModelType') ?? prop(r, 'storageType'), r, 'storageModelType');
    v.replicationRegions = replicaRegions(v.redundancy, v.region);
  },
};

const armPolicies: LiftHandler = {
  types: ['Microsoft.RecoveryServices/vaults/backupPolicies'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const link = parentLink(ctx, r, 1, 'vault');
    const p = backupPlan(r, ctx, armRetention(r), link);
    if (link.known) p.region = azureBase(r, ctx, ctx.links.native(link.value)).region;
    ctx.model.add(p);
  },
};

/** The built-in policy every vault has: daily backups kept 30 days. */
function defaultPolicy(ctx: LiftContext, vaultKey: string): BackupPlan | undefined {
  const id = `${vaultKey}#DefaultPolicy`;
  const existing = ctx.model.getOf(id, 'backup-plan');
  if (existing) return existing;
  const v = ctx.model.getOf(vaultKey, 'data-store');
  if (!v?.native) return undefined;
  const p: BackupPlan = {
    ...azureBase(v.native, ctx),
    id,
    address: `${v.address}#DefaultPolicy`,
    platformDefault: 'DefaultPolicy of a Recovery Services vault: daily VM backups kept 30 days',
    kind: 'backup-plan',
    retentionDays: defaulted(30, v.loc),
    selects: fact([], v.loc),
    selectsAll: defaulted(false, v.loc),
    vault: fact(vaultKey, v.loc),
  };
  ctx.model.add(p);
  return p;
}

const armProtectedItems: LiftHandler = {
  types: ['Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const policyId = prop(r, 'policyId');
    const text = knownText(policyId) ?? (policyId?.kind === 'unknown' ? policyId.expr : undefined);
    let policy = text ? ctx.model.getOf(ctx.links.byIdentity(text)?.key ?? '', 'backup-plan') : undefined;
    const vault = parentLink(ctx, r, 3, 'vault');
    if (!policy && text && vault.known && /\/backuppolicies\/defaultpolicy$/i.test(text)) policy = defaultPolicy(ctx, vault.value);
    const source = prop(r, 'sourceResourceId');
    // A database inside a VM (SQL Server, SAP HANA) needs no source: it is none of the data stores kikan models.
    if (source === undefined && /^AzureVmWorkload/i.test(knownText(prop(r, 'protectedItemType')) ?? '')) return;
    protect(ctx, r, policy ?? unreadPolicy(ctx, r, policyId, 'policyId', vault), source, 'sourceResourceId');
  },
};

/** azurerm retention blocks: `retention_daily { count }` and so on. */
function terraformRetention(r: NativeResource): Fact<number | null> {
  const durations: Fact<number>[] = [];
  for (const [block, days] of [['retention_daily', 1], ['retention_weekly', 7], ['retention_monthly', 30], ['retention_yearly', 365]] as const) {
    const b = attr(r, block);
    if (!isSet(b)) continue;
    const count = numberFact(tfPath(b, 'count'), r, { name: `${block}.count` });
    durations.push(count.known ? { ...count, value: count.value * days } : count);
  }
  return longest(durations, r);
}

const terraformVaults: LiftHandler = {
  types: ['azurerm_recovery_services_vault'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const v = vault(
      r,
      ctx,
      attr(r, 'encryption', 'key_id'),
      'encryption.key_id',
      attr(r, 'immutability'),
      'immutability',
      storageRedundancy(attr(r, 'storage_mode_type'), r, 'storage_mode_type'),
      enabledText(attr(r, 'public_network_access_enabled'), r, 'public_network_access_enabled', true),
    );
    registerName(ctx, 'recovery-vault', attr(r, 'name'), r.key);
    ctx.model.add(v);
  },
};

/** The vault an azurerm backup resource names by `recovery_vault_name`. */
function terraformVault(ctx: LiftContext, r: NativeResource): Link {
  const v = attr(r, 'recovery_vault_name');
  if (v?.kind === 'ref') return fact(v.target, v.loc ?? r.loc);
  const text = knownText(v);
  const id = text ? idByName(ctx, 'recovery-vault', text) : undefined;
  if (id) return fact(id, v?.loc ?? r.loc);
  return unknownFact(text ? { inputs: [text], detail: `vault ${text} is not defined in the scanned inputs` } : v ? causeOf(v, r, 'recovery_vault_name') : { inputs: [], detail: 'recovery_vault_name is not set' }, v?.loc ?? r.loc);
}

const terraformPolicies: LiftHandler = {
  types: ['azurerm_backup_policy_vm', 'azurerm_backup_policy_file_share', 'azurerm_backup_policy_vm_workload'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(backupPlan(r, ctx, terraformRetention(r), unknownFact({ inputs: [], detail: 'resolved once vaults are known' }, r.loc)));
  },
};

const terraformPolicyVaults: LiftHandler = {
  types: ['azurerm_backup_policy_vm', 'azurerm_backup_policy_file_share', 'azurerm_backup_policy_vm_workload'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const p = ctx.model.getOf(r.key, 'backup-plan');
    if (!p) return;
    p.vault = terraformVault(ctx, r);
    const v = p.vault.known ? ctx.model.getOf(p.vault.value, 'data-store') : undefined;
    if (v && !p.region.known) p.region = v.region;
  },
};

const terraformProtected: LiftHandler = {
  types: ['azurerm_backup_protected_vm', 'azurerm_backup_protected_file_share'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const policyRef = attr(r, 'backup_policy_id');
    const policy = policyRef?.kind === 'ref' ? ctx.model.getOf(policyRef.target, 'backup-plan') : undefined;
    const vm = r.type === 'azurerm_backup_protected_vm';
    const source = vm ? 'source_vm_id' : 'source_storage_account_id';
    protect(ctx, r, policy ?? unreadPolicy(ctx, r, policyRef, 'backup_policy_id'), attr(r, source), source);
  },
};

export const recoveryServicesHandlers: LiftHandler[] = [
  armVaults,
  armStorageConfig,
  armPolicies,
  armProtectedItems,
  terraformVaults,
  terraformPolicies,
  terraformPolicyVaults,
  terraformProtected,
];
