// A multi-region trail is recorded by AWS Config in its home region only: the
// other regions of a multi-region scan are covered by it (not applicable,
// naming where it is), not failed as if the account kept no operation log.
// A single-region trail covers its own region only.
import { afterEach, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '222233334444';

function trail(multiRegion: boolean) {
  return {
    accountId: ACCOUNT,
    awsRegion: 'ap-northeast-1',
    resourceType: 'AWS::CloudTrail::Trail',
    resourceId: 'zeimu-audit',
    resourceName: 'zeimu-audit',
    arn: `arn:aws:cloudtrail:ap-northeast-1:${ACCOUNT}:trail/zeimu-audit`,
    configurationItemStatus: 'OK',
    configuration: { name: 'zeimu-audit', s3BucketName: 'zeimu-audit-logs', isMultiRegionTrail: multiRegion, includeGlobalServiceEvents: true, logFileValidationEnabled: true, homeRegion: 'ap-northeast-1', hasCustomEventSelectors: false },
    supplementaryConfiguration: { TrailStatus: { isLogging: true } },
    tags: [],
  };
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function lg61(items: object[]) {
  fake = await startFakeAws({ account: ACCOUNT, items, detectors: { d1: 'ENABLED' }, securityHub: true });
  let out = '';
  await runScanAws(
    { region: ['ap-northeast-1', 'ap-northeast-3'], format: 'json', lang: 'en', quiet: true, softFail: true },
    { stdout: (t) => (out += t), stderr: () => undefined },
    { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
  );
  const findings = (JSON.parse(out) as { findings: { controlId: string; status: string; message: string; resource: { address: string } }[] }).findings;
  return findings.filter((f) => f.controlId === 'LG-6.1').map((f) => ({ at: f.resource.address, status: f.status, message: f.message }));
}

describe('a multi-region trail in a multi-region live scan', () => {
  it('covers the regions other than its home region', async () => {
    const results = await lg61([trail(true)]);
    expect(results.find((r) => r.at.endsWith('trail/zeimu-audit'))?.status).toBe('pass');
    const osaka = results.find((r) => r.at === `${ACCOUNT}/ap-northeast-3`);
    expect(osaka?.status).toBe('not_applicable');
    expect(osaka?.message).toContain(`is in ${ACCOUNT}/ap-northeast-1 of the same account (${ACCOUNT}) and covers this one`);
  });

  it('a single-region trail covers its own region only: the other fails', async () => {
    const results = await lg61([trail(false)]);
    expect(results.find((r) => r.at.endsWith('trail/zeimu-audit'))?.status).toBe('fail');
    expect(results.find((r) => r.at === `${ACCOUNT}/ap-northeast-3`)?.status).toBe('fail');
  });
});
