// RDS DB instances, Aurora / Multi-AZ DB clusters and their instances, DB
// subnet groups and DB snapshots -> DataStore 'rds-instance' / 'rds-cluster'
// / 'rds-snapshot'.
//
// Backup retention: when the definition leaves it out, the RDS API keeps
// automated backups for 1 day ("If you create a DB instance using the Amazon
// RDS API or the AWS CLI and if you don't set the backup retention period,
// the default backup retention period is one day", RDS User Guide, Backup
// retention period). Terraform's aws_db_instance leaves the attribute to the
// API (Optional+Computed), aws_rds_cluster documents "Default 1", and
// CloudFormation documents 1 for both DBInstance and DBCluster.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { DataStore, Encryption } from '../../data.js';
import type { Fact, UnknownFact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf, regionOf } from '../../lifter.js';
import { boolFact, causeOf, itemsOf, numberFact, stringFact } from '../../lift-values.js';
import type { CloudModel } from '../../model.js';
import { isUnresolved, knownString } from './attribute-path.js';
import { anyTrue } from './fact-logic.js';
import { kmsEncryption } from './key-reference.js';
import { literalSecrets } from './literal-secret.js';
import { linkByName, linkToResource, registerName } from './name-index.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { tagsValue } from './tags.js';

const INSTANCE_TYPES = ['aws_db_instance', 'AWS::RDS::DBInstance'];
const CLUSTER_TYPES = ['aws_rds_cluster', 'AWS::RDS::DBCluster'];
const SUBNET_GROUP_TYPES = ['aws_db_subnet_group', 'AWS::RDS::DBSubnetGroup'];

/** Attribute names of one dialect. */
interface Names {
  encrypted: string;
  key: string;
  inheritsFrom: string[];
  publiclyAccessible: string;
  multiAz: string;
  backup: string;
  deletionProtection: string;
  logExports: string;
  passwords: string[];
  subnetGroup: string;
  securityGroups: string;
  identifier: string;
}

const TF_INSTANCE: Names = {
  encrypted: 'storage_encrypted',
  key: 'kms_key_id',
  inheritsFrom: ['replicate_source_db', 'snapshot_identifier'],
  publiclyAccessible: 'publicly_accessible',
  multiAz: 'multi_az',
  backup: 'backup_retention_period',
  deletionProtection: 'deletion_protection',
  logExports: 'enabled_cloudwatch_logs_exports',
  passwords: ['password', 'password_wo'],
  subnetGroup: 'db_subnet_group_name',
  securityGroups: 'vpc_security_group_ids',
  identifier: 'identifier',
};
const TF_CLUSTER: Names = {
  ...TF_INSTANCE,
  inheritsFrom: ['snapshot_identifier', 'replication_source_identifier'],
  passwords: ['master_password', 'master_password_wo'],
  identifier: 'cluster_identifier',
};
const CFN_INSTANCE: Names = {
  encrypted: 'StorageEncrypted',
  key: 'KmsKeyId',
  inheritsFrom: ['SourceDBInstanceIdentifier', 'DBSnapshotIdentifier', 'SourceDBClusterIdentifier'],
  publiclyAccessible: 'PubliclyAccessible',
  multiAz: 'MultiAZ',
  backup: 'BackupRetentionPeriod',
  deletionProtection: 'DeletionProtection',
  logExports: 'EnableCloudwatchLogsExports',
  passwords: ['MasterUserPassword'],
  subnetGroup: 'DBSubnetGroupName',
  securityGroups: 'VPCSecurityGroups',
  identifier: 'DBInstanceIdentifier',
};
const CFN_CLUSTER: Names = {
  ...CFN_INSTANCE,
  inheritsFrom: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier'],
  securityGroups: 'VpcSecurityGroupIds',
  identifier: 'DBClusterIdentifier',
};

interface Member {
  r: NativeResource;
  /** Undefined: not written in CloudFormation, where the VPC decides (finishRds). */
  publiclyAccessible?: Fact<boolean>;
  zone: Value | undefined;
}

