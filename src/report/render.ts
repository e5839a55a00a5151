// Chooses the reporter for a format name.
import type { ScanReport } from '../results/report.js';
import { renderJson } from './json.js';
import type { Lang, TitleOf } from './lang.js';
import { renderText } from './text.js';

export const REPORT_FORMATS = ['text', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(format: ReportFormat, report: ScanReport, lang: Lang, titleOf: TitleOf): string {
  switch (format) {
    case 'text':
      return renderText(report, lang, titleOf);
    case 'json':
      return renderJson(report, lang, titleOf);
  }
}
