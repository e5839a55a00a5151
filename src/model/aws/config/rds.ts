// AWS::RDS::DBInstance and AWS::RDS::DBCluster configuration items (the
// DescribeDBInstances / DescribeDBClusters shapes, with Config's spelling
// `dBInstanceIdentifier`, `multiAZ`, `vpcSecurityGroups`) -> the CloudFormation
// properties, so the RDS handlers judge live databases as they judge templates.
// Live values are what AWS applied: every setting is written, none defaulted.
import type { NativeResource } from '../../../readers/native.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { liveKey } from './live-key.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation } from './via-definitions.js';
import { defined, doc } from './item-shape.js';

function ids(v: unknown, name: string): string[] {
  return Array.isArray(v) ? v.flatMap((x) => (typeof doc(x)?.[name] === 'string' ? [doc(x)![name] as string] : typeof x === 'string' ? [x] : [])) : [];
}

/** Config spells some fields with a lower-case first letter only (`dBInstanceIdentifier`); older items spell them `dbInstanceIdentifier`. */
function pick(item: ConfigItem, ...names: string[]): unknown {
  for (const n of names) if (item[n] !== undefined) return item[n];
  return undefined;
}

/** The key as the RDS handlers read it: the AWS managed key by its alias, an unread key unknown. */
function withKey(t: Translated, item: ConfigItem, ctx: LiftContext): Translated {
  const k = liveKey(ctx, item.kmsKeyId, 'alias/aws/rds');
  if (!k) return t;
  if ('text' in k) return { ...t, properties: { ...t.properties, KmsKeyId: k.text } };
  return { ...t, unknowns: { KmsKeyId: k.unknown } };
}

export function dbInstanceProperties(item: ConfigItem, _r: NativeResource, ctx: LiftContext): Translated {
  return withKey(dbInstanceBase(item), item, ctx);
}

export function dbClusterProperties(item: ConfigItem, _r: NativeResource, ctx: LiftContext): Translated {
  return withKey(dbClusterBase(item), item, ctx);
}

function dbInstanceBase(item: ConfigItem): Translated {
  const subnetGroup = doc(pick(item, 'dBSubnetGroup', 'dbSubnetGroup'));
  return {
    properties: defined({
      DBInstanceIdentifier: pick(item, 'dBInstanceIdentifier', 'dbInstanceIdentifier'),
      DBInstanceClass: pick(item, 'dBInstanceClass', 'dbInstanceClass'),
      DBClusterIdentifier: pick(item, 'dBClusterIdentifier', 'dbClusterIdentifier'),
      Engine: item.engine,
      StorageEncrypted: item.storageEncrypted ?? false,
      MultiAZ: pick(item, 'multiAZ', 'multiAz') ?? false,
      PubliclyAccessible: item.publiclyAccessible ?? false,
      BackupRetentionPeriod: item.backupRetentionPeriod,
      DeletionProtection: item.deletionProtection ?? false,
      EnableCloudwatchLogsExports: item.enabledCloudwatchLogsExports ?? [],
      DBSubnetGroupName: pick(subnetGroup ?? {}, 'dBSubnetGroupName', 'dbSubnetGroupName'),
      VPCSecurityGroups: ids(item.vpcSecurityGroups, 'vpcSecurityGroupId'),
      AvailabilityZone: item.availabilityZone,
      SourceDBInstanceIdentifier: pick(item, 'readReplicaSourceDBInstanceIdentifier'),
      Tags: item.tags,
    }),
  };
}

/** Cluster items spell identifiers all lower-case after `db` (`dbclusterIdentifier`, `dbsubnetGroup`), per the Config resource schema. */
function dbClusterBase(item: ConfigItem): Translated {
  const zones = Array.isArray(item.availabilityZones) ? item.availabilityZones.flatMap((z) => (typeof z === 'string' ? [z] : typeof doc(z)?.value === 'string' ? [doc(z)!.value] : [])) : undefined;
  return {
    properties: defined({
      DBClusterIdentifier: pick(item, 'dbclusterIdentifier', 'dBClusterIdentifier', 'dbClusterIdentifier'),
      Engine: item.engine,
      EngineMode: item.engineMode,
      DBClusterInstanceClass: pick(item, 'dbclusterInstanceClass', 'dBClusterInstanceClass', 'dbClusterInstanceClass'),
      StorageEncrypted: item.storageEncrypted ?? false,
      BackupRetentionPeriod: item.backupRetentionPeriod,
      DeletionProtection: item.deletionProtection ?? false,
      EnableCloudwatchLogsExports: item.enabledCloudwatchLogsExports ?? [],
      DBSubnetGroupName: pick(item, 'dbsubnetGroup', 'dBSubnetGroup', 'dbSubnetGroup'),
      VpcSecurityGroupIds: ids(item.vpcSecurityGroups, 'vpcSecurityGroupId'),
      AvailabilityZones: zones,
      ReplicationSourceIdentifier: item.replicationSourceIdentifier,
      Tags: item.tags,
    }),
  };
}

export function dbSubnetGroupProperties(item: ConfigItem): Translated {
  const subnets = Array.isArray(item.subnets) ? item.subnets : [];
  return {
    properties: defined({
      DBSubnetGroupName: pick(item, 'dBSubnetGroupName', 'dbSubnetGroupName'),
      SubnetIds: subnets.flatMap((s) => (typeof doc(s)?.subnetIdentifier === 'string' ? [doc(s)!.subnetIdentifier] : [])),
      Tags: item.tags,
    }),
  };
}

export const configRdsHandlers: LiftHandler[] = [
  ...viaCloudFormation('AWS::RDS::DBSubnetGroup', dbSubnetGroupProperties),
  ...viaCloudFormation('AWS::RDS::DBInstance', dbInstanceProperties),
  ...viaCloudFormation('AWS::RDS::DBCluster', dbClusterProperties),
];