interface RdsState {
  /** Data stores that still need their subnet group or CloudFormation's public-access default. */
  stores: { store: DataStore; r: NativeResource; n: Names; publicUnwritten: boolean }[];
  /** Cluster id -> its instances, and whether the cluster is a Multi-AZ DB cluster (fixed three instances). */
  clusters: Map<string, { store: DataStore; members: Member[]; multiAzDbCluster: boolean; unresolved: UnknownFact[] }>;
  subnetGroups: Map<string, NativeResource>;
  snapshots: { store: DataStore; r: NativeResource; source: Value | undefined }[];
}

const states = new WeakMap<CloudModel, RdsState>();

function stateOf(ctx: LiftContext): RdsState {
  let s = states.get(ctx.model);
  if (!s) states.set(ctx.model, (s = { stores: [], clusters: new Map(), subnetGroups: new Map(), snapshots: [] }));
  return s;
}

/** Storage encryption: off unless written; a restored or replicated database takes its source's. */
function storageEncryption(ctx: LiftContext, r: NativeResource, n: Names, awsKey: string, on?: boolean): Fact<Encryption> {
  const a = r.attrs.fields;
  const loc = a[n.encrypted]?.loc ?? r.loc;
  const withoutKey = fact<Encryption>({ mode: 'provider-managed', keyText: awsKey }, loc);
  const key = a[n.key];
  if (key !== undefined && !(key.kind === 'known' && (key.value === null || key.value === ''))) return kmsEncryption(ctx, r, key, n.key, withoutKey);
  const written = a[n.encrypted];
  if (written === undefined || (written.kind === 'known' && written.value === null)) {
    const source = n.inheritsFrom.find((s) => a[s] !== undefined && !(a[s].kind === 'known' && a[s].value === null));
    if (source) {
      return unknownFact({ inputs: [source], detail: `${r.address} takes its encryption from ${source}` }, a[source].loc ?? r.loc);
    }
    if (on) return defaulted({ mode: 'provider-managed', keyText: awsKey }, r.loc);
    return defaulted({ mode: 'none' }, r.loc);
  }
  const f = boolFact(written, r, { name: n.encrypted });
  if (!f.known) return f;
  return f.value ? withoutKey : fact({ mode: 'none' }, loc);
}

function logExports(r: NativeResource, n: Names): Fact<boolean> {
  const v = r.attrs.fields[n.logExports];
  if (v === undefined) return defaulted(false, r.loc);
  if (isUnresolved(v)) return unknownFact(causeOf(v, r, n.logExports), v.loc ?? r.loc);
  return fact(itemsOf(v).length > 0, v.loc ?? r.loc);
}

function databaseStore(r: NativeResource, ctx: LiftContext, n: Names, storeType: 'rds-instance' | 'rds-cluster'): DataStore {
  const a = r.attrs.fields;
  const store: DataStore = { ...baseOf(r, ctx, tagsValue(r)), kind: 'data-store', storeType };
  store.name = a[n.identifier]
    ? stringFact(a[n.identifier], r, { name: n.identifier })
    : unknownFact({ inputs: [], detail: `${r.address} has a generated identifier` }, r.loc);
  registerName(ctx, storeType === 'rds-instance' ? 'db-instance' : 'db-cluster', a[n.identifier], r.key, r);
  store.deletionProtection = boolFact(a[n.deletionProtection], r, { name: n.deletionProtection, default: false });
  store.accessLogging = logExports(r, n);
  const secrets = literalSecrets(r, n.passwords);
  if (secrets) store.literalSecrets = secrets;
  if (a[n.securityGroups] !== undefined) store.securityGroups = ctx.links.links(a[n.securityGroups], r, n.securityGroups);
  return store;
}

