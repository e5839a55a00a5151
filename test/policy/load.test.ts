// Loading kikan.yaml from a scan root or --config into the Policy the
// engine uses: defaults where the file is silent, sources kept on entries.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { loadPolicyFor } from '../../src/policy/load.js';
import { PolicyError } from '../../src/policy/policy-error.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { isExpired } from '../../src/results/waivers.js';
import { parse, positionOf } from './policy-text.js';

const fixtures = fileURLToPath(new URL('../../fixtures/policy/', import.meta.url));
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kikan-policy-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('a full policy file', () => {
  const root = path.join(fixtures, 'full');
  const policy = loadPolicyFor(root, undefined);

  it('overrides tag keys, thresholds, regions and inline waivers', () => {
    expect(policy.tagKeys).toEqual({ segment: 'city:segment', classification: 'city:kimitsu', tenant: 'city:dantai', disposal: 'city:disposal' });
    expect(policy.thresholds).toEqual({ logRetentionDays: 1827, backupRetentionDays: 14, keyDeletionWindowMinDays: 30 });
    expect(policy.allowedRegions).toEqual(['ap-northeast-1', 'ap-northeast-3']);
    expect(policy.region).toBe('ap-northeast-1');
    expect(policy.allowInlineWaivers).toBe(false);
    expect(policy.crossRegionClassification).toBe('3');
    expect(policy.file).toBe('kikan.yaml');
  });

  it('maps Japanese and English segment names on selectors, with their lines', () => {
    expect(policy.selectors.map((s) => [s.segment, s.address ?? s.resourceId ?? s.cidr, s.loc?.line])).toEqual([
      ['mynumber', 'module.juki.*', 20],
      ['lgwan', 'vpc-0a1b2c3d4e5f60718', 22],
      ['lgwan', '10.20.0.0/16', 24],
      ['internet', 'aws_vpc.dmz', 26],
    ]);
    // Every criterion of a selector is kept: the graph requires all of them to hold.
    expect(policy.selectors[3]).toMatchObject({ address: 'aws_vpc.dmz', cidr: '172.31.0.0/16' });
    expect(policy.selectors[0]!.loc).toEqual({ file: 'kikan.yaml', line: 20, column: 5 });
  });

  it('keeps approved paths as written, defaulting to both closed segments', () => {
    const [wsus, av] = policy.approvedPaths;
    expect(wsus).toMatchObject({
      id: 'wsus-via-firewall',
      segments: ['mynumber'],
      via: 'aws_networkfirewall_firewall.egress',
      domains: ['*.windowsupdate.com', '.update.microsoft.com', 'download.windowsupdate.com'],
      serviceTags: [],
      approver: '情報政策課長',
      expires: '2026-03-31',
      loc: { file: 'kikan.yaml', line: 31 },
    });
    expect(av).toMatchObject({ segments: ['mynumber', 'lgwan'], domains: ['WindowsUpdate'], serviceTags: ['AzureUpdateDelivery'], expires: '2026-09-30' });
    expect(av!.via).toBeUndefined();
  });

  it('keeps inherited controls and waivers with their evidence and scope', () => {
    expect(policy.inherited.map((i) => [i.controlId, i.loc?.line])).toEqual([
      ['LG-6.1', 50],
      ['LG-7.3', 52],
    ]);
    expect(policy.inherited[1]!.evidence).toBe('AWS Config はデジタル庁の ガードレールで有効化');
    expect(policy.waivers).toEqual([
      expect.objectContaining({ controlId: 'LG-4.1', address: 'aws_autoscaling_group.batch*', approver: '住民課長', expires: '2026-01-31', origin: 'policy' }),
      expect.objectContaining({ controlId: '*', file: 'legacy/**', expires: '2026-03-31', origin: 'policy' }),
    ]);
    // Dates are kept in the form the results' expiry check reads.
    expect(isExpired(policy.waivers[0]!.expires!, new Date('2026-01-31T14:00:00Z'))).toBe(false);
    expect(isExpired(policy.waivers[0]!.expires!, new Date('2026-01-31T15:00:01Z'))).toBe(true);
  });
});

