// Azure Managed Redis and Azure Cache for Redis Enterprise (one resource
// type, Microsoft.Cache/redisEnterprise; azurerm_redis_enterprise_cluster and
// its successor azurerm_managed_redis) -> DataStore 'redis-enterprise'.
// Defaults from the API reference: Microsoft-managed keys unless
// `customerManagedKeyEncryption` names a key; minimum TLS 1.2 (1.0 and 1.1 can
// no longer be used); high availability on; clients must use TLS
// (`clientProtocol` Encrypted) unless a database says Plaintext.
// Public network access: azurerm_managed_redis defaults to Enabled; the ARM
// property only exists since API 2025-07-01 (older clusters return null),
// so an ARM cluster without it, and azurerm_redis_enterprise_cluster, which
// cannot set it, stay unknown.
// Zones: a cluster written with two or more zones spreads across them; with
// high availability off, or with one zone, it does not. The Enterprise and
// Enterprise Flash SKUs are zonal only when zones are given; the Managed
// Redis SKUs (Balanced, MemoryOptimized, ComputeOptimized, FlashOptimized)
// with high availability are zone redundant in a region with availability
// zones (see zoned-regions.ts).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, stringListFact } from '../../lift-values.js';
import { armPath, attr, isSet, knownText, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { conditionalSetting } from './conditional-setting.js';
import { keyReference } from './key-reference.js';
import { enabledText } from './public-access.js';
import { ARM, TERRAFORM } from './sources.js';
import { armAncestorStore, referencedStore } from './store-lookup.js';
import { tlsFact } from './tls.js';
import { zonedWhereAvailable } from './zoned-regions.js';

const MANAGED_SKU = /^(balanced|memoryoptimized|computeoptimized|flashoptimized)_/i;
const ENTERPRISE_SKU = /^enterprise(flash)?_/i;

interface Placement {
  zones: Value | undefined;
  /** High availability as written (`Enabled`/`Disabled`, or azurerm's bool already read). */
  highAvailability: Fact<boolean>;
  sku: Value | undefined;
  skuName: string;
  /** Live reads: `redundancyMode` (`ZR`, `LR`, `None`), what the service says it did. */
  redundancyMode?: Value | undefined;
}

function zoneRedundancy(p: Placement, s: DataStore, r: NativeResource): Fact<boolean> {
  const mode = knownText(p.redundancyMode)?.toUpperCase();
  if (mode === 'ZR') return fact(true, p.redundancyMode?.loc ?? r.loc);
  if (mode === 'LR' || mode === 'NONE') return fact(false, p.redundancyMode?.loc ?? r.loc);
  if (!p.highAvailability.known) return p.highAvailability;
  // Without high availability the data set has one copy: no zone can fail over.
  if (!p.highAvailability.value) return { ...p.highAvailability, value: false };
  if (isSet(p.zones)) {
    const z = stringListFact(p.zones, r, { name: 'zones' });
    if (!z.known) return z;
    if (z.value.length > 0) return fact(z.value.length >= 2, z.loc);
  }
  const sku = knownText(p.sku);
  if (sku === undefined) return unknownFact(p.sku ? causeOf(p.sku, r, p.skuName) : { inputs: [], detail: `${p.skuName} is not set in ${r.address}` }, p.sku?.loc ?? r.loc);
  if (ENTERPRISE_SKU.test(sku)) return defaulted(false, p.zones?.loc ?? r.loc);
  if (!MANAGED_SKU.test(sku)) return unknownFact({ inputs: [], detail: `${p.skuName} = ${sku} is not a Redis Enterprise or Managed Redis SKU kikan knows` }, p.sku?.loc ?? r.loc);
  return zonedWhereAvailable(s.region, r, 'zones', p.sku?.loc, false);
}

/** Clients must use TLS unless the database accepts plaintext. */
function tlsOnly(protocol: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  if (!isSet(protocol)) return defaulted(true, r.loc);
  const text = knownText(protocol);
  if (text === undefined) return unknownFact(causeOf(protocol, r, name), protocol.loc ?? r.loc);
  const t = text.toLowerCase();
  if (t === 'encrypted') return fact(true, protocol.loc ?? r.loc);
  if (t === 'plaintext') return fact(false, protocol.loc ?? r.loc);
  return unknownFact({ inputs: [], detail: `${name} = ${JSON.stringify(text)} is not Encrypted or Plaintext` }, protocol.loc ?? r.loc);
}

const armClusters: LiftHandler = {
  types: ['Microsoft.Cache/redisEnterprise'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'redis-enterprise');
    const key = prop(r, 'encryption', 'customerManagedKeyEncryption', 'keyEncryptionKeyUrl');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'keyEncryptionKeyUrl') : defaulted({ mode: 'provider-managed' }, r.loc);
    s.minTlsVersion = tlsFact(prop(r, 'minimumTlsVersion'), r, 'minimumTlsVersion', '1.2');
    const access = prop(r, 'publicNetworkAccess');
    s.publiclyAccessible = isSet(access)
      ? enabledText(access, r, 'publicNetworkAccess', true)
      : unknownFact({ inputs: ['publicNetworkAccess'], detail: `${r.address} does not set publicNetworkAccess (API 2025-07-01 and later), so whether its endpoint is public is not known` }, r.loc);
    s.multiZone = zoneRedundancy(
      {
        zones: armPath(r.attrs, 'zones'),
        highAvailability: enabledText(prop(r, 'highAvailability'), r, 'highAvailability', true),
        sku: armPath(r.attrs, 'sku', 'name'),
        skuName: 'sku.name',
        redundancyMode: prop(r, 'redundancyMode'),
      },
      s,
      r,
    );
    ctx.model.add(s);
  },
};