const instances: LiftHandler = {
  types: INSTANCE_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const n = tf ? TF_INSTANCE : CFN_INSTANCE;
    const a = r.attrs.fields;
    // A CloudFormation instance of an Aurora cluster: storage, backups and deletion belong to the cluster.
    if (!tf && a.DBClusterIdentifier !== undefined) return;
    const store = databaseStore(r, ctx, n, 'rds-instance');
    store.encryption = storageEncryption(ctx, r, n, 'alias/aws/rds');
    store.multiZone = boolFact(a[n.multiAz], r, { name: n.multiAz, default: false });
    store.replicationRegions = defaulted([], r.loc);
    // Read replicas are created without automated backups.
    const source = a[tf ? 'replicate_source_db' : 'SourceDBInstanceIdentifier'];
    const replica = source !== undefined && !(source.kind === 'known' && (source.value === null || source.value === ''));
    store.backupRetentionDays = numberFact(a[n.backup], r, { name: n.backup, default: replica ? 0 : 1 });
    // Terraform sends false when unset; CloudFormation leaves it to the VPC (decided in finishRds).
    const publicUnwritten = !tf && a.PubliclyAccessible === undefined;
    if (!publicUnwritten) store.publiclyAccessible = boolFact(a[n.publiclyAccessible], r, { name: n.publiclyAccessible, default: false });
    ctx.model.add(store);
    stateOf(ctx).stores.push({ store, r, n, publicUnwritten });
  },
};

const clusters: LiftHandler = {
  types: CLUSTER_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const n = tf ? TF_CLUSTER : CFN_CLUSTER;
    const a = r.attrs.fields;
    const store = databaseStore(r, ctx, n, 'rds-cluster');
    // Aurora Serverless v1 clusters are always encrypted.
    const serverless = knownString(a[tf ? 'engine_mode' : 'EngineMode']) === 'serverless';
    store.encryption = storageEncryption(ctx, r, n, 'alias/aws/rds', serverless);
    store.backupRetentionDays = numberFact(a[n.backup], r, { name: n.backup, default: 1 });
    // A Multi-AZ DB cluster (non-Aurora, with a cluster instance class) always runs a writer and two readers in three zones.
    const classAttr = tf ? 'db_cluster_instance_class' : 'DBClusterInstanceClass';
    const multiAzDbCluster = a[classAttr] !== undefined && !(a[classAttr].kind === 'known' && a[classAttr].value === null);
    if (multiAzDbCluster) {
      store.instanceCount = defaulted(3, a[classAttr].loc ?? r.loc);
      store.multiZone = defaulted(true, a[classAttr].loc ?? r.loc);
      store.publiclyAccessible = boolFact(a[n.publiclyAccessible], r, { name: n.publiclyAccessible, default: false });
    }
    ctx.model.add(store);
    stateOf(ctx).clusters.set(store.id, { store, members: [], multiAzDbCluster, unresolved: [] });
    stateOf(ctx).stores.push({ store, r, n, publicUnwritten: false });
  },
};

/** aws_rds_cluster_instance and CloudFormation DB instances of a cluster count towards the cluster. */
const clusterInstances: LiftHandler = {
  types: ['aws_rds_cluster_instance', 'AWS::RDS::DBInstance'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const clusterRef = tf ? a.cluster_identifier : a.DBClusterIdentifier;
    if (!tf && clusterRef === undefined) return;
    const link = linkByName(ctx, r, clusterRef, tf ? 'cluster_identifier' : 'DBClusterIdentifier', { kind: 'db-cluster', types: CLUSTER_TYPES });
    const c = link.known ? stateOf(ctx).clusters.get(link.value) : undefined;
    if (!c) return;
    if (r.conditional) {
      c.unresolved.push(unknownFact(r.conditional, r.loc));
      return;
    }
    const pub = a[tf ? 'publicly_accessible' : 'PubliclyAccessible'];
    const member: Member = { r, zone: a[tf ? 'availability_zone' : 'AvailabilityZone'] };
    // Terraform sends false when unset; CloudFormation leaves it to the VPC.
    if (tf || pub !== undefined) member.publiclyAccessible = boolFact(pub, r, { name: 'publicly_accessible', default: false });
    c.members.push(member);
  },
};

