// Builds one Attestation (SPEC §6) from the catalog, the scans and the
// vendor's answers: per guideline area every control, its code status from
// the findings of all scans, its questions from the answers, and a standing
// that is compliant only when everything about it is known and good.
import type { Catalog, ControlDefinition, AttestQuestion } from '../controls/catalog/types.js';
import type { Finding, LocalText, Status } from '../results/finding.js';
import type { Answer, Answers, Municipality } from './answers.js';
import { claimsSomething } from './answers.js';
import {
  ATTESTATION_FORMAT,
  type AreaAttestation,
  type Attestation,
  type CodeStatus,
  type ControlAttestation,
  type ControlStanding,
  type FindingEvidence,
  type QuestionResult,
  type ScanEvidence,
} from './attestation.js';
import type { ScanSource } from './scan-source.js';

export interface AttestationRequest {
  catalog: Catalog;
  scans: readonly ScanSource[];
  answers: Answers;
  /** The municipality this attestation is for; with a tenant, findings are those of its resources. */
  municipality: Municipality;
  /** The tenant tag key, for the words of "tenant unknown" items. */
  tenantTag: string;
  toolVersion: string;
  now: Date;
}

const STANDINGS: readonly ControlStanding[] = ['compliant', 'non_compliant', 'partial', 'open', 'not_applicable'];

/** Once no failure and nothing unknown: the first status present names the control's code status. */
const SETTLED_ORDER: readonly CodeStatus[] = ['suppressed', 'exception', 'inherited', 'pass', 'not_applicable'];

/** Addresses shown in one open line before "and N more". */
const ADDRESSES_SHOWN = 5;

function countStandings(controls: readonly ControlAttestation[]): Record<ControlStanding, number> {
  const counts = Object.fromEntries(STANDINGS.map((s) => [s, 0])) as Record<ControlStanding, number>;
  for (const c of controls) counts[c.standing]++;
  return counts;
}

function listed(items: readonly (string | LocalText)[]): LocalText {
  const unique = [...new Map(items.map((i) => (typeof i === 'string' ? { ja: i, en: i } : i)).map((t) => [t.en, t])).values()];
  const shown = (lang: 'ja' | 'en') => unique.slice(0, ADDRESSES_SHOWN).map((t) => t[lang]).join(', ');
  const rest = unique.length - ADDRESSES_SHOWN;
  return rest > 0 ? { ja: `${shown('ja')} ほか ${rest} 件`, en: `${shown('en')} and ${rest} more` } : { ja: shown('ja'), en: shown('en') };
}

/** A resource as an open item names it; an account-level result names the scanned scope (root module, template, account). */
function subjectOf(f: Finding): LocalText {
  if (f.resource.type !== 'scope') return { ja: f.resource.address, en: f.resource.address };
  return { ja: `検査範囲 ${f.resource.address}`, en: `scope ${f.resource.address}` };
}

/** A finding as evidence, in the attestation's shape. */
function evidenceOf(f: Finding): FindingEvidence {
  const e: FindingEvidence = {
    status: f.status,
    severity: f.severity,
    resource: { address: f.resource.address, type: f.resource.type, ...(f.resource.scope !== undefined ? { scope: f.resource.scope } : {}) },
    message: f.message,
    fingerprint: f.fingerprint,
  };
  // Live resources have no file position: their address is the resource ID.
  if (f.location) e.location = f.location;
  if (f.waiver && !f.waiver.rejected) {
    const { reason, approver, expires, origin } = f.waiver;
    e.waiver = { reason, origin, ...(approver !== undefined ? { approver } : {}), ...(expires !== undefined ? { expires } : {}) };
  }
  if (f.inherited) e.inherited = { evidence: f.inherited.evidence };
  if (f.unknown?.length) e.unknown = f.unknown;
  if (f.inBaseline) e.inBaseline = true;
  if (f.tenant !== undefined) e.tenant = f.tenant;
  return e;
}

interface Selected {
  findings: Finding[];
  /** Findings on resources without a tenant tag, in a per-tenant attestation: kept as evidence, open when they fail or are unknown. */
  untagged: Finding[];
}

/**
 * In 共同利用方式 the findings of one municipality: its own resources, and the
 * scope-level results and account-wide settings (trails, detectors, Defender
 * plans) that hold for all; other resources without a tenant tag cannot be
 * attributed and are kept apart, to be listed as open.
 */
function selectFindings(findings: readonly Finding[], tenant: string | undefined): Selected {
  if (tenant === undefined) return { findings: [...findings], untagged: [] };
  const own: Finding[] = [];
  const untagged: Finding[] = [];
  for (const f of findings) {
    if (f.resource.type === 'scope' || f.resource.accountWide || f.tenant === tenant) own.push(f);
    else if (f.tenant === undefined) untagged.push(f);
  }
  return { findings: own, untagged };
}

