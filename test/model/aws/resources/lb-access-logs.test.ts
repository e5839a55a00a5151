// Load balancers as writers of access logs into a bucket: the setting, and
// the bucket's lifecycle judged against <prefix>/AWSLogs/<account>/….
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../../src/model/fact.js';
import type { LogSetting } from '../../../../src/model/logging.js';
import type { NativeResource } from '../../../../src/readers/native.js';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift, liftAll } from './harness.js';

function settings(resources: NativeResource[]): LogSetting[] {
  return lift(resources).model.all('log-setting').filter((s) => s.settingType === 'lb-access-logging');
}

function expiration(resources: NativeResource[], bucket: NativeResource): Fact<number | null> | undefined {
  return get(lift(resources).model, bucket.key, 'data-store').expirationDays;
}

const logs = tf('aws_s3_bucket', 'lb_logs', { bucket: 'city-a-lb-logs' });

function lifecycle(...rule: Record<string, unknown>[]): NativeResource {
  return tf('aws_s3_bucket_lifecycle_configuration', 'lb_logs', { bucket: tfRef('aws_s3_bucket.lb_logs', 'id'), rule });
}

function alb(accessLogs: Record<string, unknown> | undefined, type = 'aws_lb'): NativeResource {
  return tf(type, 'web', { name: 'web', load_balancer_type: 'application', subnets: ['subnet-1', 'subnet-2'], ...(accessLogs ? { access_logs: [accessLogs] } : {}) });
}

const keep = { id: 'keep', status: 'Enabled', filter: [{}], expiration: [{ days: 1830 }] };

