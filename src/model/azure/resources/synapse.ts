// Azure Synapse Analytics workspaces -> DataStore 'synapse-workspace';
// dedicated SQL pools -> DataStore 'synapse-sql-pool' (parent: the workspace).
// Workspace defaults: data encrypted with Microsoft-managed keys unless the
// workspace key (`encryption.cmk.key.keyVaultUrl`, azurerm
// `customer_managed_key`) names a Key Vault key, which then also protects
// the dedicated SQL pools' transparent data encryption; public network
// access Enabled, but the SQL endpoints admit nothing until firewall rules
// (child resources) admit addresses, as for Azure SQL. The minimum TLS
// version of the dedicated SQL endpoint is a child setting
// (`dedicatedSQLminimalTlsSettings`) whose default the API reference does
// not give, and azurerm cannot set it: without it the version is unknown.
// Pools: restore points kept 7 days (documented, not configurable); whether
// TDE is on is a child setting (`transparentDataEncryption`, azurerm
// `data_encrypted`) whose default is not documented either, so a pool that
// does not say is unknown; backups stored geo-redundantly (`GRS`, azurerm
// 3.x's default) are also kept in the paired region. The API offers no
// zone-redundancy setting. SQL auditing (workspace-level settings cover the
// dedicated SQL pools) records data access like Azure SQL auditing; only
// auditing written to a storage account is a log destination of its own,
// auditing to Azure Monitor arrives through a diagnostic setting.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore, Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf } from '../../lift-values.js';
import { parentLink } from './arm-ids.js';
import { attr, isSet, knownText, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { conditionalSetting } from './conditional-setting.js';
import { later } from './deferred.js';
import { keyReference } from './key-reference.js';
import { literalSecrets } from './literal-secret.js';
import { enabledText } from './public-access.js';
import { pairedRegion } from './redundancy.js';
import { addFirewallRule, trackFirewall } from './server-firewall.js';
import { ARM, TERRAFORM } from './sources.js';
import { armAncestorStore, referencedStore } from './store-lookup.js';
import { tlsFact } from './tls.js';

const RESTORE_POINT_DAYS = 7;

/**
 * Where the pool's backups are kept besides its own region: the paired
 * region for `GRS`. `platform` is the documented default, when there is one
 * (azurerm 3.x: GRS; the ARM reference gives none).
 */
function backupRegions(type: Value | undefined, s: DataStore, r: NativeResource, name: string, platform?: string): Fact<string[]> {
  let text: string | undefined;
  if (isSet(type)) {
    text = knownText(type);
    if (text === undefined) return unknownFact(causeOf(type, r, name), type.loc ?? r.loc);
  } else if (platform === undefined) return unknownFact({ inputs: [name], detail: `${r.address} does not say where its backups are stored (${name})` }, r.loc);
  const loc = type?.loc ?? r.loc;
  const at = (v: string[]): Fact<string[]> => (text === undefined ? defaulted(v, loc) : fact(v, loc));
  if ((text ?? platform!).toUpperCase() !== 'GRS') return at([]);
  if (!s.region.known) return s.region;
  const pair = pairedRegion(s.region.value);
  return pair ? at([pair]) : unknownFact({ inputs: [], detail: `the paired region of ${s.region.value} is not known to kikan` }, loc);
}

/**
 * A pool's data: with TDE on, encrypted as its workspace says (the workspace
 * key protects TDE); with TDE off, not encrypted by TDE at all. Decided once
 * TDE settings and workspace keys are all read.
 */
function poolEncryption(ctx: LiftContext, pool: DataStore, tdeOf: () => Fact<boolean>): void {
  later(
    ctx,
    () => {
      const tde = tdeOf();
      if (!tde.known) pool.encryption = tde;
      else if (!tde.value) pool.encryption = fact<Encryption>({ mode: 'none' }, tde.loc);
      else {
        const parent = pool.parent;
        const workspace = parent?.known ? ctx.model.getOf(parent.value, 'data-store') : undefined;
        if (workspace?.encryption) pool.encryption = workspace.encryption;
        else if (parent && !parent.known) pool.encryption = parent;
        else pool.encryption = unknownFact({ inputs: [parent?.known ? parent.value : pool.address], detail: `the workspace of ${pool.address} is not in the scanned inputs` }, pool.loc);
      }
    },
    'derive',
  );
}

/** TDE as a child resource says it; a pool without one is unknown. */
const poolTde = new WeakMap<DataStore, Fact<boolean>>();

function tdeUnset(r: NativeResource, name: string): Fact<boolean> {
  return unknownFact({ inputs: [name], detail: `${r.address} does not say whether transparent data encryption is on (${name}), and its default is not documented` }, r.loc);
}

const armWorkspaces: LiftHandler = {
  types: ['Microsoft.Synapse/workspaces'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'synapse-workspace');
    const key = prop(r, 'encryption', 'cmk', 'key', 'keyVaultUrl');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'encryption.cmk.key.keyVaultUrl') : defaulted({ mode: 'provider-managed' }, r.loc);
    s.minTlsVersion = unknownFact(
      { inputs: [`${r.address}/dedicatedSQLminimalTlsSettings`], detail: `${r.address} has no dedicatedSQLminimalTlsSettings, and the default minimum TLS version is not documented` },
      r.loc,
    );
    const secrets = literalSecrets(r, [{ v: prop(r, 'sqlAdministratorLoginPassword'), name: 'sqlAdministratorLoginPassword' }]);
    if (secrets) s.literalSecrets = secrets;
    trackFirewall(ctx, s, enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true));
    ctx.model.add(s);
  },
};

