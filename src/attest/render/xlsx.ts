// The attestation as the workbook municipalities file: a cover and summary
// sheet, one sheet per guideline area (one row per control) and an evidence
// sheet (one row per finding, document and input hash). Every table has
// Japanese headers, a filter, widths and A4 landscape print setup with its
// header repeated; the area and evidence sheets freeze it on screen. Every
// text is written as a string cell and anything a spreadsheet could take for
// a formula is prefixed with an apostrophe.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AreaAttestation, Attestation, ControlAttestation, ControlStanding } from '../attestation.js';
import { SEVERITY_LABEL, STATUS_LABEL, t, type Lang } from '../../report/lang.js';
import { kindLabel } from '../../controls/catalog/labels.js';
import {
  answerLines,
  areaHeading,
  answerSummaryText,
  codeStatusText,
  coverFields,
  coverWarnings,
  documentLines,
  documentText,
  findingLines,
  findingNotes,
  inputRows,
  questionHeading,
  reportSubtitle,
  reportTitle,
  sortFindings,
} from './describe.js';
import { STANDING_ORDER, scanKindLabel, standingLabel } from './labels.js';
import { rowHeight } from './row-height.js';

/**
 * Findings listed, without their message, in an area sheet per control, so
 * that the row stays within Excel's row height; all of them, with messages,
 * are on the evidence sheet.
 */
const FINDINGS_PER_CONTROL = 8;
/** Excel's limit on the characters of one cell. */
const MAX_CELL_CHARS = 32_767;
/** ExcelJS's PaperSize.A4 (a const enum, not available at run time). */
const PAPER_A4 = 9;

/** Widths of the summary sheet's first two columns, which the cover fields share. */
const SUMMARY_COLUMNS = [16, 60];

const STANDING_FILL: Record<ControlStanding, string> = {
  compliant: 'FFE6F4E6',
  non_compliant: 'FFFBE3E3',
  partial: 'FFFFF4D6',
  open: 'FFFFF4D6',
  not_applicable: 'FFF0F0F0',
};

type CellValue = string | number | undefined;

interface Column {
  header: string;
  /** In digit widths. ExcelJS leaves out a width of exactly 9 (its default), so none is 9. */
  width: number;
}

function L(lang: Lang, ja: string, en: string): string {
  return lang === 'ja' ? ja : en;
}

/** Characters XML 1.0 cannot carry (controls, lone surrogates) replaced by U+FFFD. */
function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The first `length` UTF-16 units, without splitting a surrogate pair. */
function cut(text: string, length: number): string {
  const head = text.slice(0, length);
  return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}

/**
 * A string as a spreadsheet must see it: characters XML cannot carry
 * replaced, cut to Excel's cell limit (saying so), and a leading = + - @
 * (or their full-width forms, or a tab / CR) neutralised with an apostrophe
 * so that the vendor's text never turns into a formula, here or when the
 * cell is edited or exported to CSV.
 */
export function spreadsheetText(text: string, lang: Lang): string {
  let safe = xmlSafe(text);
  if (/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(safe)) safe = `'${safe}`;
  if (safe.length > MAX_CELL_CHARS) {
    const note = L(lang, `…（以下 ${safe.length} 文字中の残りを省略）`, `… (rest of ${safe.length} characters cut)`);
    safe = cut(safe, MAX_CELL_CHARS - note.length) + note;
  }
  return safe;
}

function setCells(row: ExcelJS.Row, values: CellValue[], lang: Lang): void {
  values.forEach((value, i) => {
    if (value === undefined) return;
    row.getCell(i + 1).value = typeof value === 'number' ? value : spreadsheetText(value, lang);
  });
}

