// The JSON contract of SPEC §4. It may grow, never shrink.
import type { ScanReport } from '../results/report.js';
import type { ReportContext } from './context.js';
import { titleOf } from './context.js';

type Doc = Record<string, unknown>;

function findingDoc(f: ScanReport['findings'][number], ctx: ReportContext): Doc {
  const lang = ctx.lang;
  return {
    controlId: f.controlId,
    title: titleOf(ctx, f.controlId)?.[lang],
    status: f.status,
    severity: f.severity,
    resource: f.resource,
    ...(f.location ? { location: f.location } : {}),
    message: f.message[lang],
    messages: f.message,
    evidence: f.evidence,
    ...(f.unknown ? { unknown: f.unknown } : {}),
    ...(f.waiver ? { waiver: f.waiver } : {}),
    ...(f.inherited ? { inherited: f.inherited } : {}),
    fingerprint: f.fingerprint,
    ...(f.inBaseline ? { inBaseline: true } : {}),
    ...(f.tenant !== undefined ? { tenant: f.tenant } : {}),
  };
}

/**
 * `value` as JSON.stringify(…, null, 2) writes it `depth` levels down. It is stringified inside `depth`
 * one-element arrays whose brackets are then cut off, so JSON.stringify does the indenting: a large report
 * is mostly this, and re-indenting every line afterwards doubled its cost.
 */
function nested(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let d = 0; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Level d (1-based) opens with `[`, a newline and 2d spaces; it closes with a newline, 2(d-1) spaces and `]`.
  const opening = depth * depth + 3 * depth;
  const closing = depth * depth + depth;
  return text.slice(opening, text.length - closing);
}

/**
 * The report as JSON.stringify(doc, null, 2) would write it, in pieces: a
 * large estate has over a hundred thousand findings, and one string of them
 * all (twice, for stdout and a file) costs hundreds of megabytes.
 */
export function* renderJsonChunks(report: ScanReport, ctx: ReportContext): Generator<string> {
  const head: Doc = { tool: report.tool, catalog: report.catalog, scannedAt: report.scannedAt, kind: report.kind };
  const tail: Doc = {
    inputs: report.inputs,
    errors: report.errors,
    notScanned: report.notScanned,
    ...(report.notJudged ? { notJudged: report.notJudged } : {}),
    summary: report.summary,
  };
  yield '{\n';
  for (const [k, v] of Object.entries(head)) yield `  ${JSON.stringify(k)}: ${nested(v, 1)},\n`;
  if (report.findings.length === 0) yield '  "findings": [],\n';
  else {
    yield '  "findings": [\n';
    for (const [i, f] of report.findings.entries()) {
      yield `    ${nested(findingDoc(f, ctx), 2)}${i < report.findings.length - 1 ? ',' : ''}\n`;
    }
    yield '  ],\n';
  }
  const entries = Object.entries(tail);
  for (const [i, [k, v]] of entries.entries()) yield `  ${JSON.stringify(k)}: ${nested(v, 1)}${i < entries.length - 1 ? ',' : ''}\n`;
  yield '}\n';
}

export function renderJson(report: ScanReport, ctx: ReportContext): string {
  return [...renderJsonChunks(report, ctx)].join('');
}
