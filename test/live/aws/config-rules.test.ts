// Managed Config rule results feed the live part of LG-6.6: the root user's
// and IAM users' MFA, read through the real SDK client from the fake endpoint
// (rules found by source identifier under Security Hub's names, evaluations
// paged); a rule the account does not run leaves the fact unknown naming it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws, FakeAwsOptions } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '111122223333';
const IAM = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/live/aws/iam-items.json'), 'utf8')) as object[];
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' };

interface JsonFinding {
  controlId: string;
  status: string;
  resource: { address: string };
  unknown?: { inputs: string[] }[];
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function mfaResults(o: Partial<FakeAwsOptions>): Promise<Record<string, [string, string[]]>> {
  fake = await startFakeAws({ account: ACCOUNT, items: IAM, detectors: { d1: 'ENABLED' }, securityHub: true, ...o });
  let out = '';
  await runScanAws(
    { region: ['ap-northeast-1'], format: 'json', lang: 'en', quiet: true, softFail: true },
    { stdout: (t) => (out += t), stderr: () => undefined },
    { credentials, endpoint: fake.endpoint },
  );
  const findings = (JSON.parse(out) as { findings: JsonFinding[] }).findings.filter((f) => f.controlId === 'LG-6.6');
  return Object.fromEntries(findings.map((f) => [f.resource.address.split(/[:/]/).pop()!, [f.status, (f.unknown ?? []).flatMap((u) => u.inputs)]]));
}

describe('managed Config rule results', () => {
  it('judge the root user and console users by the rules the account runs', async () => {
    const results = await mfaResults({
      configRules: [
        { name: 'securityhub-root-account-mfa-enabled-7f3a1c', source: 'ROOT_ACCOUNT_MFA_ENABLED', evaluations: [{ resourceType: 'AWS::::Account', resourceId: ACCOUNT, compliance: 'NON_COMPLIANT' }] },
        {
          name: 'mfa-enabled-for-iam-console-access',
          source: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
          evaluations: [
            { resourceType: 'AWS::IAM::User', resourceId: 'AIDARZ3EXAMPLE7TANAK', compliance: 'NON_COMPLIANT' },
            { resourceType: 'AWS::IAM::User', resourceId: 'AIDARZ3EXAMPLE8SUZUK', compliance: 'COMPLIANT' },
          ],
        },
      ],
    });
    expect(results.root).toEqual(['fail', []]);
    expect(results['tanaka.h']).toEqual(['fail', []]);
    expect(results['suzuki.k']).toEqual(['pass', []]);
    // Not evaluated by the rule: whether it has a console password is not in its configuration item.
    expect(results['svc-batch-export']?.[0]).toBe('unknown');
    expect(results['svc-batch-export']?.[1]).toContain('iam:GetLoginProfile');
  });

  it('name the rule to enable when the account runs none', async () => {
    const results = await mfaResults({});
    expect(results.root).toEqual(['unknown', ['AWS Config rule root-account-mfa-enabled']]);
    expect(results['tanaka.h']?.[0]).toBe('unknown');
    expect(results['tanaka.h']?.[1]).toContain('AWS Config rule mfa-enabled-for-iam-console-access');
  });

  it('name the denied call instead of a rule when the rules cannot be listed', async () => {
    const results = await mfaResults({ deniedActions: ['config:DescribeConfigRules'] });
    expect(results.root).toEqual(['unknown', ['config:DescribeConfigRules']]);
  });
});