describe('load balancer access logs as a log setting', () => {
  it('an enabled aws_lb access_logs block delivers to its bucket; disabled, absent or unset enabled writes nothing', () => {
    const on = settings([logs, alb({ bucket: tfRef('aws_s3_bucket.lb_logs', 'id'), prefix: 'web', enabled: true })]);
    expect(on).toHaveLength(1);
    expect(on[0].target).toMatchObject({ known: true, value: '.#aws_lb.web' });
    expect(on[0].id).toBe('.#aws_lb.web#access-logs');
    expect(on[0].destinations).toMatchObject({ known: true, value: [{ known: true, value: logs.key }] });
    expect(settings([logs, alb({ bucket: 'city-a-lb-logs', enabled: false })])).toEqual([]);
    // aws_lb: "defaults to false, even when bucket is specified".
    expect(settings([logs, alb({ bucket: 'city-a-lb-logs' })])).toEqual([]);
    expect(settings([logs, alb(undefined)])).toEqual([]);
    // Plan JSON: enabled null beside an empty bucket.
    expect(settings([logs, alb({ bucket: '', enabled: null, prefix: '' })])).toEqual([]);
  });

  it('the bucket name resolves by literal name; an unknown or unscanned bucket is unknown naming the input', () => {
    const byName = settings([logs, alb({ bucket: 'city-a-lb-logs', enabled: true })]);
    expect(byName[0].destinations).toMatchObject({ known: true, value: [{ known: true, value: logs.key }] });
    const fromVar = settings([logs, alb({ bucket: unk('var.lb_log_bucket'), enabled: true })]);
    const link = fromVar[0].destinations.known ? fromVar[0].destinations.value[0] : undefined;
    expect(link?.known).toBe(false);
    if (link && !link.known) expect(link.cause.inputs).toEqual(['var.lb_log_bucket']);
    const elsewhere = settings([alb({ bucket: 'shared-logs-archive', enabled: true })]);
    const l = elsewhere[0].destinations.known ? elsewhere[0].destinations.value[0] : undefined;
    if (l && !l.known) expect(l.cause.inputs).toEqual(['shared-logs-archive']);
    else throw new Error('expected an unknown destination');
  });

  it('an enabled flag from a variable leaves the setting unknown on it; an unresolved access_logs block leaves everything unknown', () => {
    const maybe = settings([logs, alb({ bucket: 'city-a-lb-logs', enabled: unk('var.enable_lb_logs') })]);
    expect(maybe).toHaveLength(1);
    expect(maybe[0].enabled.known).toBe(false);
    const dynamic = tf('aws_lb', 'web', { name: 'web', access_logs: unk('var.access_logs') });
    const open = settings([logs, dynamic]);
    expect(open).toHaveLength(1);
    expect(open[0].destinations).toMatchObject({ known: true, value: [{ known: false, cause: { inputs: ['var.access_logs'] } }] });
  });

  it('the classic aws_elb logs unless enabled = false, under bucket_prefix', () => {
    const elb = (a: Record<string, unknown>) => tf('aws_elb', 'legacy', { name: 'legacy', availability_zones: ['ap-northeast-1a'], access_logs: [a] });
    expect(settings([logs, elb({ bucket: 'city-a-lb-logs', bucket_prefix: 'legacy' })])).toHaveLength(1);
    expect(settings([logs, elb({ bucket: 'city-a-lb-logs', enabled: false })])).toEqual([]);
    const rule = { id: 'legacy', status: 'Enabled', filter: [{ prefix: 'legacy/AWSLogs/' }], expiration: [{ days: 90 }] };
    expect(expiration([logs, elb({ bucket: 'city-a-lb-logs', bucket_prefix: 'legacy' }), lifecycle(keep, rule)], logs)).toMatchObject({ known: true, value: 90 });
  });

  it('CloudFormation: ELBv2 LoadBalancerAttributes and Classic AccessLoggingPolicy', () => {
    const bucket = cfn('AWS::S3::Bucket', 'AlbLogs', {});
    const v2 = (attrs: unknown) => cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Alb', { Type: 'application', Subnets: ['subnet-1'], LoadBalancerAttributes: attrs });
    const on = settings([
      bucket,
      v2([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: cfnRef('AlbLogs') },
      ]),
    ]);
    expect(on[0].destinations).toMatchObject({ known: true, value: [{ known: true, value: bucket.key }] });
    expect(settings([bucket, v2([{ Key: 'access_logs.s3.bucket', Value: cfnRef('AlbLogs') }])])).toEqual([]);
    expect(settings([bucket, v2([{ Key: 'access_logs.s3.enabled', Value: 'false' }, { Key: 'access_logs.s3.bucket', Value: cfnRef('AlbLogs') }])])).toEqual([]);
    // A key from a parameter may be the enabled flag.
    const hidden = settings([bucket, v2([{ Key: unk('parameter AttributeKey'), Value: 'true' }])]);
    // One unknown for the attribute list, not one per kind of log.
    expect(hidden).toHaveLength(1);
    expect(hidden[0].enabled).toMatchObject({ known: false, cause: { inputs: ['parameter AttributeKey'] } });
    const classic = (policy: Record<string, unknown>) => cfn('AWS::ElasticLoadBalancing::LoadBalancer', 'Clb', { AvailabilityZones: ['ap-northeast-1a'], AccessLoggingPolicy: policy });
    expect(settings([bucket, classic({ Enabled: true, S3BucketName: cfnRef('AlbLogs'), EmitInterval: 60 })])).toHaveLength(1);
    expect(settings([bucket, classic({ Enabled: false, S3BucketName: cfnRef('AlbLogs') })])).toEqual([]);
  });
});

describe('live load balancers (AWS Config)', () => {
  it('the item carries no attributes: one setting whose destination is unknown on DescribeLoadBalancerAttributes', () => {
    const item = tf('AWS::ElasticLoadBalancingV2::LoadBalancer', 'alb', { loadBalancerName: 'web', type: 'application', scheme: 'internal', availabilityZones: [] }, { source: 'aws-config' });
    const s = liftAll([item]).model.all('log-setting').filter((x) => x.settingType === 'lb-access-logging');
    expect(s).toHaveLength(1);
    expect(s[0].destinations).toMatchObject({ known: true, value: [{ known: false, cause: { inputs: ['elasticloadbalancing:DescribeLoadBalancerAttributes'] } }] });
  });
});

