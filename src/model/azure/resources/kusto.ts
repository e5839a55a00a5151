// Azure Data Explorer clusters (Microsoft.Kusto/clusters, azurerm_kusto_cluster)
// -> DataStore 'kusto-cluster'.
// Defaults from the API reference and the service documentation: data
// encrypted with Microsoft-managed keys unless `keyVaultProperties` (azurerm:
// azurerm_kusto_cluster_customer_managed_key) names a Key Vault key; public
// network access Enabled, and the public endpoint admits every address
// unless `allowedIpRangeList` narrows it — still public either way; a
// cluster is placed in availability zones only when created with them (no
// zones: not zonal; one zone: pinned to it). Data Explorer has no backups of
// its own, so no backup retention is modelled.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, stringListFact } from '../../lift-values.js';
import { armPath, attr, isSet, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { keyReference } from './key-reference.js';
import { enabledText } from './public-access.js';
import { ARM, TERRAFORM } from './sources.js';
import { referencedStore } from './store-lookup.js';

function zoneSpread(zones: Value | undefined, r: NativeResource): Fact<boolean> {
  if (!isSet(zones)) return defaulted(false, r.loc);
  const z = stringListFact(zones, r, { name: 'zones' });
  return z.known ? fact(z.value.length >= 2, z.loc) : z;
}

/** A customer key: a vault URI with the key's name apart. */
function vaultKey(ctx: LiftContext, r: NativeResource, vault: Value | undefined, keyName: Value | undefined, name: string): DataStore['encryption'] {
  if (!isSet(vault)) return defaulted({ mode: 'provider-managed' }, r.loc);
  return keyReference(ctx, r, vault, name, keyName);
}

const armClusters: LiftHandler = {
  types: ['Microsoft.Kusto/clusters'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'kusto-cluster');
    s.encryption = vaultKey(ctx, r, prop(r, 'keyVaultProperties', 'keyVaultUri'), prop(r, 'keyVaultProperties', 'keyName'), 'keyVaultProperties.keyVaultUri');
    s.publiclyAccessible = enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true);
    s.multiZone = zoneSpread(armPath(r.attrs, 'zones'), r);
    ctx.model.add(s);
  },
};

const terraformClusters: LiftHandler = {
  types: ['azurerm_kusto_cluster'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'kusto-cluster');
    s.encryption = defaulted({ mode: 'provider-managed' }, r.loc);
    s.publiclyAccessible = boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true });
    s.multiZone = zoneSpread(attr(r, 'zones'), r);
    ctx.model.add(s);
  },
};

const terraformCustomerKeys: LiftHandler = {
  types: ['azurerm_kusto_cluster_customer_managed_key'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const s = referencedStore(ctx, attr(r, 'cluster_id'), 'kusto-cluster');
    if (!s) return;
    const hsm = attr(r, 'managed_hsm_key_id');
    s.encryption = isSet(hsm)
      ? keyReference(ctx, r, hsm, 'managed_hsm_key_id')
      : vaultKey(ctx, r, attr(r, 'key_vault_id'), attr(r, 'key_name'), 'key_vault_id');
    // A key that may not be deployed leaves the cluster's key open.
    if (r.conditional && s.encryption?.known && s.encryption.value.mode === 'customer-managed') s.encryption = unknownFact(r.conditional, r.loc);
  },
};

export const kustoHandlers: LiftHandler[] = [armClusters, terraformClusters, terraformCustomerKeys];
