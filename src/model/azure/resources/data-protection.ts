// Azure Backup vaults (Microsoft.DataProtection), which back up managed
// disks, blob storage and PostgreSQL flexible servers: the vault ->
// DataStore 'backup-vault' (storage redundancy, immutability, customer key);
// backup policies -> BackupPlan (retention: the longest `deleteAfter` of its
// rules); backup instances -> what a policy selects.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftHandler } from '../../lifter.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import { parentLink } from './arm-ids.js';
import { armPath, attr, blocks, isSet, knownText, prop, tfPath } from './attribute-paths.js';
import { azureBase, newDataStore } from './base.js';
import { backupPlan, longest, protect, storageRedundancy, unreadPolicy } from './backup-plans.js';
import { keyReference } from './key-reference.js';
import { enabledText } from './public-access.js';
import { replicaRegions } from './redundancy.js';
import { ARM, TERRAFORM } from './sources.js';
import { setVaultLock } from './vault-lock.js';

/** ISO 8601 durations as backup policies write them (`P30D`, `P12W`, `P1Y`), in days. */
export function isoDays(v: Value | undefined, r: NativeResource, name: string): Fact<number> {
  const text = knownText(v);
  if (text === undefined) return unknownFact(v ? causeOf(v, r, name) : { inputs: [], detail: `${name} is not set in ${r.address}` }, v?.loc ?? r.loc);
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$/i.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P') return unknownFact({ inputs: [], detail: `${name} = ${text} is not a duration` }, v?.loc ?? r.loc);
  const [y, mo, w, d] = m.slice(1).map((x) => Number(x ?? 0));
  return fact(y! * 365 + mo! * 30 + w! * 7 + d!, v?.loc ?? r.loc);
}

const armVaults: LiftHandler = {
  types: ['Microsoft.DataProtection/backupVaults'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const v = newDataStore(r, ctx, 'backup-vault');
    const store = itemsOf(prop(r, 'storageSettings')).find((s) => knownText(armPath(s, 'datastoreType'))?.toLowerCase() === 'vaultstore') ?? itemsOf(prop(r, 'storageSettings'))[0];
    v.redundancy = storageRedundancy(armPath(store, 'type'), r, 'storageSettings.type');
    v.replicationRegions = replicaRegions(v.redundancy, v.region);
    const immutability = prop(r, 'securitySettings', 'immutabilitySettings', 'state');
    setVaultLock(v, immutability, r, 'securitySettings.immutabilitySettings.state');
    const key = prop(r, 'securitySettings', 'encryptionSettings', 'keyVaultProperties', 'keyUri');
    v.encryption = isSet(key) ? keyReference(ctx, r, key, 'encryptionSettings.keyVaultProperties.keyUri') : defaulted({ mode: 'provider-managed' }, r.loc);
    v.publiclyAccessible = enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true);
    ctx.model.add(v);
  },
};

/** The longest `deleteAfter` of the policy's retention rules. */
function armRetention(r: NativeResource): Fact<number | null> {
  const rules = prop(r, 'policyRules');
  if (rules && !isSet(rules)) return unknownFact({ inputs: [], detail: `${r.address} has no rules` }, r.loc);
  const durations: Fact<number>[] = [];
  for (const rule of itemsOf(rules)) {
    if (rule.kind !== 'object') {
      durations.push(unknownFact(causeOf(rule, r, 'policyRules'), rule.loc ?? r.loc));
      continue;
    }
    for (const lc of itemsOf(armPath(rule, 'lifecycles'))) durations.push(isoDays(armPath(lc, 'deleteAfter', 'duration'), r, 'deleteAfter.duration'));
  }
  return longest(durations, r);
}

const armPolicies: LiftHandler = {
  types: ['Microsoft.DataProtection/backupVaults/backupPolicies'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const vault = parentLink(ctx, r, 1, 'vault');
    const p = backupPlan(r, ctx, armRetention(r), vault);
    if (vault.known) p.region = azureBase(r, ctx, ctx.links.native(vault.value)).region;
    ctx.model.add(p);
  },
};

