// Combines what was learned about each bucket into the DataStore fields
// whose meaning depends on several settings, and adds its access-log setting.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { AccountService } from '../../account.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { causeOf } from '../../lift-values.js';
import type { LogSetting } from '../../logging.js';
import { dig, isUnresolved } from './attribute-path.js';
import { allTrue, anyTrue, not } from './fact-logic.js';
import { linkByName } from './name-index.js';
import { policyIsPublic, policyMinTlsVersion, policyRequiresTls } from './s3-policy-analysis.js';
import type { WrittenKeys } from './s3-expiration.js';
import { expirationDays } from './s3-expiration.js';
import { writtenKeys } from './s3-log-keys.js';
import { BUCKET_TYPES, bucketNameOf, statusFact } from './s3-settings.js';
import type { BucketState, PublicAccessBlock } from './s3-state.js';
import { bucketStates } from './s3-state.js';

/** The account-level block (aws_s3_account_public_access_block) of the bucket's scope, if the scan defines one. */
function accountBlock(ctx: LiftContext, scope: string): PublicAccessBlock | undefined {
  const svc = ctx.model
    .all('account-service')
    .find((s: AccountService) => s.serviceType === 's3-account-public-access-block' && s.scope === scope);
  if (!svc) return undefined;
  const f = (k: string) => svc.settings[k] as Fact<boolean>;
  return {
    blockPublicAcls: f('blockPublicAcls'),
    blockPublicPolicy: f('blockPublicPolicy'),
    ignorePublicAcls: f('ignorePublicAcls'),
    restrictPublicBuckets: f('restrictPublicBuckets'),
  };
}

function effective(own: Fact<boolean>, account: Fact<boolean> | undefined): Fact<boolean> {
  return account ? anyTrue([own, account]) : own;
}

/**
 * A setting left to the April 2023 default guards only buckets created since
 * then; against a public ACL or policy the definition itself writes it is no
 * guard (the bucket may be older, and the definition asks for public access).
 */
function written(f: Fact<boolean>): Fact<boolean> {
  return f.known && f.defaulted && f.value ? fact(false, f.loc) : f;
}

function combinePublicSettings(s: BucketState, account: PublicAccessBlock | undefined): void {
  const pab = s.publicAccessBlock;
  const { store } = s;
  const all = (b: PublicAccessBlock) => allTrue([b.blockPublicAcls, b.blockPublicPolicy, b.ignorePublicAcls, b.restrictPublicBuckets], store.loc);
  store.publicAccessBlocked = account ? anyTrue([all(pab), all(account)], store.loc) : all(pab);
  // A public ACL counts only when ACLs are enabled and neither setting blocks or ignores it;
  // a public policy only when it may be put and is not restricted (S3 "block public access").
  const aclGrants = allTrue(
    [
    s.aclPublic,
    not(written(s.aclsDisabled)),
    not(effective(written(pab.blockPublicAcls), account?.blockPublicAcls)),
    not(effective(written(pab.ignorePublicAcls), account?.ignorePublicAcls)),
  ]);
  const policy = store.policy ?? defaulted(null, store.loc);
  const publicPolicy = policyIsPublic(policy);
  const policyGrants = allTrue([
    // A policy created only under an unresolved condition may not be there to grant anything.
    store.policyConditional && publicPolicy.known && publicPolicy.value ? unknownFact(store.policyConditional, publicPolicy.loc ?? store.loc) : publicPolicy,
    not(effective(written(pab.blockPublicPolicy), account?.blockPublicPolicy)),
    not(effective(written(pab.restrictPublicBuckets), account?.restrictPublicBuckets)),
  ]);
  store.publicRead = anyTrue([aclGrants, policyGrants], store.loc);
  store.httpsOnly = policyRequiresTls(policy);
  store.minTlsVersion = policyMinTlsVersion(policy);
}

/** A split resource (aws_s3_bucket_logging, …) created only under an unresolved condition, unlike its bucket. */
function splitConditional(s: BucketState, r: NativeResource): boolean {
  return r !== s.native && r.conditional !== undefined;
}

/** A replication rule's status; an enabled rule of a configuration that may not be created is unknown on that condition. */
function ruleEnabled(s: BucketState, rule: Value, r: NativeResource, cfn: boolean): Fact<boolean> {
  const enabled = statusFact(dig(rule, cfn ? 'Status' : 'status'), r, 'replication rule status', false);
  return enabled.known && enabled.value && splitConditional(s, r) ? unknownFact(r.conditional!, enabled.loc ?? r.loc) : enabled;
}

function replicationRegions(ctx: LiftContext, s: BucketState): Fact<string[]> {
  if (!s.replication) return defaulted([], s.store.loc);
  const r = s.replication.definedBy;
  const cfn = r.source === 'cloudformation';
  const regions: string[] = [];
  for (const rule of s.replication.rules) {
    if (isUnresolved(rule)) return unknownFact(causeOf(rule, r, 'replication rule'), rule.loc ?? r.loc);
    const enabled = ruleEnabled(s, rule, r, cfn);
    if (!enabled.known) return enabled;
    if (!enabled.value) continue;
    const dest = linkByName(ctx, r, dig(rule, cfn ? 'Destination' : 'destination', cfn ? 'Bucket' : 'bucket'), 'destination bucket', {
      kind: 's3-bucket',
      types: BUCKET_TYPES,
      nameOf: bucketNameOf,
    });
    if (!dest.known) return dest;
    const target = ctx.model.getOf(dest.value, 'data-store');
    if (!target) return unknownFact({ inputs: [dest.value], detail: 'the replication destination is not in the model' }, dest.loc);
    if (!target.region.known) return target.region;
    regions.push(target.region.value);
  }
  return fact([...new Set(regions)], r.loc);
}