/**
 * A database that exists only under an unresolved condition: a cluster
 * without a database serves no one, so an Encrypted-only database is TLS only
 * either way; a Plaintext one is unknown on the condition.
 */
function databaseProtocol(s: DataStore, r: NativeResource, protocol: Fact<boolean>): Fact<boolean> {
  if (!s.httpsOnly && protocol.known && protocol.value) return protocol;
  return conditionalSetting(r, s.httpsOnly, protocol);
}

const armDatabases: LiftHandler = {
  types: ['Microsoft.Cache/redisEnterprise/databases'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    const s = armAncestorStore(ctx, r, 1, 'redis-enterprise');
    if (s) s.httpsOnly = databaseProtocol(s, r, tlsOnly(prop(r, 'clientProtocol'), r, 'clientProtocol'));
  },
};

const terraformClusters: LiftHandler = {
  types: ['azurerm_redis_enterprise_cluster'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'redis-enterprise');
    // This resource has no customer-key setting.
    s.encryption = defaulted({ mode: 'provider-managed' }, r.loc);
    s.minTlsVersion = tlsFact(attr(r, 'minimum_tls_version'), r, 'minimum_tls_version', '1.2');
    s.publiclyAccessible = unknownFact(
      { inputs: [`${r.address} public network access`], detail: 'azurerm_redis_enterprise_cluster cannot set public network access (azurerm_managed_redis can)' },
      r.loc,
    );
    // `Enterprise_E10-2`: the SKU name before the capacity.
    const sku = attr(r, 'sku_name');
    const skuName: Value | undefined = sku?.kind === 'known' && typeof sku.value === 'string' ? { ...sku, value: sku.value.split('-')[0]! } : sku;
    s.multiZone = zoneRedundancy({ zones: attr(r, 'zones'), highAvailability: defaulted(true, r.loc), sku: skuName, skuName: 'sku_name' }, s, r);
    ctx.model.add(s);
  },
};

const terraformDatabases: LiftHandler = {
  types: ['azurerm_redis_enterprise_database'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = referencedStore(ctx, attr(r, 'cluster_id'), 'redis-enterprise');
    if (s) s.httpsOnly = databaseProtocol(s, r, tlsOnly(attr(r, 'client_protocol'), r, 'client_protocol'));
  },
};

const terraformManagedRedis: LiftHandler = {
  types: ['azurerm_managed_redis'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'redis-enterprise');
    const key = attr(r, 'customer_managed_key', 'key_vault_key_id');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'customer_managed_key.key_vault_key_id') : defaulted({ mode: 'provider-managed' }, r.loc);
    s.minTlsVersion = defaulted('1.2', r.loc);
    s.publiclyAccessible = enabledText(attr(r, 'public_network_access'), r, 'public_network_access', true);
    s.multiZone = zoneRedundancy(
      {
        zones: undefined,
        highAvailability: boolFact(attr(r, 'high_availability_enabled'), r, { name: 'high_availability_enabled', default: true }),
        sku: attr(r, 'sku_name'),
        skuName: 'sku_name',
      },
      s,
      r,
    );
    if (isSet(attr(r, 'default_database'))) s.httpsOnly = tlsOnly(attr(r, 'default_database', 'client_protocol'), r, 'default_database.client_protocol');
    ctx.model.add(s);
  },
};

export const redisEnterpriseHandlers: LiftHandler[] = [armClusters, armDatabases, terraformClusters, terraformDatabases, terraformManagedRedis];
