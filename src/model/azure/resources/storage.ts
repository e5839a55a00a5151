// Storage accounts -> DataStore 'storage-account'.
// ARM defaults (azure-rest-api-specs, Microsoft.Storage storage.json):
// `allowBlobPublicAccess` is read as true before API version 2023-01-01 and
// as false from it; `supportsHttpsTrafficOnly` is true from 2019-04-01;
// encryption uses Microsoft-managed keys (`keySource: Microsoft.Storage`);
// public network access is on and the firewall allows by default. The spec
// still calls TLS 1.0 the default minimum, but Azure Storage has refused TLS
// 1.0/1.1 on every account since 2026-02-03, so an absent minimum is 1.2.
// azurerm defaults: `https_traffic_only_enabled` true, `min_tls_version`
// TLS1_2, `public_network_access_enabled` true; `allow_nested_items_to_be_public`
// was true up to provider 4.x and is false from 5.0, so when it is absent the
// answer depends on the provider version and stays unknown unless the
// `required_providers` constraints settle it.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf } from '../../lift-values.js';
import { apiAtLeast, armPath, attr, isSet, knownText, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { customerKey, keyReference } from './key-reference.js';
import { registerName } from './name-index.js';
import { belowMajor } from './provider-version.js';
import { admitsAddresses, allowsByDefault, enabledText, publicExposure } from './public-access.js';
import { redundancyFact, replicaRegions } from './redundancy.js';
import { ARM, TERRAFORM } from './sources.js';
import { trackStorage } from './storage-state.js';
import { tlsFact } from './tls.js';

/**
 * A boolean whose platform default changed with an API version. A live
 * resource reads as the service stores it: an absent value is `live`.
 */
function byApiVersion(v: Value | undefined, r: NativeResource, name: string, since: string, from: boolean, live: boolean): Fact<boolean> {
  if (isSet(v)) return boolFact(v, r, { name });
  const newer = apiAtLeast(r, since);
  if (newer === undefined && r.source === 'azure') return defaulted(live, r.loc);
  if (newer === undefined) {
    return unknownFact({ inputs: ['apiVersion'], detail: `${name} is not set and its default depends on the API version, which is not a literal` }, r.loc);
  }
  return defaulted(newer ? from : !from, r.loc);
}

function armEncryption(ctx: LiftContext, r: NativeResource): Fact<Encryption> {
  const source = prop(r, 'encryption', 'keySource');
  if (!isSet(source)) return defaulted({ mode: 'provider-managed' }, r.loc);
  const text = knownText(source);
  if (text === undefined) return unknownFact(causeOf(source, r, 'encryption.keySource'), source.loc ?? r.loc);
  if (text.toLowerCase() !== 'microsoft.keyvault') return { known: true, value: { mode: 'provider-managed' }, loc: source.loc ?? r.loc };
  const uri = prop(r, 'encryption', 'keyvaultproperties', 'keyvaulturi') ?? source;
  return { ...customerKey(ctx, r, uri, 'encryption.keyvaultproperties.keyvaulturi', prop(r, 'encryption', 'keyvaultproperties', 'keyname')), loc: source.loc ?? r.loc };
}

/**
 * Version-level immutability support (`enabled`) only allows immutability
 * policies; the account's data are protected when a default policy is set
 * (`immutabilityPolicy`, not `Disabled`).
 */
function armImmutability(v: Value | undefined, r: NativeResource): Fact<boolean> {
  if (!isSet(v)) return defaulted(false, r.loc);
  if (v.kind !== 'object') return unknownFact(causeOf(v, r, 'immutableStorageWithVersioning'), v.loc ?? r.loc);
  const enabled = boolFact(armPath(v, 'enabled'), r, { name: 'immutableStorageWithVersioning.enabled', default: false });
  if (!enabled.known || !enabled.value) return enabled;
  const policy = armPath(v, 'immutabilityPolicy');
  if (!isSet(policy)) return fact(false, enabled.loc);
  return immutabilityState(armPath(policy, 'state'), { ...r, loc: policy.loc ?? r.loc }, 'immutableStorageWithVersioning.immutabilityPolicy.state');
}

const armAccounts: LiftHandler = {
  types: ['Microsoft.Storage/storageAccounts'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'storage-account');
    s.encryption = armEncryption(ctx, r);
    // API versions before 2016-01-01 wrote the SKU as `properties.accountType`.
    const sku = armPath(r.attrs, 'sku', 'name');
    s.redundancy = isSet(sku) ? redundancyFact(sku, r, 'sku.name') : redundancyFact(prop(r, 'accountType'), r, 'sku.name');
    s.replicationRegions = replicaRegions(s.redundancy, s.region);
    s.httpsOnly = byApiVersion(prop(r, 'supportsHttpsTrafficOnly'), r, 'supportsHttpsTrafficOnly', '2019-04-01', true, true);
    s.minTlsVersion = tlsFact(prop(r, 'minimumTlsVersion'), r, 'minimumTlsVersion', '1.2');
    Object.assign(s, publicExposure(
      enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true),
      allowsByDefault(prop(r, 'networkAcls', 'defaultAction'), r, 'networkAcls.defaultAction'),
      admitsAddresses(prop(r, 'networkAcls', 'ipRules'), r, 'networkAcls.ipRules'),
    ));
    s.versioning = defaulted(false, r.loc);
    s.immutable = armImmutability(prop(r, 'immutableStorageWithVersioning'), r);
    s.expirationDays = defaulted(null, r.loc);
    // A live account that never set it reads null, which the service treats as allowed.
    trackStorage(ctx, s, byApiVersion(prop(r, 'allowBlobPublicAccess'), r, 'allowBlobPublicAccess', '2023-01-01', false, true));
    registerName(ctx, 'storage-account', armPath(r.attrs, 'name'), r.key);
    ctx.model.add(s);
  },
};

