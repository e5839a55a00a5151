import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswersError, parseAnswers, loadAnswers, type AnswersProblem } from '../../src/attest/answers.js';
import { questionIndex } from '../../src/attest/question-index.js';
import { renderQuestionnaire } from '../../src/attest/questionnaire.js';
import { loadCatalog } from '../../src/controls/catalog/load.js';

const FIX = path.resolve(import.meta.dirname, '../../fixtures/attest/answers');
const catalog = loadCatalog();
const questions = questionIndex(catalog);

function parse(text: string, lang: 'ja' | 'en' = 'ja') {
  return parseAnswers({ bytes: Buffer.from(text, 'utf8'), displayFile: 'attest.yaml', locFile: 'attest.yaml', evidenceDir: FIX, questions, lang });
}

function problemsOf(fn: () => unknown): readonly AnswersProblem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof AnswersError) return e.problems;
    throw e;
  }
  throw new Error('expected an AnswersError');
}

/** 1-based line of the first line of `text` containing `needle` after line `after`. */
function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l, n) => n >= after && l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in fixture`);
  return i + 1;
}

describe('attest init questionnaire', () => {
  it('lists every catalog question once, under its area, and parses back as a valid, wholly unanswered file', () => {
    for (const lang of ['ja', 'en'] as const) {
      for (const tenants of [1, 3]) {
        const text = renderQuestionnaire(catalog, { lang, tenants });
        const ids = [...text.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
        expect(ids).toEqual([...questions.keys()]);
        for (const area of catalog.meta.areas) expect(text).toContain(`# ==== ${area.area}. ${area.title[lang]} ====`);
        const answers = parse(text);
        expect(answers.answers.size).toBe(questions.size);
        expect([...answers.answers.values()].every((a) => a.value === undefined)).toBe(true);
        expect(answers.municipalities).toHaveLength(tenants);
        expect(answers.warnings).toEqual([]);
      }
    }
  });
  it('shows each question, its help and its answer choices as comments before the entry', () => {
    const text = renderQuestionnaire(catalog, { lang: 'ja', tenants: 1 });
    const q = questions.get('LG-4.6.q1')!.question;
    const before = text.slice(0, text.indexOf('- id: LG-4.6.q1'));
    const block = before.slice(before.lastIndexOf('- id:'));
    const flat = block.replace(/\n\s*#\s*/g, '').replace(/\s+/g, '');
    expect(flat).toContain(q.text.ja.replace(/\s+/g, ''));
    expect(flat).toContain(q.help.ja.replace(/\s+/g, ''));
    expect(block).toContain('yes（はい）/ no（いいえ）/ na（該当なし）');
    expect(block).not.toContain('partial');
    expect(block).toContain('証拠: 必須');
  });
});

