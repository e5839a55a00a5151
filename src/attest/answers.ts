// Reads the attestation answers file: YAML syntax, then the schema, then the
// meaning of each value against the catalog's questionnaire. Every problem is
// reported at once with file:line:column (exit 2); incomplete answers (a `yes`
// without the evidence its question requires) are warnings, because they make
// the question open rather than the file wrong.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { UsageError } from '../cli/usage-error.js';
import type { AttestQuestion } from '../controls/catalog/types.js';
import { didYouMean } from '../policy/did-you-mean.js';
import { SchemaMessages, shown } from '../policy/schema-messages.js';
import { YamlLocator, type TextPosition } from '../policy/yaml-locator.js';
import type { SourceLoc } from '../readers/value.js';
import type { LocalText } from '../results/finding.js';
import type { Lang } from '../report/lang.js';
import type { AttestationHeader, EvidenceDocument } from './attestation.js';
import { answersSchema, type AnswersDocument, type MunicipalityEntry } from './answers-schema.js';
import { sha256OfBytes, sha256OfFile } from './file-hash.js';
import type { IndexedQuestion } from './question-index.js';
import { compareDates, parseCalendarDate } from './wareki.js';
import { displayPath } from '../readers/paths.js';

export interface AnswersProblem {
  file: string;
  line: number;
  column: number;
  /** What it is about (`answers[3].answer`). */
  subject?: string;
  message: LocalText;
}

/** `attest.yaml:12:5: answers[3].answer: 日本語 (English)`, or English alone with --lang en. */
export function formatAnswersProblem(p: AnswersProblem, lang: Lang): string {
  const subject = p.subject ? `${p.subject}: ` : '';
  const text = lang === 'en' ? p.message.en : `${p.message.ja} (${p.message.en})`;
  return `${p.file}:${p.line}:${p.column}: ${subject}${text}`;
}

const MAX_PROBLEMS_SHOWN = 30;

export class AnswersError extends UsageError {
  constructor(
    readonly problems: readonly AnswersProblem[],
    lang: Lang,
  ) {
    const lines = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => formatAnswersProblem(p, lang));
    const rest = problems.length - MAX_PROBLEMS_SHOWN;
    if (rest > 0) lines.push(lang === 'en' ? `${rest} more` : `ほか ${rest} 件 (${rest} more)`);
    super(lines.join('\n'), problems[0]?.file);
    this.name = 'AnswersError';
  }
}

export interface Answer {
  id: string;
  /** Absent while unanswered (empty in the file). */
  value?: string;
  explanation?: string;
  evidence: EvidenceDocument[];
  loc: SourceLoc;
}

export type Municipality = AttestationHeader['municipality'];

export interface Answers {
  /** The file as messages name it. */
  file: string;
  sha256: string;
  header: Omit<AttestationHeader, 'municipality'>;
  /** One, or one per tenant in 共同利用方式. */
  municipalities: Municipality[];
  answers: Map<string, Answer>;
  warnings: AnswersProblem[];
}

export interface AnswersText {
  bytes: Buffer;
  /** The file as messages name it. */
  displayFile: string;
  /** The file as the attestation records it (relative to where attest runs). */
  locFile: string;
  /** Evidence `file:` entries are relative to this directory. */
  evidenceDir: string;
  questions: ReadonlyMap<string, IndexedQuestion>;
  lang: Lang;
  /** Today, for dates that cannot lie ahead (a past review, a document's version); defaults to now. */
  now?: Date;
}

/** A questionnaire with a few hundred answers is far below this; anything larger is not one. */
const MAX_ANSWERS_BYTES = 4 * 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

const ANSWER_WORDS: Record<AttestQuestion['answer'], readonly string[]> = {
  yesno: ['yes', 'no', 'na'],
  yesno_partial: ['yes', 'no', 'partial', 'na'],
  text: [],
  date: [],
};

/** Japanese and other spellings people write for the answer words, for the hint only. */
const ANSWER_ALIASES: Record<string, string> = {
  はい: 'yes',
  いいえ: 'no',
  一部: 'partial',
  部分的: 'partial',
  該当なし: 'na',
  対象外: 'na',
  'n/a': 'na',
  y: 'yes',
  n: 'no',
  partly: 'partial',
  'not applicable': 'na',
};

