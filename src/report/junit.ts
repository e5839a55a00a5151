// JUnit XML for CI test tabs: one suite per control, one case per finding;
// failures fail, unknowns are skipped with the missing input named.
import type { Finding } from '../results/finding.js';
import type { ScanReport } from '../results/report.js';
import type { ReportContext } from './context.js';
import { titleOf } from './context.js';
import { naturalCompare } from './natural-order.js';

function xml(s: string): string {
  // Characters XML 1.0 cannot carry are dropped; the rest escaped.
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function place(f: Finding): string {
  return f.location ? `${f.location.file}:${f.location.line}` : (f.resource.scope ?? '');
}

export function renderJunit(report: ScanReport, ctx: ReportContext): string {
  const L = ctx.lang;
  const byControl = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.status === 'not_applicable') continue;
    const list = byControl.get(f.controlId) ?? [];
    list.push(f);
    byControl.set(f.controlId, list);
  }
  const ids = [...byControl.keys()].sort(naturalCompare);
  const total = ids.reduce((n, id) => n + byControl.get(id)!.length, 0);
  const failures = report.findings.filter((f) => f.status === 'fail').length;
  const skipped = report.findings.filter((f) => f.status === 'unknown').length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kikan" tests="${total}" failures="${failures}" errors="${report.errors.length}" skipped="${skipped}">`,
  ];
  for (const id of ids) {
    const list = byControl.get(id)!;
    const title = titleOf(ctx, id)?.[L] ?? '';
    out.push(
      `  <testsuite name="${xml(`${id} ${title}`.trim())}" tests="${list.length}" failures="${list.filter((f) => f.status === 'fail').length}" skipped="${list.filter((f) => f.status === 'unknown').length}">`,
    );
    for (const f of list) {
      out.push(`    <testcase classname="${xml(id)}" name="${xml(f.resource.address)}" file="${xml(f.location?.file ?? '')}">`);
      const msg = `${f.message[L]} (${place(f)})`;
      if (f.status === 'fail') out.push(`      <failure type="${f.severity}" message="${xml(msg)}">${xml(JSON.stringify(f.evidence))}</failure>`);
      else if (f.status === 'unknown') {
        const inputs = (f.unknown ?? []).flatMap((u) => u.inputs).join(', ');
        out.push(`      <skipped message="${xml(`${msg}${inputs ? ` — ${inputs}` : ''}`)}"/>`);
      } else out.push(`      <system-out>${xml(`${f.status}: ${msg}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  if (report.errors.length) {
    out.push(`  <testsuite name="read errors" tests="${report.errors.length}" errors="${report.errors.length}">`);
    for (const e of report.errors) {
      out.push(`    <testcase classname="input" name="${xml(e.file)}"><error message="${xml(`${e.file}${e.line ? `:${e.line}` : ''} ${e.message}`)}"/></testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