const armMinimalTls: LiftHandler = {
  types: ['Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAncestorStore(ctx, r, 1, 'synapse-workspace');
    if (s) s.minTlsVersion = conditionalSetting(r, s.minTlsVersion, tlsFact(prop(r, 'minimalTlsVersion'), r, 'minimalTlsVersion', null));
  },
};

const armFirewallRules: LiftHandler = {
  types: ['Microsoft.Synapse/workspaces/firewallRules'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    addFirewallRule(armAncestorStore(ctx, r, 1, 'synapse-workspace'), r, prop(r, 'startIpAddress'), prop(r, 'endIpAddress'));
  },
};

const armPools: LiftHandler = {
  types: ['Microsoft.Synapse/workspaces/sqlPools'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const parent = parentLink(ctx, r, 1, 'workspace');
    const d = newDataStore(r, ctx, 'synapse-sql-pool', parent.known ? ctx.links.native(parent.value) : undefined);
    d.parent = parent;
    d.backupRetentionDays = defaulted(RESTORE_POINT_DAYS, r.loc);
    d.replicationRegions = backupRegions(prop(r, 'storageAccountType'), d, r, 'storageAccountType');
    poolTde.set(d, tdeUnset(r, `${r.address}/transparentDataEncryption`));
    poolEncryption(ctx, d, () => poolTde.get(d)!);
    ctx.model.add(d);
  },
};

const armPoolTde: LiftHandler = {
  types: ['Microsoft.Synapse/workspaces/sqlPools/transparentDataEncryption'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const d = armAncestorStore(ctx, r, 1, 'synapse-sql-pool');
    const status = prop(r, 'status') ?? prop(r, 'state');
    if (d) poolTde.set(d, conditionalSetting(r, poolTde.get(d), isSet(status) ? enabledText(status, r, 'status', false) : tdeUnset(r, 'status')));
  },
};

/**
 * Auditing written to a storage account is a log destination of the
 * workspace or pool; auditing that may go elsewhere only (Azure Monitor,
 * through a diagnostic setting) says nothing here, turned off it says off.
 * A setting that may not be deployed turns nothing on for sure.
 */
