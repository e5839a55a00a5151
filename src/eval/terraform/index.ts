// Public API of the Terraform expression evaluator. Nothing here throws:
// a syntax or type error, an unknown function, or an expression beyond the
// safety limits becomes an UnknownValue whose detail starts with `error:`
// and whose inputs are empty (see isEvalError).
import type { Value } from '../../readers/value.js';
import { known, list } from '../../readers/value.js';
import type { TemplateNode, TfNode } from './ast.js';
import { errorValue, isEvalError, thrownMessage, TfLimitError } from './errors.js';
import { evaluate, newContext } from './evaluator.js';
import { MAX_JSON_DEPTH } from './limits.js';
import { parseExpressionSource, parseTemplateSource } from './parser.js';
import { collectReferences } from './references.js';
import type { TfScope } from './scope.js';
import { isUnknownish, unknownFrom } from './unknowns.js';

export type { TfScope } from './scope.js';
export type { TfNode, TemplateNode } from './ast.js';
export { isEvalError };

export type ParseResult = { ok: true; node: TfNode } | { ok: false; error: string };

/** Parsed templates by source: count/for_each instances evaluate the same strings many times. */
const templateCache = new Map<string, TemplateNode>();
const CACHE_LIMIT = 10_000;
/** Longer strings are parsed every time, so the cache stays small. */
const CACHED_LENGTH = 4_000;

function parseCached(s: string): TemplateNode {
  const hit = templateCache.get(s);
  if (hit) return hit;
  const node = parseTemplateSource(s);
  if (s.length > CACHED_LENGTH) return node;
  if (templateCache.size >= CACHE_LIMIT) templateCache.clear();
  templateCache.set(s, node);
  return node;
}

/** Parse HCL expression source as written in a .tf file (`merge(local.tags, {…})`). */
export function parseTfExpression(src: string): ParseResult {
  try {
    return { ok: true, node: parseExpressionSource(src) };
  } catch (e) {
    return { ok: false, error: safeMessage(e) };
  }
}

/** Parse a string value as @cdktf/hcl2json hands it over (`"${var.x}"`, `"a-${var.y}"`, plain text). */
export function parseTfTemplate(s: string): ParseResult {
  try {
    return { ok: true, node: parseCached(s) };
  } catch (e) {
    return { ok: false, error: safeMessage(e) };
  }
}

function safeMessage(e: unknown): string {
  return thrownMessage(e);
}

/** Evaluate a parsed node; every failure becomes an error value. */
export function evaluateTfNode(node: TfNode, scope: TfScope): Value {
  try {
    return evaluate(node, newContext(scope));
  } catch (e) {
    return errorValue(safeMessage(e), scope.loc, node.text);
  }
}

/**
 * Evaluate a hcl2json string: plain text stays a string, one whole `${expr}`
 * yields the expression's own value, a mix yields a string.
 */
export function evaluateTfString(s: string, scope: TfScope): Value {
  const parsed = parseTfTemplate(s);
  if (!parsed.ok) return errorValue(parsed.error, scope.loc, s);
  return evaluateTfNode(parsed.node, scope);
}

/** Evaluate HCL expression source as written in a .tf file. */
export function evaluateTfExpression(src: string, scope: TfScope): Value {
  const parsed = parseTfExpression(src);
  if (!parsed.ok) return errorValue(parsed.error, scope.loc, src);
  return evaluateTfNode(parsed.node, scope);
}

/**
 * Evaluate a hcl2json JSON subtree: every string (object keys included) is a
 * template, numbers, bools and null are literals. An object key that is
 * unknown makes that object unknown (no key of it can be relied on).
 */
export function evaluateTfJson(x: unknown, scope: TfScope): Value {
  return walkJson(x, scope, 0);
}

function walkJson(x: unknown, scope: TfScope, depth: number): Value {
  if (depth > MAX_JSON_DEPTH) return errorValue(new TfLimitError(`value nested deeper than ${MAX_JSON_DEPTH} levels`).message, scope.loc);
  if (typeof x === 'string') return evaluateTfString(x, scope);
  if (x === null || typeof x === 'number' || typeof x === 'boolean') return known(x, scope.loc);
  if (Array.isArray(x)) {
    return list(
      x.map((i) => walkJson(i, scope, depth + 1)),
      scope.loc,
    );
  }
  if (typeof x === 'object') {
    const fields: Record<string, Value> = Object.create(null);
    const unknownKeys: Value[] = [];
    for (const [rawKey, v] of Object.entries(x as Record<string, unknown>)) {
      let key = rawKey;
      if (/[$%]\{/.test(rawKey)) {
        const k = evaluateTfString(rawKey, scope);
        if (isUnknownish(k)) {
          unknownKeys.push(k);
          continue;
        }
        if (k.kind !== 'known' || k.value === null) {
          return errorValue(`object key ${JSON.stringify(rawKey)} is not a string`, scope.loc, rawKey);
        }
        key = String(k.value);
      }
      fields[key] = walkJson(v, scope, depth + 1);
    }
    if (unknownKeys.length > 0) return unknownFrom(unknownKeys, scope.loc);
    return { kind: 'object', fields, loc: scope.loc };
  }
  return errorValue(`unsupported JSON value of type ${typeof x}`, scope.loc);
}

/**
 * The references in a hcl2json string, as static traversals:
 * ['var','x'], ['aws_vpc','main','id'], ['module','net','subnet_ids'];
 * an index ends a traversal (`aws_instance.web[0].id` gives
 * ['aws_instance','web']). Empty when the string does not parse.
 */
export function referencesOf(s: string | TfNode): string[][] {
  const out: string[][] = [];
  if (typeof s !== 'string') {
    collectReferences(s, out);
    return out;
  }
  const parsed = parseTfTemplate(s);
  if (parsed.ok) collectReferences(parsed.node, out);
  return out;
}

/** The references in every string of a hcl2json JSON subtree (keys included). */
export function referencesOfJson(x: unknown): string[][] {
  const out: string[][] = [];
  const stack: unknown[] = [x];
  while (stack.length > 0) {
    const cur = stack.pop();
    if (typeof cur === 'string') {
      if (!/[$%]\{/.test(cur)) continue;
      const parsed = parseTfTemplate(cur);
      if (parsed.ok) collectReferences(parsed.node, out);
    } else if (Array.isArray(cur)) {
      stack.push(...cur);
    } else if (cur !== null && typeof cur === 'object') {
      for (const [k, v] of Object.entries(cur)) stack.push(k, v);
    }
  }
  return out;
}