describe('a policy in a subdirectory (--config), flow style and Azure', () => {
  const root = path.join(fixtures, 'azure-kyodo');
  const policy = loadPolicyFor(root, path.join(root, 'policy', 'kikan.yaml'));

  it('locates entries relative to the scan root', () => {
    expect(policy.file).toBe('policy/kikan.yaml');
    expect(policy.selectors[0]!.loc).toEqual({ file: 'policy/kikan.yaml', line: 10, column: 5 });
    expect(policy.approvedPaths[0]!.loc?.file).toBe('policy/kikan.yaml');
  });

  it('reads the Japanese segment names in all their accepted spellings', () => {
    expect(policy.selectors.map((s) => s.segment)).toEqual(['mynumber', 'lgwan', 'internet']);
    expect(policy.approvedPaths[0]!.segments).toEqual(['mynumber', 'lgwan']);
  });

  it('takes location as the deployment region and merges partial tag keys', () => {
    expect(policy.region).toBe('japaneast');
    expect(policy.tagKeys).toEqual({ ...defaultPolicy().tagKeys, tenant: 'Dantai', segment: 'NetworkZone' });
    expect(policy.thresholds).toEqual(defaultPolicy().thresholds);
    expect(policy.allowInlineWaivers).toBe(true);
  });
});

describe('finding the file', () => {
  it('uses the defaults when the scan root has no kikan.yaml', () => {
    expect(loadPolicyFor(tempDir(), undefined)).toEqual(defaultPolicy());
  });

  it('refuses a --config that does not exist', () => {
    expect(() => loadPolicyFor(tempDir(), path.join(tempDir(), 'missing.yaml'))).toThrow(UsageError);
  });

  it('does not ignore a kikan.yml silently', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'kikan.yml'), 'version: 1\n');
    expect(() => loadPolicyFor(dir, undefined)).toThrow(/kikan\.yaml/);
  });

  it('refuses a directory and an oversized file as the policy', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'kikan.yaml'));
    expect(() => loadPolicyFor(dir, undefined)).toThrow(PolicyError);
    const big = tempDir();
    writeFileSync(path.join(big, 'kikan.yaml'), `version: 1\n${'#'.repeat(2 * 1024 * 1024)}\n`);
    expect(() => loadPolicyFor(big, undefined)).toThrow(/too large/);
  });

  it('reads a file with a byte order mark and CRLF line ends', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'kikan.yaml'), '\uFEFFversion: 1\r\nsegments:\r\n  - segment: lgwan\r\n    cidr: 10.1.0.0/16\r\n');
    const policy = loadPolicyFor(dir, undefined);
    expect(policy.selectors[0]).toMatchObject({ segment: 'lgwan', loc: { line: 3, column: 5 } });
  });

  it('names the file in its errors as the user can open it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'kikan.yaml'), 'version: 1\nregion: ap-northeast-1\nregoin: ap-northeast-3\n');
    try {
      loadPolicyFor(dir, undefined);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      const [p] = (e as PolicyError).problems;
      expect(path.resolve(p!.file)).toBe(path.join(dir, 'kikan.yaml'));
      expect(p).toMatchObject({ line: 3, column: 1 });
    }
  });
});

describe('kikan scan with a broken policy file', () => {
  it('exits 2 and prints the line of the typo with a suggestion, before scanning', async () => {
    const dir = path.join(fixtures, 'typo');
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await main(['scan', dir, '--quiet']);
    expect(code).toBe(2);
    expect(stdout).not.toHaveBeenCalled();
    const text = stderr.join('');
    expect(text).toContain('typo/kikan.yaml:7:1: 不明なキー "approved_paths"');
    expect(text).toContain('did you mean "approvedPaths"?');
  });
});

describe('locations through YAML anchors', () => {
  it('reports a bad value shared through an alias once, where it is written', () => {
    const text = `version: 1
waivers:
  - control: LG-4.1
    reason: r
    approver: a
    expires: &deadline 2026-02-30
  - control: LG-4.5
    reason: r
    approver: a
    expires: *deadline
`;
    try {
      parse(text);
      expect.unreachable();
    } catch (e) {
      const problems = (e as PolicyError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 6, message: { en: '"2026-02-30" is not a date in the calendar' } });
    }
  });

  it('does not take YAML merge keys: they are unknown keys', () => {
    const text = `version: 1
waivers:
  - control: LG-4.1
    reason: r
    <<: {approver: a, expires: 2026-01-01}
`;
    try {
      parse(text);
      expect.unreachable();
    } catch (e) {
      const unknown = (e as PolicyError).problems.find((p) => p.message.en.startsWith('unknown key'));
      expect(unknown).toMatchObject({ ...positionOf(text, '<<'), message: { en: 'unknown key "<<"' } });
    }
  });
});
