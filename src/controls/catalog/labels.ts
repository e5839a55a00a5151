// Display names, in Japanese and English, of the catalog's enumerated values.
import type { SourceKind } from '../../readers/native.js';
import { SEVERITY_LABEL, type Lang } from '../../report/lang.js';
import type { Severity } from '../../results/finding.js';
import type { AttestAnswerType, ControlKind, EvidenceRequirement } from './types.js';

type Labels<K extends string> = Record<K, Record<Lang, string>>;

const KIND: Labels<ControlKind> = {
  code: { ja: 'コード', en: 'code' },
  live: { ja: '稼働環境', en: 'live' },
  attest: { ja: '自己申告', en: 'attest' },
};

const INPUT: Labels<SourceKind> = {
  terraform: { ja: 'Terraform', en: 'Terraform' },
  'terraform-plan': { ja: 'Terraform plan', en: 'Terraform plan' },
  cloudformation: { ja: 'CloudFormation', en: 'CloudFormation' },
  arm: { ja: 'ARM テンプレート', en: 'ARM template' },
  'aws-config': { ja: 'AWS Config（稼働環境）', en: 'AWS Config (live)' },
  azure: { ja: 'Azure Resource Manager（稼働環境）', en: 'Azure Resource Manager (live)' },
};

const ANSWER: Labels<AttestAnswerType> = {
  yesno: { ja: 'はい／いいえ', en: 'yes / no' },
  yesno_partial: { ja: 'はい／一部／いいえ', en: 'yes / partial / no' },
  text: { ja: '記述', en: 'text' },
  date: { ja: '日付', en: 'date' },
};

const EVIDENCE: Labels<EvidenceRequirement> = {
  required: { ja: '証跡必須', en: 'evidence required' },
  optional: { ja: '証跡任意', en: 'evidence optional' },
};

const UNIT: Labels<'days'> = {
  days: { ja: '日', en: 'days' },
};

export const kindLabel = (kind: ControlKind, lang: Lang): string => KIND[kind][lang];
export const severityLabel = (severity: Severity, lang: Lang): string => SEVERITY_LABEL[severity][lang];
export const inputLabel = (input: SourceKind, lang: Lang): string => INPUT[input][lang];
export const answerLabel = (answer: AttestAnswerType, lang: Lang): string => ANSWER[answer][lang];
export const evidenceLabel = (evidence: EvidenceRequirement, lang: Lang): string => EVIDENCE[evidence][lang];

/** `365日` / `365 days`. */
export function quantityLabel(value: number, unit: 'days', lang: Lang): string {
  return lang === 'ja' ? `${value}${UNIT[unit].ja}` : `${value} ${UNIT[unit].en}`;
}
