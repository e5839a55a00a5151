// The words the attestation documents use for its enumerated values, in
// Japanese and English. Unanswered or unchecked is never worded as compliant.
import type { AnswerValue, CodeStatus, ControlStanding, QuestionStatus, ScanEvidence } from '../attestation.js';
import type { Lang } from '../../report/lang.js';
import { STATUS_LABEL } from '../../report/lang.js';

type Labels<K extends string> = Record<K, Record<Lang, string>>;

/** Order of standings in every summary: the ones a reviewer acts on first. */
export const STANDING_ORDER: readonly ControlStanding[] = ['non_compliant', 'partial', 'open', 'compliant', 'not_applicable'];

const STANDING: Labels<ControlStanding> = {
  compliant: { ja: '適合', en: 'compliant' },
  non_compliant: { ja: '不適合', en: 'non-compliant' },
  partial: { ja: '一部適合', en: 'partly compliant' },
  open: { ja: '未回答・未確認', en: 'open (unanswered or unchecked)' },
  not_applicable: { ja: '対象外', en: 'not applicable' },
};

const QUESTION_STATUS: Labels<QuestionStatus> = {
  compliant: { ja: '適合', en: 'compliant' },
  partial: { ja: '一部適合', en: 'partly compliant' },
  non_compliant: { ja: '不適合', en: 'non-compliant' },
  not_applicable: { ja: '対象外', en: 'not applicable' },
  open: { ja: '未回答・未確認', en: 'open' },
};

// A code status is a finding status (worded as every report words it), or "no scan result".
const { manual: _answersOnly, ...FINDING_STATUS } = STATUS_LABEL;
const CODE_STATUS: Labels<CodeStatus> = {
  ...FINDING_STATUS,
  not_run: { ja: '未検査（該当する検査結果なし）', en: 'not run (no scan result for it)' },
};

const ANSWER_VALUE: Labels<AnswerValue> = {
  yes: { ja: 'はい', en: 'yes' },
  no: { ja: 'いいえ', en: 'no' },
  partial: { ja: '一部', en: 'partly' },
  na: { ja: '該当なし', en: 'not applicable' },
};

const SCAN_KIND: Labels<ScanEvidence['kind']> = {
  iac: { ja: 'IaC（コード）', en: 'IaC (code)' },
  aws: { ja: 'AWS 稼働環境', en: 'AWS live' },
  azure: { ja: 'Azure 稼働環境', en: 'Azure live' },
};

export const standingLabel = (standing: ControlStanding, lang: Lang): string => STANDING[standing][lang];
export const questionStatusLabel = (status: QuestionStatus, lang: Lang): string => QUESTION_STATUS[status][lang];
export const codeStatusLabel = (status: CodeStatus, lang: Lang): string => CODE_STATUS[status][lang];
export const scanKindLabel = (kind: ScanEvidence['kind'], lang: Lang): string => SCAN_KIND[kind][lang];

/** yes/no/partial/na in words; free text and dates as written. */
export function answerValueLabel(value: string, lang: Lang): string {
  return Object.hasOwn(ANSWER_VALUE, value) ? ANSWER_VALUE[value as AnswerValue][lang] : value;
}
