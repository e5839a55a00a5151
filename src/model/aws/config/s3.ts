// AWS::S3::Bucket configuration items -> the bucket's CloudFormation
// properties. The item's configuration only names the bucket; its settings
// are supplementary configuration (each a JSON document):
// ServerSideEncryptionConfiguration, BucketVersioningConfiguration,
// PublicAccessBlockConfiguration, BucketLoggingConfiguration,
// BucketLifecycleConfiguration (rules with their prefix, tag and size
// filters and their transitions), ObjectLockConfiguration, BucketPolicy,
// AccessControlList (grants to the AllUsers / AuthenticatedUsers groups are
// public, as a canned public ACL is).
// Live, a setting the item leaves out is not set on the bucket: a missing
// public access block is four false flags, not CloudFormation's default.
import type { NativeResource } from '../../../readers/native.js';
import type { UnknownCause } from '../../../readers/value.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation, viaTerraform } from './via-definitions.js';
import type { Doc } from './item-shape.js';
import { defined, doc, list } from './item-shape.js';
import { liveKey } from './live-key.js';

/** Default encryption with the key each rule names; a key whose own item was not read leaves the whole setting unknown. */
function encryption(sse: Doc | undefined, ctx: LiftContext): { doc?: Doc; unknown?: UnknownCause } {
  const rules = list(sse?.rules);
  if (!rules.length) return {};
  const out: Doc[] = [];
  for (const rule of rules) {
    const d = doc(rule.applyServerSideEncryptionByDefault);
    const key = liveKey(ctx, d?.kmsMasterKeyID, 'alias/aws/s3');
    if (key && 'unknown' in key) return { unknown: key.unknown };
    out.push(
      defined({
        ServerSideEncryptionByDefault: d ? defined({ SSEAlgorithm: d.sseAlgorithm, KMSMasterKeyID: key?.text }) : undefined,
        BucketKeyEnabled: rule.bucketKeyEnabled,
      }),
    );
  }
  return { doc: { ServerSideEncryptionConfiguration: out } };
}

function publicAccessBlock(p: Doc | undefined): Doc {
  const flag = (name: string) => p?.[name] === true;
  return {
    BlockPublicAcls: flag('blockPublicAcls'),
    BlockPublicPolicy: flag('blockPublicPolicy'),
    IgnorePublicAcls: flag('ignorePublicAcls'),
    RestrictPublicBuckets: flag('restrictPublicBuckets'),
  };
}

/** A rule's filter predicate (the S3 Java model Config writes) as CloudFormation rule properties; undefined for a predicate of another kind. */
function predicateProperties(p: Doc): Doc | undefined {
  switch (p.type) {
    case 'LifecyclePrefixPredicate':
      return { Prefix: p.prefix };
    case 'LifecycleTagPredicate': {
      const tag = doc(p.tag);
      return { TagFilters: [defined({ Key: tag?.key, Value: tag?.value })] };
    }
    case 'LifecycleObjectSizeGreaterThanPredicate':
      return { ObjectSizeGreaterThan: p.objectSizeGreaterThan };
    case 'LifecycleObjectSizeLessThanPredicate':
      return { ObjectSizeLessThan: p.objectSizeLessThan };
    case 'LifecycleAndOperator': {
      const parts = list(p.operands).map(predicateProperties);
      // S3 gives an and-operator two or more operands: none readable is an item cut short.
      if (!parts.length || parts.some((x) => x === undefined)) return undefined;
      const tags = parts.flatMap((x) => list(x!.TagFilters));
      return defined({ ...Object.assign({}, ...parts), TagFilters: tags.length ? tags : undefined });
    }
    default:
      return undefined;
  }
}

/** Transitions by their storage class (One Zone-IA keeps data in one zone). */
function transitions(v: unknown): Doc[] | undefined {
  const out = list(v).map((t) => defined({ StorageClass: t.storageClass }));
  return out.length ? out : undefined;
}

/**
 * Rules with their filters and transitions: the legacy rule-level `prefix`, or `filter.predicate`
 * (none: the whole bucket). A predicate of an unknown kind leaves the rules unknown.
 */
function lifecycle(l: Doc | undefined, r: NativeResource): { doc?: Doc; unknown?: UnknownCause } {
  const rules = list(l?.rules);
  if (!rules.length) return {};
  const out: Doc[] = [];
  for (const rule of rules) {
    const predicate = doc(doc(rule.filter)?.predicate);
    const filter = predicate ? predicateProperties(predicate) : {};
    if (!filter) {
      return { unknown: { inputs: ['s3:GetBucketLifecycleConfiguration'], detail: `a lifecycle rule of ${r.address} has a filter of a kind kikan does not read (${String(predicate?.type)})` } };
    }
    out.push(
      defined({
        Id: rule.id,
        Status: rule.status,
        ExpirationInDays: rule.expirationInDays,
        ExpirationDate: rule.expirationDate,
        Transitions: transitions(rule.transitions),
        NoncurrentVersionTransitions: transitions(rule.noncurrentVersionTransitions),
        Prefix: rule.prefix,
        ...filter,
      }),
    );
  }
  return { doc: { Rules: out } };
}

