// Azure Cosmos DB for MongoDB vCore clusters (Microsoft.DocumentDB/mongoClusters,
// azurerm_mongo_cluster) -> DataStore 'mongo-cluster'.
// Defaults from the API reference and the service documentation: data
// encrypted with Microsoft-managed keys unless `customerManagedKeyEncryption`
// names a Key Vault key; public network access Enabled, but the public
// endpoint admits nothing until firewall rules (child resources) admit
// addresses, as for Azure SQL; automatic backups kept 35 days, not
// configurable; high availability only when asked for: `ZoneRedundantPreferred`
// spreads the standby across zones where the region has them, `SameZone`
// and `Disabled` do not (the 2023–2024 preview APIs wrote `enableHa` per
// node group without saying where the standby goes). A cluster created as a
// geo replica is a copy of its source cluster. TLS is always required and
// has no setting, so no minimum version is modelled.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, itemsOf } from '../../lift-values.js';
import { armPath, attr, isSet, knownText, prop } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { keyReference } from './key-reference.js';
import { literalSecrets } from './literal-secret.js';
import { enabledText } from './public-access.js';
import { addFirewallRule, trackFirewall } from './server-firewall.js';
import { ARM, TERRAFORM } from './sources.js';
import { armAncestorStore, referencedStore } from './store-lookup.js';
import { zonedWhereAvailable } from './zoned-regions.js';

/** Automatic backups, kept 35 days for an active cluster (documented, not configurable). */
const BACKUP_DAYS = 35;

function highAvailability(s: DataStore, mode: Value | undefined, r: NativeResource, name: string, legacy: Value[]): Fact<boolean> {
  if (isSet(mode)) {
    const text = knownText(mode);
    if (text === undefined) return unknownFact(causeOf(mode, r, name), mode.loc ?? r.loc);
    if (text.toLowerCase() === 'zoneredundantpreferred') return zonedWhereAvailable(s.region, r, name, mode.loc, true);
    return fact(false, mode.loc ?? r.loc);
  }
  for (const ha of legacy) {
    const f = boolFact(ha, r, { name: 'nodeGroupSpecs.enableHa', default: false });
    if (!f.known) return f;
    if (f.value) {
      return unknownFact({ inputs: [name], detail: `${r.address} turns high availability on with nodeGroupSpecs.enableHa, which does not say whether the standby is in another zone` }, f.loc);
    }
  }
  return defaulted(false, r.loc);
}

/** A geo replica holds the data of its source cluster. */
function replicaSource(ctx: LiftContext, r: NativeResource, mode: Value | undefined, source: Value | undefined, name: string): DataStore['replicaOf'] {
  if (!isSet(mode)) return undefined;
  const text = knownText(mode);
  if (text === undefined) return unknownFact(causeOf(mode, r, name), mode.loc ?? r.loc);
  return text.toLowerCase() === 'georeplica' ? ctx.links.link(source, r, name) : undefined;
}

const armClusters: LiftHandler = {
  types: ['Microsoft.DocumentDB/mongoClusters'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'mongo-cluster');
    const key = prop(r, 'encryption', 'customerManagedKeyEncryption', 'keyEncryptionKeyUrl');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'keyEncryptionKeyUrl') : defaulted({ mode: 'provider-managed' }, r.loc);
    s.multiZone = highAvailability(
      s,
      prop(r, 'highAvailability', 'targetMode'),
      r,
      'highAvailability.targetMode',
      itemsOf(prop(r, 'nodeGroupSpecs')).flatMap((g) => {
        const ha = armPath(g, 'enableHa');
        return ha ? [ha] : [];
      }),
    );
    s.backupRetentionDays = defaulted(BACKUP_DAYS, r.loc);
    const replica = replicaSource(ctx, r, prop(r, 'createMode'), prop(r, 'replicaParameters', 'sourceResourceId'), 'replicaParameters.sourceResourceId');
    if (replica) s.replicaOf = replica;
    const secrets = literalSecrets(r, [
      { v: prop(r, 'administrator', 'password'), name: 'administrator.password' },
      { v: prop(r, 'administratorLoginPassword'), name: 'administratorLoginPassword' },
    ]);
    if (secrets) s.literalSecrets = secrets;
    trackFirewall(ctx, s, enabledText(prop(r, 'publicNetworkAccess'), r, 'publicNetworkAccess', true));
    ctx.model.add(s);
  },
};

const armFirewallRules: LiftHandler = {
  types: ['Microsoft.DocumentDB/mongoClusters/firewallRules'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    addFirewallRule(armAncestorStore(ctx, r, 1, 'mongo-cluster'), r, prop(r, 'startIpAddress'), prop(r, 'endIpAddress'));
  },
};

const terraformClusters: LiftHandler = {
  types: ['azurerm_mongo_cluster'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'mongo-cluster');
    const key = attr(r, 'customer_managed_key', 'key_vault_key_id');
    s.encryption = isSet(key) ? keyReference(ctx, r, key, 'customer_managed_key.key_vault_key_id') : defaulted({ mode: 'provider-managed' }, r.loc);
    s.multiZone = highAvailability(s, attr(r, 'high_availability_mode'), r, 'high_availability_mode', []);
    s.backupRetentionDays = defaulted(BACKUP_DAYS, r.loc);
    const replica = replicaSource(ctx, r, attr(r, 'create_mode'), attr(r, 'source_server_id'), 'source_server_id');
    if (replica) s.replicaOf = replica;
    const secrets = literalSecrets(r, [{ v: attr(r, 'administrator_password'), name: 'administrator_password' }]);
    if (secrets) s.literalSecrets = secrets;
    trackFirewall(ctx, s, enabledText(attr(r, 'public_network_access'), r, 'public_network_access', true));
    ctx.model.add(s);
  },
};

const terraformFirewallRules: LiftHandler = {
  types: ['azurerm_mongo_cluster_firewall_rule'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    addFirewallRule(referencedStore(ctx, attr(r, 'mongo_cluster_id'), 'mongo-cluster'), r, attr(r, 'start_ip_address'), attr(r, 'end_ip_address'));
  },
};

export const mongoClusterHandlers: LiftHandler[] = [armClusters, armFirewallRules, terraformClusters, terraformFirewallRules];
