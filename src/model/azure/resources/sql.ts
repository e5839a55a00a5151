// Azure SQL logical servers -> DataStore 'sql-server'; databases ->
// DataStore 'sql-database' (parent: the server).
// Defaults: TDE with a service-managed key (the server's encryption
// protector names a Key Vault key only when `serverKeyType` is
// `AzureKeyVault`); public network access enabled, but the public endpoint
// admits nothing without firewall rules; databases are not zone redundant
// (in an elastic pool, the pool decides) and keep point-in-time backups 7
// days; auditing is off (and to Azure Monitor or Event Hub it needs a
// diagnostic setting besides). An absent minimal TLS version used to mean "no
// minimum"; Azure SQL removed that setting for new servers on 2026-07-15 and
// treats a blank value as 1.2 (azurerm's default is 1.2 as well).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore, Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, numberFact } from '../../lift-values.js';
import { ancestorId, parentLink } from './arm-ids.js';
import { armPath, attr, isSet, knownText, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { later } from './deferred.js';
import { customerKey, keyReference } from './key-reference.js';
import { literalSecrets } from './literal-secret.js';
import { registerName } from './name-index.js';
import { enabledText } from './public-access.js';
import { addFirewallRule, shareExposure, trackFirewall } from './server-firewall.js';
import { conditionalSetting } from './conditional-setting.js';
import { ARM, TERRAFORM } from './sources.js';
import { tlsFact } from './tls.js';

const SERVICE_MANAGED = (r: NativeResource): Fact<Encryption> => defaulted({ mode: 'provider-managed' }, r.loc);

function storeOf(ctx: LiftContext, key: string | undefined): DataStore | undefined {
  return key ? ctx.model.getOf(key, 'data-store') : undefined;
}

/** An ARM child's ancestor store (`levels` up). */
function armAncestor(ctx: LiftContext, r: NativeResource, levels: number): DataStore | undefined {
  const id = ancestorId(r, levels);
  return storeOf(ctx, id ? ctx.links.byIdentity(id)?.key : undefined);
}

/** The store an azurerm attribute names by reference or ID. */
function terraformTarget(ctx: LiftContext, v: Value | undefined): DataStore | undefined {
  if (v?.kind === 'ref') return storeOf(ctx, v.target);
  if (v?.kind === 'known' && typeof v.value === 'string') return storeOf(ctx, ctx.links.byIdentity(v.value)?.key);
  return undefined;
}

/** Databases take the server's exposure once their server is linked. */
function shareServerExposure(ctx: LiftContext, db: DataStore): void {
  later(
    ctx,
    () => {
      const server = db.parent?.known ? ctx.model.getOf(db.parent.value, 'data-store') : undefined;
      if (server) shareExposure(server, db);
      else if (db.parent && !db.parent.known) db.publiclyAccessible = db.parent;
    },
    'derive',
  );
}

/**
 * A database in an elastic pool is as zone redundant as its pool, whatever
 * the database itself says; a pool outside the scan leaves it unknown.
 */
function zoneRedundancy(ctx: LiftContext, r: NativeResource, own: Fact<boolean>, pool: Value | undefined, poolName: string, poolSetting: (p: NativeResource) => [Value | undefined, string]): Fact<boolean> {
  if (!isSet(pool)) return own;
  const link = ctx.links.link(pool, r, poolName);
  const native = link.known ? ctx.links.native(link.value) : undefined;
  if (!native) return link.known ? unknownFact({ inputs: [link.value], detail: `the elastic pool of ${r.address} is not in the scanned inputs` }, link.loc) : link;
  const [v, name] = poolSetting(native);
  return boolFact(v, native, { name, default: false });
}

const armServers: LiftHandler = {
  types: ['Microsoft.Sql/servers'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'sql-server');
    s.encryption = SERVICE_MANAGED(r);
    s.minTlsVersion = tlsFact(prop(r, 'minimalTlsVersion'), r, 'minimalTlsVersion', '1.2');
    s.accessLogging = defaulted(false, r.loc);
    const secrets = literalSecrets(r, [{ v: prop(r, 'administratorLoginPassword'), name: 'administratorLoginPassword' }]);
    if (secrets) s.literalSecrets = secrets;
    trackFirewall(ctx, s, enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true));
    registerName(ctx, 'database-server', armPath(r.attrs, 'name'), r.key);
    ctx.model.add(s);
  },
};

