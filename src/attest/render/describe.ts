// The attestation in words: cover fields, control statuses, findings,
// answers and inputs as plain text lines, shared by the HTML and XLSX
// renderers so both documents say the same thing.
import type {
  AreaAttestation,
  Attestation,
  ControlAttestation,
  EvidenceDocument,
  FindingEvidence,
  QuestionResult,
  QuestionStatus,
  ScanEvidence,
} from '../attestation.js';
import { STATUS_LABEL, t, type Lang } from '../../report/lang.js';
import type { Status } from '../../results/finding.js';
import { compareDates, formatCalendarDate, parseCalendarDate } from '../wareki.js';
import { answerValueLabel, codeStatusLabel, questionStatusLabel, scanKindLabel } from './labels.js';
import { naturalCompare } from '../../report/natural-order.js';

const L = (lang: Lang, ja: string, en: string): string => (lang === 'ja' ? ja : en);

export function reportTitle(lang: Lang): string {
  return L(lang, '情報セキュリティ対策 自己点検結果報告書', 'Information security self-assessment report');
}

export function reportSubtitle(lang: Lang): string {
  return L(
    lang,
    '地方公共団体の基幹業務システムのクラウド利用等に関する情報セキュリティ指針（仮称）への適合状況',
    "Conformity with the Information Security Guideline for Cloud Use of Local Governments' Core Business Systems (provisional title)",
  );
}

/** `領域1　組織体制` / `Area 1: Organisational structure`. */
export function areaHeading(area: AreaAttestation, lang: Lang): string {
  return L(lang, `領域${area.area}　${t(area.title, 'ja')}`, `Area ${area.area}: ${t(area.title, 'en')}`);
}

/** 和暦 with the Western date beside; a value that is not a date is shown as written, marked. */
export function dateText(text: string, lang: Lang): string {
  const date = parseCalendarDate(text);
  if (date) return formatCalendarDate(date, lang);
  return L(lang, `${text}（日付として読めません）`, `${text} (not a date)`);
}

/** Empty header fields are shown as missing, not as blank space. */
function filled(text: string | undefined, lang: Lang): string {
  return text && text.trim() ? text : L(lang, '（未記入）', '(not given)');
}

function periodText(att: Attestation, lang: Lang): string {
  const { from, to } = att.header.period;
  return `${dateText(from, lang)} ${L(lang, '〜', 'to')} ${dateText(to, lang)}`;
}

export interface CoverField {
  label: string;
  value: string;
}

/** `本文（補足）` / `text (aside)`. */
function withAside(text: string, aside: string | undefined, lang: Lang): string {
  return aside ? L(lang, `${text}（${aside}）`, `${text} (${aside})`) : text;
}

function party(name: string, code: string | undefined, codeLabel: string, lang: Lang): string {
  return withAside(filled(name, lang), code ? `${codeLabel} ${code}` : undefined, lang);
}

function scanText(scan: ScanEvidence, lang: Lang): string {
  const hashed = scan.inputs.filter((i) => i.sha256).length;
  return L(
    lang,
    `${scanKindLabel(scan.kind, lang)}：${dateText(scan.scannedAt, lang)}、${scan.source === 'inline' ? '本報告書の作成時に実行' : scan.source}${scan.root ? `（基準 ${scan.root}）` : ''}、入力 ${scan.inputs.length} 件（SHA-256 記録 ${hashed} 件）、読み込みエラー ${scan.errors} 件、未検査 ${scan.notScanned} 件`,
    `${scanKindLabel(scan.kind, lang)}: ${dateText(scan.scannedAt, lang)}, ${scan.source === 'inline' ? 'run when this report was built' : scan.source}${scan.root ? ` (root ${scan.root})` : ''}, ${scan.inputs.length} inputs (${hashed} with SHA-256), ${scan.errors} read errors, ${scan.notScanned} not scanned`,
  );
}

