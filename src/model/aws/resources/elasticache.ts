// ElastiCache replication groups, single clusters and serverless caches ->
// DataStore 'elasticache'. At-rest encryption is off unless written for
// Redis OSS (Valkey turns it on); without a key it uses the AWS managed
// `aws/elasticache`. Snapshots: snapshot_retention_limit days (0 = none).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import { defaulted, fact, mapFact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, numberFact, stringFact } from '../../lift-values.js';
import type { CloudModel } from '../../model.js';
import { knownString } from './attribute-path.js';
import { allTrue } from './fact-logic.js';
import { kmsEncryption } from './key-reference.js';
import { literalSecrets } from './literal-secret.js';
import { linkByName, registerName } from './name-index.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { dataStore } from './store-base.js';

const SUBNET_GROUP_TYPES = ['aws_elasticache_subnet_group', 'AWS::ElastiCache::SubnetGroup'];

interface Pending {
  store: DataStore;
  r: NativeResource;
  group: Value | undefined;
}

const pending = new WeakMap<CloudModel, Pending[]>();

function pendingOf(ctx: LiftContext): Pending[] {
  let l = pending.get(ctx.model);
  if (!l) pending.set(ctx.model, (l = []));
  return l;
}

function atRest(ctx: LiftContext, r: NativeResource, store: DataStore, onName: string, keyName: string, engine: string | undefined): void {
  const a = r.attrs.fields;
  const on = boolFact(a[onName], r, { name: onName, default: engine === 'valkey' });
  if (!on.known) store.encryption = on;
  else if (!on.value) store.encryption = { ...on, value: { mode: 'none' } };
  else store.encryption = kmsEncryption(ctx, r, a[keyName], keyName, { ...on, value: { mode: 'provider-managed', keyText: 'alias/aws/elasticache' } });
}

const replicationGroups: LiftHandler = {
  types: ['aws_elasticache_replication_group', 'AWS::ElastiCache::ReplicationGroup'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const store = dataStore(r, ctx, 'elasticache');
    const id = a[tf ? 'replication_group_id' : 'ReplicationGroupId'];
    store.name = id ? stringFact(id, r, { name: 'replication_group_id' }) : unknownFact({ inputs: [], detail: 'generated name' }, r.loc);
    const engine = knownString(a[tf ? 'engine' : 'Engine']) ?? 'redis';
    atRest(ctx, r, store, tf ? 'at_rest_encryption_enabled' : 'AtRestEncryptionEnabled', tf ? 'kms_key_id' : 'KmsKeyId', engine);
    // Multi-AZ needs automatic failover; both are off unless written.
    store.multiZone = allTrue([
      boolFact(a[tf ? 'multi_az_enabled' : 'MultiAZEnabled'], r, { name: 'multi_az_enabled', default: false }),
      boolFact(a[tf ? 'automatic_failover_enabled' : 'AutomaticFailoverEnabled'], r, { name: 'automatic_failover_enabled', default: false }),
    ], r.loc);
    const count = a[tf ? 'num_cache_clusters' : 'NumCacheClusters'];
    if (count !== undefined) store.instanceCount = numberFact(count, r, { name: 'num_cache_clusters' });
    store.backupRetentionDays = numberFact(a[tf ? 'snapshot_retention_limit' : 'SnapshotRetentionLimit'], r, { name: 'snapshot_retention_limit', default: 0 });
    store.httpsOnly = boolFact(a[tf ? 'transit_encryption_enabled' : 'TransitEncryptionEnabled'], r, { name: 'transit_encryption_enabled', default: engine === 'valkey' });
    const secrets = literalSecrets(r, [tf ? 'auth_token' : 'AuthToken']);
    if (secrets) store.literalSecrets = secrets;
    const sgs = a[tf ? 'security_group_ids' : 'SecurityGroupIds'];
    if (sgs !== undefined) store.securityGroups = ctx.links.links(sgs, r, 'security_group_ids');
    ctx.model.add(store);
    pendingOf(ctx).push({ store, r, group: a[tf ? 'subnet_group_name' : 'CacheSubnetGroupName'] });
  },
};

