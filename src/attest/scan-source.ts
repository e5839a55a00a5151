// One scan an attestation rests on: run inline by `kikan attest`, or read back
// from the JSON a `kikan scan|scan-aws|scan-azure --format json` wrote. A
// report file is checked against the part of the JSON contract (SPEC §4) the
// attestation reads; a problem names the file, the line and the field.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { UsageError } from '../cli/usage-error.js';
import type { InputRecord, NotScanned } from '../readers/native.js';
import type { Finding } from '../results/finding.js';
import type { Lang } from '../report/lang.js';
import type { ScanEvidence } from './attestation.js';

export interface ScanSource {
  kind: ScanEvidence['kind'];
  scannedAt: string;
  /** `inline`, or the report file as given. */
  source: string;
  findings: Finding[];
  inputs: InputRecord[];
  errors: number;
  notScanned: number;
  /** What the scan could not cover (a remote module not downloaded, a linked template, a macro): named in the open items. */
  unscanned: Unscanned[];
  /** The scan root relative to where attest runs; absent when the report does not say. */
  root?: string;
  catalogVersion?: string;
}

/** What the engine returns for one scan of definitions. */
export interface InlineOutcome {
  findings: Finding[];
  inputs: InputRecord[];
  errors: unknown[];
  notScanned: NotScanned[];
}

export interface Unscanned {
  /** The module call, nested deployment or transform, with the file it is in. */
  what: string;
  /** Why, as the reader said it. */
  detail: string;
}

function unscannedOf(items: readonly unknown[]): Unscanned[] {
  return items.map((n) => {
    const o = (typeof n === 'object' && n !== null ? n : {}) as Partial<NotScanned>;
    const address = typeof o.address === 'string' ? o.address : '?';
    const file = typeof o.loc?.file === 'string' ? o.loc.file : undefined;
    return { what: file ? `${address} (${file})` : address, detail: typeof o.cause?.detail === 'string' ? o.cause.detail : '' };
  });
}

export function inlineSource(o: InlineOutcome, scannedAt: string, catalogVersion: string, root: string): ScanSource {
  return {
    kind: 'iac',
    scannedAt,
    source: 'inline',
    findings: o.findings,
    inputs: o.inputs,
    errors: o.errors.length,
    notScanned: o.notScanned.length,
    unscanned: unscannedOf(o.notScanned),
    root,
    catalogVersion,
  };
}

const STATUSES = ['pass', 'fail', 'unknown', 'not_applicable', 'inherited', 'exception', 'suppressed', 'manual'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const str = { type: 'string' } as const;
const localText = { type: 'object', required: ['ja', 'en'], properties: { ja: str, en: str } } as const;

/** Only what the attestation reads; the report may carry more (the contract grows). */
const reportSchema = {
  type: 'object',
  required: ['tool', 'scannedAt', 'kind', 'findings', 'inputs', 'errors'],
  properties: {
    tool: { type: 'object', required: ['name', 'version'], properties: { name: { const: 'kikan' }, version: str } },
    catalog: { type: 'object', required: ['version'], properties: { version: str } },
    scannedAt: str,
    kind: { enum: ['iac', 'aws', 'azure'] },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['controlId', 'status', 'severity', 'resource', 'message', 'fingerprint'],
        properties: {
          controlId: str,
          status: { enum: STATUSES },
          severity: { enum: SEVERITIES },
          resource: { type: 'object', required: ['address', 'type'], properties: { address: str, type: str, source: str, scope: str, accountWide: { const: true } } },
          location: { type: 'object', required: ['file', 'line'], properties: { file: str, line: { type: 'integer' }, column: { type: 'integer' } } },
          message: str,
          messages: localText,
          fingerprint: str,
          tenant: str,
          inBaseline: { type: 'boolean' },
          waiver: { type: 'object', required: ['reason', 'origin'], properties: { reason: str, approver: str, expires: str, origin: { enum: ['policy', 'inline'] } } },
          inherited: { type: 'object', required: ['evidence'], properties: { evidence: str } },
          unknown: { type: 'array', items: { type: 'object', required: ['inputs'], properties: { inputs: { type: 'array', items: str } } } },
        },
      },
    },
    inputs: { type: 'array', items: { type: 'object', required: ['file', 'kind'], properties: { file: str, kind: str, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } } } },
    errors: { type: 'array' },
    notScanned: { type: 'array' },
  },
} as const;

let validator: ValidateFunction | undefined;

/** A scan report is large but bounded; past this it is not one kikan wrote for one environment. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

interface ReportFinding extends Omit<Finding, 'message'> {
  message: string;
  messages?: Finding['message'];
}

function describe(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.') : 'document';
  switch (e.keyword) {
    case 'required':
      return `${where}: missing "${String(e.params.missingProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${where}: must be ${JSON.stringify(e.params.allowedValue)}`;
    default:
      return `${where}: ${e.message ?? 'invalid'}`;
  }
}

/** Reads `--scan FILE`: a UsageError (exit 2) naming the file, line and field when it is not a kikan JSON report. */
export function readScanReport(file: string, lang: Lang): ScanSource {
  const problem = (line: number | undefined, en: string, ja: string) =>
    new UsageError(`${file}${line ? `:${line}` : ''}: ${lang === 'en' ? en : `${ja} (${en})`}`, '--scan');
  if (!existsSync(file)) throw new UsageError(lang === 'en' ? `--scan: file not found: ${file}` : `--scan: ファイルがありません (file not found: ${file})`, '--scan');
  const stat = statSync(file);
  if (!stat.isFile()) throw problem(undefined, 'not a file', 'ファイルではありません');
  if (stat.size > MAX_REPORT_BYTES) throw problem(undefined, `too large for a scan report (${stat.size} bytes)`, '検査結果のファイルとしては大きすぎます');
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Only a broken file pays for the position-keeping parse.
    const parseErrors: ParseError[] = [];
    parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: true });
    const e = parseErrors[0];
    throw problem(e ? lineOf(e.offset) : 1, `not JSON: ${e ? printParseErrorCode(e.error) : 'empty'}; give the file kikan scan --format json wrote`, 'JSON として読めません。kikan scan --format json の出力を指定します');
  }
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(reportSchema);
  if (!validator(data)) {
    const e = validator.errors![0]!;
    const segments = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const tree = parseTree(text);
    const node = tree ? findNodeAtLocation(tree, segments) : undefined;
    throw problem(node ? lineOf(node.offset) : 1, `not a kikan scan report: ${describe(e)}`, 'kikan の検査結果（JSON）ではありません');
  }
  const r = data as { kind: ScanEvidence['kind']; scannedAt: string; catalog?: { version: string }; findings: ReportFinding[]; inputs: InputRecord[]; errors: unknown[]; notScanned?: unknown[] };
  const findings: Finding[] = r.findings.map(({ messages, message, ...rest }) => ({ ...rest, message: messages ?? { ja: message, en: message } }));
  return {
    kind: r.kind,
    scannedAt: r.scannedAt,
    source: file.split(path.sep).join('/'),
    findings,
    inputs: r.inputs.map((i) => ({ file: i.file, kind: i.kind, ...(i.sha256 ? { sha256: i.sha256 } : {}) })),
    errors: r.errors.length,
    notScanned: r.notScanned?.length ?? 0,
    unscanned: unscannedOf(r.notScanned ?? []),
    ...(r.catalog ? { catalogVersion: r.catalog.version } : {}),
  };
}
