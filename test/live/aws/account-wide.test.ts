// Items that hold for the whole account: the account's S3 public access
// block, recorded in one region, protects buckets in every region scanned;
// IAM items a recorder returns in several regions are judged once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '111122223333';
const IAM = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/live/aws/iam-items.json'), 'utf8')) as object[];

function bucket(name: string, region: string) {
  return {
    accountId: ACCOUNT,
    awsRegion: region,
    arn: `arn:aws:s3:::${name}`,
    resourceType: 'AWS::S3::Bucket',
    resourceId: name,
    resourceName: name,
    configurationItemStatus: 'OK',
    configuration: { name, owner: { id: 'c0ffee' }, creationDate: '2026-05-10T03:11:54.000Z' },
    // No PublicAccessBlockConfiguration: the bucket sets none of its own.
    supplementaryConfiguration: {
      BucketVersioningConfiguration: { status: 'Enabled', isMfaDeleteEnabled: null },
      ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: false }] },
      BucketPolicy: { policyText: null },
    },
    tags: [],
  };
}

function accountBlock(on: boolean) {
  return {
    accountId: ACCOUNT,
    awsRegion: 'ap-northeast-1',
    resourceType: 'AWS::S3::AccountPublicAccessBlock',
    resourceId: ACCOUNT,
    resourceName: ACCOUNT,
    configurationItemStatus: 'OK',
    configuration: { blockPublicAcls: on, ignorePublicAcls: on, blockPublicPolicy: on, restrictPublicBuckets: on },
    supplementaryConfiguration: {},
    tags: [],
  };
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function scan(items: object[]) {
  fake = await startFakeAws({ account: ACCOUNT, items, detectors: { d1: 'ENABLED' }, securityHub: true });
  let out = '';
  await runScanAws(
    { region: ['ap-northeast-1', 'ap-northeast-3'], format: 'json', lang: 'en', quiet: true, softFail: true },
    { stdout: (t) => (out += t), stderr: () => undefined },
    { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
  );
  return (JSON.parse(out) as { findings: { controlId: string; status: string; resource: { address: string } }[] }).findings;
}

describe('account-wide items in a multi-region scan', () => {
  it('apply the account public access block recorded in one region to buckets of the others', async () => {
    const on = await scan([bucket('kyufu-osaka-dr-111122223333', 'ap-northeast-3'), accountBlock(true)]);
    expect(on.filter((f) => f.controlId === 'LG-2.6' && f.resource.address.endsWith(':::kyufu-osaka-dr-111122223333')).map((f) => f.status)).toEqual(['pass']);
    await fake?.close();
    const off = await scan([bucket('kyufu-osaka-dr-111122223333', 'ap-northeast-3'), accountBlock(false)]);
    expect(off.filter((f) => f.controlId === 'LG-2.6' && f.resource.address.endsWith(':::kyufu-osaka-dr-111122223333')).map((f) => f.status)).toEqual(['fail']);
  });

  it('judge an IAM user once though two regions return it', async () => {
    const findings = await scan(IAM);
    const tanaka = findings.filter((f) => f.controlId === 'LG-6.6' && f.resource.address.endsWith('user/ops/tanaka.h'));
    expect(tanaka).toHaveLength(1);
  });
});
