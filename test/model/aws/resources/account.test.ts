import { describe, expect, it } from 'vitest';
import type { AccountService } from '../../../../src/model/account.js';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift } from './harness.js';

function svc(model: ReturnType<typeof lift>['model'], id: string): AccountService {
  return get(model, id, 'account-service');
}

describe('threat detection', () => {
  it('GuardDuty detectors: Terraform enabled by default, CloudFormation as written, organisation auto-enable', () => {
    const d = tf('aws_guardduty_detector', 'main', {});
    const off = tf('aws_guardduty_detector', 'off', { enable: false });
    const org = tf('aws_guardduty_organization_configuration', 'org', { detector_id: tfRef('aws_guardduty_detector.main', 'id'), auto_enable_organization_members: 'ALL' });
    const c = cfn('AWS::GuardDuty::Detector', 'Detector', { Enable: unk('parameter EnableGuardDuty') });
    const { model } = lift([d, off, org, c]);
    expect(svc(model, d.key)).toMatchObject({ serviceType: 'guardduty', enabled: { value: true, defaulted: true } });
    expect(svc(model, off.key).enabled).toMatchObject({ value: false });
    expect(svc(model, org.key).enabled).toMatchObject({ value: true });
    expect(svc(model, org.key).settings.autoEnable).toMatchObject({ value: 'ALL' });
    const ce = svc(model, c.key).enabled;
    expect(ce.known === false && ce.cause.inputs).toEqual(['parameter EnableGuardDuty']);
  });

  it('Security Hub with standards subscriptions of its scope; Access Analyzer', () => {
    const hub = tf('aws_securityhub_account', 'this', { enable_default_standards: false });
    const std = tf('aws_securityhub_standards_subscription', 'fsbp', {
      standards_arn: 'arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0',
    });
    const aa = tf('aws_accessanalyzer_analyzer', 'a', { analyzer_name: 'a' });
    const { model } = lift([std, hub, aa]);
    const h = svc(model, hub.key);
    expect(h.enabled).toMatchObject({ value: true });
    expect(h.settings.enableDefaultStandards).toMatchObject({ value: false });
    expect(h.settings.standards).toMatchObject({ value: [std.attrs.fields.standards_arn.kind === 'known' ? std.attrs.fields.standards_arn.value : ''] });
    expect(svc(model, aa.key)).toMatchObject({ serviceType: 'access-analyzer', settings: { type: { value: 'ACCOUNT', defaulted: true } } });
  });
});

describe('AWS Config', () => {
  it('Terraform: a recorder without a status resource is stopped; the status resource starts it', () => {
    const rec = tf('aws_config_configuration_recorder', 'main', {
      name: 'main',
      role_arn: 'arn:aws:iam::1:role/config',
      recording_group: [{ all_supported: true, include_global_resource_types: true }],
    });
    expect(svc(lift([rec]).model, rec.key).enabled).toMatchObject({ value: false, defaulted: true });
    const st = tf('aws_config_configuration_recorder_status', 'main', { name: tfRef('aws_config_configuration_recorder.main', 'name'), is_enabled: true });
    const ch = tf('aws_config_delivery_channel', 'main', { s3_bucket_name: 'config-bucket' });
    const b = tf('aws_s3_bucket', 'config', { bucket: 'config-bucket' });
    const { model } = lift([st, rec, ch, b]);
    const r = svc(model, rec.key);
    expect(r.enabled).toMatchObject({ value: true, loc: st.attrs.fields.is_enabled.loc });
    expect(r.settings.allSupported).toMatchObject({ value: true });
    expect(r.settings.includeGlobal).toMatchObject({ value: true });
    expect(svc(model, ch.key).settings.bucket).toMatchObject({ value: b.key });
  });

  it('Terraform: a recording group of listed types does not record all; no group records all regional types', () => {
    const rec = tf('aws_config_configuration_recorder', 'a', { recording_group: [{ all_supported: false, resource_types: ['AWS::EC2::Instance'] }] });
    const bare = tf('aws_config_configuration_recorder', 'b', {});
    const { model } = lift([rec, bare]);
    expect(svc(model, rec.key).settings.allSupported).toMatchObject({ value: false });
    expect(svc(model, bare.key).settings.allSupported).toMatchObject({ value: true, defaulted: true });
    expect(svc(model, bare.key).settings.includeGlobal).toMatchObject({ value: false, defaulted: true });
  });

  it('CloudFormation: the recorder runs once the template has a delivery channel', () => {
    const rec = cfn('AWS::Config::ConfigurationRecorder', 'Recorder', { RoleARN: 'arn:aws:iam::1:role/config', RecordingGroup: { ResourceTypes: ['AWS::S3::Bucket'] } });
    const alone = svc(lift([rec]).model, rec.key);
    expect(alone.enabled.known === false && alone.enabled.cause.inputs).toEqual(['AWS::Config::DeliveryChannel']);
    expect(alone.settings.allSupported).toMatchObject({ value: false });
    const ch = cfn('AWS::Config::DeliveryChannel', 'Channel', { S3BucketName: cfnRef('ConfigBucket') });
    const b = cfn('AWS::S3::Bucket', 'ConfigBucket', {});
    const { model } = lift([rec, ch, b]);
    expect(svc(model, rec.key).enabled).toMatchObject({ value: true });
    expect(svc(model, ch.key).settings.bucket).toMatchObject({ value: b.key });
  });
});

