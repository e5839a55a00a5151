// AWS Backup configuration items. Config records them in the CloudFormation
// schema's own shape (configuration.BackupPlan.BackupPlanRule[].TargetBackupVault,
// configuration.BackupSelection.Resources, configuration.EncryptionKeyArn), so
// the translation keeps the CloudFormation properties and drops the read-only
// ones; the Backup handlers join selections to plans by the plan ID and to
// stores by ARN, as they do for literal IDs in templates.
import type { NativeResource } from '../../../readers/native.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation } from './via-definitions.js';
import { defined } from './item-shape.js';
import { liveKey } from './live-key.js';

export function planProperties(item: ConfigItem): Translated {
  return { properties: defined({ BackupPlan: item.BackupPlan, BackupPlanTags: item.tags }) };
}

export function selectionProperties(item: ConfigItem): Translated {
  return { properties: defined({ BackupPlanId: item.BackupPlanId, BackupSelection: item.BackupSelection }) };
}

/** A vault made without a key uses AWS Backup's AWS managed key, which the item names by its key ARN like any other. */
export function vaultProperties(item: ConfigItem, _r: NativeResource, ctx: LiftContext): Translated {
  const key = liveKey(ctx, item.EncryptionKeyArn, 'alias/aws/backup');
  return {
    ...(key && 'unknown' in key ? { unknowns: { EncryptionKeyArn: key.unknown } } : {}),
    properties: defined({
      BackupVaultName: item.BackupVaultName,
      EncryptionKeyArn: key && 'text' in key ? key.text : undefined,
      Notifications: item.Notifications,
      LockConfiguration: item.LockConfiguration,
      BackupVaultTags: item.tags,
    }),
  };
}

export const configBackupHandlers: LiftHandler[] = [
  ...viaCloudFormation('AWS::Backup::BackupVault', vaultProperties),
  ...viaCloudFormation('AWS::Backup::BackupPlan', planProperties),
  ...viaCloudFormation('AWS::Backup::BackupSelection', selectionProperties),
];
