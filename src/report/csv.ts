// CSV for spreadsheets: UTF-8 with a byte order mark so Excel reads the Japanese.
import type { ScanReport } from '../results/report.js';
import type { ReportContext } from './context.js';
import { titleOf } from './context.js';
import { SEVERITY_LABEL, STATUS_LABEL } from './lang.js';

function cell(v: string | number | undefined): string {
  let s = v === undefined ? '' : String(v);
  // A leading = + - @ would make a spreadsheet evaluate the cell as a formula.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(report: ScanReport, ctx: ReportContext): string {
  const L = ctx.lang;
  const header =
    L === 'ja'
      ? ['管理策', '名称', '結果', '重大度', 'リソース', '種類', '入力', 'ファイル', '行', '内容', '指紋']
      : ['control', 'title', 'status', 'severity', 'resource', 'type', 'source', 'file', 'line', 'message', 'fingerprint'];
  const rows = report.findings.map((f) =>
    [
      f.controlId,
      titleOf(ctx, f.controlId)?.[L],
      STATUS_LABEL[f.status][L],
      SEVERITY_LABEL[f.severity][L],
      f.resource.address,
      f.resource.type,
      f.resource.source,
      f.location?.file,
      f.location?.line,
      f.message[L],
      f.fingerprint,
    ]
      .map(cell)
      .join(','),
  );
  return '\uFEFF' + [header.join(','), ...rows].join('\r\n') + '\r\n';
}