const armDatabases: LiftHandler = {
  types: ['Microsoft.Sql/servers/databases'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const parent = parentLink(ctx, r, 1, 'server');
    const d = newDataStore(r, ctx, 'sql-database', parent.known ? ctx.links.native(parent.value) : undefined);
    d.parent = parent;
    d.multiZone = zoneRedundancy(ctx, r, boolFact(prop(r, 'zoneRedundant'), r, { name: 'zoneRedundant', default: false }), prop(r, 'elasticPoolId'), 'elasticPoolId', (p) => [
      prop(p, 'zoneRedundant'),
      'zoneRedundant',
    ]);
    d.backupRetentionDays = defaulted(7, r.loc);
    d.accessLogging = defaulted(false, r.loc);
    // A database-level key (API 2022-05-01-preview and later) overrides the server's protector.
    const own = prop(r, 'encryptionProtector');
    if (isSet(own)) d.encryption = keyReference(ctx, r, own, 'encryptionProtector');
    shareServerExposure(ctx, d);
    ctx.model.add(d);
  },
};

/** `serverKeyName` is `<vault>_<key>_<version>` for Key Vault keys. */
function protectorKey(ctx: LiftContext, r: NativeResource, keyName: Value | undefined): Fact<Encryption> {
  const text = knownText(keyName);
  if (text === undefined) return unknownFact(keyName ? causeOf(keyName, r, 'serverKeyName') : { inputs: [], detail: `${r.address} names no key` }, keyName?.loc ?? r.loc);
  const serverId = ancestorId(r, 1);
  const keyResource = serverId ? ctx.links.byIdentity(`${serverId}/keys/${text}`) : undefined;
  const uri = keyResource ? prop(keyResource, 'uri') : undefined;
  if (keyResource && uri) return customerKey(ctx, keyResource, uri, 'uri');
  const [vault, key] = text.split('_');
  const named = { kind: 'known' as const, value: `https://${vault}.vault.azure.net/keys/${key}`, ...(keyName?.loc ? { loc: keyName.loc } : {}) };
  return customerKey(ctx, r, named, 'serverKeyName');
}

const armEncryptionProtectors: LiftHandler = {
  // A managed instance's protector names its keys the same way.
  types: ['Microsoft.Sql/servers/encryptionProtector', 'Microsoft.Sql/managedInstances/encryptionProtector'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAncestor(ctx, r, 1);
    if (!s) return;
    const type = prop(r, 'serverKeyType');
    const text = knownText(type);
    let protector: Fact<Encryption>;
    if (text === undefined) protector = isSet(type) ? unknownFact(causeOf(type, r, 'serverKeyType'), type.loc ?? r.loc) : SERVICE_MANAGED(r);
    else if (text.toLowerCase() === 'azurekeyvault') protector = { ...protectorKey(ctx, r, prop(r, 'serverKeyName')), loc: type?.loc ?? r.loc };
    else protector = fact({ mode: 'provider-managed' }, type?.loc ?? r.loc);
    s.encryption = conditionalSetting(r, s.encryption, protector);
  },
};

const armShortTermRetention: LiftHandler = {
  types: ['Microsoft.Sql/servers/databases/backupShortTermRetentionPolicies'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const d = armAncestor(ctx, r, 1);
    if (d) d.backupRetentionDays = conditionalSetting(r, d.backupRetentionDays, numberFact(prop(r, 'retentionDays'), r, { name: 'retentionDays', default: 7 }));
  },
};

const armTransparentDataEncryption: LiftHandler = {
  types: ['Microsoft.Sql/servers/databases/transparentDataEncryption'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const d = armAncestor(ctx, r, 1);
    const state = prop(r, 'state') ?? prop(r, 'status');
    if (!d || !isSet(state)) return;
    const on = enabledText(state, r, 'state', true);
    // Turning TDE off leaves the database unencrypted whatever the server's protector is.
    if (!on.known) d.encryption = on;
    else if (!on.value) d.encryption = conditionalSetting(r, d.encryption, fact<Encryption>({ mode: 'none' }, on.loc));
  },
};

/**
 * Auditing written to a storage account is a log destination of its own;
 * auditing to Azure Monitor or Event Hub only arrives through a diagnostic
 * setting (`SQLSecurityAuditEvents`, on `master` for a server), so it counts
 * when such a setting on the store sends logs somewhere.
 */
function auditing(ctx: LiftContext, r: NativeResource, s: DataStore, enabled: Fact<boolean>, storage: Value | undefined): void {
  // A policy that may not be created turns nothing on for sure.
  const on = r.conditional && enabled.known && enabled.value ? unknownFact(r.conditional, r.loc) : enabled;
  if (isSet(storage) || (on.known && !on.value)) {
    s.accessLogging = on;
    return;
  }
  for (const d of ctx.model.all('log-setting')) {
    if (d.settingType !== 'diagnostic-setting' || !d.target.known || d.target.value !== s.id) continue;
    if (!d.enabled.known) s.accessLogging = d.enabled;
    else if (d.enabled.value && d.destinations.known && d.destinations.value.length > 0) {
      s.accessLogging = on;
      return;
    }
  }
}

