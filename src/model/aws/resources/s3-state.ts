// What the lifter learns about each S3 bucket from the bucket and its split
// resources before the settings that interact (ACLs, policies, public
// access blocks, object lock) are combined in finishS3.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import type { Lifecycle } from './s3-expiration.js';
import type { CloudModel } from '../../model.js';
import { BUCKET_TYPES, bucketNameOf } from './s3-settings.js';
import { linkByName } from './name-index.js';

export interface PublicAccessBlock {
  blockPublicAcls: Fact<boolean>;
  blockPublicPolicy: Fact<boolean>;
  ignorePublicAcls: Fact<boolean>;
  restrictPublicBuckets: Fact<boolean>;
}

export interface BucketState {
  store: DataStore;
  native: NativeResource;
  /** The ACL grants public access (canned ACL or grants). */
  aclPublic: Fact<boolean>;
  /** Object ownership `BucketOwnerEnforced`: ACLs are disabled and grant nothing. */
  aclsDisabled: Fact<boolean>;
  publicAccessBlock: PublicAccessBlock;
  objectLockEnabled: Fact<boolean>;
  /** Object Lock has a default retention rule, so every new object is locked. */
  defaultRetention: Fact<boolean>;
  /** Versioning was written (otherwise Object Lock turns it on). */
  versioningWritten: boolean;
  /** Where access logs go: the defining resource, the target bucket and the key prefix as written. */
  logging?: { id: string; definedBy: NativeResource; target: Value | undefined; prefix: Value | undefined; loc: SourceLoc };
  /**
   * The lifecycle rules, when they are certain to be in place; the bucket's
   * expiration is judged again in finishS3 against the keys logs are written under.
   */
  lifecycle?: Lifecycle;
  /** Replication rules: the defining resource and the rule values. */
  replication?: { definedBy: NativeResource; rules: Value[] };
}

const states = new WeakMap<CloudModel, Map<string, BucketState>>();

export function bucketStates(ctx: LiftContext): Map<string, BucketState> {
  let m = states.get(ctx.model);
  if (!m) states.set(ctx.model, (m = new Map()));
  return m;
}

/**
 * Since April 2023 new buckets have all four public access block settings
 * on and ACLs disabled (BucketOwnerEnforced) unless the definition says otherwise.
 */
export function newBucketState(store: DataStore, native: NativeResource): BucketState {
  const on = defaulted(true, native.loc);
  return {
    store,
    native,
    aclPublic: defaulted(false, native.loc),
    aclsDisabled: on,
    publicAccessBlock: { blockPublicAcls: on, blockPublicPolicy: on, ignorePublicAcls: on, restrictPublicBuckets: on },
    objectLockEnabled: defaulted(false, native.loc),
    defaultRetention: defaulted(false, native.loc),
    versioningWritten: false,
  };
}

/** The bucket a split resource or policy belongs to, when it is in the scan. */
export function bucketOf(ctx: LiftContext, r: NativeResource, v: Value | undefined, attribute: string): BucketState | undefined {
  const l = linkByName(ctx, r, v, attribute, { kind: 's3-bucket', types: BUCKET_TYPES, nameOf: bucketNameOf });
  return l.known ? bucketStates(ctx).get(l.value) : undefined;
}
