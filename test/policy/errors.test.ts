// Every kind of policy error names the line and column of what is wrong,
// says it in Japanese and English, and is a UsageError (exit 2).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/usage-error.js';
import { formatProblem, PolicyError } from '../../src/policy/policy-error.js';
import { parse, positionOf, problemsOf } from './policy-text.js';

/** The single problem of `text`, expected at `needle`. */
function onlyProblemAt(text: string, needle: string, nth = 1) {
  const problems = problemsOf(text);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject(positionOf(text, needle, nth));
  return problems[0]!;
}

describe('unknown keys', () => {
  it('names the line of a misspelt top-level key and suggests the right one', () => {
    const text = ['version: 1', 'allowedRegions: [ap-northeast-1]', '', 'aproved_paths:', '  - id: x', ''].join('\n');
    const p = onlyProblemAt(text, 'aproved_paths');
    expect(formatProblem(p)).toBe('kikan.yaml:4:1: 不明なキー "aproved_paths" (unknown key "aproved_paths"; did you mean "approvedPaths"?)');
  });

  it('finds a misspelt key inside a list item and keeps the column', () => {
    const text = `version: 1
waivers:
  - control: LG-4.1
    reason: 単一 AZ で可
    aprover: 住民課長
    expires: 2026-03-31
`;
    const problems = problemsOf(text);
    const typo = problems.find((p) => p.message.en.startsWith('unknown key'))!;
    expect(typo).toMatchObject(positionOf(text, 'aprover'));
    expect(typo.subject).toBe('waivers[0]');
    expect(typo.message.en).toContain('did you mean "approver"?');
    // The real key is then missing, reported at the item.
    const missing = problems.find((p) => p.message.en.includes('missing required key "approver"'))!;
    expect(missing).toMatchObject(positionOf(text, 'control: LG-4.1'));
  });

  it('suggests a key that is cut short', () => {
    const text = 'version: 1\nthresholds:\n  logRetention: 400\n';
    expect(onlyProblemAt(text, 'logRetention').message.en).toContain('did you mean "logRetentionDays"?');
  });

  it('says where a key written at the wrong level belongs', () => {
    const text = 'version: 1\nlogRetentionDays: 400\n';
    expect(onlyProblemAt(text, 'logRetentionDays').message.en).toContain('"logRetentionDays" belongs under "thresholds"');
  });

  it('treats snake_case as a spelling of the camelCase key', () => {
    const text = 'version: 1\ntag_keys:\n  segment: city:segment\n';
    expect(onlyProblemAt(text, 'tag_keys').message.en).toContain('did you mean "tagKeys"?');
  });

  it('gives no suggestion when nothing is close', () => {
    const text = 'version: 1\nfavouriteColour: blue\n';
    const p = onlyProblemAt(text, 'favouriteColour');
    expect(p.message.en).toBe('unknown key "favouriteColour"');
  });

  it('rejects __proto__ as an unknown key instead of losing it', () => {
    const text = 'version: 1\n__proto__:\n  allowInlineWaivers: false\n';
    expect(onlyProblemAt(text, '__proto__').message.ja).toBe('不明なキー "__proto__"');
  });
});

