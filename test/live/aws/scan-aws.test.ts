// `kikan scan-aws` end to end against the fake AWS endpoint: the real SDK
// clients with static credentials, the real lift, graph and controls.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '111122223333';
const ITEMS = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/live/aws/juki-network-items.json'), 'utf8')) as object[];
function kmsKey(id: string, state: string, tags: { key: string; value: string }[]) {
  return {
    accountId: ACCOUNT,
    awsRegion: 'ap-northeast-1',
    arn: `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/${id}`,
    resourceType: 'AWS::KMS::Key',
    resourceId: id,
    configurationItemStatus: 'OK',
    configuration: { keyId: id, arn: `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/${id}`, enabled: false, keyUsage: 'ENCRYPT_DECRYPT', keyState: state, keyManager: 'CUSTOMER', origin: 'AWS_KMS', keySpec: 'SYMMETRIC_DEFAULT', multiRegion: false, ...(state === 'PendingDeletion' ? { deletionDate: '2026-12-05T00:00:00Z', pendingDeletionWindowInDays: 7 } : {}) },
    supplementaryConfiguration: {},
    tags,
  };
}
const KEYS = [
  kmsKey('0b1c2d3e-1111-4aaa-8bbb-000000000001', 'PendingDeletion', []),
  kmsKey('0b1c2d3e-2222-4aaa-8bbb-000000000002', 'PendingDeletion', [{ key: 'lg:disposal', value: 'approved' }]),
  kmsKey('0b1c2d3e-3333-4aaa-8bbb-000000000003', 'Enabled', []),
];
function trail(name: string, isLogging: boolean) {
  return {
    accountId: ACCOUNT,
    awsRegion: 'ap-northeast-1',
    arn: `arn:aws:cloudtrail:ap-northeast-1:${ACCOUNT}:trail/${name}`,
    resourceType: 'AWS::CloudTrail::Trail',
    resourceId: name,
    resourceName: name,
    configurationItemStatus: 'OK',
    configuration: JSON.stringify({ name, s3BucketName: 'juki-audit-logs', includeGlobalServiceEvents: true, isMultiRegionTrail: true, homeRegion: 'ap-northeast-1', logFileValidationEnabled: true, hasCustomEventSelectors: false, isOrganizationTrail: false }),
    supplementaryConfiguration: { TrailStatus: JSON.stringify({ IsLogging: isLogging, LatestDeliveryTime: '2026-11-27T23:50:01Z' }) },
    tags: [],
  };
}
const TRAILS = [trail('juki-audit', true), trail('juki-old', false)];
/** Recorded, but of types kikan neither reads nor judges: the report must name them, not pass over them. */
const UNREAD = ['juki-jumin', 'juki-rireki'].map((name) => ({
  accountId: ACCOUNT,
  awsRegion: 'ap-northeast-1',
  arn: `arn:aws:dynamodb:ap-northeast-1:${ACCOUNT}:table/${name}`,
  resourceType: 'AWS::DynamoDB::Table',
  resourceId: name,
  resourceName: name,
  configurationItemStatus: 'OK',
  configuration: { tableName: name, sseDescription: null },
  supplementaryConfiguration: {},
  tags: [],
}));
/** Config's record of a rule result: not a resource of the account. */
const COMPLIANCE = { accountId: ACCOUNT, awsRegion: 'ap-northeast-1', resourceType: 'AWS::Config::ResourceCompliance', resourceId: 'AWS::S3::Bucket/juki-audit-logs', configuration: {} };
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' };

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({ account: ACCOUNT, items: [...ITEMS, ...KEYS, ...TRAILS, ...UNREAD, COMPLIANCE], deniedRegions: ['ap-northeast-3'],
    logGroups: [
      { logGroupName: '/juki/app', arn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/juki/app:*`, logGroupArn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/juki/app`, retentionInDays: 7 },
      { logGroupName: '/juki/audit', logGroupArn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/juki/audit`, retentionInDays: 3653 },
    ],
  });
});
afterAll(() => fake.close());

interface JsonFinding {
  controlId: string;
  status: string;
  resource: { address: string };
}

interface JsonReport {
  findings: JsonFinding[];
  notJudged: { type: string; source: string; count: number; first: { address: string } }[];
  errors: { file: string; message: string }[];
  inputs: { file: string; kind: string; sha256?: string }[];
}

async function scan(extra: Record<string, unknown> = {}): Promise<{ code: number; doc: JsonReport; stderr: string }> {
  let out = '';
  let err = '';
  const code = await runScanAws(
    { region: ['ap-northeast-1', 'ap-northeast-3'], format: 'json', lang: 'en', quiet: true, failOn: 'high', ...extra },
    { stdout: (t) => (out += t), stderr: (t) => (err += t) },
    { credentials, endpoint: fake.endpoint },
  );
  return { code, doc: JSON.parse(out), stderr: err };
}

describe('kikan scan-aws', () => {
  it('judges the live network, names the denied region, and keeps history', async () => {
    const history = mkdtempSync(path.join(tmpdir(), 'kikan-aws-history-'));
    const { code, doc, stderr } = await scan({ history });
    const failing = doc.findings.filter((f) => f.status === 'fail');
    const on = (id: string) => failing.filter((f) => f.resource.address.includes(id)).map((f) => f.controlId);
    expect(on('sg-0aa11bb22cc33dd44').length).toBeGreaterThan(0);
    expect(on('sg-0ee55ff66aa77bb88')).toEqual([]);
    expect(doc.errors).toEqual([
      expect.objectContaining({ file: `aws:${ACCOUNT}/ap-northeast-3`, message: expect.stringMatching(/config:SelectResourceConfig failed \(AccessDeniedException/) }),
    ]);
    expect(fake.calls.some((c) => c.target === 'GetCallerIdentity')).toBe(true);
    const retention = doc.findings.filter((f) => f.controlId === 'LG-6.2' && f.resource.address.includes(':log-group:'));
    // Log groups come from the logs API, page by page: a short retention fails, ten years passes.
    expect(retention.map((f) => [f.status, f.resource.address.split(':log-group:')[1]]).sort()).toEqual([
      ['fail', '/juki/app'],
      ['pass', '/juki/audit'],
    ]);
    const disposal = doc.findings
      .filter((f) => f.controlId === 'LG-2.5' && f.resource.address.includes(':key/'))
      .filter((f) => (f as { fingerprint?: string; evidence?: unknown; message?: string }).message?.includes('pending deletion'))
      .map((f) => [f.status, f.resource.address.slice(-1)])
      .sort();
    // Live part of LG-2.5: a key pending deletion fails unless its disposal is approved.
    expect(disposal).toEqual([
      ['fail', '1'],
      ['pass', '2'],
      ['pass', '3'],
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/new/);
    // The same estate again: nothing new, so only the denied region keeps the run from passing.
    const again = await scan({ history });
    expect(again.stderr).toMatch(/0 new, 0 fixed/);
    expect(again.code).toBe(3);
  });

  it('names the recorded types it does not read as not judged, counted, at their account and region', async () => {
    const { doc } = await scan();
    const dynamo = doc.notJudged.filter((n) => n.type === 'AWS::DynamoDB::Table');
    expect(dynamo).toEqual([{ type: 'AWS::DynamoDB::Table', source: 'aws-config', count: 2, first: { address: `aws:${ACCOUNT}/ap-northeast-1` } }]);
    // Types it reads are judged (or listed only if no control lifts them); Config's own records are not resources.
    const listed = doc.notJudged.map((n) => n.type);
    expect(listed).not.toContain('AWS::EC2::SecurityGroup');
    expect(listed).not.toContain('AWS::KMS::Key');
    expect(listed).not.toContain('AWS::Config::ResourceCompliance');
    // The items themselves are never asked for.
    expect(doc.findings.some((f) => f.resource.address.includes(':table/'))).toBe(false);
  });

  it('lists the unread types of an aggregator too', async () => {
    const { doc } = await scan({ aggregator: 'org-juki', region: ['ap-northeast-1'] });
    expect(doc.notJudged.filter((n) => n.type === 'AWS::DynamoDB::Table')).toEqual([
      { type: 'AWS::DynamoDB::Table', source: 'aws-config', count: 2, first: { address: 'aws-aggregator:org-juki' } },
    ]);
    expect(doc.errors).toEqual([]);
  });

  it('keeps the resources as read in a snapshot whose hash the report lists', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kikan-aws-snapshot-'));
    const file = path.join(dir, 'snap.json');
    const history = path.join(dir, 'history');
    const { doc } = await scan({ snapshot: file, history });
    const snapshots = doc.inputs.filter((i) => i.kind === 'aws-config-snapshot');
    expect(snapshots).toHaveLength(2);
    const kept = readdirSync(history).filter((n) => n.startsWith('kikan-snapshot-'));
    expect(kept).toHaveLength(1);
    for (const s of snapshots) expect(s.sha256).toBe(createHash('sha256').update(readFileSync(s.file)).digest('hex'));
    const written = JSON.parse(readFileSync(file, 'utf8')) as { resources: { type: string; address: string }[]; errors: { file: string }[] };
    expect(written.resources.some((r) => r.address.endsWith('security-group/sg-0aa11bb22cc33dd44'))).toBe(true);
    expect(written.resources.some((r) => r.type === 'AWS::Logs::LogGroup')).toBe(true);
    expect(written.errors.map((e) => e.file)).toContain(`aws:${ACCOUNT}/ap-northeast-3`);
    // Same account state, same bytes: the history copy, and a later scan served in other pages.
    expect(readFileSync(path.join(history, kept[0]!), 'utf8')).toBe(readFileSync(file, 'utf8'));
    const again = path.join(dir, 'again.json');
    const reordered = await startFakeAws({ account: ACCOUNT, items: [...ITEMS, ...KEYS, ...TRAILS].reverse(), pageSize: 3, deniedRegions: ['ap-northeast-3'],
      logGroups: [
        { logGroupName: '/juki/audit', logGroupArn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/juki/audit`, retentionInDays: 3653 },
        { logGroupName: '/juki/app', arn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/juki/app:*`, logGroupArn: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/juki/app`, retentionInDays: 7 },
      ],
    });
    await runScanAws(
      { region: ['ap-northeast-1', 'ap-northeast-3'], format: 'json', lang: 'en', quiet: true, snapshot: again },
      { stdout: () => undefined, stderr: () => undefined },
      { credentials, endpoint: reordered.endpoint },
    );
    await reordered.close();
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it('does not fail on failures recorded in a baseline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kikan-aws-baseline-'));
    const file = path.join(dir, 'baseline.json');
    const first = await scan({ writeBaseline: file });
    expect(first.code).toBe(1);
    const second = await scan({ baseline: file });
    // Only the denied region is left to report.
    expect(second.code).toBe(3);
    expect(second.doc.findings.filter((f) => f.status === 'fail').every((f) => (f as { inBaseline?: boolean }).inBaseline === true)).toBe(true);
  });

  it('names a region that stays throttled after the retries and completes the others (exit 3)', async () => {
    const throttled = await startFakeAws({ account: ACCOUNT, items: ITEMS, throttledRegions: ['ap-northeast-3'], detectors: { d1: 'ENABLED' }, securityHub: true });
    let out = '';
    const code = await runScanAws(
      { region: ['ap-northeast-1', 'ap-northeast-3'], format: 'json', lang: 'en', quiet: true, softFail: true },
      { stdout: (t) => (out += t), stderr: () => undefined },
      { credentials, endpoint: throttled.endpoint },
    );
    const attempts = throttled.calls.filter((c) => c.target.endsWith('SelectResourceConfig') && c.region === 'ap-northeast-3').length;
    await throttled.close();
    const doc = JSON.parse(out) as JsonReport;
    expect(doc.errors).toEqual([
      expect.objectContaining({ file: `aws:${ACCOUNT}/ap-northeast-3`, message: expect.stringMatching(/config:SelectResourceConfig failed \(ThrottlingException: Rate exceeded\); the configuration items of aws:111122223333\/ap-northeast-3 were not read/) }),
    ]);
    // The SDK retried with back-off, a bounded number of times.
    expect(attempts).toBe(6);
    // The other region was judged in full.
    expect(doc.findings.some((f) => f.resource.address.includes('sg-0aa11bb22cc33dd44') && f.status === 'fail')).toBe(true);
    expect(code).toBe(3);
  });
});
