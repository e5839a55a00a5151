// IAM, KMS key and S3 bucket policy documents: turning what a definition
// wrote (JSON text, a CloudFormation object, or something unknown) into the
// model's policy text, and that text into statements a control can judge.
//
// The model keeps a policy as JSON text (PolicyText). Parts a reader could not
// resolve (a parameter, a resource ARN known only after deployment) are kept
// in that text as a marker object `{"kikan:unknown": {inputs, detail}}`, so a
// statement whose Resource is an unknown ARN can still be judged on its
// Action, and the unknown part still names what the user could supply.
import type { NativeResource } from '../readers/native.js';
import type { UnknownCause, Value } from '../readers/value.js';
import type { Fact } from './fact.js';
import { fact, unknownFact } from './fact.js';
import { causeOf } from './lift-values.js';

export const UNKNOWN_MARKER = 'kikan:unknown';

/** Values of a policy element; `unknowns` holds the members that could not be resolved. */
export interface PolicyList {
  values: string[];
  unknowns: UnknownCause[];
}

/** One principal: `*` (anyone), or a type (`AWS`, `Service`, `Federated`, `CanonicalUser`) with an identifier. */
export interface PolicyPrincipal {
  type: string;
  id: string;
}

export interface PolicyPrincipals {
  entries: PolicyPrincipal[];
  unknowns: UnknownCause[];
}

/** One condition test: operator (`StringEquals`, `Bool`, `ForAnyValue:StringLike` …), key and values. */
export interface PolicyCondition {
  operator: string;
  key: string;
  values: PolicyList;
}

export interface PolicyConditions {
  entries: PolicyCondition[];
  unknowns: UnknownCause[];
}

export interface PolicyStatement {
  /** Position in the Statement list (0-based). */
  index: number;
  sid?: string;
  effect: Fact<'Allow' | 'Deny'>;
  action?: PolicyList;
  notAction?: PolicyList;
  resource?: PolicyList;
  notResource?: PolicyList;
  principal?: PolicyPrincipals;
  notPrincipal?: PolicyPrincipals;
  condition?: PolicyConditions;
}

export interface ParsedPolicy {
  statements: PolicyStatement[];
  /** Statements that could not be read at all (a whole statement from an unknown input). */
  unknownStatements: UnknownCause[];
}

// ---------------------------------------------------------------------------
// Definition value -> policy text

const MAX_DEPTH = 64;

/**
 * The policy text of a definition value: a JSON string as written (jsonencode,
 * a heredoc, a rendered aws_iam_policy_document), or a CloudFormation object
 * serialized with unknown parts marked. Absent or null gives known null; a
 * wholly unknown value gives an unknown fact with its cause.
 */
export function policyTextOf(v: Value | undefined, native: NativeResource, name: string): Fact<string | null> {
  const loc = v?.loc ?? native.loc;
  if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) return fact(null, loc);
  if (v.kind === 'known') {
    if (typeof v.value !== 'string') {
      return unknownFact({ inputs: [], detail: `${name} is not a policy document in ${native.address}` }, loc);
    }
    try {
      JSON.parse(v.value);
    } catch {
      return unknownFact({ inputs: [], detail: `${name} in ${native.address} is not valid JSON` }, loc);
    }
    return fact(v.value, loc);
  }
  if (v.kind === 'unknown' && v.expr !== undefined) {
    const partial = fromPlaceholders(v.expr, v.cause);
    if (partial !== undefined) return fact(partial, loc);
  }
  if (v.kind === 'unknown' || v.kind === 'ref') return unknownFact(causeOf(v, native, name), loc);
  return fact(JSON.stringify(toMarkedJson(v, native, name, 0)), loc);
}

/**
 * Terraform's jsonencode of a partly unknown document keeps its shape, with
 * each unknown part written as a `"${expression}"` placeholder. IAM policy
 * variables look alike but always hold a colon (`${aws:username}`) or are
 * `${*}`, `${?}`, `${$}`, so they stay text.
 */
const PLACEHOLDER = /\$\{([^}:]+)\}/;

