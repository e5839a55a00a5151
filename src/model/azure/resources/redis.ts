// Azure Cache for Redis -> DataStore 'redis-cache'. Data at rest has no
// customer-key option outside the Enterprise tiers, so no encryption is
// judged. Defaults: the non-TLS port is closed; minimum TLS 1.2 (the default
// for new caches since 2020, the only version accepted since 2024-11-01);
// public network access on unless the cache is injected into a subnet.
// Zones: a cache written with two or more zones spreads across them; a Basic
// cache has one node; for Standard/Premium caches without zones the platform
// may place replicas across zones by itself, so that stays unknown.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, mapFact, unknownFact } from '../../fact.js';
import type { LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, stringListFact } from '../../lift-values.js';
import { armPath, attr, isSet, knownText, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { enabledText } from './public-access.js';
import { ARM, TERRAFORM } from './sources.js';
import { tlsFact } from './tls.js';

function zoneSpread(zones: Value | undefined, policy: Value | undefined, sku: Value | undefined, r: NativeResource): Fact<boolean> {
  if (isSet(zones)) {
    const z = stringListFact(zones, r, { name: 'zones' });
    if (!z.known) return z;
    if (z.value.length >= 2) return fact(true, z.loc);
  }
  const p = knownText(policy)?.toLowerCase();
  if (isSet(policy) && p === undefined) return unknownFact(causeOf(policy, r, 'zonalAllocationPolicy'), policy.loc ?? r.loc);
  if (p === 'automatic') return fact(true, policy?.loc ?? r.loc);
  if (p === 'nozones' || p === 'userdefined') return fact(false, policy?.loc ?? r.loc);
  const tier = knownText(sku)?.toLowerCase();
  if (tier === 'basic') return defaulted(false, sku?.loc ?? r.loc);
  if (isSet(zones)) return fact(false, zones.loc ?? r.loc);
  return unknownFact(
    { inputs: ['zones'], detail: `${r.address} names no zones; the platform may or may not spread a ${knownText(sku) ?? 'Standard or Premium'} cache across zones` },
    r.loc,
  );
}

/** Public unless turned off or injected into a subnet (a subnet-injected cache has no public endpoint). */
function exposure(access: Fact<boolean>, subnet: Value | undefined, r: NativeResource): Fact<boolean> {
  if (isSet(subnet) && (!access.known || access.defaulted)) return fact(false, subnet.loc ?? r.loc);
  return access;
}

const armCaches: LiftHandler = {
  types: ['Microsoft.Cache/redis'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'redis-cache');
    s.minTlsVersion = tlsFact(prop(r, 'minimumTlsVersion'), r, 'minimumTlsVersion', '1.2');
    s.httpsOnly = mapFact(boolFact(prop(r, 'enableNonSslPort'), r, { name: 'enableNonSslPort', default: false }), (open) => !open);
    s.publiclyAccessible = exposure(enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true), prop(r, 'subnetId'), r);
    s.multiZone = zoneSpread(armPath(r.attrs, 'zones'), prop(r, 'zonalAllocationPolicy'), prop(r, 'sku', 'name'), r);
    ctx.model.add(s);
  },
};

const terraformCaches: LiftHandler = {
  types: ['azurerm_redis_cache'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'redis-cache');
    s.minTlsVersion = tlsFact(attr(r, 'minimum_tls_version'), r, 'minimum_tls_version', '1.2');
    const port = attr(r, 'non_ssl_port_enabled') ?? attr(r, 'enable_non_ssl_port');
    s.httpsOnly = mapFact(boolFact(port, r, { name: 'non_ssl_port_enabled', default: false }), (open) => !open);
    s.publiclyAccessible = exposure(
      boolFact(attr(r, 'public_network_access_enabled'), r, { name: 'public_network_access_enabled', default: true }),
      attr(r, 'subnet_id'),
      r,
    );
    s.multiZone = zoneSpread(attr(r, 'zones'), attr(r, 'zonal_allocation_policy'), attr(r, 'sku_name'), r);
    ctx.model.add(s);
  },
};

export const redisHandlers: LiftHandler[] = [armCaches, terraformCaches];
