// A pull-request summary in Markdown: counts, then the failures a reviewer
// must look at, then what could not be judged.
import type { Finding } from '../results/finding.js';
import { SEVERITY_ORDER } from '../results/finding.js';
import type { ScanReport } from '../results/report.js';
import type { ReportContext } from './context.js';
import { titleOf } from './context.js';
import { SEVERITY_LABEL, STATUS_LABEL } from './lang.js';
import { UNLOADED_VARS_KIND } from '../readers/native.js';

const MAX_ROWS = 50;

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function where(f: Pick<Finding, 'location'>): string {
  return f.location ? `\`${f.location.file}:${f.location.line}\`` : '';
}

export function renderMarkdown(report: ScanReport, ctx: ReportContext): string {
  const L = ctx.lang;
  const T = (ja: string, en: string) => (L === 'ja' ? ja : en);
  const s = report.summary;
  const out: string[] = [];
  const verdict = s.byStatus.fail > 0 ? T('❌ 不適合があります', '❌ Failures found') : T('✅ 不適合はありません', '✅ No failures');
  out.push(`## kikan ${T('検査結果', 'scan')} — ${verdict}`, '');
  out.push(`| ${T('結果', 'Result')} | ${T('件数', 'Count')} |`, '|---|---:|');
  for (const k of ['fail', 'unknown', 'exception', 'suppressed', 'inherited', 'pass'] as const) {
    out.push(`| ${STATUS_LABEL[k][L]} | ${s.byStatus[k]} |`);
  }
  out.push('');
  const fails = report.findings
    .filter((f) => f.status === 'fail')
    .sort((a, b) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity));
  if (fails.length) {
    out.push(`### ${T('不適合', 'Failures')} (${fails.length})`, '');
    out.push(`| ${T('重大度', 'Severity')} | ${T('管理策', 'Control')} | ${T('リソース', 'Resource')} | ${T('場所', 'Location')} | ${T('内容', 'Message')} |`);
    out.push('|---|---|---|---|---|');
    for (const f of fails.slice(0, MAX_ROWS)) {
      out.push(
        `| ${SEVERITY_LABEL[f.severity][L]} | ${f.controlId} ${md(titleOf(ctx, f.controlId)?.[L] ?? '')} | \`${md(f.resource.address)}\` | ${where(f)} | ${md(f.message[L])} |`,
      );
    }
    if (fails.length > MAX_ROWS) out.push('', T(`ほか ${fails.length - MAX_ROWS} 件（JSON / SARIF を参照）`, `and ${fails.length - MAX_ROWS} more (see the JSON / SARIF)`));
    out.push('');
  }
  const unknowns = report.findings.filter((f) => f.status === 'unknown');
  if (unknowns.length) {
    const inputs = new Map<string, number>();
    for (const f of unknowns) for (const u of f.unknown ?? []) for (const i of u.inputs) inputs.set(i, (inputs.get(i) ?? 0) + 1);
    out.push(`### ${T('判定不能', 'Unknown')} (${unknowns.length})`, '');
    out.push(T('次の入力を与えると判定できます:', 'Supplying these inputs would decide them:'), '');
    for (const [i, n] of [...inputs].sort((a, b) => b[1] - a[1]).slice(0, 20)) out.push(`- \`${md(i)}\` (${n})`);
    out.push('');
    const unloaded = report.inputs.filter((i) => i.kind === UNLOADED_VARS_KIND).map((i) => `\`${md(i.file)}\``);
    if (unloaded.length) {
      const shown = unloaded.slice(0, 10).join(', ') + (unloaded.length > 10 ? T(` ほか ${unloaded.length - 10} 件`, ` and ${unloaded.length - 10} more`) : '');
      out.push(T(`読み込んでいない変数ファイルがあります（\`--var-file\` で指定）: ${shown}`, `Variable files found but not loaded (give them with \`--var-file\`): ${shown}`), '');
    }
  }
  if (report.notScanned.length) {
    out.push(`### ${T('未走査', 'Not scanned')} (${report.notScanned.length})`, '');
    for (const n of report.notScanned.slice(0, MAX_ROWS)) {
      out.push(`- \`${md(n.address)}\` ${where({ location: n.loc })} ${md(n.reason ? n.reason[L] : n.cause.detail)}`);
    }
    if (report.notScanned.length > MAX_ROWS) out.push('', T(`ほか ${report.notScanned.length - MAX_ROWS} 件（JSON の notScanned）`, `and ${report.notScanned.length - MAX_ROWS} more (JSON notScanned)`));
    out.push('');
  }
  const notJudged = report.notJudged ?? [];
  if (notJudged.length) {
    const types = [...notJudged].sort((a, b) => b.count - a.count);
    const named = types.slice(0, 5).map((t) => `\`${md(t.type)}\` ×${t.count}`).join(', ');
    out.push(
      `${T('判定の対象外（管理策が見ないリソース種別）', 'Not judged (resource types no control looks at)')}: ${named}${types.length > 5 ? T(` ほか ${types.length - 5} 種類（JSON の notJudged）`, ` and ${types.length - 5} more (JSON notJudged)`) : ''}`,
      '',
    );
  }
  if (report.errors.length) {
    out.push(`### ${T('読み込みエラー（検査は不完全です）', 'Read errors (the scan is incomplete)')}`, '');
    for (const e of report.errors) out.push(`- \`${md(e.file)}${e.line ? `:${e.line}` : ''}\` ${md(e.message)}`);
    out.push('');
  }
  out.push(`<sub>kikan ${report.tool.version} · ${T('カタログ', 'catalog')} ${report.catalog.version}</sub>`, '');
  return out.join('\n');
}