/** A single-node cache cluster: no at-rest encryption, one zone unless Memcached spreads cross-AZ. */
const cacheClusters: LiftHandler = {
  types: ['aws_elasticache_cluster', 'AWS::ElastiCache::CacheCluster'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    // A cluster that joins a replication group is that group's member.
    if (tf && a.replication_group_id !== undefined) return;
    const store = dataStore(r, ctx, 'elasticache');
    store.encryption = defaulted({ mode: 'none' }, r.loc);
    store.multiZone = mapFact(stringFact(a[tf ? 'az_mode' : 'AZMode'], r, { name: 'az_mode', default: 'single-az' }), (m) => m === 'cross-az');
    store.backupRetentionDays = numberFact(a[tf ? 'snapshot_retention_limit' : 'SnapshotRetentionLimit'], r, { name: 'snapshot_retention_limit', default: 0 });
    const sgs = a[tf ? 'security_group_ids' : 'VpcSecurityGroupIds'];
    if (sgs !== undefined) store.securityGroups = ctx.links.links(sgs, r, 'security_group_ids');
    ctx.model.add(store);
    pendingOf(ctx).push({ store, r, group: a[tf ? 'subnet_group_name' : 'CacheSubnetGroupName'] });
  },
};

/** Serverless caches are always encrypted and spread over zones. */
const serverless: LiftHandler = {
  types: ['aws_elasticache_serverless_cache', 'AWS::ElastiCache::ServerlessCache'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const store = dataStore(r, ctx, 'elasticache');
    store.encryption = kmsEncryption(ctx, r, a[tf ? 'kms_key_id' : 'KmsKeyId'], 'kms_key_id', defaulted({ mode: 'provider-managed' }, r.loc));
    store.multiZone = defaulted(true, r.loc);
    store.backupRetentionDays = numberFact(a[tf ? 'snapshot_retention_limit' : 'SnapshotRetentionLimit'], r, { name: 'snapshot_retention_limit', default: 0 });
    const subnets = a[tf ? 'subnet_ids' : 'SubnetIds'];
    if (subnets !== undefined) store.subnets = ctx.links.links(subnets, r, 'subnet_ids');
    const sgs = a[tf ? 'security_group_ids' : 'SecurityGroupIds'];
    if (sgs !== undefined) store.securityGroups = ctx.links.links(sgs, r, 'security_group_ids');
    ctx.model.add(store);
  },
};

const subnetGroups: LiftHandler = {
  types: SUBNET_GROUP_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    registerName(ctx, 'cache-subnet-group', r.attrs.fields[isTerraform(r.source) ? 'name' : 'CacheSubnetGroupName'], r.key, r);
  },
};

export const elasticacheHandlers: LiftHandler[] = [replicationGroups, cacheClusters, serverless, subnetGroups];

/** Places caches in the subnets of their subnet group; without one, the default VPC. */
export function finishElastiCache(ctx: LiftContext): void {
  for (const p of pendingOf(ctx)) {
    if (p.group === undefined) {
      p.store.subnets = unknownFact({ inputs: ['default VPC'], detail: `${p.r.address} has no cache subnet group: it is placed in the default VPC` }, p.r.loc);
      continue;
    }
    const g = linkByName(ctx, p.r, p.group, 'subnet_group_name', { kind: 'cache-subnet-group', types: SUBNET_GROUP_TYPES });
    const group = g.known ? ctx.links.native(g.value) : undefined;
    if (!g.known) p.store.subnets = g;
    else if (!group) p.store.subnets = unknownFact({ inputs: [g.value], detail: 'the subnet group is not in the scan' }, g.loc);
    else {
      const ids = group.attrs.fields[isTerraform(group.source) ? 'subnet_ids' : 'SubnetIds'];
      p.store.subnets = ids === undefined ? fact([], group.loc) : ctx.links.links(ids, group, 'subnet_ids');
    }
  }
  pending.delete(ctx.model);
}

