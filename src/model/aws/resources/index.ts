// AWS handlers for data stores, keys, logging, identity, backup and
// account-level services.
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { alertHandlers } from './account-alerts.js';
import { configHandlers } from './account-config.js';
import { detectionHandlers } from './account-detection.js';
import { backupHandlers, finishBackup } from './backup.js';
import { cloudTrailHandlers } from './cloudtrail.js';
import { dynamodbHandlers } from './dynamodb.js';
import { ebsHandlers, finishEbs } from './ebs.js';
import { efsHandlers } from './efs.js';
import { eksHandlers } from './eks.js';
import { elasticacheHandlers, finishElastiCache } from './elasticache.js';
import { flowLogHandlers } from './flow-logs.js';
import { iamPolicyHandlers } from './iam-policies.js';
import { iamPrincipalHandlers } from './iam-principals.js';
import { finishKeyReferences } from './key-reference.js';
import { finishKeys, kmsHandlers } from './kms.js';
import { lambdaPermissionHandlers } from './lambda-permission.js';
import { lbAccessLogHandlers } from './lb-access-logs.js';
import { finishLogStores, logGroupHandlers } from './log-groups.js';
import { finishRds, rdsHandlers } from './rds.js';
import { s3BucketHandlers } from './s3-bucket.js';
import { s3PartHandlers } from './s3-bucket-parts.js';
import { s3AccountHandlers } from './s3-account.js';
import { finishS3 } from './s3-finish.js';
import { resourcePolicyHandlers } from './resource-policies.js';
import { secretQueueHandlers } from './secrets-queues.js';

export const resourceHandlers: LiftHandler[] = [
  ...kmsHandlers,
  ...s3BucketHandlers,
  ...s3PartHandlers,
  ...s3AccountHandlers,
  ...ebsHandlers,
  ...rdsHandlers,
  ...dynamodbHandlers,
  ...efsHandlers,
  ...elasticacheHandlers,
  ...secretQueueHandlers,
  ...eksHandlers,
  ...backupHandlers,
  ...logGroupHandlers,
  ...cloudTrailHandlers,
  ...flowLogHandlers,
  ...lbAccessLogHandlers,
  ...iamPrincipalHandlers,
  ...iamPolicyHandlers,
  ...resourcePolicyHandlers,
  ...lambdaPermissionHandlers,
  ...detectionHandlers,
  ...configHandlers,
  ...alertHandlers,
];

/** Joins that need every entity in place: account defaults, key aliases, bucket settings, placements, key fields. */
export function finishResources(ctx: LiftContext): void {
  // Account defaults resolve keys of their own: before the alias fix-ups.
  finishEbs(ctx);
  finishKeyReferences(ctx);
  finishKeys(ctx);
  finishS3(ctx);
  finishRds(ctx);
  finishElastiCache(ctx);
  finishLogStores(ctx);
  // Selections filtered by tag conditions are judged per store: once every store and its tags are in place.
  finishBackup(ctx);
}