/** A failure or unknown on a resource no one can attribute may be this municipality's. */
function unsettled(f: Finding): boolean {
  return f.status === 'fail' || f.status === 'unknown';
}

function codeStatusOf(findings: readonly Finding[], untagged: readonly Finding[]): CodeStatus {
  // A failure stays a failure in the attestation even when a --baseline accepted it for CI.
  if (findings.some((f) => f.status === 'fail')) return 'fail';
  if (findings.some((f) => f.status === 'unknown') || untagged.some(unsettled)) return 'unknown';
  // A shared resource that passes is good whoever it belongs to.
  for (const s of SETTLED_ORDER) if (findings.some((f) => f.status === s) || untagged.some((f) => f.status === s)) return s;
  return 'not_run';
}

/** One line per set of missing inputs, so a hundred resources waiting on one variable read as one item. */
function unknownLines(findings: readonly Finding[]): LocalText[] {
  const groups = new Map<string, { inputs: string[]; message: LocalText; addresses: LocalText[] }>();
  for (const f of findings) {
    if (f.status !== 'unknown') continue;
    const inputs = [...new Set((f.unknown ?? []).flatMap((u) => u.inputs))];
    const key = inputs.length ? `i:${inputs.join('\u0000')}` : `m:${f.message.en}`;
    const g = groups.get(key) ?? { inputs, message: f.message, addresses: [] };
    g.addresses.push(subjectOf(f));
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const at = listed(g.addresses);
    if (g.inputs.length) {
      const inputs = listed(g.inputs);
      return { ja: `判定不能（${at.ja}）: ${inputs.ja} を与えると判定できます`, en: `unknown (${at.en}): supply ${inputs.en} to decide it` };
    }
    return { ja: `判定不能（${at.ja}）: ${g.message.ja}`, en: `unknown (${at.en}): ${g.message.en}` };
  });
}

function notRunLine(c: ControlDefinition): LocalText {
  if (c.kind === 'live') {
    return {
      ja: '稼働環境の検査結果がありません（kikan scan-aws / scan-azure の結果を --scan で渡します）',
      en: 'no live scan result: pass the output of kikan scan-aws / scan-azure with --scan',
    };
  }
  return {
    ja: '検査結果がありません（対象の資源が検査した定義・環境にないか、検査していません。該当する資源がないことを確認してください）',
    en: 'no scan result: the scanned definitions or accounts have no resource it applies to, or were not scanned; confirm that none exists',
  };
}

/**
 * A written answer that is still to be written ("未定", "TBD", "…"): it answers nothing, so the question
 * stays open. "なし" or "N/A" can be real answers and are not taken as placeholders. (Blank answers are
 * unanswered already: the answers file reader drops them.)
 */
const PLACEHOLDER = /^(?:tbd|tba|todo|未定|未記入|記入中|検討中|調整中|確認中|後日回答|後日記入|x{3,}|[?？]+|\.{3,}|…+|[-‐ー―—]+)$/iu;

function questionResult(q: AttestQuestion, a: Answer | undefined): QuestionResult {
  const base: QuestionResult = { id: q.id, text: q.text, answerType: q.answer, evidenceRequirement: q.evidence, status: 'open' };
  if (!a || a.value === undefined) {
    return { ...base, ...(a ? { answer: answerOf(a) } : {}), openReason: { ja: '未回答です', en: 'unanswered' } };
  }
  const answered = { ...base, answer: answerOf(a) };
  if (q.answer === 'text' && PLACEHOLDER.test(a.value)) {
    return { ...answered, openReason: { ja: `回答が仮の記載のままです（「${a.value}」）`, en: `the answer is a placeholder ("${a.value}")` } };
  }
  if (claimsSomething(a.value) && q.evidence === 'required' && a.evidence.length === 0) {
    return { ...answered, openReason: { ja: '証拠の添付が必要です（evidence がありません）', en: 'evidence is required and none is given' } };
  }
  switch (a.value) {
    case 'no':
      return { ...answered, status: 'non_compliant' };
    case 'partial':
      return { ...answered, status: 'partial' };
    case 'na':
      return { ...answered, status: 'not_applicable' };
    default:
      // `yes`, a date or a written answer.
      return { ...answered, status: 'compliant' };
  }
}

function answerOf(a: Answer): NonNullable<QuestionResult['answer']> {
  return {
    value: a.value ?? '',
    ...(a.explanation !== undefined ? { explanation: a.explanation } : {}),
    evidence: a.evidence,
    loc: a.loc,
  };
}

