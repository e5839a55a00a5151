// Which data stores hold the municipality's information, as the data
// controls judge them: databases, buckets, disks, file systems and their
// copies. Queues, topics, secrets and parameters carry data in passing or
// hold credentials; they are judged by the controls made for them.
import type { DataStore, StoreType } from '../../model/data.js';

const INFORMATION_STORES: ReadonlySet<StoreType> = new Set<StoreType>([
  's3-bucket',
  'ebs-volume',
  'ebs-snapshot',
  'rds-instance',
  'rds-cluster',
  'rds-snapshot',
  'dynamodb-table',
  'efs-file-system',
  'fsx-file-system',
  'elasticache',
  'backup-vault',
  'redshift-cluster',
  'opensearch-domain',
  'storage-account',
  'managed-disk',
  'sql-server',
  'sql-database',
  'postgresql-server',
  'mysql-server',
  'cosmosdb-account',
  'recovery-services-vault',
  'redis-cache',
  'redis-enterprise',
  'mongo-cluster',
  'synapse-workspace',
  'synapse-sql-pool',
  'kusto-cluster',
]);

/** Stores that must carry a classification label (LG-2.1). */
export function holdsInformation(s: DataStore): boolean {
  return INFORMATION_STORES.has(s.storeType);
}

/**
 * Stores whose encryption key decides crypto erasure (LG-2.3, SPEC §3): S3,
 * EBS and snapshots, RDS/Aurora, DynamoDB, EFS, Backup vaults; Azure
 * storage, managed disks, SQL (TDE protector), Cosmos DB and the other Azure
 * databases with a Key Vault key option: Cosmos DB for MongoDB vCore, Synapse
 * workspaces and their dedicated SQL pools, Data Explorer. Caches (ElastiCache,
 * Azure Cache for Redis, Managed Redis) are not among them.
 */
const CRYPTO_ERASURE_STORES: ReadonlySet<StoreType> = new Set<StoreType>([
  's3-bucket',
  'ebs-volume',
  'ebs-snapshot',
  'rds-instance',
  'rds-cluster',
  'rds-snapshot',
  'dynamodb-table',
  'efs-file-system',
  'backup-vault',
  'storage-account',
  'managed-disk',
  'sql-server',
  'sql-database',
  'cosmosdb-account',
  'mongo-cluster',
  'synapse-workspace',
  'synapse-sql-pool',
  'kusto-cluster',
]);

export function needsCustomerKey(s: DataStore): boolean {
  return CRYPTO_ERASURE_STORES.has(s.storeType);
}
