// CloudTrail trails -> Trail. Defaults (both dialects): single-region, global
// service events on, no log file validation, not an organisation trail, and
// management events (read and write) recorded when no event selector says
// otherwise. Without a KMS key the log files get the bucket's SSE-S3.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { boolFact, causeOf, itemsOf, stringFact, stringListFact } from '../../lift-values.js';
import type { Trail } from '../../logging.js';
import { dig, isUnresolved } from './attribute-path.js';
import { kmsEncryption } from './key-reference.js';
import { LOG_GROUP_TYPES, logGroupNameOf } from './log-groups.js';
import { linkByName } from './name-index.js';
import { BUCKET_TYPES, bucketNameOf } from './s3-settings.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';
import { tagsValue } from './tags.js';

type Coverage = { read: Fact<boolean>; write: Fact<boolean> };

/** Basic event selectors: management events unless excluded, of the written read/write type (default All). */
function basicCoverage(r: NativeResource, sel: Value, tf: boolean): Coverage {
  const include = boolFact(dig(sel, tf ? 'include_management_events' : 'IncludeManagementEvents'), r, { name: 'include_management_events', default: true });
  const rw = stringFact(dig(sel, tf ? 'read_write_type' : 'ReadWriteType'), r, { name: 'read_write_type', default: 'All' });
  const part = (want: string): Fact<boolean> => {
    if (!include.known) return include;
    if (!include.value) return include;
    if (!rw.known) return rw;
    return { ...rw, value: rw.value === 'All' || rw.value === want };
  };
  return { read: part('ReadOnly'), write: part('WriteOnly') };
}

/** Advanced selectors: `eventCategory = Management`, optionally narrowed by `readOnly`. */
function advancedCoverage(r: NativeResource, sel: Value, tf: boolean): Coverage {
  const none = fact(false, sel.loc ?? r.loc);
  let management: Fact<boolean> = none;
  let readOnly: Fact<string[]> | undefined;
  for (const f of itemsOf(dig(sel, tf ? 'field_selector' : 'FieldSelectors'))) {
    const field = stringFact(dig(f, tf ? 'field' : 'Field'), r, { name: 'field' });
    if (!field.known) return { read: field, write: field };
    const equals = stringListFact(dig(f, tf ? 'equals' : 'Equals'), r, { name: 'equals', default: [] });
    if (field.value === 'eventCategory') {
      if (!equals.known) return { read: equals, write: equals };
      management = fact(equals.value.includes('Management'), equals.loc);
    } else if (field.value === 'readOnly') readOnly = equals;
  }
  if (!management.known || !management.value || !readOnly) return { read: management, write: management };
  if (!readOnly.known) return { read: readOnly, write: readOnly };
  return { read: fact(readOnly.value.includes('true'), readOnly.loc), write: fact(readOnly.value.includes('false'), readOnly.loc) };
}

function either(a: Fact<boolean>, b: Fact<boolean>): Fact<boolean> {
  if ((a.known && a.value) || (b.known && b.value)) return a.known && a.value ? a : b;
  return !a.known ? a : b;
}

/** Management events, both read and write, are recorded by some selector. */
function managementEvents(r: NativeResource, tf: boolean): Fact<boolean> {
  const basic = r.attrs.fields[tf ? 'event_selector' : 'EventSelectors'];
  const advanced = r.attrs.fields[tf ? 'advanced_event_selector' : 'AdvancedEventSelectors'];
  if (basic === undefined && advanced === undefined) return defaulted(true, r.loc);
  for (const v of [basic, advanced]) if (v && isUnresolved(v)) return unknownFact(causeOf(v, r, 'event selectors'), v.loc ?? r.loc);
  let cov: Coverage = { read: fact(false, r.loc), write: fact(false, r.loc) };
  const selectors = [
    ...itemsOf(basic).map((s) => basicCoverage(r, s, tf)),
    ...itemsOf(advanced).map((s) => advancedCoverage(r, s, tf)),
  ];
  for (const c of selectors) cov = { read: either(cov.read, c.read), write: either(cov.write, c.write) };
  if (!cov.read.known) return cov.read;
  if (!cov.write.known) return cov.write;
  return fact(cov.read.value && cov.write.value, (cov.read.value ? cov.write.loc : cov.read.loc) ?? r.loc);
}

interface Names {
  multiRegion: string;
  global: string;
  validation: string;
  logging: string;
  organization: string;
  bucket: string;
  logGroup: string;
  key: string;
}

const TF: Names = {
  multiRegion: 'is_multi_region_trail',
  global: 'include_global_service_events',
  validation: 'enable_log_file_validation',
  logging: 'enable_logging',
  organization: 'is_organization_trail',
  bucket: 's3_bucket_name',
  logGroup: 'cloud_watch_logs_group_arn',
  key: 'kms_key_id',
};
const CFN: Names = {
  multiRegion: 'IsMultiRegionTrail',
  global: 'IncludeGlobalServiceEvents',
  validation: 'EnableLogFileValidation',
  logging: 'IsLogging',
  organization: 'IsOrganizationTrail',
  bucket: 'S3BucketName',
  logGroup: 'CloudWatchLogsLogGroupArn',
  key: 'KMSKeyId',
};

const trails: LiftHandler = {
  types: ['aws_cloudtrail', 'AWS::CloudTrail::Trail'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const n = tf ? TF : CFN;
    const a = r.attrs.fields;
    const trail: Trail = {
      ...baseOf(r, ctx, tagsValue(r)),
      kind: 'trail',
      trailType: 'cloudtrail',
      multiRegion: boolFact(a[n.multiRegion], r, { name: n.multiRegion, default: false }),
      includeGlobalServiceEvents: boolFact(a[n.global], r, { name: n.global, default: true }),
      managementEvents: managementEvents(r, tf),
      logFileValidation: boolFact(a[n.validation], r, { name: n.validation, default: false }),
      organization: boolFact(a[n.organization], r, { name: n.organization, default: false }),
      // IsLogging is required in CloudFormation; Terraform starts logging unless told not to.
      loggingEnabled: boolFact(a[n.logging], r, tf ? { name: n.logging, default: true } : { name: n.logging }),
      destinations: fact([], r.loc),
      encryption: kmsEncryption(ctx, r, a[n.key], n.key, defaulted({ mode: 'provider-managed' }, r.loc)),
    };
    ctx.model.add(trail);
  },
};

/** Destinations by bucket name and log group ARN, once every name is registered. */
const trailDestinations: LiftHandler = {
  types: ['aws_cloudtrail', 'AWS::CloudTrail::Trail'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const trail = ctx.model.getOf(r.key, 'trail');
    if (!trail) return;
    trail.destinations = fact(destinationsOf(ctx, r, isTerraform(r.source) ? TF : CFN), r.loc);
  },
};

function destinationsOf(ctx: LiftContext, r: NativeResource, n: Names): Link[] {
  const out: Link[] = [linkByName(ctx, r, r.attrs.fields[n.bucket], n.bucket, { kind: 's3-bucket', types: BUCKET_TYPES, nameOf: bucketNameOf })];
  const group = r.attrs.fields[n.logGroup];
  if (group !== undefined && !(group.kind === 'known' && (group.value === null || group.value === ''))) {
    out.push(linkByName(ctx, r, group, n.logGroup, { kind: 'log-group', types: LOG_GROUP_TYPES, nameOf: logGroupNameOf }));
  }
  return out;
}

export const cloudTrailHandlers: LiftHandler[] = [trails, trailDestinations];
