// S3 buckets with their inline settings: aws_s3_bucket (including the
// legacy inline blocks of provider v3) and AWS::S3::Bucket -> DataStore.
import type { NativeResource } from '../../../readers/native.js';
import type { DataStore } from '../../data.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { boolFact, itemsOf, stringFact } from '../../lift-values.js';
import { policyTextOf } from '../../policy-document.js';
import { dig } from './attribute-path.js';
import { anyTrue } from './fact-logic.js';
import { registerName } from './name-index.js';
import type { Lifecycle } from './s3-expiration.js';
import { cloudFormationExpirationRules, expirationDays, terraformExpirationRules } from './s3-expiration.js';
import { cannedAclPublic, grantsPublic, ownershipEnforced, presenceFact, sseEncryption, statusFact } from './s3-settings.js';
import { bucketStates, newBucketState } from './s3-state.js';
import { cloudFormationTransitionRules, lifecycleMultiZone, terraformTransitionRules } from './s3-zones.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsValue } from './tags.js';

function bucketStore(r: NativeResource, ctx: LiftContext): DataStore {
  return { ...baseOf(r, ctx, tagsValue(r)), kind: 'data-store', storeType: 's3-bucket' };
}

const terraformBuckets: LiftHandler = {
  types: ['aws_s3_bucket'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const store = bucketStore(r, ctx);
    store.name = a.bucket
      ? stringFact(a.bucket, r, { name: 'bucket' })
      : unknownFact({ inputs: [], detail: `${r.address} has a name Terraform generates${a.bucket_prefix ? ' from bucket_prefix' : ''}` }, r.loc);
    registerName(ctx, 's3-bucket', a.bucket, r.key, r);
    store.encryption = sseEncryption(
      ctx,
      r,
      dig(r.attrs, 'server_side_encryption_configuration', 'rule', 'apply_server_side_encryption_by_default'),
      'sse_algorithm',
      'kms_master_key_id',
    );
    store.policy = a.policy === undefined ? defaulted(null, r.loc) : policyTextOf(a.policy, r, 'policy');
    store.versioning = a.versioning
      ? boolFact(dig(r.attrs, 'versioning', 'enabled'), r, { name: 'versioning.enabled', default: false })
      : defaulted(false, r.loc);
    const lifecycle: Lifecycle = { rules: terraformExpirationRules(a.lifecycle_rule, r, 'enabled'), whole: a.lifecycle_rule, definedBy: r };
    store.expirationDays = expirationDays(lifecycle, [], r);
    store.multiZone = lifecycleMultiZone(terraformTransitionRules(a.lifecycle_rule, r, 'enabled'), r, a.lifecycle_rule);
    store.accessLogging = a.logging && itemsOf(a.logging).length ? fact(true, a.logging.loc ?? r.loc) : defaulted(false, r.loc);
    ctx.model.add(store);

    const s = newBucketState(store, r);
    s.lifecycle = lifecycle;
    s.versioningWritten = a.versioning !== undefined;
    if (a.acl !== undefined || a.grant !== undefined) {
      s.aclPublic = anyTrue([cannedAclPublic(a.acl, r, 'acl'), grantsPublic(itemsOf(a.grant), r, ['uri'])], r.loc);
    }
    // Provider v4+ `object_lock_enabled`; v3 `object_lock_configuration.object_lock_enabled = "Enabled"`.
    if (a.object_lock_enabled !== undefined) {
      s.objectLockEnabled = boolFact(a.object_lock_enabled, r, { name: 'object_lock_enabled', default: false });
    } else if (a.object_lock_configuration !== undefined) {
      s.objectLockEnabled = statusFact(dig(r.attrs, 'object_lock_configuration', 'object_lock_enabled'), r, 'object_lock_enabled', false);
    }
    const retention = dig(r.attrs, 'object_lock_configuration', 'rule', 'default_retention');
    if (retention !== undefined) s.defaultRetention = presenceFact(retention, r, 'object_lock_configuration.rule');
    if (store.accessLogging.known && store.accessLogging.value) {
      s.logging = {
        id: `${r.key}#access-logging`,
        definedBy: r,
        target: dig(r.attrs, 'logging', 'target_bucket'),
        prefix: dig(r.attrs, 'logging', 'target_prefix'),
        loc: a.logging?.loc ?? r.loc,
      };
    }
    if (a.replication_configuration !== undefined) {
      s.replication = { definedBy: r, rules: itemsOf(dig(r.attrs, 'replication_configuration', 'rules')) };
    }
    bucketStates(ctx).set(store.id, s);
  },
};

