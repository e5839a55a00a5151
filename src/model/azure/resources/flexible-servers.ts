// Azure Database for PostgreSQL / MySQL flexible servers -> DataStore
// 'postgresql-server' / 'mysql-server'.
// Defaults: no high availability; backups kept 7 days, locally redundant;
// data encrypted with service-managed keys unless `dataEncryption` names a
// Key Vault key; public network access is on unless the server is injected
// into a delegated subnet, and the public endpoint admits nothing without
// firewall rules; TLS is required (`require_secure_transport` ON) with a
// minimum of TLS 1.2 (`ssl_min_protocol_version` / `tls_version`), which
// server configuration resources may change. Only `ZoneRedundant` high
// availability spreads the standby across zones.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore, StoreType } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, numberFact } from '../../lift-values.js';
import { ancestorId } from './arm-ids.js';
import { armPath, attr, isSet, knownText, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { conditionalSetting } from './conditional-setting.js';
import { customerKey, keyReference } from './key-reference.js';
import { literalSecrets } from './literal-secret.js';
import { idByName, registerName } from './name-index.js';
import { enabledText } from './public-access.js';
import { pairedRegion } from './redundancy.js';
import { addFirewallRule, trackFirewall } from './server-firewall.js';
import { ARM, TERRAFORM } from './sources.js';
import { tlsVersionOf } from './tls.js';

const STORE_TYPES: Record<string, StoreType> = {
  'microsoft.dbforpostgresql/flexibleservers': 'postgresql-server',
  'microsoft.dbformysql/flexibleservers': 'mysql-server',
  azurerm_postgresql_flexible_server: 'postgresql-server',
  azurerm_mysql_flexible_server: 'mysql-server',
};

/** `ZoneRedundant` high availability; `SameZone` keeps the standby in the primary's zone. */
function zoneRedundant(mode: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  if (!isSet(mode)) return defaulted(false, r.loc);
  const text = knownText(mode);
  if (text === undefined) return unknownFact(causeOf(mode, r, name), mode.loc ?? r.loc);
  return fact(text.toLowerCase() === 'zoneredundant', mode.loc ?? r.loc);
}

/** Geo-redundant backups are copied to the paired region. */
function backupRegions(geo: Fact<boolean>, region: Fact<string>): Fact<string[]> {
  if (!geo.known) return geo;
  if (!geo.value) return { ...geo, value: [] };
  if (!region.known) return region;
  const pair = pairedRegion(region.value);
  return pair ? fact([pair], geo.loc) : unknownFact({ inputs: [], detail: `the paired region of ${region.value} is not known to kikan` }, geo.loc);
}

/** Public access: as written; else off when the server sits in a delegated subnet. */
function access(v: Value | undefined, subnet: Value | undefined, r: NativeResource, name: string, read: (v: Value) => Fact<boolean>): Fact<boolean> {
  if (isSet(v)) return read(v);
  return defaulted(!isSet(subnet), r.loc);
}

function server(r: NativeResource, ctx: LiftContext): DataStore {
  const s = newDataStore(r, ctx, STORE_TYPES[r.type.toLowerCase()]!);
  // Server parameters: secure transport required, TLS 1.2 at least.
  s.httpsOnly = defaulted(true, r.loc);
  s.minTlsVersion = defaulted('1.2', r.loc);
  return s;
}

const armServers: LiftHandler = {
  types: ['Microsoft.DBforPostgreSQL/flexibleServers', 'Microsoft.DBforMySQL/flexibleServers'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = server(r, ctx);
    const type = prop(r, 'dataEncryption', 'type');
    const key = prop(r, 'dataEncryption', 'primaryKeyURI') ?? prop(r, 'dataEncryption', 'primaryKeyUri');
    if (knownText(type)?.toLowerCase() === 'azurekeyvault' && key) s.encryption = customerKey(ctx, r, key, 'dataEncryption.primaryKeyURI');
    else if (isSet(type) && knownText(type) === undefined) s.encryption = unknownFact(causeOf(type, r, 'dataEncryption.type'), type.loc ?? r.loc);
    else s.encryption = defaulted({ mode: 'provider-managed' }, r.loc);
    s.multiZone = zoneRedundant(prop(r, 'highAvailability', 'mode'), r, 'highAvailability.mode');
    s.backupRetentionDays = numberFact(prop(r, 'backup', 'backupRetentionDays'), r, { name: 'backup.backupRetentionDays', default: 7 });
    s.replicationRegions = backupRegions(enabledText(prop(r, 'backup', 'geoRedundantBackup'), r, 'backup.geoRedundantBackup', false), s.region);
    const subnet = prop(r, 'network', 'delegatedSubnetResourceId');
    if (isSet(subnet)) s.subnets = fact([ctx.links.link(subnet, r, 'network.delegatedSubnetResourceId')], subnet.loc ?? r.loc);
    const secrets = literalSecrets(r, [{ v: prop(r, 'administratorLoginPassword'), name: 'administratorLoginPassword' }]);
    if (secrets) s.literalSecrets = secrets;
    trackFirewall(ctx, s, access(prop(r, 'network', 'publicNetworkAccess'), subnet, r, 'network.publicNetworkAccess', (v) => enabledText(v, r, 'network.publicNetworkAccess', true)));
    registerName(ctx, 'database-server', armPath(r.attrs, 'name'), r.key);
    ctx.model.add(s);
  },
};

const terraformServers: LiftHandler = {
  types: ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = server(r, ctx);
    const key = attr(r, 'customer_managed_key', 'key_vault_key_id');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'customer_managed_key.key_vault_key_id') : defaulted({ mode: 'provider-managed' }, r.loc);
    s.multiZone = zoneRedundant(attr(r, 'high_availability', 'mode'), r, 'high_availability.mode');
    s.backupRetentionDays = numberFact(attr(r, 'backup_retention_days'), r, { name: 'backup_retention_days', default: 7 });
    s.replicationRegions = backupRegions(boolFact(attr(r, 'geo_redundant_backup_enabled'), r, { name: 'geo_redundant_backup_enabled', default: false }), s.region);
    const subnet = attr(r, 'delegated_subnet_id');
    if (isSet(subnet)) s.subnets = fact([ctx.links.link(subnet, r, 'delegated_subnet_id')], subnet.loc ?? r.loc);
    const secrets = literalSecrets(r, [
      { v: attr(r, 'administrator_password'), name: 'administrator_password' },
      { v: attr(r, 'administrator_password_wo'), name: 'administrator_password_wo' },
    ]);
    if (secrets) s.literalSecrets = secrets;
    const mysql = r.type === 'azurerm_mysql_flexible_server';
    const name = mysql ? 'public_network_access' : 'public_network_access_enabled';
    trackFirewall(ctx, s, access(attr(r, name), subnet, r, name, (v) => (mysql ? enabledText(v, r, name, true) : boolFact(v, r, { name }))));
    registerName(ctx, 'database-server', attr(r, 'name'), r.key);
    ctx.model.add(s);
  },
};

