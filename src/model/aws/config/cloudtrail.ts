// Live CloudTrail trails (AWS::CloudTrail::Trail items) for LG-6.5: whether
// the trail is logging and delivering comes from the item's
// supplementaryConfiguration.TrailStatus (the GetTrailStatus answer Config
// records); without it the state is unknown, naming that call.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, itemsOf, stringFact } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Trail } from '../../logging.js';
import type { Link } from '../../entity.js';
import { kmsEncryption } from '../resources/key-reference.js';
import { LOG_GROUP_TYPES, logGroupNameOf } from '../resources/log-groups.js';
import { linkByName } from '../resources/name-index.js';
import { BUCKET_TYPES, bucketNameOf } from '../resources/s3-settings.js';
import { tagsValue } from '../resources/tags.js';
import { CONFIG } from './network.js';

function either(v: Value | undefined, a: string, b: string): Value | undefined {
  return field(v, a) ?? field(v, b);
}

/** Management events from the recorded event selectors; a trail without selectors records them all. */
function managementEvents(r: NativeResource, supplementary: Value | undefined): Fact<boolean> {
  const selectors = either(supplementary, 'EventSelectors', 'eventSelectors');
  const hasCustom = boolFact(field(r.attrs, 'hasCustomEventSelectors'), r, { name: 'hasCustomEventSelectors', default: false });
  if (!selectors) {
    if (hasCustom.known && !hasCustom.value) return defaulted(true, r.loc);
    return unknownFact({ inputs: ['cloudtrail:GetEventSelectors'], detail: `the AWS Config item of ${r.address} does not include its event selectors` }, r.loc);
  }
  const list = itemsOf(selectors);
  if (!list.length) return fact(false, r.loc);
  return fact(
    list.some((s) => {
      const include = either(s, 'IncludeManagementEvents', 'includeManagementEvents');
      return !(include?.kind === 'known' && include.value === false);
    }),
    r.loc,
  );
}

const trail: LiftHandler = {
  types: ['AWS::CloudTrail::Trail'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const supplementary = field(r.attrs, 'supplementaryConfiguration');
    const status = either(supplementary, 'TrailStatus', 'trailStatus');
    const logging = either(status, 'IsLogging', 'isLogging');
    const error = either(status, 'LatestDeliveryError', 'latestDeliveryError');
    const t: Trail = {
      ...baseOf(r, ctx, tagsValue(r, 'tags')),
      kind: 'trail',
      trailType: 'cloudtrail',
      multiRegion: boolFact(field(r.attrs, 'isMultiRegionTrail'), r, { name: 'isMultiRegionTrail', default: false }),
      includeGlobalServiceEvents: boolFact(field(r.attrs, 'includeGlobalServiceEvents'), r, { name: 'includeGlobalServiceEvents', default: true }),
      managementEvents: managementEvents(r, supplementary),
      logFileValidation: boolFact(field(r.attrs, 'logFileValidationEnabled'), r, { name: 'logFileValidationEnabled', default: false }),
      organization: boolFact(field(r.attrs, 'isOrganizationTrail'), r, { name: 'isOrganizationTrail', default: false }),
      isLogging: status
        ? boolFact(logging, r, { name: 'TrailStatus.IsLogging' })
        : unknownFact({ inputs: ['cloudtrail:GetTrailStatus'], detail: `the AWS Config item of ${r.address} does not include the trail status` }, r.loc),
      deliveryError: status ? (error ? stringFact(error, r, { name: 'TrailStatus.LatestDeliveryError' }) : fact(null, r.loc)) : unknownFact({ inputs: ['cloudtrail:GetTrailStatus'], detail: `the AWS Config item of ${r.address} does not include the trail status` }, r.loc),
      // Joined once every bucket and log group is registered (trailDestinations).
      destinations: fact([], r.loc),
      encryption: kmsEncryption(ctx, r, field(r.attrs, 'kmsKeyId'), 'kmsKeyId', defaulted({ mode: 'provider-managed' }, r.loc)),
    };
    ctx.model.add(t);
  },
};

/**
 * The bucket by its name (bucket names are global: a bucket of another scanned
 * account is that bucket) and the log group by its ARN. A destination outside
 * the scan, such as the log archive account's bucket, stays unknown, naming it.
 */
const trailDestinations: LiftHandler = {
  types: ['AWS::CloudTrail::Trail'],
  sources: CONFIG,
  pass: 'amend',
  lift(r, ctx) {
    const t = ctx.model.getOf(r.key, 'trail');
    if (!t) return;
    const out: Link[] = [linkByName(ctx, r, field(r.attrs, 's3BucketName'), 's3BucketName', { kind: 's3-bucket', types: BUCKET_TYPES, nameOf: bucketNameOf })];
    const group = field(r.attrs, 'cloudWatchLogsLogGroupArn');
    if (group?.kind === 'known' && typeof group.value === 'string' && group.value) {
      out.push(linkByName(ctx, r, group, 'cloudWatchLogsLogGroupArn', { kind: 'log-group', types: LOG_GROUP_TYPES, nameOf: logGroupNameOf }));
    }
    t.destinations = fact(out, r.loc);
  },
};

export const configTrailHandlers: LiftHandler[] = [trail, trailDestinations];
