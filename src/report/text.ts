// The human report: failures and unknowns first, then a count of the rest.
import type { Finding } from '../results/finding.js';
import { SEVERITY_ORDER } from '../results/finding.js';
import type { ScanReport } from '../results/report.js';
import type { ReportContext } from './context.js';
import { titleOf } from './context.js';
import { SEVERITY_LABEL, STATUS_LABEL, t } from './lang.js';
import { UNLOADED_VARS_KIND } from '../readers/native.js';
import { naturalCompare } from './natural-order.js';

/** The most frequent types the text report names; the JSON lists all. */
const NOT_JUDGED_SHOWN = 10;

function where(f: Finding): string {
  return f.location ? `${f.location.file}:${f.location.line}` : (f.resource.scope ?? '');
}

function bySeverityThenPlace(a: Finding, b: Finding): number {
  const s = SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity);
  if (s !== 0) return s;
  if (a.controlId !== b.controlId) return naturalCompare(a.controlId, b.controlId);
  return naturalCompare(where(a), where(b));
}

function pathText(f: Finding): string | undefined {
  const p = f.evidence['path'];
  if (!Array.isArray(p)) return undefined;
  const names = p.map((h) => (typeof h === 'object' && h && 'address' in h ? String((h as { address: unknown }).address) : String(h)));
  // A route written inline on its table names the table twice in a row: show it once.
  return names.filter((n, i) => n !== names[i - 1]).join(' → ');
}

/** An input kind for the summary line: its format, without the file it was linked from; kinds in words are translated. */
function inputKindLabel(kind: string, lang: 'ja' | 'en'): string {
  if (kind === UNLOADED_VARS_KIND) return lang === 'ja' ? 'terraform-vars（未指定）' : 'terraform-vars (not given)';
  if (kind === 'not a definition') return lang === 'ja' ? '定義以外' : kind;
  return kind.replace(/ \(.*\)$/, '');
}

export function renderText(report: ScanReport, ctx: ReportContext): string {
  const lang = ctx.lang;
  const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const out: string[] = [];
  const s = report.summary;
  out.push(`kikan ${report.tool.version} — ${L('標準準拠システム クラウドセキュリティ検査', 'cloud security scan for standard-compliant systems')}`);
  const kinds = new Map<string, number>();
  for (const i of report.inputs) {
    const k = inputKindLabel(i.kind, lang);
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  out.push(
    `${L('入力', 'Inputs')}: ${report.inputs.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || '-'})` +
      `  ${L('読み込みエラー', 'Read errors')}: ${report.errors.length}`,
  );
  const unloaded = report.inputs.filter((i) => i.kind === UNLOADED_VARS_KIND).map((i) => i.file);
  if (unloaded.length) {
    const shown = unloaded.slice(0, 5).join(', ') + (unloaded.length > 5 ? L(` ほか ${unloaded.length - 5} 件`, ` and ${unloaded.length - 5} more`) : '');
    out.push(L(`読み込んでいない変数ファイル（--var-file で指定）: ${shown}`, `Variable files not loaded (give them with --var-file): ${shown}`));
  }
  const order = ['fail', 'unknown', 'exception', 'suppressed', 'inherited', 'pass', 'not_applicable', 'manual'] as const;
  out.push(
    `${L('結果', 'Results')}: ` +
      order.filter((k) => s.byStatus[k] > 0).map((k) => `${t(STATUS_LABEL[k], lang)} ${s.byStatus[k]}`).join(' / '),
  );

  const section = (status: 'fail' | 'unknown' | 'exception' | 'suppressed', heading: string) => {
    const list = report.findings.filter((f) => f.status === status).sort(bySeverityThenPlace);
    if (list.length === 0) return;
    out.push('', `■ ${heading} (${list.length})`);
    for (const f of list) {
      const title = titleOf(ctx, f.controlId);
      out.push(`[${t(SEVERITY_LABEL[f.severity], lang)}] ${f.controlId} ${title ? t(title, lang) : ''}`.trimEnd());
      out.push(`  ${f.resource.address}  ${where(f)}`);
      out.push(`  ${t(f.message, lang)}`);
      const p = pathText(f);
      if (p) out.push(`  ${L('経路', 'Path')}: ${p}`);
      for (const u of f.unknown ?? []) {
        if (u.inputs.length) out.push(`  ${L('必要な入力', 'Supply')}: ${u.inputs.join(', ')}${u.chain?.length ? ` (${u.chain.join(' ← ')})` : ''}`);
      }
      if (f.waiver) {
        out.push(`  ${L('除外理由', 'Waiver')}: ${f.waiver.reason || '-'}${f.waiver.rejected ? ` [${L('無効', 'rejected')}]` : ''}`);
      }
    }
  };
  section('fail', L('不適合', 'Failures'));
  section('unknown', L('判定不能（入力が不足）', 'Unknown (missing input)'));
  section('exception', L('承認済み例外', 'Approved exceptions'));
  section('suppressed', L('除外', 'Suppressed'));

  if (report.notScanned.length) {
    out.push('', `■ ${L('未走査', 'Not scanned')} (${report.notScanned.length})`);
    for (const n of report.notScanned) {
      out.push(`  ${n.address}  ${n.loc.file}:${n.loc.line}  ${n.reason ? t(n.reason, lang) : n.cause.detail}`);
      if (!n.reason && lang === 'ja' && n.cause.inputs.length) out.push(`  必要な入力: ${n.cause.inputs.join(', ')}`);
    }
  }
  const notJudged = report.notJudged ?? [];
  if (notJudged.length) {
    const resources = notJudged.reduce((n, t) => n + t.count, 0);
    out.push('', `■ ${L('判定の対象外（管理策が見ないリソース種別）', 'Not judged (resource types no control looks at)')}: ${notJudged.length} ${L('種類', 'types')}, ${resources} ${L('件', 'resources')}`);
    const shown = [...notJudged].sort((a, b) => b.count - a.count).slice(0, NOT_JUDGED_SHOWN);
    for (const t of shown) out.push(`  ${t.type} ×${t.count}  (${t.first.address}${t.first.location ? `  ${t.first.location.file}:${t.first.location.line}` : ''})`);
    if (notJudged.length > shown.length) out.push(`  ${L(`ほか ${notJudged.length - shown.length} 種類（JSON の notJudged に全件）`, `and ${notJudged.length - shown.length} more types (all in the JSON notJudged)`)}`);
  }
  if (report.errors.length) {
    out.push('', `■ ${L('読み込みエラー（検査は不完全です）', 'Read errors (the scan is incomplete)')} (${report.errors.length})`);
    for (const e of report.errors) out.push(`  ${e.file}${e.line ? `:${e.line}` : ''}  ${e.message}`);
  }
  out.push('');
  return out.join('\n');
}
