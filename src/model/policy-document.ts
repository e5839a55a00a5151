// IAM, KMS key and S3 bucket policy documents: turning what a definition
// wrote (JSON text, a CloudFormation object, or something unknown) into the
// model's policy text, and that text into statements a control can judge.
//
// The model keeps a policy as JSON text (PolicyText). Parts a reader could not
// resolve (a parameter, a resource ARN known only after deployment) are kept
// in that text as a marker object `{"kikan:unknown": {inputs, detail}}`, so a
// statement whose Resource is an unknown ARN can still be judged on its
// Action, and the unknown part still names what the user could supply. A
// string known in part keeps its text in the marker (`text`:
// `arn:aws:iam::${AWS::AccountId}:root`), so a reader can tell that it is an
// account root and not `*` while it stays unknown to readers that do not look.
import type { NativeResource } from '../readers/native.js';
import type { UnknownCause, Value } from '../readers/value.js';
import type { Fact } from './fact.js';
import { fact, unknownFact } from './fact.js';
import { causeOf } from './lift-values.js';

export const UNKNOWN_MARKER = 'kikan:unknown';

/**
 * One piece of a partly known string: literal text, or an unknown part as written (`AWS::AccountId`);
 * `arn` marks a resource's ARN attribute, whatever it holds begins with `arn:`.
 */
export type PartialPiece = { text: string } | { unknown: string; accountId: boolean; arn?: true };

/** A string known in part: literal text around unknown parts. */
export interface PartialString {
  /** As written, each unknown part as `${…}`. */
  text: string;
  pieces: PartialPiece[];
  cause: UnknownCause;
}

/**
 * Values of a policy element; `unknowns` holds the members that could not be
 * resolved. Members known in part are in `partials` and, with the same cause
 * object, in `unknowns`, so a reader that ignores known parts stays cautious.
 */
export interface PolicyList {
  values: string[];
  unknowns: UnknownCause[];
  partials?: PartialString[];
}

/** One principal: `*` (anyone), or a type (`AWS`, `Service`, `Federated`, `CanonicalUser`) with an identifier. */
export interface PolicyPrincipal {
  type: string;
  id: string;
}

export interface PolicyPrincipals {
  entries: PolicyPrincipal[];
  unknowns: UnknownCause[];
  /** Principals known in part; their causes are in `unknowns` too. */
  partials?: { type: string; value: PartialString }[];
  /** Every unknown member written under a type (`{"AWS": <unknown>}`), with its cause as in `unknowns`. */
  typed?: { type: string; cause: UnknownCause }[];
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
const PLACEHOLDER = /\$\{([^}:]+)\}/g;

/** The inputs of the cause that a placeholder names (`data.aws_caller_identity.current` for `….account_id`). */
function inputsOf(names: string[], cause: UnknownCause): string[] {
  const own = cause.inputs.filter((i) =>
    names.some((n) => i.startsWith(n) || n.startsWith(`${i}.`) || n.startsWith(`${i}[`)),
  );
  return own.length ? own : cause.inputs;
}

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
      const names = [...x.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !['*', '?', '$'].includes(n));
      if (!names.length) return x;
      const own = { inputs: inputsOf(names, cause), detail: `${names.join(', ')} not known: ${cause.detail}` };
      return marker(own, x);
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
    case 'unknown':
      return marker(causeOf(v, native, name), v.expr);
    case 'ref':
      // Written as the attribute it reads, so that a resource's ARN is known to be an ARN (never `*`).
      return marker(causeOf(v, native, name), `\${${v.target.split('#').pop()}.${v.attribute}}`);
    default:
      return marker(causeOf(v, native, name));
  }
}

/** The marker of an unknown part; `text` is kept when it reads as a string known in part. */
function marker(cause: UnknownCause, text?: string): Record<string, unknown> {
  const c: Record<string, unknown> = { inputs: cause.inputs, detail: cause.detail };
  if (cause.chain) c.chain = cause.chain;
  if (text !== undefined && partialOf(text, cause)) c.text = text;
  return { [UNKNOWN_MARKER]: c };
}

// ---------------------------------------------------------------------------
// Strings known in part

/**
 * Unknown parts that are the deploying account's own ID: CloudFormation's
 * pseudo parameter and Terraform's caller identity. An account ID is twelve
 * digits, which tells `${AWS::AccountId}` apart from `*`.
 */
const ACCOUNT_ID_PART = /^(AWS::AccountId|data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id)$/;

/**
 * Unknown parts that are a resource's own ARN attribute: CloudFormation's `Fn::GetAtt X.Arn` (X may sit in a
 * nested stack, `Stack/X`) and Terraform's `aws_….name.arn`. A CDK bucket policy names its auto-delete
 * handler's role this way; an ARN is never the `*` that opens a policy to anyone.
 */