const subnetGroups: LiftHandler = {
  types: SUBNET_GROUP_TYPES,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    registerName(ctx, 'db-subnet-group', r.attrs.fields[isTerraform(r.source) ? 'name' : 'DBSubnetGroupName'], r.key, r);
    stateOf(ctx).subnetGroups.set(r.key, r);
  },
};

const snapshots: LiftHandler = {
  types: ['aws_db_snapshot', 'aws_db_cluster_snapshot'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const cluster = r.type === 'aws_db_cluster_snapshot';
    const store: DataStore = { ...baseOf(r, ctx, tagsValue(r)), kind: 'data-store', storeType: 'rds-snapshot' };
    const source = cluster ? a.db_cluster_identifier : a.db_instance_identifier;
    store.snapshotOf = linkByName(ctx, r, source, cluster ? 'db_cluster_identifier' : 'db_instance_identifier', {
      kind: cluster ? 'db-cluster' : 'db-instance',
      types: cluster ? CLUSTER_TYPES : INSTANCE_TYPES,
    });
    // Sharing with `all` makes a manual snapshot public.
    const shared = a.shared_accounts;
    if (shared === undefined) store.publicRead = defaulted(false, r.loc);
    else if (isUnresolved(shared)) store.publicRead = unknownFact(causeOf(shared, r, 'shared_accounts'), shared.loc ?? r.loc);
    else store.publicRead = anyTrue(itemsOf(shared).map((i) => (isUnresolved(i) ? unknownFact(causeOf(i, r, 'shared_accounts'), i.loc ?? r.loc) : fact(knownString(i) === 'all', i.loc ?? r.loc))), shared.loc ?? r.loc);
    ctx.model.add(store);
    stateOf(ctx).snapshots.push({ store, r, source });
  },
};

/** Subnets of the DB subnet group; without one the database is in the default VPC. */
function subnetsOf(ctx: LiftContext, r: NativeResource, n: Names): DataStore['subnets'] {
  const v = r.attrs.fields[n.subnetGroup];
  if (v === undefined || (v.kind === 'known' && v.value === null)) {
    return unknownFact({ inputs: ['default VPC'], detail: `${r.address} has no DB subnet group: it is placed in the default VPC` }, r.loc);
  }
  const g = linkByName(ctx, r, v, n.subnetGroup, { kind: 'db-subnet-group', types: SUBNET_GROUP_TYPES });
  if (!g.known) return g;
  const group = stateOf(ctx).subnetGroups.get(g.value);
  if (!group) return unknownFact({ inputs: [g.value], detail: 'the DB subnet group is not in the scan' }, g.loc);
  const ids = group.attrs.fields[isTerraform(group.source) ? 'subnet_ids' : 'SubnetIds'];
  return ctx.links.links(ids, group, 'subnet_ids');
}

/**
 * CloudFormation without PubliclyAccessible: public when the VPC of the DB
 * subnet group has an internet gateway attached (RDS API default).
 */
function publicByVpc(ctx: LiftContext, store: DataStore, loc: SourceLoc): Fact<boolean> {
  const subnets = store.subnets;
  if (!subnets) return unknownFact({ inputs: ['PubliclyAccessible'], detail: 'placement unknown' }, loc);
  if (!subnets.known) return subnets;
  const networks = new Set<string>();
  for (const l of subnets.value) {
    if (!l.known) return l;
    const sn = ctx.model.getOf(l.value, 'subnet');
    if (!sn || !sn.network.known) return unknownFact({ inputs: [l.value], detail: 'the network of a DB subnet is not known' }, loc);
    networks.add(sn.network.value);
  }
  for (const g of ctx.model.all('gateway')) {
    if (g.gatewayType !== 'internet' || !g.network) continue;
    if (!g.network.known) return unknownFact(g.network.cause, loc);
    if (g.network.value !== null && networks.has(g.network.value)) return defaulted(true, loc);
  }
  return defaulted(false, loc);
}

