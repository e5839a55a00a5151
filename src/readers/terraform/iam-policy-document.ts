// `data "aws_iam_policy_document"` is rendered by Terraform itself, without
// calling AWS, so its `json` is known whenever its statements are. This
// follows the AWS provider's rendering: statement blocks, principals,
// conditions, single values as strings, source and override documents.
import { known, type ObjectValue, type SourceLoc, type UnknownCause, type Value } from '../value.js';
import { causeOf } from './unknown-cause.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/**
 * The model's policy text marks a part no one can know yet (an ARN known
 * after apply, an unset variable) in place, so the rest of the statement can
 * still be judged (src/model/policy-document.ts reads it).
 */
const UNKNOWN_MARKER = 'kikan:unknown';

/** The `json` and `minified_json` attributes, unknown parts marked in place. */
export function renderPolicyDocument(config: ObjectValue, loc: SourceLoc): { json: Value; minified: Value } {
  const doc: { [k: string]: Json } = {};
  doc.Version = part(field(config, 'version')) ?? '2012-10-17';
  const id = part(field(config, 'policy_id'));
  if (id !== undefined) doc.Id = id;

  let statements: Json[] = [];
  for (const source of [...items(field(config, 'source_policy_documents')), ...optional(field(config, 'source_json'))]) {
    statements = mergeBySid(statements, parsedStatements(source), false);
  }
  statements = mergeBySid(statements, items(field(config, 'statement')).map(statementOf), true);
  for (const override of [...items(field(config, 'override_policy_documents')), ...optional(field(config, 'override_json'))]) {
    statements = mergeBySid(statements, parsedStatements(override), true);
  }
  doc.Statement = statements;
  return { json: known(JSON.stringify(doc, null, 2), loc), minified: known(JSON.stringify(doc), loc) };
}

/**
 * `text` keeps the expression as written (`arn:aws:iam::${data…account_id}:root`):
 * the model reads its literal parts, so a principal known in part is not taken for anyone.
 */
function marker(cause: UnknownCause, text?: string): Json {
  const c: { [k: string]: Json } = { inputs: cause.inputs, detail: cause.detail };
  if (cause.chain) c.chain = cause.chain;
  if (text !== undefined) c.text = text;
  return { [UNKNOWN_MARKER]: c };
}

