// The JSON contract of SPEC §4. It may grow, never shrink.
import type { ScanReport } from '../results/report.js';
import type { ReportContext } from './context.js';
import { titleOf } from './context.js';

export function renderJson(report: ScanReport, ctx: ReportContext): string {
  const lang = ctx.lang;
  const doc = {
    tool: report.tool,
    catalog: report.catalog,
    scannedAt: report.scannedAt,
    kind: report.kind,
    findings: report.findings.map((f) => ({
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
    })),
    inputs: report.inputs,
    errors: report.errors,
    notScanned: report.notScanned,
    summary: report.summary,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