/** azurerm renamed several attributes between major versions; the first one written wins. */
function firstSet(r: NativeResource, ...names: string[]): { v: Value | undefined; name: string } {
  for (const name of names) {
    const v = attr(r, name);
    if (isSet(v)) return { v, name };
  }
  return { v: undefined, name: names[0]! };
}

function terraformAllowPublic(r: NativeResource): Fact<boolean> {
  const { v, name } = firstSet(r, 'allow_nested_items_to_be_public', 'allow_blob_public_access');
  if (v) return boolFact(v, r, { name });
  // `required_providers` may pin the provider on one side of 5.0.
  const before5 = belowMajor(r.providerVersions, 5);
  if (before5 !== undefined) return defaulted(before5, r.loc);
  return unknownFact(
    {
      inputs: ['allow_nested_items_to_be_public', 'azurerm provider version'],
      detail:
        'allow_nested_items_to_be_public is not set: azurerm defaults it to true before provider 5.0 and to false from 5.0, and no required_providers version constraint tells which applies',
    },
    r.loc,
  );
}

const terraformAccounts: LiftHandler = {
  types: ['azurerm_storage_account'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'storage-account');
    const cmk = attr(r, 'customer_managed_key', 'key_vault_key_id');
    s.encryption = isSet(cmk) ? keyReference(ctx, r, cmk, 'customer_managed_key.key_vault_key_id') : defaulted({ mode: 'provider-managed' }, r.loc);
    s.redundancy = redundancyFact(attr(r, 'account_replication_type'), r, 'account_replication_type');
    s.replicationRegions = replicaRegions(s.redundancy, s.region);
    const https = firstSet(r, 'https_traffic_only_enabled', 'enable_https_traffic_only');
    s.httpsOnly = boolFact(https.v, r, { name: https.name, default: true });
    s.minTlsVersion = tlsFact(attr(r, 'min_tls_version'), r, 'min_tls_version', '1.2');
    Object.assign(s, publicExposure(
      boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true }),
      allowsByDefault(attr(r, 'network_rules', 'default_action'), r, 'network_rules.default_action'),
      admitsAddresses(attr(r, 'network_rules', 'ip_rules'), r, 'network_rules.ip_rules'),
    ));
    s.versioning = boolFact(attr(r, 'blob_properties', 'versioning_enabled'), r, { name: 'blob_properties.versioning_enabled', default: false });
    const immutability = attr(r, 'immutability_policy', 'state');
    s.immutable = isSet(attr(r, 'immutability_policy'))
      ? immutabilityState(immutability, r, 'immutability_policy.state')
      : defaulted(false, r.loc);
    s.expirationDays = defaulted(null, r.loc);
    trackStorage(ctx, s, terraformAllowPublic(r));
    registerName(ctx, 'storage-account', attr(r, 'name'), r.key);
    ctx.model.add(s);
  },
};

/** An immutability policy in force: `Unlocked` or `Locked` (a locked one cannot be shortened or removed). */
export function immutabilityState(v: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  if (!isSet(v)) return defaulted(true, r.loc);
  const text = knownText(v);
  if (text === undefined) return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  return { known: true, value: text.toLowerCase() !== 'disabled', loc: v.loc ?? r.loc };
}

export const storageAccountHandlers: LiftHandler[] = [armAccounts, terraformAccounts];