function field(o: Value | undefined, name: string): Value | undefined {
  if (!o || o.kind !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(o.fields, name) ? o.fields[name] : undefined;
}

function items(v: Value | undefined): Value[] {
  if (!v) return [];
  if (v.kind === 'list') return v.items;
  if (v.kind === 'known' && v.value === null) return [];
  return [v];
}

function optional(v: Value | undefined): Value[] {
  return v && !(v.kind === 'known' && (v.value === null || v.value === '')) ? [v] : [];
}

/** A string part, or the marker of why it is not known. */
function part(v: Value | undefined): Json | undefined {
  if (!v || (v.kind === 'known' && v.value === null)) return undefined;
  if (v.kind === 'known') return String(v.value);
  return marker(causeOf(v, 'policy document'), v.kind === 'unknown' ? v.expr : undefined);
}

function parts(v: Value | undefined): Json[] {
  if (v && v.kind !== 'list' && v.kind !== 'known') return [marker(causeOf(v, 'policy document'))];
  return items(v).flatMap((i) => part(i) ?? []);
}

/** The provider writes one value as a string and several in reverse-sorted order. */
function oneOrMany(values: Json[]): Json {
  if (values.length === 1) return values[0]!;
  const texts = [...new Set(values.filter((v): v is string => typeof v === 'string'))].sort().reverse();
  return [...texts, ...values.filter((v) => typeof v !== 'string')];
}

function statementOf(v: Value): Json {
  if (v.kind !== 'object') return marker(causeOf(v, 'policy statement'));
  const s: { [k: string]: Json } = {};
  const sid = part(field(v, 'sid'));
  if (sid) s.Sid = sid;
  s.Effect = part(field(v, 'effect')) ?? 'Allow';
  const lists: [string, string][] = [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ];
  for (const [attr, key] of lists) {
    const values = parts(field(v, attr));
    if (values.length) s[key] = oneOrMany(values);
  }
  const principals = principalsOf(field(v, 'principals'));
  if (principals !== undefined) s.Principal = principals;
  const notPrincipals = principalsOf(field(v, 'not_principals'));
  if (notPrincipals !== undefined) s.NotPrincipal = notPrincipals;
  const conditions = conditionsOf(field(v, 'condition'));
  if (conditions !== undefined) s.Condition = conditions;
  return s;
}

function principalsOf(v: Value | undefined): Json | undefined {
  const blocks = items(v);
  if (blocks.length === 0) return undefined;
  const byType = new Map<string, Json[]>();
  const unknownBlocks: Json[] = [];
  for (const b of blocks) {
    const type = b.kind === 'object' ? part(field(b, 'type')) : undefined;
    if (typeof type !== 'string') {
      unknownBlocks.push(marker(causeOf(b.kind === 'object' ? (field(b, 'type') ?? b) : b, 'principals')));
      continue;
    }
    byType.set(type, [...(byType.get(type) ?? []), ...parts(field(b, 'identifiers'))]);
  }
  if (unknownBlocks.length) return unknownBlocks[0];
  const star = byType.get('*');
  if (byType.size === 1 && star && star.length === 1 && star[0] === '*') return '*';
  const out: { [k: string]: Json } = {};
  for (const [type, ids] of byType) out[type] = oneOrMany(ids);
  return out;
}

function conditionsOf(v: Value | undefined): Json | undefined {
  const blocks = items(v);
  if (blocks.length === 0) return undefined;
  const byTest = new Map<string, Map<string, Json[]>>();
  for (const b of blocks) {
    const test = b.kind === 'object' ? part(field(b, 'test')) : undefined;
    const variable = b.kind === 'object' ? part(field(b, 'variable')) : undefined;
    if (typeof test !== 'string' || typeof variable !== 'string') return marker(causeOf(b, 'condition'));
    const byVar = byTest.get(test) ?? new Map<string, Json[]>();
    byVar.set(variable, [...(byVar.get(variable) ?? []), ...parts(field(b, 'values'))]);
    byTest.set(test, byVar);
  }
  const out: { [k: string]: Json } = {};
  for (const [test, byVar] of byTest) {
    const vars: { [k: string]: Json } = {};
    for (const [variable, values] of byVar) vars[variable] = oneOrMany(values);
    out[test] = vars;
  }
  return out;
}

/** Statements of a source or override document given as a JSON string. */
function parsedStatements(v: Value): Json[] {
  if (v.kind !== 'known' || typeof v.value !== 'string') return [marker(causeOf(v, 'source or override policy document'))];
  try {
    const doc = JSON.parse(v.value) as { Statement?: unknown };
    const st = doc?.Statement;
    const list = Array.isArray(st) ? st : st && typeof st === 'object' ? [st] : [];
    return list.filter((s): s is { [k: string]: Json } => !!s && typeof s === 'object' && !Array.isArray(s));
  } catch {
    return [marker({ inputs: [], detail: 'error: a source or override policy document is not valid JSON' })];
  }
}

/**
 * Statements with a Sid replace the earlier statement of the same Sid (when
 * `replace`; else the first is kept); others are appended.
 */
function mergeBySid(base: Json[], more: Json[], replace: boolean): Json[] {
  const out = [...base];
  for (const s of more) {
    const sid = sidOf(s);
    const i = sid === undefined ? -1 : out.findIndex((o) => sidOf(o) === sid);
    if (i < 0) out.push(s);
    else if (replace) out[i] = s;
  }
  return out;
}

function sidOf(s: Json): string | undefined {
  return s && typeof s === 'object' && !Array.isArray(s) && typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined;
}