function fromPlaceholders(expr: string, cause: UnknownCause): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(expr);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const walk = (x: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) return marker(cause);
    if (typeof x === 'string') {
      const m = PLACEHOLDER.exec(x);
      if (!m || ['*', '?', '$'].includes(m[1])) return x;
      const inputs = cause.inputs.filter((i) => i.startsWith(m[1]));
      return marker({ inputs: inputs.length ? inputs : cause.inputs, detail: `${m[1]} is not known: ${cause.detail}` });
    }
    if (Array.isArray(x)) return x.map((i) => walk(i, depth + 1));
    if (typeof x === 'object' && x !== null) {
      const o: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(x)) o[k] = walk(f, depth + 1);
      return o;
    }
    return x;
  };
  return JSON.stringify(walk(doc, 0));
}

function toMarkedJson(v: Value, native: NativeResource, name: string, depth: number): unknown {
  if (depth > MAX_DEPTH) return marker({ inputs: [], detail: `${name} is nested too deeply` });
  switch (v.kind) {
    case 'known':
      return v.value;
    case 'list':
      return v.items.map((i) => toMarkedJson(i, native, name, depth + 1));
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(v.fields)) o[k] = toMarkedJson(f, native, name, depth + 1);
      return o;
    }
    default:
      return marker(causeOf(v, native, name));
  }
}

function marker(cause: UnknownCause): Record<string, unknown> {
  const c: Record<string, unknown> = { inputs: cause.inputs, detail: cause.detail };
  if (cause.chain) c.chain = cause.chain;
  return { [UNKNOWN_MARKER]: c };
}

// ---------------------------------------------------------------------------
// Policy text -> statements

/** Parses a model policy text; known null stays null (no policy). */
export function parsePolicyDocument(doc: Fact<string | null>): Fact<ParsedPolicy | null> {
  if (!doc.known) return doc;
  if (doc.value === null) return doc.loc ? fact(null, doc.loc) : fact(null);
  const parsed = parsePolicyJson(doc.value);
  if (parsed instanceof Error) return unknownFact({ inputs: [], detail: parsed.message }, doc.loc);
  return doc.loc ? fact(parsed, doc.loc) : fact(parsed);
}