/**
 * Marks the destination bucket of each enabled replication rule as a copy of
 * this bucket. A rule whose status is unknown makes its destination an
 * unknown copy: whether it holds this bucket's data depends on that input.
 */
function markReplicas(ctx: LiftContext, s: BucketState): void {
  if (!s.replication) return;
  const r = s.replication.definedBy;
  const cfn = r.source === 'cloudformation';
  for (const rule of s.replication.rules) {
    if (isUnresolved(rule)) continue;
    const enabled = ruleEnabled(s, rule, r, cfn);
    if (enabled.known && !enabled.value) continue;
    const dest = linkByName(ctx, r, dig(rule, cfn ? 'Destination' : 'destination', cfn ? 'Bucket' : 'bucket'), 'destination bucket', {
      kind: 's3-bucket',
      types: BUCKET_TYPES,
      nameOf: bucketNameOf,
    });
    const target = dest.known ? ctx.model.getOf(dest.value, 'data-store') : undefined;
    // The first rule naming a destination decides; a bucket is rarely the destination of two sources.
    if (!target || target.replicaOf || target.id === s.store.id) continue;
    target.replicaOf = enabled.known ? fact(s.store.id, dest.loc) : unknownFact(enabled.cause, dest.loc);
  }
}

function accessLogSetting(ctx: LiftContext, s: BucketState): LogSetting | undefined {
  if (!s.logging) return undefined;
  const { definedBy: r, target, id } = s.logging;
  const self: Link = fact(s.store.id, r.loc);
  const destination =
    target === undefined
      ? self
      : linkByName(ctx, r, target, 'target bucket', { kind: 's3-bucket', types: BUCKET_TYPES, nameOf: bucketNameOf });
  // Inline settings are reported on the bucket; split aws_s3_bucket_logging on itself.
  return {
    id,
    cloud: s.store.cloud,
    source: r.source,
    nativeType: r.type,
    address: r.address,
    scope: r.scope,
    loc: s.logging.loc,
    tags: s.store.tags,
    region: s.store.region,
    native: r,
    kind: 'log-setting',
    settingType: 's3-access-logging',
    target: self,
    destinations: fact([destination], r.loc),
    enabled: splitConditional(s, r) ? unknownFact(r.conditional!, r.loc) : fact(true, r.loc),
  };
}

export function finishS3(ctx: LiftContext): void {
  const accounts = new Map<string, PublicAccessBlock | undefined>();
  for (const s of bucketStates(ctx).values()) {
    if (!accounts.has(s.store.scope)) accounts.set(s.store.scope, accountBlock(ctx, s.store.scope));
    combinePublicSettings(s, accounts.get(s.store.scope));
    // Object Lock turns versioning on and keeps it on.
    if (!s.versioningWritten && s.objectLockEnabled.known && s.objectLockEnabled.value) s.store.versioning = s.objectLockEnabled;
    s.store.immutable = allTrue([s.objectLockEnabled, s.defaultRetention], s.store.loc);
    s.store.replicationRegions = replicationRegions(ctx, s);
    markReplicas(ctx, s);
    const log = accessLogSetting(ctx, s);
    if (log) ctx.model.add(log);
  }
  judgeExpirationOfLogs(ctx);
}

/**
 * A bucket that receives logs expires them after the shortest of the rules
 * that reach the keys they are written under (every access-log setting
 * exists by now). Buckets no one in the scan writes logs to keep the
 * expiration of all their objects.
 */
function judgeExpirationOfLogs(ctx: LiftContext): void {
  const states = bucketStates(ctx);
  // Per bucket, one entry per distinct key prefix (a thousand flow logs into one folder are one writer).
  const writers = new Map<string, Map<string, WrittenKeys>>();
  for (const feeder of [...ctx.model.all('trail'), ...ctx.model.all('log-setting')]) {
    if (feeder.cloud !== 'aws' || !feeder.destinations.known) continue;
    const logging = feeder.kind === 'log-setting' && feeder.settingType === 's3-access-logging' && feeder.target.known ? states.get(feeder.target.value)?.logging : undefined;
    for (const l of feeder.destinations.value) {
      const bucket = l.known ? states.get(l.value) : undefined;
      if (!bucket) continue;
      const keys = writtenKeys(feeder, bucket.store, logging && { value: logging.prefix, definedBy: logging.definedBy });
      let of = writers.get(bucket.store.id);
      if (!of) writers.set(bucket.store.id, (of = new Map()));
      const distinct = keys.prefix.known ? `${keys.prefix.value}\u0000${keys.next?.source ?? ''}` : `?${feeder.id}`;
      if (!of.has(distinct)) of.set(distinct, keys);
    }
  }
  for (const [id, keys] of writers) {
    const s = states.get(id)!;
    if (s.lifecycle) s.store.expirationDays = expirationDays(s.lifecycle, [...keys.values()], s.native);
  }
}