/** Stores a height for rows whose wrapped cells need more than one line (see row-height.ts). */
function fitHeight(row: ExcelJS.Row, widths: number[]): void {
  const height = rowHeight(widths.map((width, i) => ({ text: String(row.getCell(i + 1).value ?? ''), width })));
  if (height !== undefined) row.height = height;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * Header at `headerRow`, then one row per entry; filter over the table, widths, borders, wrapping.
 * `stream`: each row is written out once styled and nothing is returned, so a table of a hundred
 * thousand findings does not sit in memory as ExcelJS rows (the caller must be done with the rows).
 */
function addTable(ws: ExcelJS.Worksheet, headerRow: number, columns: Column[], rows: CellValue[][], lang: Lang, stream = false): ExcelJS.Row[] {
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const header = ws.getRow(headerRow);
  setCells(header, columns.map((c) => c.header), lang);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    cell.border = THIN;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  const widths = columns.map((c) => c.width);
  fitHeight(header, widths);
  const added: ExcelJS.Row[] = [];
  rows.forEach((values, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    setCells(row, values, lang);
    for (let c = 1; c <= columns.length; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: true };
    }
    fitHeight(row, widths);
    if (stream) row.commit();
    else added.push(row);
  });
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + rows.length, column: columns.length } };
  return added;
}

type Book = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A sheet that prints on A4 landscape (every sheet, so the printed bundle has
 * one orientation), as wide as the page and as long as needed, repeating
 * `titleRows` on each page; the first `frozenRows` stay in view on screen.
 * The streaming writer takes views only when the sheet is added.
 */
function addSheet(wb: Book, name: string, titleRows: [number, number], frozenRows: number): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    views: frozenRows ? [{ state: 'frozen', xSplit: 0, ySplit: frozenRows, topLeftCell: `A${frozenRows + 1}` }] : [],
    pageSetup: {
      paperSize: PAPER_A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${titleRows[0]}:${titleRows[1]}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: '&L&A', oddFooter: '&C&P / &N' },
  });
}

/**
 * Excel sheet names: at most 31 characters, none of []:*?/\, unique. An
 * apostrophe becomes ’: ExcelJS does not double it when it quotes the name in
 * the print titles, and Excel then finds the file damaged.
 */
