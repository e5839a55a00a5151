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
import { kmsEncryption } from '../resources/key-reference.js';
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
      // Destinations are joined by name in the resources layer for definitions; live, the bucket may be in another account.
      destinations: unknownFact({ inputs: ['s3BucketName'], detail: `${r.address} delivers to bucket ${String((field(r.attrs, 's3BucketName') as { value?: unknown } | undefined)?.value ?? '')}, not joined in live scans` }, r.loc),
      encryption: kmsEncryption(ctx, r, field(r.attrs, 'kmsKeyId'), 'kmsKeyId', defaulted({ mode: 'provider-managed' }, r.loc)),
    };
    ctx.model.add(t);
  },
};

export const configTrailHandlers: LiftHandler[] = [trail];