function auditing(s: DataStore | undefined, r: NativeResource, on: Fact<boolean>, storage: Value | undefined): void {
  if (!s || (!isSet(storage) && !(on.known && !on.value))) return;
  s.accessLogging = r.conditional && on.known && on.value ? unknownFact(r.conditional, r.loc) : on;
}

const armAuditing: LiftHandler = {
  types: [
    'Microsoft.Synapse/workspaces/auditingSettings',
    'Microsoft.Synapse/workspaces/extendedAuditingSettings',
    'Microsoft.Synapse/workspaces/sqlPools/auditingSettings',
    'Microsoft.Synapse/workspaces/sqlPools/extendedAuditingSettings',
  ],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAncestorStore(ctx, r, 1, r.type.includes('/sqlPools/') ? 'synapse-sql-pool' : 'synapse-workspace');
    auditing(s, r, enabledText(prop(r, 'state'), r, 'state', false), prop(r, 'storageEndpoint'));
  },
};

const terraformAuditing: LiftHandler = {
  types: ['azurerm_synapse_workspace_extended_auditing_policy', 'azurerm_synapse_sql_pool_extended_auditing_policy'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s =
      r.type === 'azurerm_synapse_sql_pool_extended_auditing_policy'
        ? referencedStore(ctx, attr(r, 'sql_pool_id'), 'synapse-sql-pool')
        : referencedStore(ctx, attr(r, 'synapse_workspace_id'), 'synapse-workspace');
    auditing(s, r, boolFact(attr(r, 'enabled'), r, { name: 'enabled', default: true }), attr(r, 'storage_endpoint'));
  },
};

const terraformWorkspaces: LiftHandler = {
  types: ['azurerm_synapse_workspace'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'synapse-workspace');
    const key = attr(r, 'customer_managed_key', 'key_versionless_id');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'customer_managed_key.key_versionless_id') : defaulted({ mode: 'provider-managed' }, r.loc);
    s.minTlsVersion = unknownFact(
      { inputs: [`${r.address} dedicatedSQLminimalTlsSettings`], detail: 'azurerm_synapse_workspace cannot set the minimum TLS version of the dedicated SQL endpoint, and its default is not documented' },
      r.loc,
    );
    const secrets = literalSecrets(r, [{ v: attr(r, 'sql_administrator_login_password'), name: 'sql_administrator_login_password' }]);
    if (secrets) s.literalSecrets = secrets;
    trackFirewall(ctx, s, boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true }));
    ctx.model.add(s);
  },
};

const terraformFirewallRules: LiftHandler = {
  types: ['azurerm_synapse_firewall_rule'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    addFirewallRule(referencedStore(ctx, attr(r, 'synapse_workspace_id'), 'synapse-workspace'), r, attr(r, 'start_ip_address'), attr(r, 'end_ip_address'));
  },
};

const terraformPools: LiftHandler = {
  types: ['azurerm_synapse_sql_pool'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const ref = attr(r, 'synapse_workspace_id');
    const workspace = ref?.kind === 'ref' ? ctx.links.native(ref.target) : undefined;
    const d = newDataStore(r, ctx, 'synapse-sql-pool', workspace);
    d.parent = ctx.links.link(ref, r, 'synapse_workspace_id');
    d.backupRetentionDays = defaulted(RESTORE_POINT_DAYS, r.loc);
    d.replicationRegions = backupRegions(attr(r, 'storage_account_type'), d, r, 'storage_account_type', 'GRS');
    const tde = attr(r, 'data_encrypted');
    const on = isSet(tde) ? boolFact(tde, r, { name: 'data_encrypted' }) : tdeUnset(r, 'data_encrypted');
    poolEncryption(ctx, d, () => on);
    ctx.model.add(d);
  },
};

export const synapseHandlers: LiftHandler[] = [
  armWorkspaces,
  armMinimalTls,
  armFirewallRules,
  armPools,
  armPoolTde,
  armAuditing,
  terraformWorkspaces,
  terraformFirewallRules,
  terraformPools,
  terraformAuditing,
];