describe('Application Load Balancer connection logs', () => {
  it('a connection_logs block (Terraform) or connection_logs.s3.* attributes (CloudFormation) are a writer of their own', () => {
    const both = tf('aws_lb', 'web', {
      name: 'web',
      access_logs: [{ bucket: 'city-a-lb-logs', prefix: 'access', enabled: true }],
      connection_logs: [{ bucket: 'city-a-lb-logs', prefix: 'conn', enabled: true }],
    });
    expect(settings([logs, both]).map((s) => s.id)).toEqual(['.#aws_lb.web#access-logs', '.#aws_lb.web#connection-logs']);
    const connOnly = rule('conn', 14, 'conn/');
    const e = expiration([logs, both, lifecycle(keep, connOnly)], logs);
    expect(e).toMatchObject({ known: true, value: 14 });
    const bucket = cfn('AWS::S3::Bucket', 'AlbLogs', {});
    const v2 = cfn('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Alb', {
      LoadBalancerAttributes: [
        { Key: 'connection_logs.s3.enabled', Value: 'true' },
        { Key: 'connection_logs.s3.bucket', Value: cfnRef('AlbLogs') },
        { Key: 'connection_logs.s3.prefix', Value: unk('parameter ConnPrefix') },
      ],
    });
    const s = settings([bucket, v2]);
    expect(s.map((x) => x.id)).toEqual(['template.yaml#Alb#connection-logs']);
    const bucketWithRule = cfn('AWS::S3::Bucket', 'AlbLogs', { LifecycleConfiguration: { Rules: [{ Id: 'c', Status: 'Enabled', Prefix: 'conn/', ExpirationInDays: 7 }] } });
    const open = expiration([bucketWithRule, v2], bucketWithRule);
    expect(open?.known).toBe(false);
    if (open && !open.known) {
      expect(open.cause.inputs).toEqual(['parameter ConnPrefix']);
      expect(open.cause.detail).toContain('the connection logs Alb delivers');
    }
  });
});

function rule(id: string, days: number, prefix: string): Record<string, unknown> {
  return { id, status: 'Enabled', filter: [{ prefix }], expiration: [{ days }] };
}

describe('lifecycle rules against the keys a load balancer writes', () => {
  const writer = (prefix?: unknown) => alb({ bucket: tfRef('aws_s3_bucket.lb_logs', 'id'), enabled: true, ...(prefix === undefined ? {} : { prefix }) });

  it('a rule on <prefix>/AWSLogs/ reaches the logs; one on another folder does not', () => {
    const web = { id: 'web', status: 'Enabled', filter: [{ prefix: 'web/' }], expiration: [{ days: 30 }] };
    const tmp = { id: 'tmp', status: 'Enabled', filter: [{ prefix: 'tmp/' }], expiration: [{ days: 1 }] };
    expect(expiration([logs, writer('web'), lifecycle(keep, web, tmp)], logs)).toMatchObject({ known: true, value: 30 });
    expect(expiration([logs, writer('web'), lifecycle(tmp)], logs)).toMatchObject({ known: true, value: null });
    // Without a prefix the logs go under AWSLogs/ at the root.
    expect(expiration([logs, writer(), lifecycle(keep, web)], logs)).toMatchObject({ known: true, value: 1830 });
  });

  it('after AWSLogs/ comes the account ID: a rule on one account is unknown when sooner, one on letters misses', () => {
    const oneAccount = { id: 'acct', status: 'Enabled', filter: [{ prefix: 'web/AWSLogs/111122223333/' }], expiration: [{ days: 30 }] };
    const open = expiration([logs, writer('web'), lifecycle(keep, oneAccount)], logs);
    expect(open?.known).toBe(false);
    if (open && !open.known) expect(open.cause.detail).toContain('the access logs aws_lb.web delivers (under "web/AWSLogs/")');
    const letters = { id: 'x', status: 'Enabled', filter: [{ prefix: 'web/AWSLogs/exports/' }], expiration: [{ days: 1 }] };
    expect(expiration([logs, writer('web'), lifecycle(keep, letters)], logs)).toMatchObject({ known: true, value: 1830 });
  });

  it('a prefix from a variable leaves a filtered rule unknown naming it; a whole-bucket rule stays certain', () => {
    const web = { id: 'web', status: 'Enabled', filter: [{ prefix: 'web/' }], expiration: [{ days: 30 }] };
    const open = expiration([logs, writer(unk('var.lb_log_prefix')), lifecycle(web)], logs);
    expect(open?.known).toBe(false);
    if (open && !open.known) expect(open.cause.inputs).toEqual(['var.lb_log_prefix']);
    expect(expiration([logs, writer(unk('var.lb_log_prefix')), lifecycle(keep)], logs)).toMatchObject({ known: true, value: 1830 });
  });
});