export function signatureText(signature: NonNullable<Attestation['signature']>, lang: Lang): string {
  return L(
    lang,
    `${signature.algorithm}（各ファイルの .sig、公開鍵の SHA-256 ${signature.publicKeySha256}）`,
    `${signature.algorithm} (each file's .sig, public key SHA-256 ${signature.publicKeySha256})`,
  );
}

export function coverFields(att: Attestation, lang: Lang): CoverField[] {
  const h = att.header;
  const fields: CoverField[] = [
    { label: L(lang, '提出事業者', 'Vendor'), value: party(h.vendor.name, h.vendor.code, L(lang, '識別子', 'ID'), lang) },
    { label: L(lang, '対象システム', 'System'), value: filled(h.system, lang) },
    { label: L(lang, '提出先団体', 'Municipality'), value: party(h.municipality.name, h.municipality.code, L(lang, '団体コード', 'code'), lang) },
  ];
  if (h.municipality.tenant) fields.push({ label: L(lang, '共同利用テナント', 'Shared-use tenant'), value: h.municipality.tenant });
  fields.push(
    { label: L(lang, '対象期間', 'Period'), value: periodText(att, lang) },
    { label: L(lang, '署名者', 'Signed by'), value: withAside(filled(h.signer.name, lang), h.signer.title, lang) },
    { label: L(lang, '作成日', 'Date'), value: dateText(att.generatedAt, lang) },
    { label: L(lang, '作成ツール', 'Tool'), value: `${att.tool.name} ${att.tool.version}` },
    { label: L(lang, '管理策カタログ', 'Control catalog'), value: att.catalog.version },
    { label: L(lang, '回答ファイル', 'Answers file'), value: withAside(att.answers.file, `SHA-256 ${att.answers.sha256}`, lang) },
  );
  if (att.scans.length === 0) fields.push({ label: L(lang, '検査', 'Scans'), value: L(lang, 'なし（回答のみ）', 'none (answers only)') });
  for (const scan of att.scans) fields.push({ label: L(lang, '検査', 'Scan'), value: scanText(scan, lang) });
  if (att.signature) fields.push({ label: L(lang, '電子署名', 'Signature'), value: signatureText(att.signature, lang) });
  return fields;
}

/** What makes the evidence incomplete, said on the cover. */
export function coverWarnings(att: Attestation, lang: Lang): string[] {
  const warnings: string[] = [];
  const errors = att.scans.reduce((n, s) => n + s.errors, 0);
  const notScanned = att.scans.reduce((n, s) => n + s.notScanned, 0);
  const unhashed = att.scans.reduce((n, s) => n + s.inputs.filter((i) => !i.sha256).length, 0);
  if (att.scans.length === 0) warnings.push(L(lang, 'コード・稼働環境の検査結果が含まれていません。', 'No code or live scan is included.'));
  if (errors) warnings.push(L(lang, `読み込みエラーが ${errors} 件あり、検査は不完全です。`, `${errors} read errors: the scan is incomplete.`));
  if (notScanned) warnings.push(L(lang, `検査できなかった入力が ${notScanned} 件あります。`, `${notScanned} inputs could not be scanned.`));
  if (unhashed) warnings.push(L(lang, `SHA-256 が記録されていない入力が ${unhashed} 件あります。`, `${unhashed} inputs have no SHA-256 recorded.`));
  return warnings;
}

const FINDING_ORDER: readonly Status[] = ['fail', 'unknown', 'exception', 'suppressed', 'inherited', 'manual', 'pass', 'not_applicable'];