function objectLock(o: Doc | undefined): { enabled: boolean; configuration?: Doc } {
  if (!o) return { enabled: false };
  const retention = doc(doc(o.rule)?.defaultRetention);
  return {
    enabled: o.objectLockEnabled === 'Enabled',
    ...(retention ? { configuration: { Rule: { DefaultRetention: defined({ Mode: retention.mode, Days: retention.days, Years: retention.years }) } } } : {}),
  };
}

/** Config writes the ACL as JSON text, sometimes JSON-encoded twice. */
function aclDocument(v: unknown): Doc | undefined {
  let x = v;
  for (let i = 0; i < 2 && typeof x === 'string'; i++) {
    try {
      x = JSON.parse(x);
    } catch {
      return undefined;
    }
  }
  return doc(x);
}

const PUBLIC_GRANTEES = new Set(['AllUsers', 'AuthenticatedUsers']);
const WRITE_PERMISSIONS = new Set(['Write', 'FullControl', 'WriteAcp']);

/** The grants as the canned ACL CloudFormation would name: group grants to everyone make the bucket public. */
function cannedAcl(acl: Doc): string {
  const open = list(acl.grantList).filter((g) => typeof g.grantee === 'string' && PUBLIC_GRANTEES.has(g.grantee));
  if (!open.length) return 'Private';
  return open.some((g) => typeof g.permission === 'string' && WRITE_PERMISSIONS.has(g.permission)) ? 'PublicReadWrite' : 'PublicRead';
}

function policyDocument(p: Doc | undefined): unknown {
  const text = p?.policyText;
  if (typeof text !== 'string' || !text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function bucketProperties(item: ConfigItem, r: NativeResource, ctx: LiftContext): Translated {
  const s = doc(item.supplementaryConfiguration) ?? {};
  const name = item.name ?? item.bucketName;
  const versioning = doc(s.BucketVersioningConfiguration)?.status;
  const logging = doc(s.BucketLoggingConfiguration);
  const lock = objectLock(doc(s.ObjectLockConfiguration));
  const sse = encryption(doc(s.ServerSideEncryptionConfiguration), ctx);
  const rules = lifecycle(doc(s.BucketLifecycleConfiguration), r);
  const properties = defined({
    BucketName: name,
    BucketEncryption: sse.doc,
    // `Off` is a bucket that never had versioning: CloudFormation's unset.
    VersioningConfiguration: versioning === 'Enabled' || versioning === 'Suspended' ? { Status: versioning } : undefined,
    PublicAccessBlockConfiguration: publicAccessBlock(doc(s.PublicAccessBlockConfiguration)),
    LoggingConfiguration: typeof logging?.destinationBucketName === 'string' ? defined({ DestinationBucketName: logging.destinationBucketName, LogFilePrefix: logging.logFilePrefix }) : undefined,
    LifecycleConfiguration: rules.doc,
    ObjectLockEnabled: lock.enabled,
    ObjectLockConfiguration: lock.configuration,
    Tags: item.tags,
  });
  const acl = aclDocument(s.AccessControlList);
  if (acl) {
    properties.AccessControl = cannedAcl(acl);
    // Buckets that enforce ownership refuse public grants: a public grant on record means ACLs are in effect.
    if (properties.AccessControl !== 'Private') properties.OwnershipControls = { Rules: [{ ObjectOwnership: 'ObjectWriter' }] };
  }
  const unknowns: Record<string, UnknownCause> = {
    ...(acl ? {} : { AccessControl: { inputs: ['s3:GetBucketAcl'], detail: `the AWS Config item of ${r.address} does not include a readable access control list` } }),
    ...(sse.unknown ? { BucketEncryption: sse.unknown } : {}),
    ...(rules.unknown ? { LifecycleConfiguration: rules.unknown } : {}),
  };
  const policy = policyDocument(doc(s.BucketPolicy));
  return { properties, ...(Object.keys(unknowns).length ? { unknowns } : {}), ...(policy !== undefined ? { companions: [{ type: 'AWS::S3::BucketPolicy', suffix: 'policy', properties: { Bucket: name, PolicyDocument: policy } }] } : {}) };
}

/** The account's public access block has no CloudFormation type: it goes through the Terraform handler. */
export function accountBlockArguments(item: ConfigItem): Translated {
  return {
    type: 'aws_s3_account_public_access_block',
    properties: {
      block_public_acls: item.blockPublicAcls === true,
      block_public_policy: item.blockPublicPolicy === true,
      ignore_public_acls: item.ignorePublicAcls === true,
      restrict_public_buckets: item.restrictPublicBuckets === true,
    },
  };
}

export const configS3Handlers: LiftHandler[] = [
  ...viaCloudFormation('AWS::S3::Bucket', bucketProperties),
  ...viaTerraform('AWS::S3::AccountPublicAccessBlock', accountBlockArguments),
];
