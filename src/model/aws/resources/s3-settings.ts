// S3 bucket settings as facts, shared by the inline blocks of aws_s3_bucket,
// the split aws_s3_bucket_* resources and AWS::S3::Bucket properties.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { Encryption } from '../../data.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, mapFact, unknownFact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { causeOf, stringFact } from '../../lift-values.js';
import { dig, isUnresolved } from './attribute-path.js';
import { kmsEncryption } from './key-reference.js';
import { anyTrue } from './fact-logic.js';

export const BUCKET_TYPES: readonly string[] = ['aws_s3_bucket', 'AWS::S3::Bucket'];

/** `arn:aws:s3:::logs/AWSLogs/*` -> `logs`. */
export function bucketNameOf(text: string): string {
  const m = /^arn:[^:]+:s3:::([^/]+)/.exec(text);
  return m ? m[1] : text;
}

/** Since January 2023 S3 encrypts every new object with SSE-S3 when the bucket sets nothing. */
function defaultBucketEncryption(loc: SourceLoc): Fact<Encryption> {
  return defaulted({ mode: 'provider-managed' }, loc);
}

/**
 * Default encryption from an `apply_server_side_encryption_by_default` /
 * `ServerSideEncryptionByDefault` block. `aws:kms` without a key is the AWS
 * managed key `aws/s3`: provider-managed.
 */
export function sseEncryption(
  ctx: LiftContext,
  r: NativeResource,
  byDefault: Value | undefined,
  algorithmName: string,
  keyName: string,
): Fact<Encryption> {
  if (byDefault === undefined) return defaultBucketEncryption(r.loc);
  if (isUnresolved(byDefault)) return unknownFact(causeOf(byDefault, r, algorithmName), byDefault.loc ?? r.loc);
  const algo = dig(byDefault, algorithmName);
  const loc = algo?.loc ?? byDefault.loc ?? r.loc;
  if (!algo || algo.kind !== 'known' || typeof algo.value !== 'string') {
    return unknownFact(algo ? causeOf(algo, r, algorithmName) : { inputs: [], detail: `${algorithmName} is not set in ${r.address}` }, loc);
  }
  if (algo.value === 'AES256') return fact({ mode: 'provider-managed' }, loc);
  if (algo.value === 'aws:kms' || algo.value === 'aws:kms:dsse') {
    return kmsEncryption(ctx, r, dig(byDefault, keyName), keyName, fact({ mode: 'provider-managed', keyText: 'alias/aws/s3' }, loc));
  }
  return unknownFact({ inputs: [], detail: `${algorithmName} = ${algo.value} is not an S3 encryption algorithm` }, loc);
}

/** `Enabled` / `Suspended` / `Disabled` status strings. */
export function statusFact(v: Value | undefined, r: NativeResource, name: string, whenAbsent: boolean): Fact<boolean> {
  if (v === undefined) return defaulted(whenAbsent, r.loc);
  const loc = v.loc ?? r.loc;
  if (v.kind === 'known' && typeof v.value === 'string') return fact(v.value.toLowerCase() === 'enabled', loc);
  if (v.kind === 'known' && typeof v.value === 'boolean') return fact(v.value, loc);
  return unknownFact(causeOf(v, r, name), loc);
}

/** Canned ACLs that grant everyone (or every AWS account) access. */
const PUBLIC_CANNED = new Set(['publicread', 'publicreadwrite', 'authenticatedread']);
const PUBLIC_GROUPS = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/** A canned ACL (`public-read`, `PublicRead` …) grants public access. Absent: private. */
export function cannedAclPublic(v: Value | undefined, r: NativeResource, name: string): Fact<boolean> {
  if (v === undefined || (v.kind === 'known' && v.value === null)) return defaulted(false, r.loc);
  const loc = v.loc ?? r.loc;
  if (v.kind === 'known' && typeof v.value === 'string') return fact(PUBLIC_CANNED.has(v.value.toLowerCase().replace(/-/g, '')), loc);
  return unknownFact(causeOf(v, r, name), loc);
}

/** Grants to the AllUsers or AuthenticatedUsers groups (`grant` blocks, `access_control_policy`). */
export function grantsPublic(grants: Value[], r: NativeResource, uriPath: string[]): Fact<boolean> {
  const facts: Fact<boolean>[] = grants.map((g) => {
    if (isUnresolved(g)) return unknownFact(causeOf(g, r, 'grant'), g.loc ?? r.loc);
    const uri = dig(g, ...uriPath);
    if (uri === undefined) return defaulted(false, g.loc ?? r.loc);
    if (uri.kind === 'known' && typeof uri.value === 'string') return fact(PUBLIC_GROUPS.test(uri.value), uri.loc ?? r.loc);
    if (uri.kind === 'known') return fact(false, uri.loc ?? r.loc);
    return unknownFact(causeOf(uri, r, 'grant uri'), uri.loc ?? r.loc);
  });
  return anyTrue(facts, r.loc);
}

/** `BucketOwnerEnforced` disables ACLs; `ObjectWriter` and `BucketOwnerPreferred` keep them. */
export function ownershipEnforced(v: Value | undefined, r: NativeResource): Fact<boolean> {
  return mapFact(stringFact(v, r, { name: 'object_ownership', default: 'BucketOwnerEnforced' }), (o) => o === 'BucketOwnerEnforced');
}

/** A block that is written (true), or unknown when it comes from an unresolved input. */
export function presenceFact(v: Value, r: NativeResource, name: string): Fact<boolean> {
  return isUnresolved(v) ? unknownFact(causeOf(v, r, name), v.loc ?? r.loc) : fact(true, v.loc ?? r.loc);
}