describe('types, required keys and enums', () => {
  it('reports a missing version at the top of the file', () => {
    const p = onlyProblemAt('allowedRegions: [japaneast]\n', 'allowedRegions');
    expect(p.message.en).toContain('missing required key "version"');
  });

  it('rejects a version this kikan does not read', () => {
    const text = 'version: 2\n';
    expect(onlyProblemAt(text, '2').message.en).toContain('must be 1');
  });

  it('names the value of the wrong type', () => {
    const text = 'version: 1\nthresholds:\n  logRetentionDays: "一年"\n  backupRetentionDays: 7.5\n';
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.column, p.subject])).toEqual([
      [positionOf(text, '"一年"').line, positionOf(text, '"一年"').column, 'thresholds.logRetentionDays'],
      [positionOf(text, '7.5').line, positionOf(text, '7.5').column, 'thresholds.backupRetentionDays'],
    ]);
    expect(problems[0]!.message.en).toBe('must be an integer, got a string "一年"');
  });

  it('points at the key of an empty value', () => {
    const text = 'version: 1\ninherited:\n  - control: LG-6.1\n    evidence:\n';
    const p = onlyProblemAt(text, 'evidence');
    expect(p.message.en).toBe('has no value; expected a string');
  });

  it('rejects a blank reason', () => {
    const text = 'version: 1\nwaivers:\n  - control: LG-4.1\n    reason: "   "\n    approver: 課長\n    expires: 2026-01-01\n';
    const p = onlyProblemAt(text, '"   "');
    expect(p.message).toEqual({ ja: '空にはできません', en: 'must not be empty' });
  });

  it('requires reason, approver and expiry on a waiver', () => {
    const text = 'version: 1\nwaivers:\n  - control: LG-2.2\n    address: aws_s3_bucket.tmp\n';
    const problems = problemsOf(text);
    expect(problems.map((p) => p.message.en).sort()).toEqual([
      'missing required key "approver"',
      'missing required key "expires"',
      'missing required key "reason"',
    ]);
    for (const p of problems) expect(p).toMatchObject(positionOf(text, 'control: LG-2.2'));
  });

  it('suggests the intended enum value', () => {
    const text = 'version: 1\ninlineWaivers: forbidden\n';
    const p = onlyProblemAt(text, 'forbidden');
    expect(p.message.en).toBe('"forbidden" is not one of allow, forbid; did you mean "forbid"?');
  });

  it('enforces the KMS range on the key deletion window', () => {
    const text = 'version: 1\nthresholds:\n  keyDeletionWindowMinDays: 45\n';
    expect(onlyProblemAt(text, '45').message.en).toBe('must be at most 30, got 45');
  });

  it('rejects an empty list of allowed regions and duplicates in it', () => {
    expect(onlyProblemAt('version: 1\nallowedRegions: []\n', '[]').message.en).toBe('needs at least 1 item');
    const dup = 'version: 1\nallowedRegions:\n  - japaneast\n  - japanwest\n  - japaneast\n';
    expect(onlyProblemAt(dup, 'japaneast', 2).message.en).toBe('duplicate of item 1');
  });

  it('reports every problem at once, in file order', () => {
    const text = `version: 1
inlineWaivers: never
segments:
  - segment: mynumber
    adress: module.mn.*
thresholds:
  backupRetentionDays: 0
`;
    const lines = problemsOf(text).map((p) => p.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines).toEqual(expect.arrayContaining([2, 5, 7]));
  });
});

