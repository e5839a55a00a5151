// Cosmos DB accounts -> DataStore 'cosmosdb-account'.
// Defaults: service-managed keys unless `keyVaultKeyUri` / `key_vault_key_id`;
// public network access on, and with neither an IP filter nor virtual
// network filtering the endpoint admits every address; periodic backups
// every 4 hours kept 8 hours (Continuous backups keep 30 days unless the
// tier says 7); regions not zone redundant. Cosmos DB refuses TLS below 1.2
// since 2025-08-31, azurerm's default is Tls12.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, itemsOf, numberFact, stringFact } from '../../lift-values.js';
import { armPath, attr, blocks, isSet, knownText, prop, tfPath } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { keyReference } from './key-reference.js';
import { admitsAddresses, enabledText, publicExposure } from './public-access.js';
import { ARM, TERRAFORM } from './sources.js';
import { tlsFact } from './tls.js';

interface Region {
  name: Fact<string>;
  priority: Fact<number>;
  zoneRedundant: Fact<boolean>;
}

const normalRegion = (name: string) => name.replace(/\s+/g, '').toLowerCase();

/** Zone redundancy of the write region, or any second region: both survive a zone failure. */
function redundancy(regions: Region[], r: NativeResource, loc: Value | undefined): { multiZone: Fact<boolean>; others: Fact<string[]> } {
  if (!regions.length) return { multiZone: defaulted(false, r.loc), others: defaulted([], r.loc) };
  if (regions.length === 1) return { multiZone: regions[0]!.zoneRedundant, others: fact([], loc?.loc ?? r.loc) };
  const names: string[] = [];
  for (const x of regions) {
    if (!x.name.known) return { multiZone: x.name, others: x.name };
    names.push(normalRegion(x.name.value));
  }
  const primaryIndex = regions.findIndex((x) => x.priority.known && x.priority.value === 0);
  const primary = regions[primaryIndex === -1 ? 0 : primaryIndex]!;
  // A second region survives the loss of every zone of the first.
  return { multiZone: fact(true, loc?.loc ?? r.loc), others: fact(names.filter((_, i) => regions[i] !== primary), loc?.loc ?? r.loc) };
}

/** Backup retention in days: periodic backups by hours, continuous by tier. */
function retention(type: Value | undefined, hours: Value | undefined, tier: Value | undefined, r: NativeResource): Fact<number> {
  const t = isSet(type) ? knownText(type) : 'Periodic';
  if (t === undefined) return unknownFact(causeOf(type!, r, 'backup type'), type?.loc ?? r.loc);
  if (t.toLowerCase() === 'continuous') {
    if (!isSet(tier)) return defaulted(30, type?.loc ?? r.loc);
    const text = knownText(tier);
    if (text === undefined) return unknownFact(causeOf(tier, r, 'backup tier'), tier.loc ?? r.loc);
    return fact(/7days/i.test(text) ? 7 : 30, tier.loc ?? r.loc);
  }
  const h = numberFact(hours, r, { name: 'backup retention hours', default: 8 });
  return h.known ? { ...h, value: h.value / 24 } : h;
}

const armAccounts: LiftHandler = {
  types: ['Microsoft.DocumentDB/databaseAccounts'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'cosmosdb-account');
    const key = prop(r, 'keyVaultKeyUri');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'keyVaultKeyUri') : defaulted({ mode: 'provider-managed' }, r.loc);
    const ipRanges = admitsAddresses(prop(r, 'ipRules'), r, 'ipRules');
    const vnetFilter = boolFact(prop(r, 'isVirtualNetworkFilterEnabled'), r, { name: 'isVirtualNetworkFilterEnabled', default: false });
    Object.assign(s, publicExposure(enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true), filterless(ipRanges, vnetFilter), ipRanges));
    const locations = prop(r, 'locations');
    const regions = itemsOf(locations).map((l) => ({
      name: stringFact(armPath(l, 'locationName'), r, { name: 'locations.locationName' }),
      priority: numberFact(armPath(l, 'failoverPriority'), r, { name: 'locations.failoverPriority', default: 0 }),
      zoneRedundant: boolFact(armPath(l, 'isZoneRedundant'), r, { name: 'locations.isZoneRedundant', default: false }),
    }));
    const red = redundancy(regions, r, locations);
    s.multiZone = red.multiZone;
    s.replicationRegions = red.others;
    s.backupRetentionDays = retention(
      prop(r, 'backupPolicy', 'type'),
      prop(r, 'backupPolicy', 'periodicModeProperties', 'backupRetentionIntervalInHours'),
      prop(r, 'backupPolicy', 'continuousModeProperties', 'tier'),
      r,
    );
    s.minTlsVersion = tlsFact(prop(r, 'minimalTlsVersion'), r, 'minimalTlsVersion', '1.2');
    ctx.model.add(s);
  },
};

/** Open to every address only when neither an IP filter nor virtual network filtering is on. */
function filterless(ipRanges: Fact<boolean>, vnetFilter: Fact<boolean>): Fact<boolean> {
  if (ipRanges.known && ipRanges.value) return fact(false, ipRanges.loc);
  if (vnetFilter.known && vnetFilter.value) return fact(false, vnetFilter.loc);
  if (!ipRanges.known) return ipRanges;
  if (!vnetFilter.known) return vnetFilter;
  return defaulted(true, vnetFilter.loc);
}

const terraformAccounts: LiftHandler = {
  types: ['azurerm_cosmosdb_account'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'cosmosdb-account');
    const key = attr(r, 'key_vault_key_id');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'key_vault_key_id') : defaulted({ mode: 'provider-managed' }, r.loc);
    // azurerm 3.x wrote the filter as one comma-separated string, 4.x as a list.
    const filter = attr(r, 'ip_range_filter');
    const ipRanges = filter?.kind === 'known' && typeof filter.value === 'string' ? fact(filter.value.trim() !== '', filter.loc ?? r.loc) : admitsAddresses(filter, r, 'ip_range_filter');
    const vnetFilter = boolFact(attr(r, 'is_virtual_network_filter_enabled'), r, { name: 'is_virtual_network_filter_enabled', default: false });
    Object.assign(s, publicExposure(
      boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true }),
      filterless(ipRanges, vnetFilter),
      ipRanges,
    ));
    const regions = blocks(r, 'geo_location').map((g) => ({
      name: stringFact(tfPath(g, 'location'), r, { name: 'geo_location.location' }),
      priority: numberFact(tfPath(g, 'failover_priority'), r, { name: 'geo_location.failover_priority', default: 0 }),
      zoneRedundant: boolFact(tfPath(g, 'zone_redundant'), r, { name: 'geo_location.zone_redundant', default: false }),
    }));
    const red = redundancy(regions, r, attr(r, 'geo_location'));
    s.multiZone = red.multiZone;
    s.replicationRegions = red.others;
    s.backupRetentionDays = retention(attr(r, 'backup', 'type'), attr(r, 'backup', 'retention_in_hours'), attr(r, 'backup', 'tier'), r);
    s.minTlsVersion = tlsFact(attr(r, 'minimal_tls_version'), r, 'minimal_tls_version', '1.2');
    ctx.model.add(s);
  },
};

export const cosmosDbHandlers: LiftHandler[] = [armAccounts, terraformAccounts];
