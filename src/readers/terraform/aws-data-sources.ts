// AWS data sources whose values the reader can state without calling AWS, or
// whose unknown it can name precisely: the region comes from the provider
// (or --region), the partition follows from the region, the account is known
// only to AWS. Zones are named as the CloudFormation reader names !GetAZs in
// the Japanese regions, so both readers model the same zones.
import { availabilityZones } from '../../eval/cloudformation/availability-zones.js';
import { known, list, obj, unknown, type ObjectValue, type SourceLoc, type UnknownCause, type Value } from '../value.js';

export const LOCALLY_RESOLVED_DATA = new Set(['aws_region', 'aws_caller_identity', 'aws_partition', 'aws_availability_zones', 'aws_iam_policy']);

/**
 * The region a data source of this provider configuration sees: the
 * provider's `region` when written, else --region, else unknown.
 */
export function effectiveRegion(providerRegion: Value | undefined, optsRegion: string | undefined, loc: SourceLoc): Value {
  if (providerRegion) return providerRegion;
  if (optsRegion) return known(optsRegion, loc);
  return unknown({ inputs: ['--region'], detail: 'the AWS provider configuration does not set a region' }, loc);
}

/** Regions whose zones every account sees alike (three each); elsewhere the zones are unknown. */
const ZONED_REGIONS = new Set(['ap-northeast-1', 'ap-northeast-3']);

/** Arguments that narrow which zones are listed; with any of them the list is left unknown. */
const ZONE_FILTERS = ['all_availability_zones', 'exclude_names', 'exclude_zone_ids', 'filter'];

export function awsDataSourceValue(type: string, address: string, region: Value, loc: SourceLoc, config: ObjectValue): Value {
  const onlyAws = (what: string): Value => unknown({ inputs: [address], detail: `${what}, known only to AWS at plan time` }, loc, address);
  switch (type) {
    case 'aws_region':
      return obj({ name: region, region, id: region, endpoint: onlyAws('region endpoint'), description: onlyAws('region description') }, loc);
    case 'aws_caller_identity':
      return obj({ account_id: onlyAws('account of the credentials'), arn: onlyAws('caller ARN'), user_id: onlyAws('caller user ID'), id: onlyAws('account of the credentials') }, loc);
    case 'aws_partition': {
      const partition = partitionOf(region, loc);
      return obj({ partition, id: partition, dns_suffix: dnsSuffixOf(partition, loc), reverse_dns_prefix: reverseDnsOf(partition, loc) }, loc);
    }
    case 'aws_availability_zones': {
      const names = zoneNames(region, config, loc) ?? onlyAws('availability zones');
      return obj({ names, zone_ids: onlyAws('availability zone IDs'), group_names: onlyAws('zone groups'), id: region }, loc);
    }
    case 'aws_iam_policy': {
      // Looked up by ARN, the policy's ARN is the one written; by name it could be any policy of that name.
      const arn = config.fields.arn;
      if (arn?.kind !== 'known' || typeof arn.value !== 'string') return onlyAws('data source');
      const found = (what: string) => onlyAws(`${what} of the policy ${arn.value}`);
      return obj({ arn, id: arn, name: found('name'), path: found('path'), policy: found('document'), policy_id: found('ID'), description: found('description') }, loc);
    }
    default:
      return onlyAws('data source');
  }
}

function zoneNames(region: Value, config: ObjectValue, loc: SourceLoc): Value | undefined {
  if (region.kind !== 'known' || typeof region.value !== 'string' || !ZONED_REGIONS.has(region.value)) return undefined;
  if (ZONE_FILTERS.some((f) => f in config.fields)) return undefined;
  const state = config.fields.state;
  if (state && !(state.kind === 'known' && (state.value === 'available' || state.value === null))) return undefined;
  return list(availabilityZones(region.value).map((z) => known(z, loc)), loc);
}

function partitionOf(region: Value, loc: SourceLoc): Value {
  if (region.kind !== 'known' || typeof region.value !== 'string') {
    return unknown(regionCause(region, 'partition'), loc);
  }
  const r = region.value;
  if (r.startsWith('cn-')) return known('aws-cn', loc);
  if (r.startsWith('us-gov-')) return known('aws-us-gov', loc);
  if (r.startsWith('us-iso-')) return known('aws-iso', loc);
  if (r.startsWith('us-isob-')) return known('aws-iso-b', loc);
  return known('aws', loc);
}

const DNS_SUFFIX: Record<string, string> = {
  aws: 'amazonaws.com',
  'aws-us-gov': 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
};

function dnsSuffixOf(partition: Value, loc: SourceLoc): Value {
  if (partition.kind !== 'known') return partition;
  return known(DNS_SUFFIX[String(partition.value)] ?? 'amazonaws.com', loc);
}

function reverseDnsOf(partition: Value, loc: SourceLoc): Value {
  if (partition.kind !== 'known') return partition;
  return known(String(DNS_SUFFIX[String(partition.value)] ?? 'amazonaws.com').split('.').reverse().join('.'), loc);
}

function regionCause(region: Value, what: string): UnknownCause {
  if (region.kind === 'unknown') return { ...region.cause, detail: `${what} follows from the region: ${region.cause.detail}` };
  return { inputs: ['--region'], detail: `${what} follows from the region, which is not known` };
}
