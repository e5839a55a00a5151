// Report language: Japanese first, English with `--lang en`.
import type { LocalText, Severity, Status } from '../results/finding.js';

export type Lang = 'ja' | 'en';

export function t(text: LocalText, lang: Lang): string {
  return text[lang];
}

export const STATUS_LABEL: Record<Status, LocalText> = {
  pass: { ja: '適合', en: 'pass' },
  fail: { ja: '不適合', en: 'fail' },
  unknown: { ja: '判定不能', en: 'unknown' },
  not_applicable: { ja: '対象外', en: 'not applicable' },
  inherited: { ja: '継承', en: 'inherited' },
  exception: { ja: '承認済み例外', en: 'approved exception' },
  suppressed: { ja: '除外', en: 'suppressed' },
  manual: { ja: '自己申告', en: 'manual' },
};

export const SEVERITY_LABEL: Record<Severity, LocalText> = {
  critical: { ja: '重大', en: 'critical' },
  high: { ja: '高', en: 'high' },
  medium: { ja: '中', en: 'medium' },
  low: { ja: '低', en: 'low' },
  info: { ja: '情報', en: 'info' },
};