/** `arn:aws:rds:ap-northeast-1:111122223333:db:juki-main` -> `juki-main`. */
function dbNameOf(text: string): string {
  const m = /^arn:[^:]+:rds:[^:]*:[^:]*:db:(.+)$/.exec(text);
  return m ? m[1] : text;
}

/** A read replica names its source by identifier, ARN or reference. */
function sourceOfReplica(ctx: LiftContext, r: NativeResource): DataStore['replicaOf'] {
  const attribute = isTerraform(r.source) ? 'replicate_source_db' : 'SourceDBInstanceIdentifier';
  const v = r.attrs.fields[attribute];
  if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) return undefined;
  return linkByName(ctx, r, v, attribute, { kind: 'db-instance', types: INSTANCE_TYPES, nameOf: dbNameOf });
}

/** Places databases in their subnets, links read replicas and counts the instances of each cluster. */
export function finishRds(ctx: LiftContext): void {
  const s = stateOf(ctx);
  for (const { store, r, n, publicUnwritten } of s.stores) {
    store.subnets = subnetsOf(ctx, r, n);
    if (publicUnwritten) store.publiclyAccessible = publicByVpc(ctx, store, r.loc);
    if (store.storeType === 'rds-instance') {
      const source = sourceOfReplica(ctx, r);
      if (source) store.replicaOf = source;
    }
  }
  for (const c of s.clusters.values()) {
    if (c.multiAzDbCluster) continue;
    const count = c.members.length;
    c.store.instanceCount = c.unresolved.length ? c.unresolved[0] : fact(count, c.members[0]?.r.loc ?? c.store.loc);
    c.store.publiclyAccessible = anyTrue(
      c.members.map((m) => m.publiclyAccessible ?? publicByVpc(ctx, c.store, m.r.loc)),
      c.store.loc,
    );
    // Aurora spreads instances over zones unless every one is pinned to the same zone.
    const zones = c.members.map((m) => m.zone);
    const pinned = zones.every((z) => z?.kind === 'known' && typeof z.value === 'string') && new Set(zones.map((z) => knownString(z))).size === 1;
    if (c.unresolved.length) c.store.multiZone = c.unresolved[0];
    else c.store.multiZone = fact(count >= 2 && !pinned, c.members[1]?.r.loc ?? c.store.loc);
  }
  for (const snap of s.snapshots) {
    const src = snap.store.snapshotOf?.known ? ctx.model.getOf(snap.store.snapshotOf.value, 'data-store') : undefined;
    snap.store.encryption =
      src?.encryption ?? unknownFact(snap.source ? causeOf(snap.source, snap.r, 'source') : { inputs: [], detail: 'the snapshot source is not known' }, snap.r.loc);
  }
}

/**
 * Automated backups replicated to another region, and read replicas made in
 * another region, keep the database's data there too (replicationRegions).
 */
const crossRegionCopies: LiftHandler = {
  types: ['aws_db_instance_automated_backups_replication', 'aws_db_instance'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const backups = r.type === 'aws_db_instance_automated_backups_replication';
    const sourceValue = r.attrs.fields[backups ? 'source_db_instance_arn' : 'replicate_source_db'];
    if (sourceValue === undefined) return;
    const l = linkToResource(ctx, r, sourceValue, backups ? 'source_db_instance_arn' : 'replicate_source_db');
    const source = l.known ? ctx.model.getOf(l.value, 'data-store') : undefined;
    if (!source?.replicationRegions?.known) return;
    const region = regionOf(r, ctx);
    if (!region.known) {
      source.replicationRegions = region;
      return;
    }
    if (source.region.known && source.region.value === region.value) return;
    const cur = source.replicationRegions;
    source.replicationRegions = fact([...new Set([...cur.value, region.value])], cur.defaulted ? region.loc ?? r.loc : cur.loc);
  },
};

export const rdsHandlers: LiftHandler[] = [instances, clusters, clusterInstances, subnetGroups, snapshots, crossRegionCopies];
