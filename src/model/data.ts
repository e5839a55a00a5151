// Where data rests: buckets, volumes, databases, file systems, vaults and
// their encryption, exposure, redundancy and backup settings.
import type { EntityBase, Link, Links, LiteralSecret } from './entity.js';
import type { Fact } from './fact.js';
import type { UnknownCause } from '../readers/value.js';

export type StoreType =
  | 's3-bucket'
  | 'ebs-volume'
  | 'ebs-snapshot'
  | 'ebs-default-encryption'
  | 'rds-instance'
  | 'rds-cluster'
  | 'rds-snapshot'
  | 'dynamodb-table'
  | 'efs-file-system'
  | 'fsx-file-system'
  | 'elasticache'
  | 'backup-vault'
  | 'redshift-cluster'
  | 'opensearch-domain'
  | 'sqs-queue'
  | 'sns-topic'
  | 'secret'
  | 'ssm-parameter'
  | 'storage-account'
  | 'managed-disk'
  | 'sql-server'
  | 'sql-database'
  | 'postgresql-server'
  | 'mysql-server'
  | 'cosmosdb-account'
  | 'recovery-services-vault'
  | 'redis-cache'
  | 'redis-enterprise'
  | 'mongo-cluster'
  | 'synapse-workspace'
  | 'synapse-sql-pool'
  | 'kusto-cluster'
  | 'servicebus-namespace'
  | 'eventhub-namespace'
  | 'container-registry';

/**
 * Encryption at rest. `customer-managed` means a key the municipality (or its
 * vendor on its behalf) controls and can destroy: a KMS customer managed key,
 * a Key Vault key. `provider-managed` (AWS owned/managed keys, platform-managed
 * keys) cannot be destroyed by the customer, so it gives no crypto erasure.
 */
export interface Encryption {
  mode: 'none' | 'provider-managed' | 'customer-managed';
  /** The customer key entity, when in the model. */
  key?: Link;
  /** The key as written when it is not an entity of the model (a literal ARN, an alias name). */
  keyText?: string;
}

/**
 * What an Azure service's firewall admits on its public endpoint:
 * `allows-all` (no filter, default action Allow, or rules spanning every
 * address), `admits-ranges` (denies by default, IP rules admit some ranges),
 * `admits-azure-services` (denies by default; only the "allow Azure services"
 * 0.0.0.0 rule admits, i.e. every Azure resource, other customers' included),
 * `denies` (denies by default and admits no IP range).
 */
export type PublicFirewall = 'allows-all' | 'admits-ranges' | 'admits-azure-services' | 'denies';

export interface DataStore extends EntityBase {
  kind: 'data-store';
  storeType: StoreType;
  /** Absent when the store type has no encryption setting (kikan then does not judge it under LG-2.3). */
  encryption?: Fact<Encryption>;
  /** Where the store sits in a network (DB subnet groups, EFS mount targets, private endpoints). */
  subnets?: Links;
  securityGroups?: Links;
  /**
   * Has an endpoint the internet can address: RDS `publicly_accessible`; an
   * Azure service's public network access, whatever its firewall admits
   * (rules can be added outside the template; `publicFirewall` says what it admits now).
   */
  publiclyAccessible?: Fact<boolean>;
  /** Azure: what the service's own firewall admits on its public endpoint, where kikan models that firewall. */
  publicFirewall?: Fact<PublicFirewall>;
  /**
   * A database server guarded only by its own IP firewall (Azure SQL,
   * PostgreSQL and MySQL flexible servers): public network access is on and
   * a rule admits the whole internet, so its database port faces everyone.
   */
  firewallOpenToAll?: Fact<boolean>;
  /** Anonymous read/list allowed (S3 public ACL or policy, blob public access, public snapshot). */
  publicRead?: Fact<boolean>;
  /** S3 public access block (all four settings) / `allowBlobPublicAccess: false` in effect. */
  publicAccessBlocked?: Fact<boolean>;
  /** Resource policy, when the store has one (bucket policy, vault policy). */
  policy?: Fact<string | null>;
  /** Set when the policy is created only under a condition that could not be evaluated, so what it denies may not apply. */
  policyConditional?: UnknownCause;
  /** Multi-AZ / zone redundancy / HA for databases and caches. */
  multiZone?: Fact<boolean>;
  /** Number of instances in a cluster (Aurora). */
  instanceCount?: Fact<number>;
  /** Storage redundancy SKU: `LRS`, `ZRS`, `GRS`, `GZRS`, `RAGRS`, `RAGZRS`; S3 is multi-AZ by design. */
  redundancy?: Fact<string>;
  /** Replication to another region (S3 CRR, geo-redundant storage secondary region). */
  replicationRegions?: Fact<string[]>;
  /** Automated backup retention in days (0 = off), from the service's own backup settings. */
  backupRetentionDays?: Fact<number>;
  deletionProtection?: Fact<boolean>;
  /** Versioning (S3, blob). */
  versioning?: Fact<boolean>;
  /** Object Lock / immutability policy / vault lock. */
  immutable?: Fact<boolean>;
  /** A backup vault lock that is set but can be lifted: AWS Backup governance mode, Azure immutability `Unlocked`. */
  liftableLock?: 'governance' | 'unlocked';
  /**
   * Azure storage: names of the blob containers that carry an immutability
   * policy of their own (time-based retention or version-level immutability),
   * when the account as a whole is not immutable. Activity logs land in
   * `insights-activity-logs`, resource logs in `insights-logs-<category>`.
   */
  immutableContainers?: Fact<string[]>;
  /** Expiration of objects by lifecycle rule, in days; null = never expire. */
  expirationDays?: Fact<number | null>;
  /** Server access logging / audit logs exported (S3 access logs, RDS log exports). */
  accessLogging?: Fact<boolean>;
  /** Minimum TLS version accepted (`1.2`), HTTPS-only transport. */
  minTlsVersion?: Fact<string | null>;
  httpsOnly?: Fact<boolean>;
  /** Literal secret written in the definition (master password, admin password): where. */
  literalSecrets?: LiteralSecret[];
  /** Azure: the database's server (SQL database -> SQL server). */
  parent?: Link;
  /** Name of the store as the provider knows it (bucket name, DB identifier), when the definition gives it. */
  name?: Fact<string>;
  /** Snapshots: the volume, database or cluster the snapshot was taken of. */
  snapshotOf?: Link;
  /**
   * The store this one is a copy of: the source bucket of an S3 replication
   * rule whose destination this bucket is, the source of an RDS read
   * replica. Its data lives in the source as well (LG-4.3), and its backups
   * are the source's (LG-4.4).
   */
  replicaOf?: Link;
}
