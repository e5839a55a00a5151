// The split S3 resources of Terraform AWS provider v4+ and
// AWS::S3::BucketPolicy: each amends the bucket it names. A split resource
// for a bucket outside the scan has nothing to amend.
import type { NativeResource } from '../../../readers/native.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, itemsOf } from '../../lift-values.js';
import { policyTextOf } from '../../policy-document.js';
import { dig } from './attribute-path.js';
import { anyTrue } from './fact-logic.js';
import { expirationDays, terraformExpirationRules } from './s3-expiration.js';
import { cannedAclPublic, grantsPublic, ownershipEnforced, presenceFact, sseEncryption, statusFact } from './s3-settings.js';
import type { BucketState, PublicAccessBlock } from './s3-state.js';
import { bucketOf } from './s3-state.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { lifecycleMultiZone, terraformTransitionRules } from './s3-zones.js';

function splitHandler(type: string, amend: (s: BucketState, r: NativeResource, ctx: LiftContext) => void): LiftHandler {
  return {
    types: [type],
    sources: TERRAFORM,
    pass: 'amend',
    lift(r, ctx) {
      const s = bucketOf(ctx, r, r.attrs.fields.bucket, 'bucket');
      if (s) amend(s, r, ctx);
    },
  };
}

/**
 * A setting from a resource created only under an unresolved condition: the
 * bucket keeps its own without it, so the setting is unknown on that condition
 * unless both say the same (a default "on" and a written one do not: see `written` in s3-finish).
 */
function ifCreated(r: NativeResource, own: Fact<boolean>, set: Fact<boolean>): Fact<boolean> {
  if (!r.conditional) return set;
  const same = own.known && set.known && own.value === set.value && (!own.value || !own.defaulted === !set.defaulted);
  return same ? own : unknownFact(r.conditional, set.loc ?? r.loc);
}

const handlers: LiftHandler[] = [
  splitHandler('aws_s3_bucket_server_side_encryption_configuration', (s, r, ctx) => {
    // Created only under an unresolved condition: the bucket may keep the encryption it has without it.
    if (r.conditional) {
      s.store.encryption = unknownFact(r.conditional, r.loc);
      return;
    }
    s.store.encryption = sseEncryption(
      ctx,
      r,
      dig(r.attrs, 'rule', 'apply_server_side_encryption_by_default'),
      'sse_algorithm',
      'kms_master_key_id',
    );
  }),
  splitHandler('aws_s3_bucket_public_access_block', (s, r) => {
    // Each setting the resource leaves out is false.
    const own = s.publicAccessBlock;
    const flag = (setting: keyof PublicAccessBlock, name: string) => ifCreated(r, own[setting], boolFact(r.attrs.fields[name], r, { name, default: false }));
    s.publicAccessBlock = {
      blockPublicAcls: flag('blockPublicAcls', 'block_public_acls'),
      blockPublicPolicy: flag('blockPublicPolicy', 'block_public_policy'),
      ignorePublicAcls: flag('ignorePublicAcls', 'ignore_public_acls'),
      restrictPublicBuckets: flag('restrictPublicBuckets', 'restrict_public_buckets'),
    };
  }),
  splitHandler('aws_s3_bucket_policy', (s, r) => {
    s.store.policy = policyTextOf(r.attrs.fields.policy, r, 'policy');
    if (r.conditional) s.store.policyConditional = r.conditional;
  }),
  splitHandler('aws_s3_bucket_acl', (s, r) => {
    const acl = anyTrue(
      [
        cannedAclPublic(r.attrs.fields.acl, r, 'acl'),
        grantsPublic(itemsOf(dig(r.attrs, 'access_control_policy', 'grant')), r, ['grantee', 'uri']),
      ],
      r.loc,
    );
    s.aclPublic = ifCreated(r, s.aclPublic, acl);
  }),
  splitHandler('aws_s3_bucket_versioning', (s, r) => {
    const versioning = statusFact(dig(r.attrs, 'versioning_configuration', 'status'), r, 'versioning_configuration.status', false);
    s.store.versioning = ifCreated(r, s.store.versioning ?? defaulted(false, s.store.loc), versioning);
    s.versioningWritten = true;
  }),
  splitHandler('aws_s3_bucket_lifecycle_configuration', (s, r) => {
    // Created only under an unresolved condition: the objects may never expire, or may.
    s.lifecycle = r.conditional ? undefined : { rules: terraformExpirationRules(r.attrs.fields.rule, r, 'status'), whole: r.attrs.fields.rule, definedBy: r };
    s.store.expirationDays = r.conditional ? unknownFact(r.conditional, r.loc) : expirationDays(s.lifecycle, [], s.native);
    s.store.multiZone = r.conditional
      ? unknownFact(r.conditional, r.loc)
      : lifecycleMultiZone(terraformTransitionRules(r.attrs.fields.rule, r, 'status'), r, r.attrs.fields.rule);
  }),
  splitHandler('aws_s3_bucket_logging', (s, r) => {
    s.store.accessLogging = ifCreated(r, s.store.accessLogging ?? defaulted(false, s.store.loc), fact(true, r.loc));
    s.logging = { id: r.key, definedBy: r, target: r.attrs.fields.target_bucket, prefix: r.attrs.fields.target_prefix, loc: r.loc };
  }),
  splitHandler('aws_s3_bucket_object_lock_configuration', (s, r) => {
    // The configuration turns Object Lock on (`object_lock_enabled` defaults to "Enabled").
    s.objectLockEnabled = ifCreated(r, s.objectLockEnabled, statusFact(r.attrs.fields.object_lock_enabled, r, 'object_lock_enabled', true));
    const retention = dig(r.attrs, 'rule', 'default_retention');
    s.defaultRetention = ifCreated(r, s.defaultRetention, retention === undefined ? fact(false, r.loc) : presenceFact(retention, r, 'rule.default_retention'));
  }),
  splitHandler('aws_s3_bucket_replication_configuration', (s, r) => {
    s.replication = { definedBy: r, rules: itemsOf(r.attrs.fields.rule) };
  }),
  splitHandler('aws_s3_bucket_ownership_controls', (s, r) => {
    s.aclsDisabled = ifCreated(r, s.aclsDisabled, ownershipEnforced(dig(r.attrs, 'rule', 'object_ownership'), r));
  }),
  {
    types: ['AWS::S3::BucketPolicy'],
    sources: CLOUDFORMATION,
    pass: 'amend',
    lift(r, ctx) {
      const s = bucketOf(ctx, r, r.attrs.fields.Bucket, 'Bucket');
      if (!s) return;
      s.store.policy = policyTextOf(r.attrs.fields.PolicyDocument, r, 'PolicyDocument');
      if (r.conditional) s.store.policyConditional = r.conditional;
    },
  },
];

export const s3PartHandlers: LiftHandler[] = handlers;