function sheetNamer(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    const clean = xmlSafe(wanted).replace(/[[\]:*?/\\]/g, '・').replace(/'/g, '’').trim() || 'Sheet';
    let name = cut(clean, 31).trim();
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${cut(clean, 31 - ` (${n})`.length).trim()} (${n})`;
    used.add(name.toLowerCase());
    return name;
  };
}

function summarySheet(wb: Book, att: Attestation, areas: AreaAttestation[], name: string, lang: Lang): void {
  const fields = coverFields(att, lang);
  const warnings = coverWarnings(att, lang);
  const headerRow = 4 + fields.length + warnings.length + 1;
  const ws = addSheet(wb, name, [headerRow, headerRow], 0);
  ws.getRow(1).getCell(1).value = spreadsheetText(reportTitle(lang), lang);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(2).getCell(1).value = spreadsheetText(reportSubtitle(lang), lang);
  const coverWidths = [SUMMARY_COLUMNS[0]!, SUMMARY_COLUMNS[1]!];
  let r = 4;
  for (const field of fields) {
    const row = ws.getRow(r++);
    setCells(row, [field.label, field.value], lang);
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { vertical: 'top', wrapText: true };
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    fitHeight(row, coverWidths);
  }
  for (const warning of warnings) {
    const row = ws.getRow(r++);
    setCells(row, [L(lang, '注意', 'Note'), warning], lang);
    row.font = { bold: true, color: { argb: 'FFAA0000' } };
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    fitHeight(row, coverWidths);
  }
  const total = (counts: Record<ControlStanding, number>) => STANDING_ORDER.reduce((n, s) => n + (counts[s] ?? 0), 0);
  addTable(
    ws,
    headerRow,
    [
      { header: L(lang, '領域', 'Area'), width: SUMMARY_COLUMNS[0]! },
      { header: L(lang, '名称', 'Title'), width: SUMMARY_COLUMNS[1]! },
      ...STANDING_ORDER.map((s) => ({ header: standingLabel(s, lang), width: 10 })),
      { header: L(lang, '計', 'Total'), width: 7 },
    ],
    areas.map((a) => [a.area, t(a.title, lang), ...STANDING_ORDER.map((s) => a.counts[s] ?? 0), total(a.counts)]),
    lang,
  );
  // The total stays outside the filter range so that sorting the areas leaves it last.
  const totalRow = ws.getRow(headerRow + areas.length + 1);
  setCells(totalRow, [L(lang, '合計', 'Total'), '', ...STANDING_ORDER.map((s) => att.summary[s] ?? 0), total(att.summary)], lang);
  totalRow.font = { bold: true };
  const legend = ws.getRow(headerRow + areas.length + 3);
  setCells(
    legend,
    [
      '',
      L(
        lang,
        '「未回答・未確認」は回答・証跡・検査結果のいずれかが欠けているもので、適合を意味しません。入力ファイルの SHA-256 は証跡シートにあります。',
        '“Open” lacks an answer, evidence or a scan result; it never means compliant. The inputs’ SHA-256 are on the evidence sheet.',
      ),
    ],
    lang,
  );
  legend.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  fitHeight(legend, coverWidths);
}

function evidenceText(control: ControlAttestation, generatedAt: string, evidenceSheet: string, lang: Lang): string {
  const findings = sortFindings(control.code?.findings ?? []);
  const lines = findings.slice(0, FINDINGS_PER_CONTROL).flatMap((f) => findingLines(f, generatedAt, lang, false));
  const more = findings.length - Math.min(findings.length, FINDINGS_PER_CONTROL);
  if (more > 0) lines.push(L(lang, `ほか ${more} 件（${evidenceSheet}シート）`, `and ${more} more (${evidenceSheet} sheet)`));
  lines.push(...documentLines(control, lang));
  return lines.length ? lines.join('\n') : L(lang, 'なし', 'none');
}

function questionsText(control: ControlAttestation, lang: Lang): string {
  if (!control.questions.length) return '—';
  return control.questions.map((q) => [questionHeading(q, lang), ...answerLines(q, lang)].join('\n')).join('\n\n');
}

function areaSheet(wb: Book, att: Attestation, area: AreaAttestation, name: string, evidenceSheet: string, lang: Lang): void {
  const ws = addSheet(wb, name, [1, 2], 2);
  const heading = ws.getRow(1);
  setCells(heading, [areaHeading(area, lang)], lang);
  heading.font = { bold: true, size: 13 };
  const rows = addTable(
    ws,
    2,
    [
      { header: L(lang, '管理策ID', 'Control'), width: 10 },
      { header: L(lang, '管理策名', 'Title'), width: 18 },
      { header: L(lang, '区分', 'Kind'), width: 10 },
      { header: L(lang, '重大度', 'Severity'), width: 8 },
      { header: L(lang, '判定', 'Standing'), width: 12 },
      { header: L(lang, 'コード・稼働環境の検査', 'Code / live check'), width: 18 },
      { header: L(lang, '回答状況', 'Answers'), width: 16 },
      { header: L(lang, '質問と回答', 'Questions and answers'), width: 44 },
      { header: L(lang, '証跡', 'Evidence'), width: 44 },
      { header: L(lang, '未対応事項', 'Open items'), width: 26 },
    ],
    area.controls.map((c) => [
      c.id,
      t(c.title, lang),
      kindLabel(c.kind, lang),
      SEVERITY_LABEL[c.severity][lang],
      standingLabel(c.standing, lang),
      codeStatusText(c, lang),
      answerSummaryText(c, lang),
      questionsText(c, lang),
      evidenceText(c, att.generatedAt, evidenceSheet, lang),
      c.open.length ? c.open.map((o) => `・${t(o, lang)}`).join('\n') : L(lang, 'なし', 'none'),
    ]),
    lang,
  );
  rows.forEach((row, i) => {
    const standing = row.getCell(5);
    standing.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STANDING_FILL[area.controls[i]!.standing] } };
    standing.font = { bold: true };
  });
  if (!area.controls.length) setCells(ws.getRow(4), [L(lang, 'この領域の管理策はありません。', 'This area has no controls.')], lang);
}

function evidenceSheet(wb: Book, att: Attestation, areas: AreaAttestation[], name: string, lang: Lang): void {
  const ws = addSheet(wb, name, [1, 1], 1);
  const kind = {
    finding: L(lang, '検査結果', 'Finding'),
    document: L(lang, '提出資料', 'Document'),
    answers: L(lang, '回答ファイル', 'Answers file'),
    input: L(lang, '入力ファイル', 'Input file'),
  };
  const rows: CellValue[][] = [];
  for (const area of areas) {
    for (const control of area.controls) {
      for (const f of sortFindings(control.code?.findings ?? [])) {
        const notes = findingNotes(f, att.generatedAt, lang);
        rows.push([
          kind.finding,
          area.area,
          control.id,
          STATUS_LABEL[f.status][lang],
          SEVERITY_LABEL[f.severity][lang],
          f.location?.file,
          f.location?.line,
          f.resource.address,
          f.resource.type,
          f.resource.scope,
          t(f.message, lang),
          notes.join('\n') || undefined,
          undefined,
          f.fingerprint,
        ]);
      }
      for (const q of control.questions) {
        for (const doc of q.answer?.evidence ?? []) {
          const sha256 = doc.sha256 ?? (doc.file ? L(lang, '（記録なし）', '(not recorded)') : undefined);
          rows.push([kind.document, area.area, control.id, undefined, undefined, doc.file, undefined, undefined, undefined, q.id, documentText(doc, lang), undefined, sha256]);
        }
      }
    }
  }
  rows.push([kind.answers, undefined, undefined, undefined, undefined, att.answers.file, undefined, undefined, undefined, undefined, undefined, undefined, att.answers.sha256]);
  for (const input of inputRows(att)) {
    rows.push([
      kind.input,
      undefined,
      undefined,
      undefined,
      undefined,
      input.file,
      undefined,
      undefined,
      input.kind,
      scanKindLabel(input.scan.kind, lang),
      undefined,
      undefined,
      input.sha256 ?? L(lang, '（記録なし）', '(not recorded)'),
    ]);
  }
  addTable(
    ws,
    1,
    [
      { header: L(lang, '区分', 'Entry'), width: 10 },
      { header: L(lang, '領域', 'Area'), width: 6 },
      { header: L(lang, '管理策ID', 'Control'), width: 10 },
      { header: L(lang, '結果', 'Result'), width: 10 },
      { header: L(lang, '重大度', 'Severity'), width: 8 },
      { header: L(lang, 'ファイル', 'File'), width: 26 },
      { header: L(lang, '行', 'Line'), width: 6 },
      { header: L(lang, 'リソース', 'Resource'), width: 28 },
      { header: L(lang, '種別', 'Type'), width: 16 },
      { header: L(lang, '範囲・検査・質問', 'Scope / scan / question'), width: 14 },
      { header: L(lang, '内容', 'Message'), width: 36 },
      { header: L(lang, '例外・継承・補足', 'Waiver, inheritance, notes'), width: 32 },
      { header: 'SHA-256', width: 35 },
      { header: L(lang, 'フィンガープリント', 'Fingerprint'), width: 34 },
    ],
    rows,
    lang,
    true,
  );
}

export async function renderXlsx(att: Attestation, lang: Lang): Promise<Buffer> {
  // The streaming writer zips through archiver, which encodes each part whole:
  // the in-memory writer's JSZip encodes 16K-character blocks one by one and
  // breaks a character outside the BMP (𠮷) that straddles two blocks.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(out, 'end');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const built = new Date(att.generatedAt);
  wb.creator = 'kikan';
  wb.lastModifiedBy = 'kikan';
  if (!Number.isNaN(built.getTime())) {
    wb.created = built;
    wb.modified = built;
  }
  wb.title = reportTitle(lang);
  wb.subject = spreadsheetText(`${att.header.municipality.name} ${att.header.system}`, lang);
  wb.description = `${att.tool.name} ${att.tool.version}, catalog ${att.catalog.version}, ${att.format}`;

  const areas = [...att.areas].sort((a, b) => a.area - b.area);
  const name = sheetNamer();
  const summaryName = name(L(lang, '概要', 'Summary'));
  const areaNames = areas.map((a) => name(L(lang, `領域${a.area} ${t(a.title, 'ja')}`, `Area ${a.area} ${t(a.title, 'en')}`)));
  const evidenceName = name(L(lang, '証跡', 'Evidence'));

  summarySheet(wb, att, areas, summaryName, lang);
  areas.forEach((area, i) => areaSheet(wb, att, area, areaNames[i]!, evidenceName, lang));
  evidenceSheet(wb, att, areas, evidenceName, lang);
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