/** The server a child names: ARM by ID, azurerm by `server_id` or by `server_name`. */
function parentServer(ctx: LiftContext, r: NativeResource): DataStore | undefined {
  let key: string | undefined;
  if (ARM.includes(r.source)) {
    const id = ancestorId(r, 1);
    key = id ? ctx.links.byIdentity(id)?.key : undefined;
  } else {
    const v = attr(r, 'server_id') ?? attr(r, 'server_name');
    if (v?.kind === 'ref') key = v.target;
    else if (v?.kind === 'known' && typeof v.value === 'string') key = ctx.links.byIdentity(v.value)?.key ?? idByName(ctx, 'database-server', v.value);
  }
  return key ? ctx.model.getOf(key, 'data-store') : undefined;
}

/** Server parameters that loosen transport security: `require_secure_transport`, the minimum TLS version. */
function applyConfiguration(s: DataStore, r: NativeResource, name: Value | undefined, value: Value | undefined): void {
  const param = knownText(name)?.split('/').pop()?.toLowerCase();
  if (param === 'require_secure_transport') {
    s.httpsOnly = !value || value.kind !== 'known' ? unknownFact(value ? causeOf(value, r, param) : { inputs: [], detail: `${param} has no value` }, value?.loc ?? r.loc) : fact(String(value.value).toUpperCase() === 'ON', value.loc ?? r.loc);
  } else if (param === 'ssl_min_protocol_version' || param === 'tls_version') {
    if (!value || value.kind !== 'known') {
      s.minTlsVersion = unknownFact(value ? causeOf(value, r, param) : { inputs: [], detail: `${param} has no value` }, value?.loc ?? r.loc);
      return;
    }
    // MySQL lists the versions allowed (`TLSv1.2,TLSv1.3`): the lowest is the minimum.
    const versions = String(value.value).split(',').map((t) => tlsVersionOf(t));
    const known = versions.filter((t): t is string => typeof t === 'string').sort();
    s.minTlsVersion = known.length === versions.length && known.length ? fact(known[0]!, value.loc ?? r.loc) : unknownFact({ inputs: [], detail: `${param} = ${String(value.value)} is not a TLS version` }, value.loc ?? r.loc);
  }
}

const configurations: LiftHandler = {
  types: [
    'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
    'Microsoft.DBforMySQL/flexibleServers/configurations',
    'azurerm_postgresql_flexible_server_configuration',
    'azurerm_mysql_flexible_server_configuration',
  ],
  sources: [...ARM, ...TERRAFORM],
  pass: 'amend',
  lift(r, ctx) {
    const s = parentServer(ctx, r);
    if (!s) return;
    const { httpsOnly, minTlsVersion } = s;
    if (ARM.includes(r.source)) applyConfiguration(s, r, armPath(r.attrs, 'name'), prop(r, 'value'));
    else applyConfiguration(s, r, attr(r, 'name'), attr(r, 'value'));
    if (s.httpsOnly && s.httpsOnly !== httpsOnly) s.httpsOnly = conditionalSetting(r, httpsOnly, s.httpsOnly);
    if (s.minTlsVersion && s.minTlsVersion !== minTlsVersion) s.minTlsVersion = conditionalSetting(r, minTlsVersion, s.minTlsVersion);
  },
};

const firewallRules: LiftHandler = {
  types: [
    'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules',
    'Microsoft.DBforMySQL/flexibleServers/firewallRules',
    'azurerm_postgresql_flexible_server_firewall_rule',
    'azurerm_mysql_flexible_server_firewall_rule',
  ],
  sources: [...ARM, ...TERRAFORM],
  pass: 'amend',
  lift(r, ctx) {
    const s = parentServer(ctx, r);
    if (ARM.includes(r.source)) addFirewallRule(s, r, prop(r, 'startIpAddress'), prop(r, 'endIpAddress'));
    else addFirewallRule(s, r, attr(r, 'start_ip_address'), attr(r, 'end_ip_address'));
  },
};

export const flexibleServerHandlers: LiftHandler[] = [armServers, terraformServers, configurations, firewallRules];
