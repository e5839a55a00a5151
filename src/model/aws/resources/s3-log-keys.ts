// Where in a bucket each writer of logs puts them: the key prefix every log
// object it delivers starts with. CloudTrail writes under
// `<S3KeyPrefix>/AWSLogs/`, VPC flow logs under `<folder of the destination
// ARN>/AWSLogs/`, S3 server access logging under its target prefix as written,
// followed by a date or an account ID, and load balancers under
// `<prefix>/AWSLogs/<account ID>/elasticloadbalancing/`.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { DataStore } from '../../data.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import type { LogSetting, Trail } from '../../logging.js';
import { dig } from './attribute-path.js';
import { lbLogOf } from './lb-access-logs.js';
import type { WrittenKeys } from './s3-expiration.js';
import { isTerraform } from './sources.js';

const AWS_LOGS = 'AWSLogs/';

/** A key prefix as written: absent, null and '' are the bucket's root. */
function prefixFact(v: Value | undefined, r: NativeResource, attribute: string): Fact<string> {
  if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) return fact('', r.loc);
  if (v.kind === 'known' && typeof v.value === 'string') return fact(v.value, v.loc ?? r.loc);
  return unknownFact(causeOf(v, r, attribute), v.loc ?? r.loc);
}

function under(folder: Fact<string>, rest: string): Fact<string> {
  if (!folder.known) return folder;
  const f = folder.value.replace(/\/+$/, '');
  return { ...folder, value: f ? `${f}/${rest}` : rest };
}

function trailKeys(t: Trail, r: NativeResource): WrittenKeys {
  const attribute = isTerraform(r.source) ? 's3_key_prefix' : r.source === 'cloudformation' ? 'S3KeyPrefix' : 's3KeyPrefix';
  return { prefix: under(prefixFact(dig(r.attrs, attribute), r, attribute), AWS_LOGS), what: `the logs ${t.address} delivers` };
}

/**
 * The folder in an S3 destination ARN whose bucket part is only known after
 * deployment: `${aws_s3_bucket.flow.arn}/vpc/` or
 * `arn:aws:s3:::${FlowLogs}/vpc/` -> `vpc/`, when the unknown part is the
 * destination bucket itself (anything else may hold a folder of its own).
 */
function folderAfterBucket(expr: string | undefined, bucket: DataStore): string | undefined {
  const m = /^(?:arn:[^:$]*:s3:::)?\$\{([^}]+)\}(.*)$/.exec(expr ?? '');
  if (!m || /[$[]/.test(m[2])) return undefined;
  const id = m[1].replace(/\.(arn|Arn|id|bucket)$/, '');
  const same = bucket.address === id || bucket.address.endsWith(`.${id}`);
  return same && (m[2] === '' || m[2].startsWith('/')) ? m[2].replace(/^\/+/, '') : undefined;
}

/** `arn:aws:s3:::bucket/folder/` -> `folder/`; the bucket's own ARN (a reference to it) has no folder. */
function flowLogKeys(s: LogSetting, r: NativeResource, bucket: DataStore): WrittenKeys {
  const attribute = isTerraform(r.source) ? 'log_destination' : 'LogDestination';
  const v = dig(r.attrs, attribute);
  const what = `the flow logs ${s.address} delivers`;
  if (v?.kind === 'ref' && v.target === bucket.native?.key) return { prefix: fact(AWS_LOGS, v.loc ?? r.loc), what };
  const folder = v?.kind === 'unknown' ? folderAfterBucket(v.expr, bucket) : undefined;
  if (folder !== undefined) return { prefix: under(fact(folder, v!.loc ?? r.loc), AWS_LOGS), what };
  const arn = prefixFact(v, r, attribute);
  if (!arn.known) return { prefix: arn, what };
  const written = /^arn:[^:]+:s3:::[^/]+\/?(.*)$/.exec(arn.value)?.[1] ?? '';
  return { prefix: under({ ...arn, value: written }, AWS_LOGS), what };
}

/** `bucket[/prefix]/AWSLogs/<account ID>/elasticloadbalancing/<region>/…` (access and connection logs): the prefix as written, then AWSLogs/ and a digit. */
function loadBalancerKeys(s: LogSetting, r: NativeResource): WrittenKeys {
  const { name, args } = lbLogOf(s, r);
  const what = `the ${name} ${s.address} delivers`;
  if ('kind' in args) return { prefix: unknownFact(causeOf(args, r, name), args.loc ?? r.loc), what };
  return { prefix: under(prefixFact(args.prefix, r, args.names.prefix), AWS_LOGS), next: /[0-9]/, what };
}

/**
 * The keys `feeder` writes into a bucket; `accessLogPrefix` is the target
 * prefix of an S3 access-log setting. A writer this module does not know
 * leaves its keys unknown.
 */
export function writtenKeys(
  feeder: Trail | LogSetting,
  bucket: DataStore,
  accessLogPrefix: { value: Value | undefined; definedBy: NativeResource } | undefined,
): WrittenKeys {
  const r = feeder.native;
  if (feeder.kind === 'trail' && feeder.trailType === 'cloudtrail' && r) return trailKeys(feeder, r);
  if (feeder.kind === 'log-setting' && feeder.settingType === 'vpc-flow-log' && r) return flowLogKeys(feeder, r, bucket);
  if (feeder.kind === 'log-setting' && feeder.settingType === 'lb-access-logging' && r) return loadBalancerKeys(feeder, r);
  if (feeder.kind === 'log-setting' && feeder.settingType === 's3-access-logging' && accessLogPrefix) {
    // After the target prefix comes the date (simple format) or the source account ID (partitioned format).
    return { prefix: prefixFact(accessLogPrefix.value, accessLogPrefix.definedBy, 'target prefix'), next: /[0-9]/, what: `the access logs ${feeder.address} delivers` };
  }
  return {
    prefix: unknownFact({ inputs: [feeder.address], detail: `where ${feeder.address} writes in the bucket is not modelled` }, feeder.loc),
    what: `the logs ${feeder.address} delivers`,
  };
}
