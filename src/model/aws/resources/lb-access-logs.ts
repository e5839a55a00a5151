// Load balancer logs delivered to S3 -> LogSetting 'lb-access-logging' on
// the load balancer: access logs of every type and an Application Load
// Balancer's connection logs. Terraform `aws_lb`/`aws_alb`
// `access_logs { bucket, prefix, enabled }` and `connection_logs { … }` (off
// unless enabled), `aws_elb` `access_logs { bucket, bucket_prefix, enabled }`
// (on unless disabled); CloudFormation ELBv2 `LoadBalancerAttributes`
// `access_logs.s3.enabled|bucket|prefix` (and `connection_logs.s3.…`) and
// Classic `AccessLoggingPolicy`. Created in the amend pass, when every bucket
// name is known.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { boolFact, causeOf, itemsOf } from '../../lift-values.js';
import type { LogSetting } from '../../logging.js';
import { dig, isUnresolved } from './attribute-path.js';
import { linkByName } from './name-index.js';
import { BUCKET_TYPES, bucketNameOf } from './s3-settings.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsValue } from './tags.js';

/** Both are written under `<prefix>/AWSLogs/<account>/elasticloadbalancing/`. */
type LbLog = 'access-logs' | 'connection-logs';

/** Where one kind of a load balancer's logs is written, as values and the attribute names a cause cites. */
export interface LbLogArguments {
  enabled: Value | undefined;
  /** What an absent `enabled` means. */
  enabledDefault: boolean;
  bucket: Value | undefined;
  prefix: Value | undefined;
  names: { enabled: string; bucket: string; prefix: string };
}

const NOT_WRITTEN = (names: LbLogArguments['names']): LbLogArguments => ({ enabled: undefined, enabledDefault: false, bucket: undefined, prefix: undefined, names });

/** CloudFormation `LoadBalancerAttributes` `[{Key, Value}]`: the values of one kind's keys, or the value that hides them. */
function elbv2Attributes(r: NativeResource, log: LbLog): LbLogArguments | Value {
  const attrs = dig(r.attrs, 'LoadBalancerAttributes');
  if (attrs && isUnresolved(attrs)) return attrs;
  const root = log === 'access-logs' ? 'access_logs' : 'connection_logs';
  const names = { enabled: `${root}.s3.enabled`, bucket: `${root}.s3.bucket`, prefix: `${root}.s3.prefix` };
  const found = NOT_WRITTEN(names);
  for (const a of itemsOf(attrs)) {
    const k = dig(a, 'Key');
    // A key from an unresolved input may be any of them.
    if (k?.kind !== 'known') return k ?? a;
    if (k.value === names.enabled) found.enabled = dig(a, 'Value');
    else if (k.value === names.bucket) found.bucket = dig(a, 'Value');
    else if (k.value === names.prefix) found.prefix = dig(a, 'Value');
  }
  return found;
}

/** A Terraform `access_logs` / `connection_logs` block. */
function terraformBlock(r: NativeResource, block: string): LbLogArguments | Value {
  const v = dig(r.attrs, block);
  if (v && isUnresolved(v)) return v;
  const b = itemsOf(v)[0] ?? (v?.kind === 'object' ? v : undefined);
  const classic = r.type === 'aws_elb';
  const prefixName = classic ? 'bucket_prefix' : 'prefix';
  const names = { enabled: `${block}.enabled`, bucket: `${block}.bucket`, prefix: `${block}.${prefixName}` };
  if (!b) return NOT_WRITTEN(names);
  // aws_lb: "defaults to false, even when bucket is specified"; aws_elb: defaults to true.
  return { enabled: dig(b, 'enabled'), enabledDefault: classic, bucket: dig(b, 'bucket'), prefix: dig(b, prefixName), names };
}