/** Answers that need a word of explanation: a reviewer must see why. */
const NEEDS_EXPLANATION = new Set(['no', 'partial', 'na']);

let validator: ValidateFunction | undefined;

function schemaErrors(data: unknown): ValidateFunction['errors'] {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(answersSchema);
  return validator(data) ? [] : validator.errors;
}

function subjectOf(p: readonly (string | number)[]): string | undefined {
  let out = '';
  for (const s of p.map(String)) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out || undefined;
}

function blank(v: string | null | undefined): boolean {
  return v === null || v === undefined || v.trim() === '';
}

/** 全国地方公共団体コード: five digits and a check digit (weights 6..2, modulus 11). */
function checkDigit(five: string): number {
  const sum = [...five].map(Number).reduce((acc, d, i) => acc + d * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
}

function municipalityCodeProblem(code: string): LocalText | undefined {
  if (/^\d{5}$/.test(code)) {
    const full = `${code}${checkDigit(code)}`;
    return { ja: `団体コードは検査数字を付けた 6 桁で書きます（"${full}"）`, en: `write the six-digit code with its check digit ("${full}")` };
  }
  if (!/^\d{6}$/.test(code)) {
    return { ja: '団体コードは 6 桁の数字で書きます（例: "131016"）', en: `${shown(code)} is not a six-digit municipality code (e.g. "131016")` };
  }
  const check = checkDigit(code.slice(0, 5));
  if (Number(code[5]) !== check) {
    return {
      ja: `団体コードの検査数字が合いません（${code.slice(0, 5)} なら末尾は ${check}）`,
      en: `the check digit of municipality code ${code} is wrong (${code.slice(0, 5)} ends in ${check})`,
    };
  }
  return undefined;
}

export function parseAnswers(input: AnswersText): Answers {
  const file = input.displayFile;
  const problems: AnswersProblem[] = [];
  const warnings: AnswersProblem[] = [];
  const fail = (): never => {
    // A value the schema already rejected is reported once, by the schema.
    const seen = new Set<string>();
    const unique = problems.filter((p) => !seen.has(`${p.line}:${p.column}`) && (seen.add(`${p.line}:${p.column}`), true));
    unique.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new AnswersError(unique, input.lang);
  };
  const at = (pos: TextPosition, message: LocalText, subjectPath?: readonly (string | number)[]): AnswersProblem => {
    const subject = subjectPath ? subjectOf(subjectPath) : undefined;
    return { file, line: pos.line, column: pos.column, ...(subject ? { subject } : {}), message };
  };

  const lineCounter = new LineCounter();
  const doc = parseDocument(input.bytes.toString('utf8'), { lineCounter, prettyErrors: true, uniqueKeys: true });
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = e.linePos?.[0];
    const detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push(at({ line: pos?.line ?? 1, column: pos?.col ?? 1 }, { ja: 'YAML の書き方が正しくありません', en: `invalid YAML: ${detail}` }));
  }
  if (problems.length) fail();

  const locator = new YamlLocator(doc, lineCounter);
  const valueAt = (p: readonly (string | number)[]) => locator.value(p.map(String));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    problems.push(at({ line: 1, column: 1 }, { ja: 'YAML を読めません（エイリアスの展開が多すぎます）', en: `cannot read the YAML: ${(e as Error).message}` }));
    fail();
  }
  if (data === null || data === undefined) {
    problems.push(at({ line: 1, column: 1 }, { ja: '回答ファイルが空です（kikan attest init で雛形を作れます）', en: 'the answers file is empty; `kikan attest init` writes a template' }));
    fail();
  }

  const messages = new SchemaMessages(answersSchema, []);
  for (const e of schemaErrors(data) ?? []) {
    if (e.keyword === 'const') {
      problems.push(at(valueAt(['version']), { ja: 'version: 1 と書きます', en: `must be 1 (the answers file format this kikan reads), got ${shown(e.data)}` }, ['version']));
      continue;
    }
    const p = messages.describe(e);
    // A municipality code written as a number has lost its leading zero already.
    if (e.keyword === 'type' && p.path.at(-1) === 'code' && typeof e.data === 'number') {
      p.message = { ja: '団体コードは引用符で囲んで書きます（"011002" の先頭の 0 が消えないように）', en: 'quote the code ("011002"): as a number it loses its leading zeros' };
    }
    problems.push(p.key !== undefined ? at(locator.key(p.path, p.key), p.message, p.path) : at(locator.value(p.path), p.message, p.path));
  }

  // The meaning of the values is checked on what is well-formed, so one run reports every problem.
  const f = wellFormed(data);
  // The municipality's calendar decides what "today" is.
  const today = parseCalendarDate((input.now ?? new Date()).toISOString())!;
  const checkDate = (value: string | null | undefined, where: (string | number)[], past = false): void => {
    if (typeof value !== 'string') return;
    const date = parseCalendarDate(value);
    if (!date) {
      problems.push(at(valueAt(where), { ja: `存在しない日付です: ${value}`, en: `${shown(value)} is not a date that exists` }, where));
    } else if (past && compareDates(date, today) > 0) {
      problems.push(at(valueAt(where), { ja: `まだ来ていない日付です: ${value}`, en: `${value} is in the future` }, where));
    }
  };

  // Header.
  const from = f.period?.from ?? '';
  const to = f.period?.to ?? '';
  checkDate(f.period?.from, ['period', 'from']);
  checkDate(f.period?.to, ['period', 'to']);
  const fromDate = parseCalendarDate(from);
  const toDate = parseCalendarDate(to);
  if (fromDate && toDate && compareDates(fromDate, toDate) > 0) {
    problems.push(at(valueAt(['period', 'to']), { ja: `期間の終わり（${to}）が始まり（${from}）より前です`, en: `the period ends (${to}) before it starts (${from})` }, ['period', 'to']));
  }
  const municipalities = readMunicipalities(f, valueAt, at, problems);

  // Answers.
  const answers = new Map<string, Answer>();
  const known = [...input.questions.keys()];
  f.answers.forEach((item, i) => {
    const where = (...rest: (string | number)[]) => ['answers', i, ...rest];
    // A missing or mistyped id is the schema's to report.
    if (!item.id) return;
    const idPos = valueAt(where('id'));
    const entry = input.questions.get(item.id);
    if (!entry) {
      problems.push(at(idPos, unknownQuestion(item.id, known), where('id')));
      return;
    }
    const seen = answers.get(item.id);
    if (seen) {
      problems.push(at(idPos, { ja: `${item.id} の回答は ${seen.loc.line} 行目にもあります`, en: `${item.id} is answered twice (also at line ${seen.loc.line})` }, where('id')));
      return;
    }
    const q = entry.question;
    const value = blank(item.answer) ? undefined : item.answer!.trim();
    const explanation = blank(item.explanation) ? undefined : item.explanation!.trim();
    const answerPath = where('answer');

    if (value !== undefined) {
      const problem = answerTypeProblem(q, value);
      if (problem) problems.push(at(valueAt(answerPath), problem, where('answer')));
      // Every date question asks when something was done.
      else if (q.answer === 'date') checkDate(value, answerPath, true);
      else if (NEEDS_EXPLANATION.has(value) && ANSWER_WORDS[q.answer].length && !explanation) {
        problems.push(
          at(valueAt(answerPath), { ja: `「${value}」と答えた理由を explanation に書きます`, en: `explain a "${value}" answer in explanation` }, where('explanation')),
        );
      }
    }

    const evidence: EvidenceDocument[] = [];
    (item.evidence ?? []).forEach((ev, j) => {
      const evPath = where('evidence', j);
      checkDate(ev.date, [...evPath, 'date'], true);
      const doc: EvidenceDocument = { document: ev.document.trim() };
      if (ev.date !== undefined) doc.date = ev.date;
      if (ev.url !== undefined) doc.url = ev.url;
      if (ev.file !== undefined) {
        doc.file = ev.file;
        const full = path.resolve(input.evidenceDir, ev.file);
        if (!existsSync(full) || !statSync(full).isFile()) {
          problems.push(
            at(valueAt([...evPath, 'file']), { ja: `証拠のファイルがありません: ${ev.file}（回答ファイルのある場所からの相対パス）`, en: `evidence file not found: ${ev.file} (relative to the answers file)` }, [...evPath, 'file']),
          );
        } else {
          doc.sha256 = sha256OfFile(full);
        }
      }
      evidence.push(doc);
    });

    const pos = valueAt(where());
    const answer: Answer = { id: item.id, evidence, loc: { file: input.locFile, line: pos.line, column: pos.column } };
    if (value !== undefined) answer.value = value;
    if (explanation !== undefined) answer.explanation = explanation;
    answers.set(item.id, answer);

    if (value !== undefined && claimsSomething(value) && q.evidence === 'required' && evidence.length === 0) {
      warnings.push(
        at(valueAt(answerPath), { ja: `${item.id} は証拠の添付が必要です（evidence がないため未確認として扱います）`, en: `${item.id} requires evidence; without it the question stays open` }, where('evidence')),
      );
    }
  });
  if (problems.length) fail();

  return {
    file,
    sha256: sha256OfBytes(input.bytes),
    header: {
      vendor: { name: f.vendor?.name?.trim() ?? '', ...(blank(f.vendor?.code) ? {} : { code: f.vendor!.code!.trim() }) },
      system: f.system?.trim() ?? '',
      period: { from, to },
      signer: { name: f.signer?.name?.trim() ?? '', ...(blank(f.signer?.title) ? {} : { title: f.signer!.title!.trim() }) },
    },
    municipalities,
    answers,
    warnings,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringOrNull = (v: unknown): string | null | undefined => (typeof v === 'string' ? v : v === null ? null : undefined);

/**
 * The parts of the file whose shape the semantic checks can read, with the
 * rest left out (the schema has reported it). Array positions are kept, so
 * every message still points at the right item.
 */
function wellFormed(data: unknown): AnswersDocument {
  const d = isObject(data) ? data : {};
  const text = (o: unknown, key: string) => (isObject(o) ? stringOrNull(o[key]) : undefined);
  const municipality = (m: unknown): MunicipalityEntry => {
    const tenant = text(m, 'tenant');
    return { name: text(m, 'name') ?? null, code: text(m, 'code') ?? null, ...(typeof tenant === 'string' ? { tenant } : {}) };
  };
  const answers = Array.isArray(d.answers) ? d.answers : [];
  return {
    version: 1,
    vendor: { name: text(d.vendor, 'name') ?? null, code: text(d.vendor, 'code') ?? null },
    system: stringOrNull(d.system) ?? null,
    ...(isObject(d.municipality) ? { municipality: municipality(d.municipality) } : {}),
    ...(Array.isArray(d.municipalities) ? { municipalities: d.municipalities.map(municipality) } : {}),
    period: { from: text(d.period, 'from') ?? null, to: text(d.period, 'to') ?? null },
    signer: { name: text(d.signer, 'name') ?? null, title: text(d.signer, 'title') ?? null },
    answers: answers.map((item) => {
      const o = isObject(item) ? item : {};
      const evidence = Array.isArray(o.evidence) ? o.evidence : [];
      return {
        id: typeof o.id === 'string' ? o.id : '',
        answer: stringOrNull(o.answer) ?? null,
        explanation: stringOrNull(o.explanation) ?? null,
        evidence: evidence.map((e) => ({
          document: text(e, 'document') ?? '',
          ...(typeof text(e, 'date') === 'string' ? { date: text(e, 'date')! } : {}),
          ...(typeof text(e, 'url') === 'string' ? { url: text(e, 'url')! } : {}),
          ...(typeof text(e, 'file') === 'string' ? { file: text(e, 'file')! } : {}),
        })),
      };
    }),
  };
}

/** An answer that states something is in place (so evidence can be asked of it). */
export function claimsSomething(value: string): boolean {
  return value !== 'no' && value !== 'na';
}

function answerTypeProblem(q: AttestQuestion, value: string): LocalText | undefined {
  const words = ANSWER_WORDS[q.answer];
  if (q.answer === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return { ja: 'この質問には日付（YYYY-MM-DD、例: 2026-03-31）で答えます', en: `this question is answered with a date YYYY-MM-DD (e.g. 2026-03-31), got ${shown(value)}` };
    }
    if (!parseCalendarDate(value)) return { ja: `存在しない日付です: ${value}`, en: `${shown(value)} is not a date that exists` };
    return undefined;
  }
  if (q.answer === 'text' || words.includes(value)) return undefined;
  const alias = ANSWER_ALIASES[value.toLowerCase()] ?? (words.includes(value.toLowerCase()) ? value.toLowerCase() : undefined);
  const guess = alias && words.includes(alias) ? alias : didYouMean(value, words);
  const hint = guess ? { ja: `（"${guess}" のことですか）`, en: `; did you mean "${guess}"?` } : { ja: '', en: '' };
  return {
    ja: `この質問には ${words.join(', ')} のいずれかで答えます${hint.ja}`,
    en: `${shown(value)} is not an answer to this question (${words.join(', ')})${hint.en}`,
  };
}