/** Failures first, then what could not be judged, then the rest; by place within a status. */
export function sortFindings(findings: readonly FindingEvidence[]): FindingEvidence[] {
  return [...findings].sort(
    (a, b) =>
      FINDING_ORDER.indexOf(a.status) - FINDING_ORDER.indexOf(b.status) ||
      naturalCompare(a.location?.file ?? '', b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      naturalCompare(a.resource.address, b.resource.address),
  );
}

/** `file:line` for code, the resource ID for a live resource. */
export function whereText(f: FindingEvidence): string {
  return f.location ? `${f.location.file}:${f.location.line}` : f.resource.address;
}

export function waiverText(w: NonNullable<FindingEvidence['waiver']>, generatedAt: string, lang: Lang): string {
  const parts = [L(lang, `理由：${w.reason}`, `reason: ${w.reason}`)];
  if (w.approver) parts.push(L(lang, `承認者：${w.approver}`, `approved by: ${w.approver}`));
  if (w.expires) {
    const expires = parseCalendarDate(w.expires);
    const today = parseCalendarDate(generatedAt);
    const lapsed = expires && today && compareDates(expires, today) < 0 ? L(lang, '（作成日時点で期限切れ）', ' (lapsed when this report was built)') : '';
    parts.push(L(lang, `期限：${dateText(w.expires, lang)}${lapsed}`, `expires: ${dateText(w.expires, lang)}${lapsed}`));
  } else {
    parts.push(L(lang, '期限：なし', 'expires: never'));
  }
  const origin = w.origin === 'policy' ? L(lang, 'ポリシーファイル', 'policy file') : L(lang, 'コード内の注記', 'inline comment');
  return `${L(lang, `例外（${origin}）`, `Waiver (${origin})`)}${L(lang, '：', ': ')}${parts.join(L(lang, '／', '; '))}`;
}

export function inheritedText(evidence: string, lang: Lang): string {
  return L(lang, `継承の根拠：${evidence}`, `Inherited, evidence: ${evidence}`);
}

/** `[不適合] main.tf:12 aws_s3_bucket.x`: status, place and resource. */
function findingHeadline(f: FindingEvidence, lang: Lang): string {
  const place = f.location ? `${whereText(f)} ${f.resource.address}` : f.resource.address;
  return `[${STATUS_LABEL[f.status][lang]}] ${place}`;
}

/** What the user can supply to settle an unknown finding, root-most first. */
export function unknownInputsText(f: FindingEvidence, lang: Lang): string | undefined {
  const inputs = [...new Set((f.unknown ?? []).flatMap((u) => u.inputs))];
  if (!inputs.length) return undefined;
  return L(lang, `判定に必要な入力：${inputs.join('、')}`, `Supply to decide: ${inputs.join(', ')}`);
}

/** Waiver, inheritance, the inputs an unknown needs, baseline and tenant: one line each, as present. */
export function findingNotes(f: FindingEvidence, generatedAt: string, lang: Lang): string[] {
  const notes: string[] = [];
  if (f.waiver) notes.push(waiverText(f.waiver, generatedAt, lang));
  if (f.inherited) notes.push(inheritedText(f.inherited.evidence, lang));
  const inputs = unknownInputsText(f, lang);
  if (inputs) notes.push(inputs);
  if (f.inBaseline) notes.push(L(lang, 'ベースラインに記録済みの不適合', 'Failure recorded in the baseline'));
  if (f.tenant) notes.push(L(lang, `テナント：${f.tenant}`, `Tenant: ${f.tenant}`));
  return notes;
}

/** The headline with the message (unless left out for a compact list), then its notes. */
export function findingLines(f: FindingEvidence, generatedAt: string, lang: Lang, withMessage = true): string[] {
  return [withMessage ? `${findingHeadline(f, lang)} — ${t(f.message, lang)}` : findingHeadline(f, lang), ...findingNotes(f, generatedAt, lang)];
}

export function documentText(doc: EvidenceDocument, lang: Lang): string {
  const parts = [doc.document];
  if (doc.date) parts.push(dateText(doc.date, lang));
  if (doc.file) parts.push(doc.file);
  if (doc.url) parts.push(doc.url);
  return parts.join(L(lang, '、', ', '));
}

/** The code side in words: the aggregate status with its counts, `—` for attest controls. */
export function codeStatusText(control: ControlAttestation, lang: Lang): string {
  if (!control.code) return L(lang, '—（質問票のみ）', '— (questionnaire only)');
  const counts = FINDING_ORDER.filter((s) => control.code!.counts[s]).map((s) => `${STATUS_LABEL[s][lang]} ${control.code!.counts[s]}`);
  // Failures counted under an open status are on resources no municipality's tag claims: say so, not just "unknown".
  const untaggedFailures = control.code.status === 'unknown' && (control.code.counts.fail ?? 0) > 0;
  const status = untaggedFailures
    ? L(lang, '判定不能（不適合は団体不明の資源）', 'unknown (the failures are on resources of no known municipality)')
    : codeStatusLabel(control.code.status, lang);
  return withAside(status, counts.length ? counts.join(L(lang, '、', ', ')) : undefined, lang);
}

const QUESTION_ORDER: readonly QuestionStatus[] = ['non_compliant', 'partial', 'open', 'compliant', 'not_applicable'];

/** The answers in one line: counts per status over the control's questions. */
export function answerSummaryText(control: ControlAttestation, lang: Lang): string {
  const n = control.questions.length;
  if (n === 0) return L(lang, '—（質問なし）', '— (no questions)');
  const parts = QUESTION_ORDER.map((s) => [s, control.questions.filter((q) => q.status === s).length] as const)
    .filter(([, count]) => count > 0)
    .map(([s, count]) => `${questionStatusLabel(s, lang)} ${count}`);
  return L(lang, `${parts.join('、')}（全 ${n} 問）`, `${parts.join(', ')} (of ${n})`);
}

/** The question's short number: `q2` of `LG-1.1.q2`. */
function questionNumber(q: QuestionResult): string {
  return q.id.slice(q.id.lastIndexOf('.') + 1);
}

/**
 * The answer: value (none when blank: the answers file lists every question,
 * answered or not), where it is written, the explanation, and why the
 * question is still open. Documents: see documentLines.
 */
export function answerLines(q: QuestionResult, lang: Lang): string[] {
  const where = q.answer?.loc ? `${q.answer.loc.file}:${q.answer.loc.line}` : undefined;
  const raw = q.answer?.value.trim() ?? '';
  const value = !raw ? L(lang, 'なし', 'none') : q.answerType === 'date' ? dateText(raw, lang) : answerValueLabel(raw, lang);
  const lines = [withAside(L(lang, `回答：${value}`, `Answer: ${value}`), where, lang)];
  if (q.answer?.explanation) lines.push(L(lang, `説明：${q.answer.explanation}`, `Explanation: ${q.answer.explanation}`));
  if (q.openReason) lines.push(L(lang, `未確認の理由：${t(q.openReason, lang)}`, `Open because: ${t(q.openReason, lang)}`));
  return lines;
}

/** The documents the vendor gave as evidence, one line each, with the question they support. */
export function documentLines(control: ControlAttestation, lang: Lang): string[] {
  return control.questions.flatMap((q) =>
    (q.answer?.evidence ?? []).map((doc) => L(lang, `資料（${questionNumber(q)}）：${documentText(doc, lang)}`, `Document (${questionNumber(q)}): ${documentText(doc, lang)}`)),
  );
}

/** `q1 [適合] question text`. */
export function questionHeading(q: QuestionResult, lang: Lang): string {
  return `${questionNumber(q)} [${questionStatusLabel(q.status, lang)}] ${t(q.text, lang)}`;
}

export interface InputRow {
  scan: ScanEvidence;
  file: string;
  kind: string;
  sha256?: string;
}

export function inputRows(att: Attestation): InputRow[] {
  return att.scans.flatMap((scan) => scan.inputs.map((i) => ({ scan, file: i.file, kind: i.kind, sha256: i.sha256 })));
}

export interface DocumentRow {
  control: ControlAttestation;
  question: QuestionResult;
  document: EvidenceDocument;
}

/** Every evidence document the answers name, in area and control order. */
export function documentRows(att: Attestation): DocumentRow[] {
  return [...att.areas]
    .sort((a, b) => a.area - b.area)
    .flatMap((a) => a.controls)
    .flatMap((control) => control.questions.flatMap((question) => (question.answer?.evidence ?? []).map((document) => ({ control, question, document }))));
}