describe('contacts and alerts', () => {
  it('a GuardDuty EventBridge rule targeting an SNS topic with an email subscription', () => {
    const topic = tf('aws_sns_topic', 'security', { name: 'security-alerts', kms_master_key_id: 'alias/aws/sns' });
    const sub = tf('aws_sns_topic_subscription', 'ciso', { topic_arn: tfRef('aws_sns_topic.security', 'arn'), protocol: 'email', endpoint: 'ciso@city.example.jp' });
    const rule = tf('aws_cloudwatch_event_rule', 'gd', {
      name: 'guardduty-findings',
      event_pattern: JSON.stringify({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] }),
    });
    const target = tf('aws_cloudwatch_event_target', 'gd', { rule: tfRef('aws_cloudwatch_event_rule.gd', 'name'), arn: tfRef('aws_sns_topic.security', 'arn') });
    const contact = tf('aws_account_alternate_contact', 'sec', { alternate_contact_type: 'SECURITY', email_address: 'sec@city.example.jp', name: 'x', title: 'y', phone_number: '+81' });
    const { model } = lift([target, sub, rule, topic, contact]);
    const r = svc(model, rule.key);
    expect(r.serviceType).toBe('security-alert-rule');
    expect(r.enabled).toMatchObject({ value: true, defaulted: true });
    expect(r.settings.matchesGuardDuty).toMatchObject({ value: true });
    expect(r.settings.matchesSecurityHub).toMatchObject({ value: false });
    expect(r.targets).toMatchObject({ value: [{ value: topic.key }] });
    const t = svc(model, topic.key);
    expect(t.settings.subscriptions).toMatchObject({ value: ['email:ciso@city.example.jp'] });
    expect(t.settings.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(svc(model, contact.key).settings).toMatchObject({ type: { value: 'SECURITY' }, email: { value: 'sec@city.example.jp' } });
  });

  it('CloudFormation rule with a pattern object and Targets; a disabled rule; a topic with Subscription', () => {
    const topic = cfn('AWS::SNS::Topic', 'Alerts', { Subscription: [{ Protocol: 'email', Endpoint: unk('parameter AlertEmail') }] });
    const rule = cfn('AWS::Events::Rule', 'Findings', {
      State: 'DISABLED',
      EventPattern: { source: ['aws.securityhub'] },
      Targets: [{ Id: 'sns', Arn: cfnRef('Alerts') }],
    });
    const { model } = lift([rule, topic]);
    const r = svc(model, rule.key);
    expect(r.enabled).toMatchObject({ value: false });
    expect(r.settings.matchesSecurityHub).toMatchObject({ value: true });
    expect(r.targets).toMatchObject({ value: [{ value: topic.key }] });
    const subs = svc(model, topic.key).settings.subscriptions;
    expect(subs.known === false && subs.cause.inputs).toEqual(['parameter AlertEmail']);
    expect(svc(model, topic.key).settings.encryption).toMatchObject({ value: { mode: 'none' }, defaulted: true });
  });
});