const armAuditing: LiftHandler = {
  types: ['Microsoft.Sql/servers/auditingSettings', 'Microsoft.Sql/servers/extendedAuditingSettings', 'Microsoft.Sql/servers/databases/auditingSettings'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAncestor(ctx, r, 1);
    if (s) auditing(ctx, r, s, enabledText(prop(r, 'state'), r, 'state', false), prop(r, 'storageEndpoint'));
  },
};

const armFirewallRules: LiftHandler = {
  types: ['Microsoft.Sql/servers/firewallRules', 'Microsoft.Sql/servers/ipv6FirewallRules'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const v6 = r.type.toLowerCase().endsWith('/ipv6firewallrules');
    addFirewallRule(armAncestor(ctx, r, 1), r, prop(r, v6 ? 'startIPv6Address' : 'startIpAddress'), prop(r, v6 ? 'endIPv6Address' : 'endIpAddress'));
  },
};

const terraformServers: LiftHandler = {
  types: ['azurerm_mssql_server'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'sql-server');
    const key = attr(r, 'transparent_data_encryption_key_vault_key_id');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'transparent_data_encryption_key_vault_key_id') : SERVICE_MANAGED(r);
    s.minTlsVersion = tlsFact(attr(r, 'minimum_tls_version'), r, 'minimum_tls_version', '1.2');
    s.accessLogging = defaulted(false, r.loc);
    const secrets = literalSecrets(r, [
      { v: attr(r, 'administrator_login_password'), name: 'administrator_login_password' },
      { v: attr(r, 'administrator_login_password_wo'), name: 'administrator_login_password_wo' },
    ]);
    if (secrets) s.literalSecrets = secrets;
    trackFirewall(ctx, s, boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true }));
    registerName(ctx, 'database-server', attr(r, 'name'), r.key);
    ctx.model.add(s);
  },
};

const terraformDatabases: LiftHandler = {
  types: ['azurerm_mssql_database'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const serverRef = attr(r, 'server_id');
    const server = serverRef?.kind === 'ref' ? ctx.links.native(serverRef.target) : undefined;
    const d = newDataStore(r, ctx, 'sql-database', server);
    d.parent = ctx.links.link(serverRef, r, 'server_id');
    d.multiZone = zoneRedundancy(ctx, r, boolFact(attr(r, 'zone_redundant'), r, { name: 'zone_redundant', default: false }), attr(r, 'elastic_pool_id'), 'elastic_pool_id', (p) => [
      attr(p, 'zone_redundant'),
      'zone_redundant',
    ]);
    d.backupRetentionDays = numberFact(attr(r, 'short_term_retention_policy', 'retention_days'), r, { name: 'short_term_retention_policy.retention_days', default: 7 });
    d.accessLogging = defaulted(false, r.loc);
    const tde = boolFact(attr(r, 'transparent_data_encryption_enabled'), r, { name: 'transparent_data_encryption_enabled', default: true });
    const key = attr(r, 'transparent_data_encryption_key_vault_key_id');
    if (!tde.known) d.encryption = tde;
    else if (!tde.value) d.encryption = fact({ mode: 'none' }, tde.loc);
    else if (isSet(key)) d.encryption = keyReference(ctx, r, key, 'transparent_data_encryption_key_vault_key_id');
    shareServerExposure(ctx, d);
    ctx.model.add(d);
  },
};

const terraformTransparentDataEncryption: LiftHandler = {
  types: ['azurerm_mssql_server_transparent_data_encryption'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = terraformTarget(ctx, attr(r, 'server_id'));
    if (!s) return;
    const key = attr(r, 'key_vault_key_id') ?? attr(r, 'managed_hsm_key_id');
    s.encryption = conditionalSetting(r, s.encryption, isSet(key) ? keyReference(ctx, r, key, 'key_vault_key_id') : fact<Encryption>({ mode: 'provider-managed' }, r.loc));
  },
};

const terraformAuditing: LiftHandler = {
  types: ['azurerm_mssql_server_extended_auditing_policy', 'azurerm_mssql_database_extended_auditing_policy'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = terraformTarget(ctx, attr(r, 'server_id') ?? attr(r, 'database_id'));
    if (s) auditing(ctx, r, s, boolFact(attr(r, 'enabled'), r, { name: 'enabled', default: true }), attr(r, 'storage_endpoint'));
  },
};

const terraformFirewallRules: LiftHandler = {
  types: ['azurerm_mssql_firewall_rule'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    addFirewallRule(terraformTarget(ctx, attr(r, 'server_id')), r, attr(r, 'start_ip_address'), attr(r, 'end_ip_address'));
  },
};

export const sqlHandlers: LiftHandler[] = [
  armServers,
  armDatabases,
  armEncryptionProtectors,
  armShortTermRetention,
  armTransparentDataEncryption,
  armAuditing,
  armFirewallRules,
  terraformServers,
  terraformDatabases,
  terraformTransparentDataEncryption,
  terraformAuditing,
  terraformFirewallRules,
];