describe('answers file checks', () => {
  const mistakes = readFileSync(path.join(FIX, 'mistakes.yaml'), 'utf8');
  const problems = problemsOf(() => parse(mistakes));
  const at = (line: number) => problems.filter((p) => p.line === line);

  it('reports every problem of the file in one run, each at its line', () => {
    expect(at(lineOf(mistakes, 'code: "012355"'))[0]?.message.en).toMatch(/check digit/);
    expect(at(lineOf(mistakes, 'to: 2026-03-31'))[0]?.message.en).toMatch(/ends .* before it starts/);
    expect(at(lineOf(mistakes, 'LG-1.1.q4'))[0]?.message.en).toMatch(/unknown question ID "LG-1\.1\.q4"; did you mean "LG-1\.1\.q\d"/);
    expect(at(lineOf(mistakes, 'answer: はい'))[0]?.message.en).toMatch(/did you mean "yes"/);
    expect(at(lineOf(mistakes, 'answer: no'))[0]?.message.en).toMatch(/explain a "no" answer/);
    expect(at(lineOf(mistakes, '2026-02-30'))[0]?.message.en).toMatch(/not a date that exists/);
    const second = lineOf(mistakes, 'LG-5.2.q1', lineOf(mistakes, 'LG-5.2.q1'));
    expect(at(second)[0]?.message.en).toBe(`LG-5.2.q1 is answered twice (also at line ${lineOf(mistakes, 'LG-5.2.q1')})`);
    expect(at(lineOf(mistakes, 'evidence/missing.pdf'))[0]?.message.en).toMatch(/evidence file not found/);
    expect(at(lineOf(mistakes, 'answr:'))[0]?.message.en).toMatch(/unknown key "answr"; did you mean "answer"/);
    expect(problems).toHaveLength(9);
  });
  it('prints file:line:column, Japanese first and English with --lang en', () => {
    const ja = new AnswersError(problems, 'ja').message.split('\n');
    const en = new AnswersError(problems, 'en').message.split('\n');
    expect(ja[0]).toMatch(/^attest\.yaml:7:\d+: municipality\.code: 団体コードの検査数字が合いません.* \(the check digit/);
    expect(en[0]).toMatch(/^attest\.yaml:7:\d+: municipality\.code: the check digit/);
    expect(en.join('\n')).not.toMatch(/[ぁ-ん]{3}/);
  });
  it('names the line of a YAML syntax error and of a wrong type', () => {
    const bad = 'version: 1\nanswers:\n  - id: LG-1.1.q1\n    answer: [yes\n';
    expect(problemsOf(() => parse(bad))[0]!.line).toBeGreaterThanOrEqual(4);
    const typed = 'version: 1\nmunicipality:\n  code: 11002\nanswers:\n  - id: LG-1.1.q1\n    answer: true\n';
    const p = problemsOf(() => parse(typed));
    expect(p.map((x) => [x.line, x.subject])).toEqual([
      [3, 'municipality.code'],
      [6, 'answers[0].answer'],
    ]);
    expect(p[0]!.message.en).toMatch(/quote the code/);
  });
  it('checks municipality codes: the check digit, and the full code for a five-digit one', () => {
    const codes = (code: string) => problemsOf(() => parse(`version: 1\nmunicipality:\n  code: "${code}"\nanswers: []\n`)).map((p) => p.message.en);
    // Sapporo 01100-2, Chiyoda 13101-6, Naha 47201-8.
    for (const ok of ['011002', '131016', '472018']) expect(parse(`version: 1\nmunicipality:\n  code: "${ok}"\nanswers: []\n`).municipalities[0]!.code).toBe(ok);
    expect(codes('131017')).toEqual(['the check digit of municipality code 131017 is wrong (13101 ends in 6)']);
    expect(codes('13101')).toEqual(['write the six-digit code with its check digit ("131016")']);
    expect(codes('13-101')).toEqual(['"13-101" is not a six-digit municipality code (e.g. "131016")']);
  });
  it('rejects an answer of the wrong type for its question', () => {
    const p = problemsOf(() => parse('version: 1\nanswers:\n  - id: LG-4.6.q1\n    answer: partial\n    explanation: half\n  - id: LG-1.1.q2\n    answer: yes\n'));
    expect(p.map((x) => x.line)).toEqual([4, 7]);
    expect(p[0]!.message.en).toMatch(/\(yes, no, na\)/);
    expect(p[1]!.message.en).toMatch(/answered with a date/);
  });
  it('rejects a date answer or an evidence date that has not come yet', () => {
    const text = 'version: 1\nanswers:\n  - id: LG-8.1.q2\n    answer: 2026-11-29\n  - id: LG-8.1.q1\n    answer: yes\n    evidence:\n      - document: 監査報告書\n        date: 2026-11-28\n';
    const at = (now: string) => parseAnswers({ bytes: Buffer.from(text), displayFile: 'a.yaml', locFile: 'a.yaml', evidenceDir: FIX, questions, lang: 'en', now: new Date(now) });
    // 2026-11-28T15:30Z is already the 29th in Japan.
    expect(at('2026-11-28T15:30:00Z').answers.get('LG-8.1.q2')!.value).toBe('2026-11-29');
    const p = problemsOf(() => at('2026-11-27T10:00:00Z'));
    expect(p.map((x) => [x.line, x.message.en])).toEqual([
      [4, '2026-11-29 is in the future'],
      [9, '2026-11-28 is in the future'],
    ]);
  });
  it('requires an explanation for no, partial and na, but not for yes', () => {
    const p = problemsOf(() => parse('version: 1\nanswers:\n  - id: LG-5.1.q1\n    answer: partial\n  - id: LG-5.1.q2\n    answer: na\n  - id: LG-7.1.q1\n    answer: yes\n'));
    expect(p.map((x) => x.line)).toEqual([4, 6]);
  });
  it('points at a control ID given where a question ID belongs', () => {
    const p = problemsOf(() => parse('version: 1\nanswers:\n  - id: LG-2.7\n    answer: yes\n'));
    expect(p[0]!.message.en).toBe('"LG-2.7" is a control; its questions are LG-2.7.q1, LG-2.7.q2, LG-2.7.q3');
  });
  it('needs a distinct tenant for each of several municipalities', () => {
    const p = problemsOf(() =>
      parse('version: 1\nmunicipalities:\n  - name: A\n    tenant: a\n  - name: B\n  - name: C\n    tenant: a\nanswers: []\n'),
    );
    expect(p.map((x) => [x.line, x.message.en])).toEqual([
      [5, 'with several municipalities, each needs its tenant (the lg:tenant tag value)'],
      [7, 'tenant "a" is listed twice (also at line 4)'],
    ]);
  });
  it('warns, without failing, when a yes lacks the evidence its question requires', () => {
    const a = parse('version: 1\nanswers:\n  - id: LG-7.1.q1\n    answer: yes\n  - id: LG-7.1.q3\n    answer: yes\n');
    expect(a.warnings.map((w) => [w.line, w.message.en])).toEqual([[4, 'LG-7.1.q1 requires evidence; without it the question stays open']]);
  });
  it('reads a partly answered file with its header, evidence hashes and the positions of the answers', () => {
    const a = loadAnswers(path.join(FIX, 'partial.yaml'), questions, 'ja');
    expect(a.header.vendor).toEqual({ name: '株式会社北斗情報システム', code: 'HKT-0042' });
    expect(a.header.period).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(a.municipalities).toEqual([{ name: '石狩市', code: '012351' }]);
    const q1 = a.answers.get('LG-1.1.q1')!;
    expect(q1.value).toBe('yes');
    expect(q1.evidence[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = readFileSync(path.join(FIX, 'partial.yaml'), 'utf8');
    expect(q1.loc.line).toBe(lineOf(text, 'id: LG-1.1.q1'));
    expect(a.answers.get('LG-1.1.q3')!.value).toBeUndefined();
    expect(a.answers.get('LG-2.7.q1')!.explanation).toContain('契約改定');
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
