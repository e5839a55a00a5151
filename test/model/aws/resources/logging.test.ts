import { describe, expect, it } from 'vitest';
import { unknown } from '../../../../src/readers/value.js';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift } from './harness.js';

describe('log groups', () => {
  it('Terraform: never expire by default, 0 too; retention and key when written', () => {
    const k = tf('aws_kms_key', 'logs', {});
    const a = tf('aws_cloudwatch_log_group', 'a', { name: '/app/a' });
    const b = tf('aws_cloudwatch_log_group', 'b', { name: '/app/b', retention_in_days: 0 });
    const c = tf('aws_cloudwatch_log_group', 'c', { name: '/app/c', retention_in_days: 400, kms_key_id: tfRef('aws_kms_key.logs', 'arn') });
    const d = tf('aws_cloudwatch_log_group', 'd', { retention_in_days: unk('var.log_retention') });
    const { model } = lift([a, b, c, d, k]);
    const ga = get(model, a.key, 'log-store');
    expect(ga.retentionDays).toMatchObject({ value: null, defaulted: true });
    expect(ga.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(ga.kmsKey).toMatchObject({ value: null });
    expect(get(model, b.key, 'log-store').retentionDays).toMatchObject({ value: null, loc: b.attrs.fields.retention_in_days.loc });
    const gc = get(model, c.key, 'log-store');
    expect(gc.retentionDays).toMatchObject({ value: 400 });
    expect(gc.kmsKey).toMatchObject({ value: k.key });
    const rd = get(model, d.key, 'log-store').retentionDays;
    expect(rd.known === false && rd.cause.inputs).toEqual(['var.log_retention']);
  });

  it('CloudFormation: RetentionInDays and KmsKeyId', () => {
    const g = cfn('AWS::Logs::LogGroup', 'Logs', { RetentionInDays: 3653, KmsKeyId: 'arn:aws:kms:ap-northeast-1:111122223333:key/abcd' });
    const s = get(lift([g]).model, g.key, 'log-store');
    expect(s.retentionDays).toMatchObject({ value: 3653 });
    expect(s.kmsKey).toMatchObject({ value: 'arn:aws:kms:ap-northeast-1:111122223333:key/abcd' });
  });
});

describe('CloudTrail', () => {
  it('Terraform defaults: single region, global events, no validation, management events, SSE-S3', () => {
    const b = tf('aws_s3_bucket', 'trail', { bucket: 'city-trail' });
    const t = tf('aws_cloudtrail', 'main', { name: 'main', s3_bucket_name: tfRef('aws_s3_bucket.trail', 'id') });
    const trail = get(lift([t, b]).model, t.key, 'trail');
    expect(trail.multiRegion).toMatchObject({ value: false, defaulted: true });
    expect(trail.includeGlobalServiceEvents).toMatchObject({ value: true, defaulted: true });
    expect(trail.logFileValidation).toMatchObject({ value: false, defaulted: true });
    expect(trail.managementEvents).toMatchObject({ value: true, defaulted: true });
    expect(trail.loggingEnabled).toMatchObject({ value: true, defaulted: true });
    expect(trail.organization).toMatchObject({ value: false });
    expect(trail.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(trail.destinations).toMatchObject({ value: [{ value: b.key }] });
  });

  it('joins the bucket by name and the log group by an ARN with a suffix', () => {
    const b = tf('aws_s3_bucket', 'trail', { bucket: 'city-trail' });
    const g = tf('aws_cloudwatch_log_group', 'trail', { name: '/aws/cloudtrail' });
    const k = tf('aws_kms_key', 'trail', {});
    const t = tf('aws_cloudtrail', 'main', {
      s3_bucket_name: 'city-trail',
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      kms_key_id: tfRef('aws_kms_key.trail', 'arn'),
      cloud_watch_logs_group_arn: unknown(
        { inputs: ['aws_cloudwatch_log_group.trail.arn'], detail: 'known after apply' },
        undefined,
        '${aws_cloudwatch_log_group.trail.arn}:*',
      ),
    });
    const trail = get(lift([t, b, g, k]).model, t.key, 'trail');
    expect(trail.destinations).toMatchObject({ value: [{ value: b.key }, { value: g.key }] });
    expect(trail.multiRegion).toMatchObject({ value: true });
    expect(trail.kmsKey).toMatchObject({ value: k.key });
  });

  it('the same inside a module: references are relative to the module', () => {
    const g = tf('aws_cloudwatch_log_group', 'x', {}, {});
    g.address = 'module.audit.aws_cloudwatch_log_group.x';
    g.key = '.#module.audit.aws_cloudwatch_log_group.x';
    const t = tf('aws_cloudtrail', 't', {
      s3_bucket_name: 'outside',
      cloud_watch_logs_group_arn: unknown({ inputs: [], detail: '' }, undefined, '${aws_cloudwatch_log_group.x.arn}:*'),
    });
    t.address = 'module.audit.aws_cloudtrail.t';
    t.key = '.#module.audit.aws_cloudtrail.t';
    const trail = get(lift([t, g]).model, t.key, 'trail');
    expect(trail.destinations.known && trail.destinations.value[0]).toMatchObject({ known: false, cause: { inputs: ['outside'] } });
    expect(trail.destinations.known && trail.destinations.value[1]).toMatchObject({ value: g.key });
  });

  it('event selectors: write-only management events are not enough; advanced selectors count', () => {
    const wo = tf('aws_cloudtrail', 'wo', { s3_bucket_name: 'b', event_selector: [{ read_write_type: 'WriteOnly' }] });
    const both = tf('aws_cloudtrail', 'both', {
      s3_bucket_name: 'b',
      event_selector: [{ read_write_type: 'WriteOnly' }, { read_write_type: 'ReadOnly', include_management_events: true }],
    });
    const data = tf('aws_cloudtrail', 'data', { s3_bucket_name: 'b', event_selector: [{ include_management_events: false }] });
    const adv = tf('aws_cloudtrail', 'adv', {
      s3_bucket_name: 'b',
      advanced_event_selector: [{ name: 'mgmt', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] }],
    });
    const { model } = lift([wo, both, data, adv]);
    expect(get(model, wo.key, 'trail').managementEvents).toMatchObject({ value: false });
    expect(get(model, both.key, 'trail').managementEvents).toMatchObject({ value: true });
    expect(get(model, data.key, 'trail').managementEvents).toMatchObject({ value: false });
    expect(get(model, adv.key, 'trail').managementEvents).toMatchObject({ value: true });
  });

  it('CloudFormation: IsLogging as written, GetAtt log group, bucket by !Ref', () => {
    const b = cfn('AWS::S3::Bucket', 'TrailBucket', {});
    const g = cfn('AWS::Logs::LogGroup', 'TrailLogs', {});
    const t = cfn('AWS::CloudTrail::Trail', 'Trail', {
      IsLogging: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      S3BucketName: cfnRef('TrailBucket'),
      CloudWatchLogsLogGroupArn: cfnRef('TrailLogs', 'Arn'),
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    });
    const trail = get(lift([b, g, t]).model, t.key, 'trail');
    expect(trail.loggingEnabled).toMatchObject({ value: true });
    expect(trail.destinations).toMatchObject({ value: [{ value: b.key }, { value: g.key }] });
    expect(trail.managementEvents).toMatchObject({ value: true });
  });
});

describe('flow logs', () => {
  it('Terraform: VPC flow log to CloudWatch Logs (default type) and to S3', () => {
    const g = tf('aws_cloudwatch_log_group', 'flow', { name: '/vpc/flow' });
    const b = tf('aws_s3_bucket', 'flow', { bucket: 'flow-logs' });
    const f1 = tf('aws_flow_log', 'cw', { vpc_id: tfRef('aws_vpc.main', 'id'), log_destination: tfRef('aws_cloudwatch_log_group.flow', 'arn'), traffic_type: 'ALL' });
    const f2 = tf('aws_flow_log', 's3', { subnet_id: tfRef('aws_subnet.a', 'id'), log_destination_type: 's3', log_destination: 'arn:aws:s3:::flow-logs/vpc/' });
    const vpc = tf('aws_vpc', 'main', {});
    const sn = tf('aws_subnet', 'a', {});
    const { model } = lift([f1, f2, g, b, vpc, sn]);
    const s1 = get(model, f1.key, 'log-setting');
    expect(s1.settingType).toBe('vpc-flow-log');
    expect(s1.target).toMatchObject({ value: vpc.key });
    expect(s1.destinations).toMatchObject({ value: [{ value: g.key }] });
    expect(s1.categories).toMatchObject({ value: ['ALL'] });
    const s2 = get(model, f2.key, 'log-setting');
    expect(s2.target).toMatchObject({ value: sn.key });
    expect(s2.destinations).toMatchObject({ value: [{ value: b.key }] });
  });

  it('CloudFormation: ResourceId and LogGroupName', () => {
    const g = cfn('AWS::Logs::LogGroup', 'FlowLogs', { LogGroupName: 'flow' });
    const vpc = cfn('AWS::EC2::VPC', 'Vpc', {});
    const f = cfn('AWS::EC2::FlowLog', 'Flow', { ResourceId: cfnRef('Vpc'), ResourceType: 'VPC', LogGroupName: cfnRef('FlowLogs'), TrafficType: 'REJECT' });
    const s = get(lift([g, vpc, f]).model, f.key, 'log-setting');
    expect(s.target).toMatchObject({ value: vpc.key });
    expect(s.destinations).toMatchObject({ value: [{ value: g.key }] });
    expect(s.categories).toMatchObject({ value: ['REJECT'] });
  });
});
