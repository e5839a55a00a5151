// Load balancer access logs -> LogSetting 'lb-access-logging' on the load
// balancer, delivering to an S3 bucket: Terraform `aws_lb`/`aws_alb`
// `access_logs { bucket, prefix, enabled }` (off unless enabled) and
// `aws_elb` `access_logs { bucket, bucket_prefix, enabled }` (on unless
// disabled); CloudFormation ELBv2 `LoadBalancerAttributes`
// `access_logs.s3.enabled|bucket|prefix` and Classic `AccessLoggingPolicy`.
// Live ELBv2 items reach here translated to `aws_lb` (config/elb.ts).
// Created in the amend pass, when every bucket name is known.
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

/** Where a load balancer's access-log settings are written, as values and the attribute names a cause cites. */
export interface AccessLogArguments {
  enabled: Value | undefined;
  /** What an absent `enabled` means. */
  enabledDefault: boolean;
  bucket: Value | undefined;
  prefix: Value | undefined;
  names: { enabled: string; bucket: string; prefix: string };
}

const ELBV2_KEYS = { enabled: 'access_logs.s3.enabled', bucket: 'access_logs.s3.bucket', prefix: 'access_logs.s3.prefix' };

/** CloudFormation `LoadBalancerAttributes` `[{Key, Value}]`: the values of the access-log keys, or the value that hides them. */
function elbv2Attributes(r: NativeResource): AccessLogArguments | Value {
  const attrs = dig(r.attrs, 'LoadBalancerAttributes');
  if (attrs && isUnresolved(attrs)) return attrs;
  const found: Partial<Record<keyof typeof ELBV2_KEYS, Value>> = {};
  for (const a of itemsOf(attrs)) {
    const k = dig(a, 'Key');
    // A key from an unresolved input may be any of them.
    if (k?.kind !== 'known') return k ?? a;
    for (const [name, key] of Object.entries(ELBV2_KEYS) as [keyof typeof ELBV2_KEYS, string][]) if (k.value === key) found[name] = dig(a, 'Value');
  }
  return { ...found, enabledDefault: false, names: ELBV2_KEYS } as AccessLogArguments;
}

/** The access-log arguments of a load balancer in any of its dialects; a Value when an unresolved block hides them. */
export function accessLogArguments(r: NativeResource): AccessLogArguments | Value {
  if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') return elbv2Attributes(r);
  if (r.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
    const p = dig(r.attrs, 'AccessLoggingPolicy');
    if (p && isUnresolved(p)) return p;
    const names = { enabled: 'AccessLoggingPolicy.Enabled', bucket: 'AccessLoggingPolicy.S3BucketName', prefix: 'AccessLoggingPolicy.S3BucketPrefix' };
    // Without the policy there are no access logs; Enabled is required within it.
    return p ? { enabled: dig(p, 'Enabled'), enabledDefault: false, bucket: dig(p, 'S3BucketName'), prefix: dig(p, 'S3BucketPrefix'), names } : { enabled: undefined, enabledDefault: false, bucket: undefined, prefix: undefined, names };
  }
  const block = dig(r.attrs, 'access_logs');
  if (block && isUnresolved(block)) return block;
  const b = itemsOf(block)[0] ?? (block?.kind === 'object' ? block : undefined);
  const classic = r.type === 'aws_elb';
  const prefixName = classic ? 'bucket_prefix' : 'prefix';
  if (!b) return { enabled: undefined, enabledDefault: false, bucket: undefined, prefix: undefined, names: { enabled: 'access_logs', bucket: 'access_logs.bucket', prefix: `access_logs.${prefixName}` } };
  return {
    enabled: dig(b, 'enabled'),
    // aws_lb: "defaults to false, even when bucket is specified"; aws_elb: defaults to true.
    enabledDefault: classic,
    bucket: dig(b, 'bucket'),
    prefix: dig(b, prefixName),
    names: { enabled: 'access_logs.enabled', bucket: 'access_logs.bucket', prefix: `access_logs.${prefixName}` },
  };
}

/** Plan JSON writes `null` for an unset `enabled`. */
function enabledOf(a: AccessLogArguments, r: NativeResource): Fact<boolean> {
  const v = a.enabled;
  if (v === undefined || (v.kind === 'known' && v.value === null)) return defaulted(a.enabledDefault, r.loc);
  return boolFact(v, r, { name: a.names.enabled });
}

function accessLogHandler(types: string[], sources: LiftHandler['sources']): LiftHandler {
  return {
    types,
    sources,
    pass: 'amend',
    lift(r, ctx) {
      const args = accessLogArguments(r);
      const base = { ...baseOf(r, ctx, tagsValue(r)), id: `${r.key}#access-logs`, kind: 'log-setting' as const, settingType: 'lb-access-logging' as const, target: fact(r.key, r.loc) };
      if ('kind' in args) {
        // The block itself is unresolved: whether and where it writes are unknown on it.
        const open = unknownFact(causeOf(args, r, 'access logs'), args.loc ?? r.loc);
        ctx.model.add({ ...base, enabled: open, destinations: fact([open], r.loc) } satisfies LogSetting);
        return;
      }
      const enabled = enabledOf(args, r);
      // Access logs switched off write nothing anywhere.
      if (enabled.known && !enabled.value) return;
      const bucket = linkByName(ctx, r, args.bucket, args.names.bucket, { kind: 's3-bucket', types: BUCKET_TYPES, nameOf: bucketNameOf });
      ctx.model.add({ ...base, enabled, destinations: fact([bucket], args.bucket?.loc ?? r.loc) } satisfies LogSetting);
    },
  };
}

export const lbAccessLogHandlers: LiftHandler[] = [
  accessLogHandler(['aws_lb', 'aws_alb', 'aws_elb'], TERRAFORM),
  accessLogHandler(['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'], CLOUDFORMATION),
];