const cloudFormationBuckets: LiftHandler = {
  types: ['AWS::S3::Bucket'],
  sources: CLOUDFORMATION,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    const store = bucketStore(r, ctx);
    store.name = a.BucketName
      ? stringFact(a.BucketName, r, { name: 'BucketName' })
      : unknownFact({ inputs: [], detail: `${r.address} has a name CloudFormation generates` }, r.loc);
    registerName(ctx, 's3-bucket', a.BucketName, r.key, r);
    store.encryption = sseEncryption(
      ctx,
      r,
      dig(r.attrs, 'BucketEncryption', 'ServerSideEncryptionConfiguration', 'ServerSideEncryptionByDefault'),
      'SSEAlgorithm',
      'KMSMasterKeyID',
    );
    // AWS::S3::BucketPolicy amends this.
    store.policy = defaulted(null, r.loc);
    store.versioning = statusFact(dig(r.attrs, 'VersioningConfiguration', 'Status'), r, 'VersioningConfiguration.Status', false);
    const rules = dig(r.attrs, 'LifecycleConfiguration', 'Rules');
    const lifecycle: Lifecycle = { rules: cloudFormationExpirationRules(rules, r), whole: rules, definedBy: r };
    store.expirationDays = expirationDays(lifecycle, [], r);
    store.multiZone = lifecycleMultiZone(cloudFormationTransitionRules(rules, r), r, rules);
    store.accessLogging = a.LoggingConfiguration ? fact(true, a.LoggingConfiguration.loc ?? r.loc) : defaulted(false, r.loc);
    ctx.model.add(store);

    const s = newBucketState(store, r);
    s.lifecycle = lifecycle;
    s.versioningWritten = a.VersioningConfiguration !== undefined;
    s.aclPublic = cannedAclPublic(a.AccessControl, r, 'AccessControl');
    const ownership = dig(r.attrs, 'OwnershipControls', 'Rules', 'ObjectOwnership');
    if (ownership !== undefined) s.aclsDisabled = ownershipEnforced(ownership, r);
    const pab = a.PublicAccessBlockConfiguration;
    if (pab !== undefined) {
      // A written configuration turns off every setting it does not name.
      const flag = (name: string) => boolFact(dig(pab, name), r, { name: `PublicAccessBlockConfiguration.${name}`, default: false });
      s.publicAccessBlock = {
        blockPublicAcls: flag('BlockPublicAcls'),
        blockPublicPolicy: flag('BlockPublicPolicy'),
        ignorePublicAcls: flag('IgnorePublicAcls'),
        restrictPublicBuckets: flag('RestrictPublicBuckets'),
      };
    }
    s.objectLockEnabled = boolFact(a.ObjectLockEnabled, r, { name: 'ObjectLockEnabled', default: false });
    const retention = dig(r.attrs, 'ObjectLockConfiguration', 'Rule', 'DefaultRetention');
    if (retention !== undefined) s.defaultRetention = presenceFact(retention, r, 'ObjectLockConfiguration.Rule');
    // Without DestinationBucketName, access logs go to the bucket itself.
    if (a.LoggingConfiguration) {
      s.logging = {
        id: `${r.key}#access-logging`,
        definedBy: r,
        target: dig(r.attrs, 'LoggingConfiguration', 'DestinationBucketName'),
        prefix: dig(r.attrs, 'LoggingConfiguration', 'LogFilePrefix'),
        loc: a.LoggingConfiguration.loc ?? r.loc,
      };
    }
    if (a.ReplicationConfiguration !== undefined) s.replication = { definedBy: r, rules: itemsOf(dig(r.attrs, 'ReplicationConfiguration', 'Rules')) };
    bucketStates(ctx).set(store.id, s);
  },
};

export const s3BucketHandlers: LiftHandler[] = [terraformBuckets, cloudFormationBuckets];
