// The attestation as one self-contained HTML document that prints on A4:
// cover, summary per area, one table per guideline area, the findings as
// evidence and the inputs' SHA-256. No scripts, no external assets.
import type { AreaAttestation, Attestation, ControlAttestation, FindingEvidence } from '../attestation.js';
import { SEVERITY_LABEL, STATUS_LABEL, t, type Lang } from '../../report/lang.js';
import { kindLabel } from '../../controls/catalog/labels.js';
import {
  answerLines,
  areaHeading,
  answerSummaryText,
  codeStatusText,
  coverFields,
  coverWarnings,
  dateText,
  documentLines,
  documentRows,
  documentText,
  findingNotes,
  findingLines,
  inputRows,
  questionHeading,
  reportSubtitle,
  reportTitle,
  signatureText,
  sortFindings,
  whereText,
} from './describe.js';
import { STANDING_ORDER, scanKindLabel, standingLabel } from './labels.js';
import { html, SafeHtml } from './safe-html.js';

/** Findings listed in an area table per control; all of them are in appendix A. */
const FINDINGS_PER_CONTROL = 5;

const STYLE = `
:root { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", sans-serif; color: #111; }
body { margin: 0 auto; max-width: 1100px; padding: 16px; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 20pt; margin: 0 0 4px; }
h2 { font-size: 14pt; border-bottom: 2px solid #333; padding-bottom: 2px; margin: 24px 0 8px; }
.subtitle { font-size: 11pt; margin: 0 0 24px; }
.cover { padding-top: 40px; }
.cover dl { display: grid; grid-template-columns: 11em 1fr; gap: 6px 12px; margin: 24px 0; }
.cover dt { font-weight: bold; }
.cover dd { margin: 0; overflow-wrap: anywhere; }
.warning { border: 1px solid #a00; background: #fff1f1; padding: 6px 10px; margin: 12px 0; }
.legend { font-size: 9pt; color: #333; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9pt; }
th, td { border: 1px solid #777; padding: 3px 4px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #e8e8e8; }
td.num, th.num { text-align: right; }
tfoot td { font-weight: bold; background: #f4f4f4; }
ul, ol { margin: 0; padding-left: 1.2em; }
li + li { margin-top: 2px; }
.q + .q { margin-top: 4px; }
.sub { color: #333; font-size: 8.5pt; }
.hash { font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 8pt; word-break: break-all; }
.standing { font-weight: bold; }
.standing-compliant { background: #e6f4e6; }
.standing-non_compliant { background: #fbe3e3; }
.standing-partial { background: #fff4d6; }
.standing-open { background: #fff4d6; }
.standing-not_applicable { background: #f0f0f0; }
.more { font-style: italic; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr, th, td { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4 portrait; margin: 14mm 12mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
@page wide { size: A4 landscape; margin: 12mm 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .summary, .area, .appendix { break-before: page; page-break-before: always; }
  .area, .appendix { page: wide; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
`;

function L(lang: Lang, ja: string, en: string): string {
  return lang === 'ja' ? ja : en;
}

function cover(att: Attestation, lang: Lang): SafeHtml {
  const warnings = coverWarnings(att, lang);
  return html`<section class="cover">
<h1>${reportTitle(lang)}</h1>
<p class="subtitle">${reportSubtitle(lang)}</p>
<dl>${coverFields(att, lang).map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl>
${warnings.map((w) => html`<p class="warning">${w}</p>`)}
<p class="legend">${L(
    lang,
    '本報告書は、コード・稼働環境の検査結果と提出事業者の質問票への回答を、指針の領域ごとに突き合わせたものです。「未回答・未確認」は適合を意味しません。入力ファイルの SHA-256 は付録Bに記載しています。',
    'This report joins the code and live scan results with the vendor’s questionnaire answers per guideline area. “Open” never means compliant. The inputs’ SHA-256 are listed in appendix B.',
  )}</p>
</section>`;
}

function summary(att: Attestation, lang: Lang): SafeHtml {
  const areas = [...att.areas].sort((a, b) => a.area - b.area);
  const total = (counts: Record<string, number>) => STANDING_ORDER.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return html`<section class="summary">
<h2>${L(lang, '領域別の集計', 'Summary per area')}</h2>
<table>
<colgroup><col style="width:34%">${STANDING_ORDER.map(() => html`<col>`)}<col></colgroup>
<thead><tr><th>${L(lang, '領域', 'Area')}</th>${STANDING_ORDER.map((s) => html`<th class="num">${standingLabel(s, lang)}</th>`)}<th class="num">${L(lang, '計', 'Total')}</th></tr></thead>
<tbody>${areas.map(
    (a) => html`<tr><td><a href="#area-${a.area}">${areaHeading(a, lang)}</a></td>${STANDING_ORDER.map((s) => html`<td class="num">${a.counts[s] ?? 0}</td>`)}<td class="num">${total(a.counts)}</td></tr>`,
  )}</tbody>
<tfoot><tr><td>${L(lang, '合計', 'Total')}</td>${STANDING_ORDER.map((s) => html`<td class="num">${att.summary[s] ?? 0}</td>`)}<td class="num">${total(att.summary)}</td></tr></tfoot>
</table>
<p class="legend">${L(
    lang,
    '判定：「適合」はコード検査と回答のいずれにも未対応事項がないもの、「不適合」は検査で不適合または「いいえ」の回答があるもの、「一部適合」は一部の対策にとどまるもの、「未回答・未確認」は回答・証跡・検査結果のいずれかが欠けているもの、「対象外」は当該環境に該当しないものです。',
    'Standing: “compliant” has nothing open in code or answers; “non-compliant” has a failing check or a “no” answer; “partly compliant” has measures in part only; “open” lacks an answer, evidence or a scan result; “not applicable” does not apply to this environment.',
  )}</p>
</section>`;
}