describe('values', () => {
  it('validates dates by shape and by calendar', () => {
    const shape = 'version: 1\nwaivers:\n  - control: LG-4.1\n    reason: r\n    approver: a\n    expires: 2026/03/31\n';
    expect(onlyProblemAt(shape, '2026/03/31').message.ja).toBe('日付は YYYY-MM-DD（例: 2026-03-31）で書きます');
    const calendar = shape.replace('2026/03/31', '2025-02-29');
    expect(onlyProblemAt(calendar, '2025-02-29').message.en).toBe('"2025-02-29" is not a date in the calendar');
    // 2028 is a leap year.
    expect(() => parse(shape.replace('2026/03/31', '2028-02-29'))).not.toThrow();
  });

  it('accepts an expiry in the past: the scan rejects the waiver with its reason', () => {
    const text = 'version: 1\nwaivers:\n  - control: LG-4.1\n    reason: r\n    approver: a\n    expires: 2001-01-01\n';
    expect(parse(text).waivers[0]!.expires).toBe('2001-01-01');
  });

  it('accepts an approved path that has lapsed: the scan fails the path it approved', () => {
    const text = 'version: 1\napprovedPaths:\n  - id: old\n    domains: [.example.jp]\n    reason: r\n    approver: a\n    expires: 2020-03-31\n';
    expect(parse(text).approvedPaths[0]).toMatchObject({ id: 'old', expires: '2020-03-31' });
  });

  it('takes waiver file globs relative to the scan root', () => {
    const text = 'version: 1\nwaivers:\n  - control: "*"\n    file: ./legacy/**\n    reason: r\n    approver: a\n    expires: 2026-01-01\n';
    expect(parse(text).waivers[0]!.file).toBe('legacy/**');
    const absolute = text.replace('./legacy/**', '/srv/iac/legacy/**');
    expect(onlyProblemAt(absolute, '/srv/iac').message.en).toContain('is absolute');
  });

  it('validates CIDRs and suggests the network address', () => {
    const text = 'version: 1\nsegments:\n  - segment: lgwan\n    cidr: 10.20.5.0/16\n  - segment: lgwan\n    cidr: 10.300.0.0/16\n  - segment: lgwan\n    cidr: 10.1.0.0\n';
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [positionOf(text, '10.20.5.0/16').line, positionOf(text, '10.20.5.0/16').column],
      [positionOf(text, '10.300').line, positionOf(text, '10.300').column],
      [positionOf(text, '10.1.0.0').line, positionOf(text, '10.1.0.0').column],
    ]);
    expect(problems[0]!.message.en).toContain('did you mean "10.20.0.0/16"?');
    expect(problems[1]!.message.en).toContain('is not a CIDR block');
    expect(problems[2]!.message.en).toContain('is not a CIDR block');
  });

  it('accepts IPv6 CIDRs', () => {
    expect(parse('version: 1\nsegments:\n  - segment: mynumber\n    cidr: "2001:db8:1::/48"\n').selectors[0]!.cidr).toBe('2001:db8:1::/48');
  });

  it('rejects an unknown segment name with a suggestion', () => {
    const text = 'version: 1\nsegments:\n  - segment: マイナンバー利用事務\n    address: module.mn.*\n';
    const p = onlyProblemAt(text, 'マイナンバー利用事務');
    expect(p.message.en).toContain('did you mean "マイナンバー利用事務系"?');
  });

  it('requires a selector to name something', () => {
    const text = 'version: 1\nsegments:\n  - segment: lgwan\n';
    expect(onlyProblemAt(text, 'segment: lgwan').message.en).toContain('give address, resourceId or cidr');
  });

  it('checks control IDs against the catalog', () => {
    const text = 'version: 1\ninherited:\n  - control: LG-6.99\n    evidence: e\n  - control: LG6.1\n    evidence: e\n';
    const problems = problemsOf(text);
    expect(problems[0]).toMatchObject({ ...positionOf(text, 'LG-6.99'), subject: 'inherited[0].control' });
    expect(problems[0]!.message.en).toBe('no control LG-6.99 in the catalog (kikan controls lists them)');
    expect(problems[1]).toMatchObject(positionOf(text, 'LG6.1'));
    expect(problems[1]!.message.en).toContain('did you mean "LG-6.1"?');
  });

  it('does not let an attest control be inherited, nor one control twice', () => {
    const text = 'version: 1\ninherited:\n  - control: LG-7.2\n    evidence: ISMAP\n  - control: LG-6.1\n    evidence: a\n  - control: LG-6.1\n    evidence: b\n';
    const problems = problemsOf(text);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject(positionOf(text, 'LG-7.2'));
    expect(problems[0]!.message.en).toContain('attest control');
    expect(problems[1]).toMatchObject(positionOf(text, 'LG-6.1', 2));
    expect(problems[1]!.message.en).toBe('LG-6.1 is already declared inherited by item 2');
  });

  it('requires a waiver of every control to be scoped', () => {
    const text = 'version: 1\nwaivers:\n  - control: "*"\n    reason: r\n    approver: a\n    expires: 2026-01-01\n';
    expect(onlyProblemAt(text, 'control: "*"').message.en).toContain('must be scoped by address or file');
  });

  it('checks approved paths: ids, destinations, domains and segments', () => {
    const text = `version: 1
approvedPaths:
  - id: patch
    segments: [internet]
    domains: ["https://download.windowsupdate.com/x", "*", "bad domain"]
    reason: r
    approver: a
    expires: 2026-01-01
  - id: patch
    reason: r
    approver: a
    expires: 2026-01-01
`;
    const problems = problemsOf(text);
    const at = (needle: string, nth = 1) => problems.find((p) => p.line === positionOf(text, needle, nth).line && p.column === positionOf(text, needle, nth).column);
    expect(at('internet')!.message.en).toContain('approved paths are for the closed segments');
    expect(at('"https://')!.message.en).toContain('write the domain only ("download.windowsupdate.com")');
    expect(at('"*"')!.message.en).toContain('approving every domain');
    expect(at('"bad domain"')!.message.en).toContain('is not a domain');
    expect(at('patch', 2)!.message.en).toBe('id "patch" is already used by approved path 1');
    expect(at('id: patch', 2)!.message.en).toContain('approves nothing');
  });

  it('takes region or location, not both, and checks their shape', () => {
    const both = 'version: 1\nregion: ap-northeast-1\nlocation: japaneast\n';
    expect(onlyProblemAt(both, 'japaneast').message.en).toContain('not both');
    const display = 'version: 1\nlocation: Japan East\n';
    expect(onlyProblemAt(display, 'Japan East').message.en).toContain('did you mean "japaneast"?');
  });

  it('checks the replication classification', () => {
    const text = 'version: 1\nreplication:\n  classification: 機密性4\n';
    expect(onlyProblemAt(text, '機密性4').message.en).toContain('is not a classification');
  });
});