const ARN_PART = /^([A-Za-z0-9]+\/)*[A-Za-z0-9]+\.Arn$|^(data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?\.arn$/;

/**
 * Literal text that an expression's display could hold but a plain string
 * template never does: quotes, brackets, parentheses, blanks (function calls,
 * conditionals, CloudFormation's `[Join …]`), and Terraform directives.
 */
const NOT_LITERAL = /["'()[\]{}\s]|%\{/;

/**
 * Reads `text` as literal text with `${…}` unknown parts. Undefined when it
 * has no unknown part, when its literal text looks like expression syntax
 * (the display of an expression rather than of a template), or when it is a
 * lone unknown part that could be anything.
 */
export function partialOf(text: string, cause: UnknownCause): PartialString | undefined {
  const pieces: PartialPiece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('${', i)) {
      let depth = 1;
      let j = i + 2;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
      }
      if (depth > 0) return undefined;
      if (literal) pieces.push({ text: literal });
      literal = '';
      const unknown = text.slice(i + 2, j - 1).trim();
      pieces.push(ARN_PART.test(unknown) ? { unknown, accountId: false, arn: true } : { unknown, accountId: ACCOUNT_ID_PART.test(unknown) });
      i = j;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal) pieces.push({ text: literal });
  const unknowns = pieces.filter((p) => 'unknown' in p);
  const texts = pieces.filter((p): p is { text: string } => 'text' in p);
  if (!unknowns.length || texts.some((p) => NOT_LITERAL.test(p.text))) return undefined;
  if (!texts.length && !unknowns.every((p) => p.accountId || p.arn)) return undefined;
  return { text, pieces, cause };
}

/** A wildcard pattern every possible value of the string matches: unknown parts as `*`, an account ID as 12 `?`. */
export function partialPattern(p: PartialString): string {
  return p.pieces.map((x) => ('text' in x ? x.text : x.accountId ? '?'.repeat(12) : x.arn ? 'arn:*' : '*')).join('');
}

/**
 * Whether some value of the string matches the wildcard pattern `glob`
 * (its unknown parts may hold anything): false only when its known parts
 * rule every match out.
 */
export function partialCouldMatch(p: PartialString, glob: string): boolean {
  const own = p.pieces.map((x) => ('text' in x ? x.text : x.accountId ? DIGIT.repeat(12) : x.arn ? 'arn:*' : '*')).join('');
  return globsIntersect(own.toLowerCase(), glob.toLowerCase());
}

/** In globsIntersect's first pattern: one decimal digit (an account ID is twelve). */
const DIGIT = '\u0001';

function charsMeet(x: string, y: string): boolean {
  if (x === '?' || y === '?' || x === y) return true;
  return (x === DIGIT && y >= '0' && y <= '9') || (y === DIGIT && x >= '0' && x <= '9');
}

/** Whether one string matches both wildcard patterns: a table over positions, no regex built from input. */
function globsIntersect(a: string, b: string): boolean {
  const w = b.length + 1;
  // can[i * w + j]: some string matches both a[i..] and b[j..].
  const can = new Uint8Array((a.length + 1) * w);
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      let ok: boolean;
      if (i === a.length && j === b.length) ok = true;
      else if (i < a.length && a[i] === '*') ok = can[(i + 1) * w + j] === 1 || (j < b.length && can[i * w + j + 1] === 1);
      else if (j < b.length && b[j] === '*') ok = can[i * w + j + 1] === 1 || (i < a.length && can[(i + 1) * w + j] === 1);
      else ok = i < a.length && j < b.length && charsMeet(a[i]!, b[j]!) && can[(i + 1) * w + j + 1] === 1;
      can[i * w + j] = ok ? 1 : 0;
    }
  }
  return can[0] === 1;
}

/**
 * The string's shape for a control to test with a regular expression:
 * literal text as is, an account ID part as `\u0001`, an ARN attribute as `arn:\u0000`, any other unknown part as `\u0000`.
 */
export function partialShape(p: PartialString): string {
  return p.pieces.map((x) => ('text' in x ? x.text : x.accountId ? '\u0001' : x.arn ? 'arn:\u0000' : '\u0000')).join('');
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
  for (const item of Array.isArray(x) ? x : [x]) {
    const ic = markerCause(item);
    if (ic) {
      out.unknowns.push(ic);
      const partial = markerPartial(item, ic);
      if (partial) (out.partials ??= []).push(partial);
    } else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out.values.push(String(item));
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
    for (const cause of l.unknowns) (out.typed ??= []).push({ type, cause });
    for (const value of l.partials ?? []) (out.partials ??= []).push({ type, value });
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

function markerPartial(x: unknown, cause: UnknownCause): PartialString | undefined {
  const m = isRecord(x) ? x[UNKNOWN_MARKER] : undefined;
  return isRecord(m) && typeof m.text === 'string' ? partialOf(m.text, cause) : undefined;
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
  // A member known in part that cannot match, whatever its unknown parts hold, is left out.
  const ruledOut = (list.partials ?? []).filter((p) => !wildcardMatches(partialPattern(p), value)).map((p) => p.cause);
  const open = list.unknowns.filter((c) => !ruledOut.includes(c));
  return open.length ? open : false;
}

/** The unknowns of a list that are not known in part. */
export function opaqueUnknowns(list: PolicyList): UnknownCause[] {
  return list.unknowns.filter((c) => !list.partials?.some((p) => p.cause === c));
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

/**
 * Why the principals might still name anyone: the unknown ones, except those
 * whose known parts rule out `*` (`arn:aws:iam::${AWS::AccountId}:root`, or a
 * service or federated principal, which is never anyone).
 */
export function principalEveryoneCauses(p: PolicyPrincipals | undefined): UnknownCause[] {
  if (!p) return [];
  // Principal ARNs take no wildcards: only the text "*" itself is anyone.
  const closed = (p.partials ?? [])
    .filter((x) => !((x.type === 'AWS' || x.type === '*') && wildcardMatches(partialPattern(x.value), '*')))
    .map((x) => x.value.cause);
  return p.unknowns.filter((c) => !closed.includes(c));
}
