// JSON Schema of kikan.yaml. It fixes the shape (keys, types, required
// fields); what a value means (a real date, a parsable CIDR, a catalog
// control, a segment name) is checked after it by policy-values.ts.
// `additionalProperties: false` everywhere so a misspelt key is an error.

/** A string with something in it: blank reasons and approvers are not accepted. */
const text = { type: 'string', pattern: '\\S' } as const;
const glob = text;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; lapses at the end of that day (JST)' } as const;
const controlId = { type: 'string', pattern: '^LG-\\d+\\.\\d+$' } as const;
const days = { type: 'integer', minimum: 1 } as const;
const stringList = { type: 'array', items: text, uniqueItems: true } as const;

export const NOT_BLANK_PATTERN = text.pattern;
export const DATE_PATTERN = date.pattern;
export const CONTROL_ID_PATTERN = controlId.pattern;
export const WAIVER_CONTROL_PATTERN = '^(LG-\\d+\\.\\d+|\\*)$';

export const policySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: 1 },
    tagKeys: {
      type: 'object',
      additionalProperties: false,
      properties: { segment: text, classification: text, tenant: text, disposal: text },
    },
    thresholds: {
      type: 'object',
      additionalProperties: false,
      properties: {
        logRetentionDays: days,
        backupRetentionDays: days,
        // AWS KMS accepts 7-30 days; a minimum outside it could never be met or would check nothing.
        keyDeletionWindowMinDays: { type: 'integer', minimum: 7, maximum: 30 },
      },
    },
    allowedRegions: { ...stringList, minItems: 1 },
    region: text,
    location: text,
    segments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['segment'],
        properties: { segment: text, address: glob, resourceId: text, cidr: text },
      },
    },
    approvedPaths: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'reason', 'approver', 'expires'],
        properties: {
          id: text,
          segments: { ...stringList, minItems: 1 },
          via: glob,
          domains: stringList,
          serviceTags: stringList,
          reason: text,
          approver: text,
          expires: date,
        },
      },
    },
    inherited: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['control', 'evidence'],
        properties: { control: controlId, evidence: text },
      },
    },
    waivers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['control', 'reason', 'approver', 'expires'],
        properties: {
          control: { type: 'string', pattern: WAIVER_CONTROL_PATTERN },
          address: glob,
          file: glob,
          reason: text,
          approver: text,
          expires: date,
        },
      },
    },
    inlineWaivers: { enum: ['allow', 'forbid'] },
    replication: {
      type: 'object',
      additionalProperties: false,
      required: ['classification'],
      properties: { classification: { type: ['string', 'integer'] } },
    },
  },
} as const;

/** The file as the schema admits it (before the value checks). */
export interface PolicyFile {
  version: 1;
  tagKeys?: { segment?: string; classification?: string; tenant?: string; disposal?: string };
  thresholds?: { logRetentionDays?: number; backupRetentionDays?: number; keyDeletionWindowMinDays?: number };
  allowedRegions?: string[];
  region?: string;
  location?: string;
  segments?: { segment: string; address?: string; resourceId?: string; cidr?: string }[];
  approvedPaths?: {
    id: string;
    segments?: string[];
    via?: string;
    domains?: string[];
    serviceTags?: string[];
    reason: string;
    approver: string;
    expires: string;
  }[];
  inherited?: { control: string; evidence: string }[];
  waivers?: { control: string; address?: string; file?: string; reason: string; approver: string; expires: string }[];
  inlineWaivers?: 'allow' | 'forbid';
  replication?: { classification: string | number };
}
