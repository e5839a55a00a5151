// JSON Schemas of controls/catalog.yaml and controls/LG-*.yaml. Every object
// is closed (additionalProperties: false) so a misspelt key is an error, not
// a silently missing field. Cross-file rules live in load.ts.
import type { SourceKind } from '../../readers/native.js';

/** At least one kana or kanji: catches English text put under `ja`. */
const JAPANESE = '[\\u3040-\\u30ff\\u3400-\\u9fff]';

const localizedText = {
  type: 'object',
  additionalProperties: false,
  required: ['ja', 'en'],
  properties: {
    ja: { type: 'string', minLength: 1, pattern: JAPANESE },
    en: { type: 'string', minLength: 1 },
  },
} as const;

const policySection = { type: 'string', pattern: '^[1-9](\\.[1-9][0-9]*)*$' } as const;

export const SOURCE_KINDS = [
  'terraform',
  'terraform-plan',
  'cloudformation',
  'arm',
  'aws-config',
  'azure',
] as const satisfies readonly SourceKind[];

export const controlSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'kind',
    'area',
    'policySection',
    'severity',
    'title',
    'rationale',
    'remediation',
    'checks',
    'refs',
    'inputs',
  ],
  properties: {
    id: { type: 'string', pattern: '^LG-[1-8]\\.[1-9][0-9]*$' },
    kind: { enum: ['code', 'live', 'attest'] },
    area: { type: 'integer', minimum: 1, maximum: 8 },
    policySection,
    severity: { enum: ['critical', 'high', 'medium', 'low', 'info'] },
    title: localizedText,
    rationale: localizedText,
    remediation: localizedText,
    checks: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { common: localizedText, aws: localizedText, azure: localizedText },
    },
    refs: {
      type: 'object',
      additionalProperties: false,
      required: ['jisq27017', 'guideline'],
      properties: {
        jisq27017: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { type: 'string', pattern: '^(CLD\\.)?[0-9]+\\.[0-9]+\\.[0-9]+$' },
        },
        guideline: { type: 'string', minLength: 1, pattern: JAPANESE },
      },
    },
    inputs: { type: 'array', uniqueItems: true, items: { enum: SOURCE_KINDS } },
    thresholds: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[a-z][A-Za-z0-9]*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['default', 'unit', 'note'],
        properties: {
          default: { type: 'number', exclusiveMinimum: 0 },
          unit: { enum: ['days'] },
          note: localizedText,
        },
      },
    },
    attest: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'text', 'answer', 'evidence', 'help'],
        properties: {
          id: { type: 'string', pattern: '^LG-[1-8]\\.[1-9][0-9]*\\.q[1-9][0-9]*$' },
          text: localizedText,
          answer: { enum: ['yesno', 'yesno_partial', 'text', 'date'] },
          evidence: { enum: ['required', 'optional'] },
          help: localizedText,
        },
      },
    },
  },
} as const;

export const catalogMetaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['catalogVersion', 'source', 'policySections', 'areas'],
  properties: {
    catalogVersion: {
      type: 'string',
      pattern: '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$',
    },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'version', 'extends', 'cloudStandard', 'note'],
      properties: {
        title: localizedText,
        version: { type: 'string', minLength: 1 },
        extends: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'basis'],
          properties: { title: localizedText, basis: { type: 'string', minLength: 1 } },
        },
        cloudStandard: { type: 'string', minLength: 1 },
        note: localizedText,
      },
    },
    policySections: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['section', 'title'],
        properties: { section: policySection, title: localizedText },
      },
    },
    areas: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['area', 'title', 'policySection', 'headings'],
        properties: {
          area: { type: 'integer', minimum: 1, maximum: 8 },
          title: localizedText,
          policySection,
          headings: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, pattern: JAPANESE } },
        },
      },
    },
  },
} as const;
