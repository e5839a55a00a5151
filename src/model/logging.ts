// Logs: where they go, how long they stay, and who records them.
import type { Encryption } from './data.js';
import type { EntityBase, Link, Links } from './entity.js';
import type { Fact } from './fact.js';

/** CloudWatch Logs log group or Log Analytics workspace. */
export interface LogStore extends EntityBase {
  kind: 'log-store';
  storeType: 'cloudwatch-log-group' | 'log-analytics-workspace';
  /** Days kept; null = never expire. Platform defaults: CloudWatch never expires, Log Analytics 30 days. */
  retentionDays: Fact<number | null>;
  /** Customer key that encrypts the logs, when set. */
  kmsKey?: Fact<string | null>;
  /** Encryption at rest, with the same meaning as DataStore.encryption (CloudWatch Logs without a key: provider-managed). */
  encryption?: Fact<Encryption>;
}

/** CloudTrail trail or Azure Activity Log diagnostic setting. */
export interface Trail extends EntityBase {
  kind: 'trail';
  trailType: 'cloudtrail' | 'activity-log';
  multiRegion?: Fact<boolean>;
  /** Management events (read and write) recorded. */
  managementEvents: Fact<boolean>;
  logFileValidation?: Fact<boolean>;
  /** Organisation trail. */
  organization?: Fact<boolean>;
  /** Destinations: bucket, log group, workspace, storage account. */
  destinations: Links;
  kmsKey?: Fact<string | null>;
  /** Encryption of the delivered log files, with the same meaning as DataStore.encryption. */
  encryption?: Fact<Encryption>;
  /** Global service events (IAM, STS, CloudFront) recorded. */
  includeGlobalServiceEvents?: Fact<boolean>;
  /** The definition turns logging on (`enable_logging` / `IsLogging`); isLogging is the live state. */
  loggingEnabled?: Fact<boolean>;
  /** Live: logging and delivering without errors. */
  isLogging?: Fact<boolean>;
  deliveryError?: Fact<string | null>;
}

/** VPC flow log, NSG/VNet flow log, S3 or load balancer access logging, or a resource diagnostic setting. */
export interface LogSetting extends EntityBase {
  kind: 'log-setting';
  settingType: 'vpc-flow-log' | 'nsg-flow-log' | 'vnet-flow-log' | 'diagnostic-setting' | 's3-access-logging' | 'lb-access-logging';
  /** What it records: a network, subnet, NIC, NSG, bucket, load balancer or any Azure resource. */
  target: Link;
  destinations: Links;
  enabled: Fact<boolean>;
  /** Categories enabled (diagnostic settings). */
  categories?: Fact<string[]>;
  /**
   * Days the destination keeps what this setting delivers, when the setting
   * itself deletes it (an NSG/VNet flow log's retention policy); null = kept
   * until the destination's own rules delete it.
   */
  retentionDays?: Fact<number | null>;
  /**
   * AWS delivers these logs only to buckets encrypted with S3-managed keys
   * (Application and Classic Load Balancer logs): a customer key cannot be
   * used there, and a bucket with one receives nothing.
   */
  onlyS3ManagedKeys?: Fact<boolean>;
}