function evidenceCell(control: ControlAttestation, generatedAt: string, lang: Lang): SafeHtml {
  const findings = sortFindings(control.code?.findings ?? []);
  const shown = findings.slice(0, FINDINGS_PER_CONTROL);
  const more = findings.length - shown.length;
  const documents = documentLines(control, lang);
  if (!findings.length && !documents.length) return html`<span class="sub">${L(lang, 'なし', 'none')}</span>`;
  return html`<ul>${shown.map((f) => {
    const [first, ...rest] = findingLines(f, generatedAt, lang);
    return html`<li>${first}${rest.map((line) => html`<br><span class="sub">${line}</span>`)}</li>`;
  })}${more > 0 ? html`<li class="more">${L(lang, `ほか ${more} 件（付録A）`, `and ${more} more (appendix A)`)}</li>` : ''}${documents.map(
    (d) => html`<li>${d}</li>`,
  )}</ul>`;
}

function answersCell(control: ControlAttestation, lang: Lang): SafeHtml {
  if (!control.questions.length) return html`${answerSummaryText(control, lang)}`;
  return html`<div>${answerSummaryText(control, lang)}</div>${control.questions.map(
    (q) => html`<div class="q"><div>${questionHeading(q, lang)}</div>${answerLines(q, lang).map((line) => html`<div class="sub">${line}</div>`)}</div>`,
  )}`;
}

function controlRow(control: ControlAttestation, generatedAt: string, lang: Lang): SafeHtml {
  return html`<tr id="${control.id}">
<td>${control.id}<div class="sub">${L(lang, '重大度 ', 'Severity ')}${SEVERITY_LABEL[control.severity][lang]}</div></td>
<td>${t(control.title, lang)}</td>
<td>${kindLabel(control.kind, lang)}</td>
<td>${codeStatusText(control, lang)}</td>
<td>${answersCell(control, lang)}</td>
<td class="standing standing-${control.standing}">${standingLabel(control.standing, lang)}</td>
<td>${evidenceCell(control, generatedAt, lang)}</td>
<td>${control.open.length ? html`<ul>${control.open.map((o) => html`<li>${t(o, lang)}</li>`)}</ul>` : html`<span class="sub">${L(lang, 'なし', 'none')}</span>`}</td>
</tr>`;
}

