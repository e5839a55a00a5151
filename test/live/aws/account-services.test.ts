// Account services read live (GuardDuty, Security Hub, the security alternate
// contact, the Config recorder) through the real SDK clients against the fake
// endpoint: the account-level controls pass, fail or stay unknown naming the
// denied call, and every live-only control answers for a live scope.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws, FakeAwsOptions } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '210987654321';
const SCOPE = `aws:${ACCOUNT}/ap-northeast-1`;
const ITEMS = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/live/aws/juki-network-items.json'), 'utf8')) as Record<string, unknown>[]).map(
  (i) => ({ ...i, accountId: ACCOUNT }),
);
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' };

interface JsonFinding {
  controlId: string;
  status: string;
  resource: { address: string };
  message: string;
  unknown?: { inputs: string[]; detail: string }[];
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function scan(o: Omit<FakeAwsOptions, 'account' | 'items'>, flags: Record<string, unknown> = {}): Promise<{ code: number; findings: JsonFinding[]; errors: { file: string; message: string }[] }> {
  fake = await startFakeAws({ account: ACCOUNT, items: ITEMS, ...o });
  let out = '';
  const code = await runScanAws(
    { region: ['ap-northeast-1'], format: 'json', lang: 'en', quiet: true, failOn: 'high', ...flags },
    { stdout: (t) => (out += t), stderr: () => undefined },
    { credentials, endpoint: fake.endpoint },
  );
  const doc = JSON.parse(out) as { findings: JsonFinding[]; errors: { file: string; message: string }[] };
  return { code, findings: doc.findings, errors: doc.errors };
}

const of = (findings: JsonFinding[], id: string) => findings.filter((f) => f.controlId === id);

describe('live account services', () => {
  it('passes the account-level controls of a well-kept account', async () => {
    const { findings, errors } = await scan({
      detectors: { '12abc34d567e8fa901bc2d34e56789f0': 'ENABLED' },
      securityHub: true,
      securityContact: { EmailAddress: 'soc@example.lg.jp', Name: 'Security Operations', Title: 'SOC' },
    });
    expect(errors).toEqual([]);
    expect(of(findings, 'LG-6.10').map((f) => [f.status, f.resource.address.split(':')[2]]).sort()).toEqual([
      ['pass', 'guardduty'],
      ['pass', 'securityhub'],
    ]);
    expect(of(findings, 'LG-1.2').map((f) => f.status)).toEqual(['pass']);
    expect(of(findings, 'LG-1.2')[0]!.message).toContain('soc@example.lg.jp');
    expect(of(findings, 'LG-7.3').map((f) => f.status)).toEqual(['pass']);
    // The live-only control answers for the live scope (no trail here: not applicable, pointing to LG-6.1).
    expect(of(findings, 'LG-6.5').map((f) => f.status)).toEqual(['not_applicable']);
  });

  it('fails what a live account lacks', async () => {
    const { findings } = await scan({ detectors: { d0: 'DISABLED' }, securityHub: false, recording: false });
    const detection = of(findings, 'LG-6.10');
    expect(detection.map((f) => f.status).sort()).toEqual(['fail', 'fail']);
    expect(detection.some((f) => f.message.includes('has no Security Hub'))).toBe(true);
    expect(detection.some((f) => f.message.includes('GuardDuty detector is disabled'))).toBe(true);
    expect(of(findings, 'LG-7.3').map((f) => [f.status, f.message.includes('is not recording')])).toEqual([['fail', true]]);
  });

  it('judges security alerting by the recorded EventBridge rules when there is no security contact', async () => {
    // Recorded and none forwards findings: the account has neither contact nor rule.
    const none = await scan({});
    expect(of(none.findings, 'LG-1.2').map((f) => f.status)).toEqual(['fail']);
    await fake?.close();
    // A rule sending GuardDuty findings to a topic, as Config records them.
    const topicArn = `arn:aws:sns:ap-northeast-1:${ACCOUNT}:juki-security-alerts`;
    const rule = {
      accountId: ACCOUNT,
      awsRegion: 'ap-northeast-1',
      arn: `arn:aws:events:ap-northeast-1:${ACCOUNT}:rule/guardduty-to-sns`,
      resourceType: 'AWS::Events::Rule',
      resourceId: 'guardduty-to-sns',
      resourceName: 'guardduty-to-sns',
      configurationItemStatus: 'OK',
      configuration: { Name: 'guardduty-to-sns', Arn: `arn:aws:events:ap-northeast-1:${ACCOUNT}:rule/guardduty-to-sns`, EventBusName: 'default', State: 'ENABLED', EventPattern: '{"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"]}', Targets: [{ Id: 'sns', Arn: topicArn }] },
      supplementaryConfiguration: {},
      tags: [],
    };
    const topic = { accountId: ACCOUNT, awsRegion: 'ap-northeast-1', arn: topicArn, resourceType: 'AWS::SNS::Topic', resourceId: topicArn, resourceName: 'juki-security-alerts', configurationItemStatus: 'OK', configuration: { TopicArn: topicArn, DisplayName: 'juki security alerts' }, supplementaryConfiguration: {}, tags: [] };
    fake = await startFakeAws({ account: ACCOUNT, items: [...ITEMS, rule, topic] });
    let out = '';
    await runScanAws({ region: ['ap-northeast-1'], format: 'json', lang: 'en', quiet: true }, { stdout: (t) => (out += t), stderr: () => undefined }, { credentials, endpoint: fake.endpoint });
    const alerting = of((JSON.parse(out) as { findings: JsonFinding[] }).findings, 'LG-1.2');
    expect(alerting.map((f) => [f.status, f.resource.address.split('/').pop()])).toEqual([['pass', 'guardduty-to-sns']]);
  });

  it('does not guess the alert rules a recorder leaves out', async () => {
    const { findings } = await scan({ recorder: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::EC2::VPC', 'AWS::EC2::SecurityGroup'] } });
    const contact = of(findings, 'LG-1.2');
    expect(contact.map((f) => f.status)).toEqual(['unknown']);
    expect(contact[0]!.unknown?.[0]?.inputs).toEqual(['AWS Config recorder: AWS::Events::Rule']);
  });

  it('leaves the facts of a denied call unknown, names the call and still completes (exit 3)', async () => {
    const { code, findings, errors } = await scan({
      deniedActions: ['guardduty:ListDetectors', 'securityhub:DescribeHub', 'account:GetAlternateContact', 'config:DescribeConfigurationRecorders'],
    }, { softFail: true });
    const open = (id: string) => of(findings, id).map((f) => [f.status, ...(f.unknown ?? []).flatMap((u) => u.inputs)]);
    expect(open('LG-6.10').sort()).toEqual([
      ['unknown', 'guardduty:ListDetectors'],
      ['unknown', 'securityhub:DescribeHub'],
    ]);
    expect(open('LG-1.2')).toEqual([['unknown', 'account:GetAlternateContact']]);
    expect(open('LG-7.3')).toEqual([['unknown', 'config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorders']]);
    expect(errors.map((e) => [e.file, e.message.split(' failed')[0]]).sort()).toEqual([
      [SCOPE, 'account:GetAlternateContact'],
      [SCOPE, 'config:DescribeConfigurationRecorders'],
      [SCOPE, 'guardduty:ListDetectors'],
      [SCOPE, 'securityhub:DescribeHub'],
    ]);
    expect(findings.some((f) => f.controlId === 'LG-3.5' && f.status === 'fail')).toBe(true);
    // Failures do not fail a soft-fail run; the calls that could not be made still do (exit 3).
    expect(code).toBe(3);
  });
});
