// JSON Schema of the attestation answers file (the YAML the vendor keeps
// beside the code). It fixes the shape; what a value means (a question of the
// catalog, an answer of the question's type, a real date) is checked after it
// by answers.ts. Header fields may be left empty: `kikan attest init` writes
// them so, and the documents show them as not given.
import { DATE_PATTERN, NOT_BLANK_PATTERN } from '../policy/schema.js';

const text = { type: 'string', pattern: NOT_BLANK_PATTERN } as const;
/** A header field the vendor may not have filled in yet. */
const optionalText = { type: ['string', 'null'] } as const;
const date = { type: 'string', pattern: DATE_PATTERN } as const;
const optionalDate = { type: ['string', 'null'], pattern: DATE_PATTERN } as const;

const municipality = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: optionalText,
    /** 全国地方公共団体コード: six digits with the check digit. */
    code: optionalText,
    /** The value of the tenant tag (lg:tenant) that marks this municipality's resources. */
    tenant: text,
  },
} as const;

const evidence = {
  type: 'object',
  additionalProperties: false,
  required: ['document'],
  properties: {
    document: text,
    date,
    url: { type: 'string', pattern: '^https?://\\S+$' },
    file: text,
  },
} as const;

export const answersSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'answers'],
  properties: {
    version: { const: 1 },
    vendor: {
      type: 'object',
      additionalProperties: false,
      properties: { name: optionalText, code: optionalText },
    },
    system: optionalText,
    municipality,
    municipalities: { type: 'array', minItems: 1, items: municipality },
    period: {
      type: 'object',
      additionalProperties: false,
      properties: { from: optionalDate, to: optionalDate },
    },
    signer: {
      type: 'object',
      additionalProperties: false,
      properties: { name: optionalText, title: optionalText },
    },
    answers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          // Checked against the catalog afterwards, with a suggestion for a misspelt one.
          id: text,
          // yes/no/partial/na, free text or a date, per the question; empty while unanswered.
          answer: { type: ['string', 'null'] },
          explanation: { type: ['string', 'null'] },
          evidence: { type: ['array', 'null'], items: evidence },
        },
      },
    },
  },
} as const;

export interface MunicipalityEntry {
  name?: string | null;
  code?: string | null;
  tenant?: string;
}

export interface EvidenceEntry {
  document: string;
  date?: string;
  url?: string;
  file?: string;
}

export interface AnswerItem {
  id: string;
  answer?: string | null;
  explanation?: string | null;
  evidence?: EvidenceEntry[] | null;
}

/** The file once it passed the schema. */
export interface AnswersDocument {
  version: 1;
  vendor?: { name?: string | null; code?: string | null };
  system?: string | null;
  municipality?: MunicipalityEntry;
  municipalities?: MunicipalityEntry[];
  period?: { from?: string | null; to?: string | null };
  signer?: { name?: string | null; title?: string | null };
  answers: AnswerItem[];
}
