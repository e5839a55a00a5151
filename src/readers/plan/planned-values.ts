// Turns a planned `after` value and its `after_unknown` tree into reader
// values: a part known only after apply is an unknown (or a ref, when the
// configuration says which resource it comes from), never absent.
import type { SourceLoc, Value } from '../value.js';
import { known, list, obj } from '../value.js';
import { expressionAt, referencesOf } from './configuration.js';
import { isObject, type Json, type JsonObject } from './plan-shape.js';
import { afterApplyValue, perElementReferences, type ReferenceContext } from './references.js';

export interface ValueContext {
  refs: ReferenceContext;
  /** The resource's configuration block, for the references of each expression. */
  config: JsonObject | undefined;
  /** Where a top-level attribute is written (its `.tf` line), else the resource's location. */
  locOf: (attribute: string) => SourceLoc;
}

// Deeper nesting than any provider schema; beyond it values are cut, so a hostile plan cannot exhaust the stack.
const MAX_VALUE_DEPTH = 64;

export function plannedAttributes(after: Json | undefined, afterUnknown: Json | undefined, afterSensitive: Json | undefined, ctx: ValueContext) {
  const fields: Record<string, Value> = Object.create(null);
  const a = isObject(after) ? after : {};
  const u = isObject(afterUnknown) ? afterUnknown : {};
  const sens = isObject(afterSensitive) ? afterSensitive : {};
  for (const key of unionKeys(a, u)) {
    const unk = has(u, key) ? u[key] : undefined;
    // A whole collection known only after apply: `after_sensitive` still shows it is a list.
    if (unk === true && Array.isArray(has(sens, key) ? sens[key] : undefined)) {
      fields[key] = unknownCollection([key], ctx.locOf(key), ctx);
      continue;
    }
    const v = build(has(a, key) ? a[key] : undefined, unk, [key], ctx.locOf(key), ctx);
    if (v) fields[key] = v;
  }
  return obj(fields);
}

function build(after: Json | undefined, unk: Json | undefined, at: (string | number)[], loc: SourceLoc, ctx: ValueContext): Value | undefined {
  if (unk === true) return afterApply(at, loc, ctx);
  if (after === undefined) return undefined;
  if (at.length > MAX_VALUE_DEPTH) return known(null, loc);
  if (Array.isArray(after) || Array.isArray(unk)) {
    const items = Array.isArray(after) ? after : [];
    const unks = Array.isArray(unk) ? unk : [];
    const n = Math.max(items.length, unks.length);
    const perElement = listReferences(at, unks, n, ctx);
    const out: Value[] = [];
    for (let i = 0; i < n; i++) {
      if (perElement && unks[i] === true) out.push(afterApplyValue(ctx.refs, pathText([...at, i]), perElement[i]!, loc));
      else out.push(build(items[i] ?? null, unks[i], [...at, i], loc, ctx) ?? known(null, loc));
    }
    return list(out, loc);
  }
  if (isObject(after) || isObject(unk)) {
    const a = isObject(after) ? after : {};
    const u = isObject(unk) ? unk : {};
    const fields: Record<string, Value> = Object.create(null);
    for (const key of unionKeys(a, u)) {
      const v = build(has(a, key) ? a[key] : undefined, has(u, key) ? u[key] : undefined, [...at, key], loc, ctx);
      if (v) fields[key] = v;
    }
    return obj(fields, loc);
  }
  return known(after as string | number | boolean | null, loc);
}

function afterApply(at: (string | number)[], loc: SourceLoc, ctx: ValueContext): Value {
  return afterApplyValue(ctx.refs, pathText(at), referencesOf(expressionAt(ctx.config, at)), loc);
}

/**
 * `vpc_security_group_ids = [aws_security_group.app.id]` before apply: a list
 * of refs when every reference names one single target, else unknown.
 */
function unknownCollection(at: (string | number)[], loc: SourceLoc, ctx: ValueContext): Value {
  const refs = referencesOf(expressionAt(ctx.config, at));
  const groups = refs.length ? perElementReferences(refs, countResources(refs)) : undefined;
  if (groups) {
    const items = groups.map((g, i) => afterApplyValue(ctx.refs, pathText([...at, i]), g, loc));
    if (items.every((v) => v.kind === 'ref')) return list(items, loc);
  }
  return afterApply(at, loc, ctx);
}

function countResources(refs: string[]): number {
  return new Set(refs.map((r) => r.split(/[.[]/).slice(0, 2).join('.'))).size;
}

/** For a list whose unknown elements each come from one written reference. */
function listReferences(at: (string | number)[], unks: Json[], n: number, ctx: ValueContext): string[][] | undefined {
  if (n < 2 || !unks.some((x) => x === true)) return undefined;
  const refs = referencesOf(expressionAt(ctx.config, at));
  return refs.length ? perElementReferences(refs, n) : undefined;
}

function pathText(at: (string | number)[]): string {
  let s = '';
  for (const step of at) s += typeof step === 'number' ? `[${step}]` : s ? `.${step}` : step;
  return s;
}

function has(o: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function unionKeys(a: JsonObject, u: JsonObject): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(u)) if (!has(a, k) && u[k] !== false) keys.push(k);
  return keys;
}
