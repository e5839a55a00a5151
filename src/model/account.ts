// Account- and subscription-level services and settings: threat detection,
// configuration recording, security contacts, alerts, locks, backup plans.
import type { EntityBase, Link, Links } from './entity.js';
import type { Fact } from './fact.js';
import type { UnknownCause } from '../readers/value.js';

export type AccountServiceType =
  | 'guardduty'
  | 'security-hub'
  | 'config-recorder'
  | 'config-delivery'
  | 'alternate-contact'
  | 'security-alert-rule'
  | 'notification-topic'
  | 'access-analyzer'
  | 'ebs-default-encryption'
  | 's3-account-public-access-block'
  | 'defender-plan'
  | 'security-contact'
  | 'azure-policy-assignment';

export interface AccountService extends EntityBase {
  kind: 'account-service';
  serviceType: AccountServiceType;
  enabled: Fact<boolean>;
  /**
   * Service-specific settings kept as plain data, each documented by the
   * lifter that sets it: config recorder `allSupported`/`includeGlobal`,
   * alert rule `pattern`, Defender plan `tier`, contact `email`.
   */
  settings: Record<string, Fact<unknown>>;
  /** Targets (SNS topics of an EventBridge rule, …). */
  targets?: Links;
}

/** What a plan's selections select. */
export interface BackupSelection {
  /** Resources the plan selects (resolved to data stores where possible). */
  selects: Links;
  /** Selection by tag (`backup = daily`): the engine matches stores by tags. */
  selectsByTag?: Fact<{ key: string; value: string }[]>;
  /** Selects every resource of supported types (`arn:aws:*:*:*` or `*`). */
  selectsAll?: Fact<boolean>;
}

/** AWS Backup plan + selection, or Azure Backup policy + protected items. */
export interface BackupPlan extends EntityBase, BackupSelection {
  kind: 'backup-plan';
  retentionDays: Fact<number | null>;
  vault?: Link;
  /** Regions the plan copies recovery points to (AWS Backup copy actions to vaults of other regions). */
  copyRegions?: Fact<string[]>;
  /** Selections created only under a condition that could not be evaluated: what they select may not be backed up. */
  conditionalSelections?: BackupSelectionPart[];
}

/** What one selection created under a condition adds to a plan. */
export interface BackupSelectionPart extends BackupSelection {
  /** The condition the selection is created under. */
  cause: UnknownCause;
}

/** Azure management lock. */
export interface ResourceLock extends EntityBase {
  kind: 'lock';
  level: Fact<'CanNotDelete' | 'ReadOnly'>;
  target: Link;
  /**
   * Entities the lock protects: the locked resource and its child resources,
   * or every scanned resource of a locked resource group or subscription.
   * Unknown when the scope cannot be told.
   */
  covers?: Links;
}
