// Chooses the reporter for a format name.
import type { ScanReport } from '../results/report.js';
import type { ReportContext } from './context.js';
import { renderCsv } from './csv.js';
import { renderJson, renderJsonChunks } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Record<ReportFormat, (r: ScanReport, ctx: ReportContext) => string> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  csv: renderCsv,
};

export function renderReport(format: ReportFormat, report: ScanReport, ctx: ReportContext): string {
  return RENDERERS[format](report, ctx);
}

/** The report in pieces to write one after another; JSON streams finding by finding. */
export function renderReportChunks(format: ReportFormat, report: ScanReport, ctx: ReportContext): Iterable<string> {
  return format === 'json' ? renderJsonChunks(report, ctx) : [renderReport(format, report, ctx)];
}