function unknownQuestion(id: string, known: readonly string[]): LocalText {
  const ofControl = known.filter((k) => k.startsWith(`${id}.q`));
  if (ofControl.length) {
    return {
      ja: `質問 ID は ${ofControl.join(', ')} のように書きます（管理策 ID ではなく）`,
      en: `"${id}" is a control; its questions are ${ofControl.join(', ')}`,
    };
  }
  const guess = didYouMean(id, known, 1);
  return {
    ja: `カタログにない質問 ID です: ${id}${guess ? `（"${guess}" のことですか）` : ''}`,
    en: `unknown question ID "${id}"${guess ? `; did you mean "${guess}"?` : ''}`,
  };
}

function readMunicipalities(
  f: AnswersDocument,
  valueAt: (p: readonly (string | number)[]) => TextPosition,
  at: (pos: TextPosition, message: LocalText, subjectPath?: readonly (string | number)[]) => AnswersProblem,
  problems: AnswersProblem[],
): Municipality[] {
  if (f.municipality && f.municipalities) {
    problems.push(
      at(valueAt(['municipalities']), { ja: 'municipality と municipalities は一方だけ書きます', en: 'write either municipality or municipalities, not both' }, ['municipalities']),
    );
    return [];
  }
  const list: { entry: MunicipalityEntry; path: (string | number)[] }[] = f.municipalities
    ? f.municipalities.map((entry, i) => ({ entry, path: ['municipalities', i] }))
    : [{ entry: f.municipality ?? {}, path: ['municipality'] }];
  const tenants = new Map<string, number>();
  const out: Municipality[] = [];
  for (const { entry, path: p } of list) {
    const m: Municipality = { name: entry.name?.trim() ?? '' };
    if (!blank(entry.code)) {
      const problem = municipalityCodeProblem(entry.code!.trim());
      if (problem) problems.push(at(valueAt([...p, 'code']), problem, [...p, 'code']));
      m.code = entry.code!.trim();
    }
    if (entry.tenant !== undefined) {
      const tenant = entry.tenant.trim();
      const line = tenants.get(tenant);
      if (line !== undefined) {
        problems.push(at(valueAt([...p, 'tenant']), { ja: `テナント "${tenant}" は ${line} 行目にもあります`, en: `tenant "${tenant}" is listed twice (also at line ${line})` }, [...p, 'tenant']));
      }
      tenants.set(tenant, valueAt([...p, 'tenant']).line);
      m.tenant = tenant;
    } else if (list.length > 1) {
      problems.push(
        at(valueAt(p), { ja: '団体が複数のときは、それぞれに tenant（lg:tenant タグの値）を書きます', en: 'with several municipalities, each needs its tenant (the lg:tenant tag value)' }, [...p, 'tenant']),
      );
    }
    out.push(m);
  }
  return out;
}


/** Reads and checks the answers file (exit 2 on any problem). */
export function loadAnswers(file: string, questions: ReadonlyMap<string, IndexedQuestion>, lang: Lang): Answers {
  const full = path.resolve(file);
  const shownFile = displayPath(full);
  const whole = (ja: string, en: string) => new AnswersError([{ file: shownFile, line: 1, column: 1, message: { ja, en } }], lang);
  if (!existsSync(full)) throw new UsageError(lang === 'en' ? `--answers: file not found: ${file}` : `--answers: ファイルがありません (file not found: ${file})`, '--answers');
  const stat = statSync(full);
  if (!stat.isFile()) throw whole('ファイルではありません', 'not a file');
  if (stat.size > MAX_ANSWERS_BYTES) throw whole('回答ファイルとしては大きすぎます', `too large for an answers file (${stat.size} bytes, at most ${MAX_ANSWERS_BYTES})`);
  return parseAnswers({
    bytes: readFileSync(full),
    displayFile: shownFile,
    // Relative even outside the working directory, so `attest verify --root` finds it in a moved tree.
    locFile: path.relative(process.cwd(), full).split(path.sep).join('/'),
    evidenceDir: path.dirname(full),
    questions,
    lang,
  });
}