/** Parses policy JSON text; an Error when it is not JSON or has no Statement. */
export function parsePolicyJson(text: string): ParsedPolicy | Error {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return new Error(`policy is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) return new Error('policy is not a JSON object');
  const out: ParsedPolicy = { statements: [], unknownStatements: [] };
  const st = doc.Statement;
  if (st === undefined) return new Error('policy has no Statement');
  const unknownAll = markerCause(st);
  if (unknownAll) {
    out.unknownStatements.push(unknownAll);
    return out;
  }
  const items = Array.isArray(st) ? st : [st];
  items.forEach((item, index) => {
    const c = markerCause(item);
    if (c) out.unknownStatements.push(c);
    else if (isRecord(item)) out.statements.push(statementOf(item, index));
    else out.unknownStatements.push({ inputs: [], detail: `Statement ${index} is not an object` });
  });
  return out;
}

function statementOf(s: Record<string, unknown>, index: number): PolicyStatement {
  const st: PolicyStatement = { index, effect: effectOf(s.Effect) };
  if (typeof s.Sid === 'string') st.sid = s.Sid;
  if (s.Action !== undefined) st.action = listOf(s.Action);
  if (s.NotAction !== undefined) st.notAction = listOf(s.NotAction);
  if (s.Resource !== undefined) st.resource = listOf(s.Resource);
  if (s.NotResource !== undefined) st.notResource = listOf(s.NotResource);
  if (s.Principal !== undefined) st.principal = principalsOf(s.Principal);
  if (s.NotPrincipal !== undefined) st.notPrincipal = principalsOf(s.NotPrincipal);
  if (s.Condition !== undefined) st.condition = conditionsOf(s.Condition);
  return st;
}

function effectOf(x: unknown): Fact<'Allow' | 'Deny'> {
  const c = markerCause(x);
  if (c) return unknownFact(c);
  if (x === 'Allow' || x === 'Deny') return fact(x);
  return unknownFact({ inputs: [], detail: `Effect ${JSON.stringify(x)} is neither Allow nor Deny` });
}

function listOf(x: unknown): PolicyList {
  const out: PolicyList = { values: [], unknowns: [] };
  const c = markerCause(x);
  if (c) {
    out.unknowns.push(c);
    return out;
  }
  for (const item of Array.isArray(x) ? x : [x]) {
    const ic = markerCause(item);
    if (ic) out.unknowns.push(ic);
    else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out.values.push(String(item));
    else if (item !== null) out.unknowns.push({ inputs: [], detail: `unexpected ${JSON.stringify(item)} in a policy list` });
  }
  return out;
}

function principalsOf(x: unknown): PolicyPrincipals {
  const out: PolicyPrincipals = { entries: [], unknowns: [] };
  const c = markerCause(x);
  if (c) {
    out.unknowns.push(c);
    return out;
  }
  if (x === '*') {
    out.entries.push({ type: '*', id: '*' });
    return out;
  }
  if (!isRecord(x)) {
    out.unknowns.push({ inputs: [], detail: `Principal ${JSON.stringify(x)} is not "*" or a map` });
    return out;
  }
  for (const [type, ids] of Object.entries(x)) {
    const l = listOf(ids);
    for (const id of l.values) out.entries.push({ type, id });
    out.unknowns.push(...l.unknowns);
  }
  return out;
}

function conditionsOf(x: unknown): PolicyConditions {
  const out: PolicyConditions = { entries: [], unknowns: [] };
  const c = markerCause(x);
  if (c) {
    out.unknowns.push(c);
    return out;
  }
  if (!isRecord(x)) {
    out.unknowns.push({ inputs: [], detail: 'Condition is not a map' });
    return out;
  }
  for (const [operator, tests] of Object.entries(x)) {
    const tc = markerCause(tests);
    if (tc) {
      out.unknowns.push(tc);
      continue;
    }
    if (!isRecord(tests)) {
      out.unknowns.push({ inputs: [], detail: `Condition ${operator} is not a map` });
      continue;
    }
    for (const [key, values] of Object.entries(tests)) out.entries.push({ operator, key, values: listOf(values) });
  }
  return out;
}

function markerCause(x: unknown): UnknownCause | undefined {
  if (!isRecord(x) || !(UNKNOWN_MARKER in x)) return undefined;
  const m = x[UNKNOWN_MARKER];
  if (!isRecord(m)) return { inputs: [], detail: 'unknown policy part' };
  const cause: UnknownCause = {
    inputs: Array.isArray(m.inputs) ? m.inputs.filter((i): i is string => typeof i === 'string') : [],
    detail: typeof m.detail === 'string' ? m.detail : 'unknown policy part',
  };
  if (Array.isArray(m.chain)) cause.chain = m.chain.filter((i): i is string => typeof i === 'string');
  return cause;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ---------------------------------------------------------------------------
// Matching

/** IAM wildcard match (`*`, `?`), case-insensitive as IAM compares actions. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  // Iterative glob match: linear in practice, no regex built from input.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * Whether a list matches a value: true when a known member matches, false
 * when none does and nothing is unknown, else the causes of the unknowns.
 */
export function listMatches(list: PolicyList, value: string): boolean | UnknownCause[] {
  if (list.values.some((p) => wildcardMatches(p, value))) return true;
  return list.unknowns.length ? list.unknowns : false;
}

/**
 * Whether the statement's Action/NotAction covers an action: true, false, or
 * the causes that keep it open. A statement with neither covers nothing.
 */
export function statementCoversAction(st: PolicyStatement, action: string): boolean | UnknownCause[] {
  if (st.action) return listMatches(st.action, action);
  if (st.notAction) {
    const m = listMatches(st.notAction, action);
    return m === true ? false : m === false ? true : m;
  }
  return false;
}

/** The statement names anyone: `Principal: "*"` or `{"AWS": "*"}`. */
export function principalIsEveryone(p: PolicyPrincipals | undefined): boolean {
  return !!p?.entries.some((e) => (e.type === '*' || e.type === 'AWS') && e.id === '*');
}
