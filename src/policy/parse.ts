// Reads the text of a policy file into a Policy: YAML syntax, then the schema,
// then the values; every problem found is reported at once, each with its
// line and column, and nothing is returned half-valid.
import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ControlKind } from '../controls/catalog/types.js';
import type { SourceLoc } from '../readers/value.js';
import type { LocalText } from '../results/finding.js';
import { parseClassification } from './classification.js';
import { PolicyError, type PolicyProblem } from './policy-error.js';
import { checkValues } from './policy-values.js';
import { policySchema, type PolicyFile } from './schema.js';
import { SchemaMessages, type SchemaProblem } from './schema-messages.js';
import { CLOSED_SEGMENTS, defaultPolicy, parseSegment, type Policy, type Segment } from './types.js';
import { YamlLocator, type TextPosition } from './yaml-locator.js';

export interface PolicyText {
  text: string;
  /** The file as messages name it. */
  displayFile: string;
  /** The file relative to the scan root, for the source locations kept in the Policy. */
  locFile: string;
  /** Catalog control IDs and their kinds. */
  controls: ReadonlyMap<string, ControlKind>;
}

/** Aliases expand on reading; a bound keeps a few lines of YAML from growing into gigabytes. */
const MAX_ALIAS_COUNT = 100;

let validator: ValidateFunction | undefined;

function validate(data: unknown): ValidateFunction['errors'] {
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(policySchema);
  return validator(data) ? [] : validator.errors;
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: '同じキーが 2 回書かれています',
  TAB_AS_INDENT: 'インデントにタブは使えません（空白で字下げします）',
  TAG_RESOLVE_FAILED: 'YAML のタグ（! で始まるもの）は使えません',
  MULTIPLE_DOCS: 'ドキュメントは 1 つだけ書きます（--- で区切らない）',
};

function yamlProblem(e: YAMLError, file: string): PolicyProblem {
  const at = e.linePos?.[0];
  // The first line of the message without its own " at line N, column M:".
  const detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return {
    file,
    line: at?.line ?? 1,
    column: at?.col ?? 1,
    message: { ja: YAML_MESSAGES[e.code] ?? 'YAML の書き方が正しくありません', en: `invalid YAML: ${detail}` },
  };
}

/** `waivers[0].expires` for the path `waivers/0/expires`. */
function subjectOf(path: readonly string[]): string | undefined {
  let out = '';
  for (const s of path) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out || undefined;
}

function byPosition(a: PolicyProblem, b: PolicyProblem): number {
  return a.line - b.line || a.column - b.column;
}

export function parsePolicy(input: PolicyText): Policy {
  const file = input.displayFile;
  const fail = (problems: PolicyProblem[]): never => {
    const seen = new Set<string>();
    const unique = problems.filter((p) => {
      const k = `${p.line}:${p.column}:${p.message.en}`;
      return !seen.has(k) && (seen.add(k), true);
    });
    throw new PolicyError(unique.sort(byPosition));
  };
  const at = (pos: TextPosition, message: LocalText, subject?: string): PolicyProblem => ({
    file,
    line: pos.line,
    column: pos.column,
    ...(subject ? { subject } : {}),
    message,
  });

  const lineCounter = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length > 0) fail(syntax.map((e) => yamlProblem(e, file)));

  const locator = new YamlLocator(doc, lineCounter);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    fail([at({ line: 1, column: 1 }, { ja: 'YAML を読めません（エイリアスの展開が多すぎます）', en: `cannot read the YAML: ${(e as Error).message}` })]);
  }
  if (data === null || data === undefined) {
    fail([at({ line: 1, column: 1 }, { ja: 'ポリシーファイルが空です（version: 1 から書きます）', en: 'the policy file is empty; start it with "version: 1"' })]);
  }

  const messages = new SchemaMessages(policySchema, [...input.controls.keys()]);
  const found: SchemaProblem[] = [...(validate(data) ?? []).map((e) => messages.describe(e)), ...checkValues(data, { controls: input.controls })];
  if (found.length > 0) {
    fail(
      found.map((p) =>
        p.key !== undefined ? at(locator.key(p.path, p.key), p.message, subjectOf(p.path)) : at(locator.value(p.path), p.message, subjectOf(p.path)),
      ),
    );
  }
  const policy = toPolicy(data as PolicyFile, (path) => {
    const pos = locator.value(path);
    return { file: input.locFile, line: pos.line, column: pos.column };
  }, input.locFile);
  policy.fileSha256 = createHash('sha256').update(input.text, 'utf8').digest('hex');
  return policy;
}

/** The validated file over kikan's defaults; list entries keep where they are written. */
function toPolicy(f: PolicyFile, locOf: (path: string[]) => SourceLoc, file: string): Policy {
  const base = defaultPolicy();
  const segment = (s: string): Segment => parseSegment(s)!;
  const policy: Policy = {
    tagKeys: { ...base.tagKeys, ...f.tagKeys },
    thresholds: { ...base.thresholds, ...f.thresholds },
    allowedRegions: f.allowedRegions ?? base.allowedRegions,
    selectors: (f.segments ?? []).map((s, i) => ({
      segment: segment(s.segment),
      ...(s.address !== undefined ? { address: s.address } : {}),
      ...(s.resourceId !== undefined ? { resourceId: s.resourceId } : {}),
      ...(s.cidr !== undefined ? { cidr: s.cidr.trim() } : {}),
      loc: locOf(['segments', String(i)]),
    })),
    approvedPaths: (f.approvedPaths ?? []).map((p, i) => ({
      id: p.id,
      segments: p.segments ? [...new Set(p.segments.map(segment))] : [...CLOSED_SEGMENTS],
      ...(p.via !== undefined ? { via: p.via } : {}),
      domains: p.domains ?? [],
      serviceTags: p.serviceTags ?? [],
      reason: p.reason,
      approver: p.approver,
      expires: p.expires,
      loc: locOf(['approvedPaths', String(i)]),
    })),
    inherited: (f.inherited ?? []).map((c, i) => ({ controlId: c.control, evidence: c.evidence, loc: locOf(['inherited', String(i)]) })),
    waivers: (f.waivers ?? []).map((w, i) => ({
      controlId: w.control,
      ...(w.address !== undefined ? { address: w.address } : {}),
      // `./legacy/**` means what `legacy/**` means: locations carry no `./`.
      ...(w.file !== undefined ? { file: w.file.replace(/^(\.\/)+/, '') } : {}),
      reason: w.reason,
      approver: w.approver,
      expires: w.expires,
      loc: locOf(['waivers', String(i)]),
      origin: 'policy' as const,
    })),
    allowInlineWaivers: f.inlineWaivers !== 'forbid',
    file,
  };
  const region = f.region ?? f.location;
  if (region !== undefined) policy.region = region;
  if (f.replication) policy.crossRegionClassification = String(parseClassification(f.replication.classification));
  return policy;
}