/** One kind of logs of a load balancer in any of its dialects; a Value when an unresolved block hides them. */
function lbLogArguments(r: NativeResource, log: LbLog): LbLogArguments | Value {
  if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') return elbv2Attributes(r, log);
  if (r.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
    const names = { enabled: 'AccessLoggingPolicy.Enabled', bucket: 'AccessLoggingPolicy.S3BucketName', prefix: 'AccessLoggingPolicy.S3BucketPrefix' };
    const p = dig(r.attrs, 'AccessLoggingPolicy');
    if (log !== 'access-logs' || !p) return NOT_WRITTEN(names);
    if (isUnresolved(p)) return p;
    return { enabled: dig(p, 'Enabled'), enabledDefault: false, bucket: dig(p, 'S3BucketName'), prefix: dig(p, 'S3BucketPrefix'), names };
  }
  if (r.type === 'aws_elb' && log !== 'access-logs') return NOT_WRITTEN({ enabled: 'connection_logs', bucket: 'connection_logs', prefix: 'connection_logs' });
  return terraformBlock(r, log === 'access-logs' ? 'access_logs' : 'connection_logs');
}

function settingId(r: NativeResource, log: LbLog): string {
  return `${r.key}#${log}`;
}

/** The kind and arguments behind a setting this module created; the arguments are a Value when an unresolved block hides them. */
export function lbLogOf(s: LogSetting, r: NativeResource): { name: string; args: LbLogArguments | Value } {
  const log: LbLog = s.id === settingId(r, 'connection-logs') ? 'connection-logs' : 'access-logs';
  return { name: log.replace('-', ' '), args: lbLogArguments(r, log) };
}

/** Plan JSON writes `null` for an unset `enabled`. */
function enabledOf(a: LbLogArguments, r: NativeResource): Fact<boolean> {
  const v = a.enabled;
  if (v === undefined || (v.kind === 'known' && v.value === null)) return defaulted(a.enabledDefault, r.loc);
  return boolFact(v, r, { name: a.names.enabled });
}

const CLASSIC = new Set(['aws_elb', 'AWS::ElasticLoadBalancing::LoadBalancer']);

/**
 * Application and Classic Load Balancers write their logs only to buckets
 * with S3-managed keys (SSE-S3); a Network Load Balancer also to one with a
 * customer key. The type is `application` when unset.
 */
function onlyS3ManagedKeys(r: NativeResource): Fact<boolean> {
  if (CLASSIC.has(r.type)) return fact(true, r.loc);
  const name = r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' ? 'Type' : 'load_balancer_type';
  const t = dig(r.attrs, name);
  if (t === undefined || (t.kind === 'known' && (t.value === null || t.value === ''))) return defaulted(true, r.loc);
  if (t.kind !== 'known') return unknownFact(causeOf(t, r, name), t.loc ?? r.loc);
  return fact(String(t.value).toLowerCase() === 'application', t.loc ?? r.loc);
}

function lbLogHandler(types: string[], sources: LiftHandler['sources']): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      for (const log of ['access-logs', 'connection-logs'] as const) {
        const args = lbLogArguments(r, log);
        const base = {
          ...baseOf(r, ctx, tagsValue(r)),
          id: settingId(r, log),
          kind: 'log-setting' as const,
          settingType: 'lb-access-logging' as const,
          target: fact(r.key, r.loc),
          onlyS3ManagedKeys: onlyS3ManagedKeys(r),
        };
        if ('kind' in args) {
          // The block itself is unresolved: whether and where it writes are unknown on it.
          const open = unknownFact(causeOf(args, r, log.replace('-', ' ')), args.loc ?? r.loc);
          ctx.model.add({ ...base, enabled: open, destinations: fact([open], r.loc) } satisfies LogSetting);
          // One attribute list hides both kinds: one setting says so.
          if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') return;
          continue;
        }
        const enabled = enabledOf(args, r);
        // Logs switched off write nothing anywhere.
        if (enabled.known && !enabled.value) continue;
        const bucket = linkByName(ctx, r, args.bucket, args.names.bucket, { kind: 's3-bucket', types: BUCKET_TYPES, nameOf: bucketNameOf });
        ctx.model.add({ ...base, enabled, destinations: fact([bucket], args.bucket?.loc ?? r.loc) } satisfies LogSetting);
      }
    },
  };
}

export const lbAccessLogHandlers: LiftHandler[] = [
  lbLogHandler(['aws_lb', 'aws_alb', 'aws_elb'], TERRAFORM),
  lbLogHandler(['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'], CLOUDFORMATION),
];