/** What the scans could not see: a result that looks good may be missing resources. */
function scanGapLines(scans: readonly ScanSource[]): LocalText[] {
  const lines: LocalText[] = [];
  const errors = scans.reduce((n, s) => n + s.errors, 0);
  if (errors > 0) {
    lines.push({
      ja: `検査で読めなかった入力・失敗した API 呼び出しが ${errors} 件あります。その中の資源はこの判定に含まれていません`,
      en: `${errors} input(s) could not be read or API call(s) failed during the scans; resources in them are not part of this result`,
    });
  }
  const unscanned = scans.flatMap((s) => s.unscanned);
  if (unscanned.length > 0) {
    const at = listed(unscanned.map((u) => u.what));
    const example = unscanned.find((u) => u.detail)?.detail;
    lines.push({
      ja: `検査していない部分が ${unscanned.length} か所あります（${at.ja}）。その中の資源はこの判定に含まれていません${example ? `。理由の例: ${example}` : ''}`,
      en: `${unscanned.length} part(s) were not scanned (${at.en}); resources in them are not part of this result${example ? `. For example: ${example}` : ''}`,
    });
  }
  return lines;
}

function attestControl(c: ControlDefinition, req: AttestationRequest, byControl: Map<string, Finding[]>, gaps: readonly LocalText[]): ControlAttestation {
  const questions = (c.attest ?? []).map((q) => questionResult(q, req.answers.answers.get(q.id)));
  const open: LocalText[] = [];
  for (const q of questions) {
    if (q.status === 'open') open.push({ ja: `${q.id}: ${q.openReason!.ja}`, en: `${q.id}: ${q.openReason!.en}` });
  }
  let code: ControlAttestation['code'];
  if (c.kind !== 'attest') {
    const { findings, untagged } = selectFindings(byControl.get(c.id) ?? [], req.municipality.tenant);
    const status = codeStatusOf(findings, untagged);
    const counts: Partial<Record<Status, number>> = {};
    for (const f of [...findings, ...untagged]) counts[f.status] = (counts[f.status] ?? 0) + 1;
    code = { status, counts, findings: [...findings, ...untagged].map(evidenceOf) };
    if (status === 'not_run') open.push(notRunLine(c));
    open.push(...unknownLines(findings));
    const unattributed = untagged.filter(unsettled);
    if (unattributed.length) {
      const at = listed(unattributed.map((f) => f.resource.address));
      open.push({
        ja: `団体不明: ${req.tenantTag} タグのない資源（${at.ja}）は、どの団体のものか分からないため判定できません`,
        en: `tenant unknown: resources without a ${req.tenantTag} tag (${at.en}) cannot be attributed to a municipality`,
      });
    }
    if (status !== 'fail') open.push(...gaps);
  }

  const nonCompliant = code?.status === 'fail' || questions.some((q) => q.status === 'non_compliant');
  const partial = code?.status === 'suppressed' || questions.some((q) => q.status === 'partial');
  const notApplicable = (!code || code.status === 'not_applicable') && questions.every((q) => q.status === 'not_applicable');
  const standing: ControlStanding = nonCompliant ? 'non_compliant' : open.length ? 'open' : partial ? 'partial' : notApplicable ? 'not_applicable' : 'compliant';

  return {
    id: c.id,
    area: c.area,
    kind: c.kind,
    severity: c.severity,
    title: c.title,
    ...(code ? { code } : {}),
    questions,
    standing,
    open,
  };
}

function scanEvidence(s: ScanSource): ScanEvidence {
  return {
    kind: s.kind,
    scannedAt: s.scannedAt,
    source: s.source,
    inputs: s.inputs.map((i) => ({ file: i.file, kind: i.kind, ...(i.sha256 ? { sha256: i.sha256 } : {}) })),
    errors: s.errors,
    notScanned: s.notScanned,
    ...(s.root !== undefined ? { root: s.root } : {}),
  };
}

export function buildAttestation(req: AttestationRequest): Attestation {
  const byControl = new Map<string, Finding[]>();
  for (const s of req.scans) {
    for (const f of s.findings) {
      const list = byControl.get(f.controlId) ?? [];
      list.push(f);
      byControl.set(f.controlId, list);
    }
  }
  const gaps = scanGapLines(req.scans);
  const areas: AreaAttestation[] = req.catalog.meta.areas.map((area) => {
    const controls = req.catalog.controls.filter((c) => c.area === area.area).map((c) => attestControl(c, req, byControl, gaps));
    return { area: area.area, title: area.title, controls, counts: countStandings(controls) };
  });
  const { header, sha256, file } = req.answers;
  return {
    format: ATTESTATION_FORMAT,
    tool: { name: 'kikan', version: req.toolVersion },
    catalog: { version: req.catalog.version },
    generatedAt: req.now.toISOString(),
    header: {
      vendor: header.vendor,
      system: header.system,
      municipality: req.municipality,
      period: header.period,
      signer: header.signer,
    },
    scans: req.scans.map(scanEvidence),
    answers: { file, sha256 },
    areas,
    summary: countStandings(areas.flatMap((a) => a.controls)),
  };
}