/** A table with fixed column widths (percent) and a header row repeated on every printed page; `empty` when it has no rows. */
function dataTable(widths: number[], headers: string[], rows: SafeHtml[], empty: string): SafeHtml {
  if (!rows.length) return html`<p>${empty}</p>`;
  return html`<table>
<colgroup>${widths.map((w) => html`<col style="width:${w}%">`)}</colgroup>
<thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function areaSection(area: AreaAttestation, generatedAt: string, lang: Lang): SafeHtml {
  return html`<section class="area" id="area-${area.area}">
<h2>${areaHeading(area, lang)}</h2>
${dataTable(
  [8, 11, 5, 10, 22, 7, 24, 13],
  [
    L(lang, '管理策ID', 'Control'),
    L(lang, '管理策名', 'Title'),
    L(lang, '区分', 'Kind'),
    L(lang, 'コード・稼働環境の検査', 'Code / live check'),
    L(lang, '質問票の回答', 'Answers'),
    L(lang, '判定', 'Standing'),
    L(lang, '証跡', 'Evidence'),
    L(lang, '未対応事項', 'Open items'),
  ],
  area.controls.map((c) => controlRow(c, generatedAt, lang)),
  L(lang, 'この領域の管理策はありません。', 'This area has no controls.'),
)}
</section>`;
}

function findingRow(control: ControlAttestation, f: FindingEvidence, generatedAt: string, lang: Lang): SafeHtml {
  const notes = findingNotes(f, generatedAt, lang);
  return html`<tr><td>${control.id}</td><td>${STATUS_LABEL[f.status][lang]}</td><td>${SEVERITY_LABEL[f.severity][lang]}</td><td>${
    f.location ? whereText(f) : html`<span class="sub">${L(lang, '稼働環境', 'live')}</span>`
  }</td><td>${f.resource.address}<div class="sub">${f.resource.type}${f.resource.scope ? ` · ${f.resource.scope}` : ''}</div></td><td>${t(f.message, lang)}</td><td>${notes.map(
    (n) => html`<div>${n}</div>`,
  )}</td></tr>`;
}

function evidenceAppendix(att: Attestation, lang: Lang): SafeHtml {
  const rows = [...att.areas]
    .sort((a, b) => a.area - b.area)
    .flatMap((a) => a.controls)
    .flatMap((c) => sortFindings(c.code?.findings ?? []).map((f) => findingRow(c, f, att.generatedAt, lang)));
  return html`<section class="appendix" id="appendix-evidence">
<h2>${L(lang, '付録A　証跡一覧（検査結果）', 'Appendix A: evidence (scan findings)')}</h2>
${dataTable(
  [8, 8, 6, 16, 20, 26, 16],
  [
    L(lang, '管理策ID', 'Control'),
    L(lang, '結果', 'Result'),
    L(lang, '重大度', 'Severity'),
    L(lang, 'ファイル:行', 'File:line'),
    L(lang, 'リソース', 'Resource'),
    L(lang, '内容', 'Message'),
    L(lang, '例外・継承・補足', 'Waiver, inheritance, notes'),
  ],
  rows,
  L(lang, '検査結果はありません。', 'No scan findings.'),
)}
</section>`;
}

/** The documents the answers point to, with the SHA-256 of those given as files. */
function documentsTable(att: Attestation, lang: Lang): SafeHtml {
  const documents = documentRows(att);
  return html`<h3>${L(lang, `提出資料（${documents.length} 件）`, `Documents (${documents.length})`)}</h3>
${dataTable(
  [14, 46, 40],
  [L(lang, '質問', 'Question'), L(lang, '資料', 'Document'), 'SHA-256'],
  documents.map(
    (d) => html`<tr><td>${d.question.id}</td><td>${documentText(d.document, lang)}</td><td class="hash">${
      d.document.sha256 ?? (d.document.file ? L(lang, '（記録なし）', '(not recorded)') : L(lang, '—（ファイルなし）', '— (no file)'))
    }</td></tr>`,
  ),
  L(lang, '提出資料はありません。', 'No documents.'),
)}`;
}

function integrityAppendix(att: Attestation, lang: Lang): SafeHtml {
  const inputs = inputRows(att);
  return html`<section class="appendix" id="appendix-integrity">
<h2>${L(lang, '付録B　完全性情報', 'Appendix B: integrity')}</h2>
<table>
<colgroup><col style="width:22%"><col></colgroup>
<tbody>
<tr><th>${L(lang, '形式', 'Format')}</th><td>${att.format}</td></tr>
<tr><th>${L(lang, '作成ツール', 'Tool')}</th><td>${att.tool.name} ${att.tool.version}</td></tr>
<tr><th>${L(lang, '管理策カタログ', 'Control catalog')}</th><td>${att.catalog.version}</td></tr>
<tr><th>${L(lang, '作成日時', 'Built at')}</th><td>${att.generatedAt}（${dateText(att.generatedAt, lang)}）</td></tr>
<tr><th>${L(lang, '回答ファイル', 'Answers file')}</th><td>${att.answers.file}<div class="hash">SHA-256 ${att.answers.sha256}</div></td></tr>
${att.scans.map(
  (s) =>
    html`<tr><th>${L(lang, '検査', 'Scan')}</th><td>${scanKindLabel(s.kind, lang)} · ${s.scannedAt} · ${s.source}${
      s.root ? html`<div class="sub">${L(lang, `入力パスの基準：${s.root}`, `Input paths relative to: ${s.root}`)}</div>` : ''
    }</td></tr>`,
)}
${att.signature ? html`<tr><th>${L(lang, '電子署名', 'Signature')}</th><td>${signatureText(att.signature, lang)}</td></tr>` : ''}
</tbody>
</table>
${documentsTable(att, lang)}
<h3>${L(lang, `入力ファイル（${inputs.length} 件）`, `Inputs (${inputs.length})`)}</h3>
${dataTable(
  [12, 36, 12, 40],
  [L(lang, '検査', 'Scan'), L(lang, 'ファイル', 'File'), L(lang, '種別', 'Kind'), 'SHA-256'],
  inputs.map(
    (i) => html`<tr><td>${scanKindLabel(i.scan.kind, lang)}</td><td>${i.file}</td><td>${i.kind}</td><td class="hash">${
      i.sha256 ?? L(lang, '（記録なし）', '(not recorded)')
    }</td></tr>`,
  ),
  L(lang, '入力ファイルはありません。', 'No inputs.'),
)}
</section>`;
}

export function renderHtml(att: Attestation, lang: Lang): string {
  const areas = [...att.areas].sort((a, b) => a.area - b.area);
  const municipality = att.header.municipality.name;
  const doc = html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${att.tool.name} ${att.tool.version}">
<title>${reportTitle(lang)} — ${municipality}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
${cover(att, lang)}
${summary(att, lang)}
${areas.map((a) => areaSection(a, att.generatedAt, lang))}
${evidenceAppendix(att, lang)}
${integrityAppendix(att, lang)}
</body>
</html>
`;
  return doc.html;
}