const armInstances: LiftHandler = {
  types: ['Microsoft.DataProtection/backupVaults/backupInstances'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const policyId = prop(r, 'policyInfo', 'policyId');
    const text = knownText(policyId) ?? (policyId?.kind === 'unknown' ? policyId.expr : undefined);
    const policy = text ? ctx.model.getOf(ctx.links.byIdentity(text)?.key ?? '', 'backup-plan') : undefined;
    protect(ctx, r, policy ?? unreadPolicy(ctx, r, policyId, 'policyInfo.policyId', parentLink(ctx, r, 1, 'vault')), prop(r, 'dataSourceInfo', 'resourceID'), 'dataSourceInfo.resourceID');
  },
};

const terraformVaults: LiftHandler = {
  types: ['azurerm_data_protection_backup_vault'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const v = newDataStore(r, ctx, 'backup-vault');
    v.redundancy = storageRedundancy(attr(r, 'redundancy'), r, 'redundancy');
    v.replicationRegions = replicaRegions(v.redundancy, v.region);
    const immutability = attr(r, 'immutability');
    setVaultLock(v, immutability, r, 'immutability');
    v.encryption = defaulted({ mode: 'provider-managed' }, r.loc);
    ctx.model.add(v);
  },
};

/** azurerm writes retention per data source kind. */
function terraformRetention(r: NativeResource): Fact<number | null> {
  const values: { v: Value | undefined; name: string }[] = [
    { v: attr(r, 'default_retention_duration'), name: 'default_retention_duration' },
    { v: attr(r, 'operational_default_retention_duration'), name: 'operational_default_retention_duration' },
    { v: attr(r, 'vault_default_retention_duration'), name: 'vault_default_retention_duration' },
    { v: attr(r, 'default_retention_rule', 'life_cycle', 'duration'), name: 'default_retention_rule.life_cycle.duration' },
    ...blocks(r, 'retention_rule').flatMap((b) => [
      { v: tfPath(b, 'duration'), name: 'retention_rule.duration' },
      { v: tfPath(b, 'life_cycle', 'duration'), name: 'retention_rule.life_cycle.duration' },
    ]),
  ];
  return longest(values.filter((x) => isSet(x.v)).map((x) => isoDays(x.v, r, x.name)), r);
}

const POLICY_TYPES = [
  'azurerm_data_protection_backup_policy_disk',
  'azurerm_data_protection_backup_policy_blob_storage',
  'azurerm_data_protection_backup_policy_postgresql_flexible_server',
  'azurerm_data_protection_backup_policy_mysql_flexible_server',
];

const terraformPolicies: LiftHandler = {
  types: POLICY_TYPES,
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const vaultRef = attr(r, 'vault_id');
    const p = backupPlan(r, ctx, terraformRetention(r), ctx.links.link(vaultRef, r, 'vault_id'));
    if (vaultRef?.kind === 'ref') {
      const vault = ctx.links.native(vaultRef.target);
      if (vault) p.region = azureBase(r, ctx, vault).region;
    }
    ctx.model.add(p);
  },
};

/** The attribute naming what each kind of backup instance protects. */
const SOURCES: Record<string, string> = {
  azurerm_data_protection_backup_instance_disk: 'disk_id',
  azurerm_data_protection_backup_instance_blob_storage: 'storage_account_id',
  azurerm_data_protection_backup_instance_postgresql_flexible_server: 'server_id',
  azurerm_data_protection_backup_instance_mysql_flexible_server: 'server_id',
};

const terraformInstances: LiftHandler = {
  types: Object.keys(SOURCES),
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const policyRef = attr(r, 'backup_policy_id');
    const policy = policyRef?.kind === 'ref' ? ctx.model.getOf(policyRef.target, 'backup-plan') : undefined;
    const source = SOURCES[r.type]!;
    protect(ctx, r, policy ?? unreadPolicy(ctx, r, policyRef, 'backup_policy_id', ctx.links.link(attr(r, 'vault_id'), r, 'vault_id')), attr(r, source), source);
  },
};

export const dataProtectionHandlers: LiftHandler[] = [armVaults, armPolicies, armInstances, terraformVaults, terraformPolicies, terraformInstances];