describe('YAML that does not parse', () => {
  it('reports broken syntax with its line in the same format', () => {
    const text = 'version: 1\nsegments:\n  - segment: lgwan\n    address: "module.lg.*\n';
    const problems = problemsOf(text);
    expect(problems[0]!.message.ja).toBe('YAML の書き方が正しくありません');
    expect(problems[0]!.message.en).toMatch(/^invalid YAML: /);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(positionOf(text, '"module').line);
  });

  it('reports a duplicate key at its second occurrence', () => {
    const text = 'version: 1\ninlineWaivers: allow\nregion: ap-northeast-1\ninlineWaivers: forbid\n';
    const p = problemsOf(text)[0]!;
    expect(p).toMatchObject({ line: 4, column: 1 });
    expect(p.message.ja).toBe('同じキーが 2 回書かれています');
  });

  it('reports tabs used for indentation', () => {
    const text = 'version: 1\nthresholds:\n\tlogRetentionDays: 400\n';
    const p = problemsOf(text)[0]!;
    expect(p.line).toBe(3);
    expect(p.message.ja).toContain('タブ');
  });

  it('refuses YAML tags and several documents', () => {
    expect(problemsOf('version: 1\nregion: !Ref Region\n')[0]).toMatchObject({ line: 2, message: { ja: 'YAML のタグ（! で始まるもの）は使えません' } });
    expect(problemsOf('version: 1\n---\nversion: 1\n')[0]!.message.ja).toContain('ドキュメントは 1 つだけ');
  });

  it('stops an alias bomb instead of expanding it', () => {
    const lines = ['version: 1', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const problems = problemsOf(lines.join('\n'));
    expect(problems[0]!.message.en).toMatch(/^cannot read the YAML/);
  });

  it('reports an empty file', () => {
    expect(problemsOf('# nothing yet\n')[0]!.message.en).toContain('the policy file is empty');
  });

  it('reports a file that is not a map', () => {
    const p = problemsOf('- version: 1\n')[0]!;
    expect(p).toMatchObject({ line: 1, column: 1 });
    expect(p.message.en).toContain('must be a map of keys and values');
  });
});

describe('the error object', () => {
  it('is a UsageError whose message lists every problem as file:line:column', () => {
    const text = 'version: 1\nregoin: japaneast\ninlineWaivers: maybe\n';
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.split('\n')).toEqual([
      'kikan.yaml:2:1: 不明なキー "regoin" (unknown key "regoin"; did you mean "region"?)',
      'kikan.yaml:3:16: inlineWaivers: allow, forbid のいずれかを書きます ("maybe" is not one of allow, forbid)',
    ]);
  });

  it('keeps every problem but prints at most twenty', () => {
    const text = ['version: 1', ...Array.from({ length: 25 }, (_, i) => `Resource${i}: x`)].join('\n');
    let error: PolicyError | undefined;
    try {
      parse(text);
    } catch (e) {
      error = e as PolicyError;
    }
    expect(error!.problems).toHaveLength(25);
    const lines = error!.message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('ほか 5 件 (5 more)');
  });
});
