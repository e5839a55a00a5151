// Evaluate a block body into an ObjectValue: attributes with the line each is
// written on (down to literal object keys and tuple elements), nested blocks
// as lists of objects, `dynamic` blocks expanded where they are written.
import { list, obj, unknown, type ObjectValue, type SourceLoc, type Value } from '../value.js';
import { blocksOf, isRecord, type AttrConfig, type BlockConfig } from './config-body.js';
import type { LocatedExpr } from './locate.js';
import { evalJson, exprText, type Env } from './tf-eval.js';
import { causeOf } from './unknown-cause.js';

/** An environment with extra names (count, each, a dynamic iterator) over another. */
export function extendEnv(base: Env, names: Record<string, Value>): Env {
  const env: Env = {
    lookup: (name) => (Object.prototype.hasOwnProperty.call(names, name) ? names[name] : base.lookup(name)),
  };
  if (base.readFile) env.readFile = (p) => base.readFile!(p);
  return env;
}

/** One attribute, located as precisely as the scanner allows. */
export function evaluateAttr(attr: AttrConfig, env: Env): Value {
  return relocate(evaluateLocated(attr.json, attr.located, attr.loc, env), attr.loc);
}

function evaluateLocated(json: unknown, located: LocatedExpr | undefined, loc: SourceLoc, env: Env): Value {
  if (isRecord(json) && located?.object && !Object.keys(json).some((k) => k.includes('${'))) {
    const byKey = new Map(located.object.map((i) => [i.key, i]));
    const fields: Record<string, Value> = Object.create(null);
    for (const [k, v] of Object.entries(json)) {
      const item = byKey.get(k);
      const itemLoc = item ? { file: loc.file, line: item.line, column: item.column } : loc;
      fields[k] = relocate(evaluateLocated(v, item?.value, itemLoc, env), itemLoc);
    }
    const order = new Map(located.object.map((i, n) => [i.key, n]));
    const sorted = Object.keys(fields).sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
    return obj(Object.fromEntries(sorted.map((k) => [k, fields[k]!])), loc);
  }
  if (Array.isArray(json) && located?.tuple && located.tuple.length === json.length) {
    return list(
      json.map((v, i) => {
        const at = located.tuple![i]!;
        const itemLoc = { file: loc.file, line: at.line, column: at.column };
        return relocate(evaluateLocated(v, at, itemLoc, env), itemLoc);
      }),
      loc,
    );
  }
  return evalJson(json, env, loc);
}

/** The value placed at `loc` (a shallow copy; the inner parts keep where they came from). */
export function relocate(v: Value, loc: SourceLoc): Value {
  if (v.loc && v.loc.file === loc.file && v.loc.line === loc.line) return v;
  return { ...v, loc };
}

export interface BodyOptions {
  /** Attribute and block names that are meta-arguments, not part of the result. */
  skip?: ReadonlySet<string>;
}

/** Attributes and nested blocks of a block, in source order. */
export function evaluateBody(block: BlockConfig, env: Env, options: BodyOptions = {}): ObjectValue {
  const skip = options.skip ?? new Set<string>();
  const entries: { line: number; name: string; value: Value }[] = [];
  for (const attr of block.attrs) {
    if (skip.has(attr.name)) continue;
    entries.push({ line: attr.loc.line, name: attr.name, value: evaluateAttr(attr, env) });
  }
  const nested = new Map<string, { line: number; items: Value[]; loc: SourceLoc }>();
  for (const b of block.blocks) {
    const name = b.type === 'dynamic' ? (b.labels[0] ?? '') : b.type;
    if (!name || skip.has(name)) continue;
    const items = b.type === 'dynamic' ? expandDynamic(b, env) : [evaluateBody(b, env)];
    const group = nested.get(name);
    if (group) group.items.push(...items);
    else nested.set(name, { line: b.loc.line, items, loc: b.loc });
  }
  for (const [name, g] of nested) entries.push({ line: g.line, name, value: list(g.items, g.loc) });
  entries.sort((a, b) => a.line - b.line);
  const fields: Record<string, Value> = Object.create(null);
  for (const e of entries) fields[e.name] = e.value;
  return obj(fields, block.loc);
}

/**
 * `dynamic "ingress" { for_each = …; iterator = rule; content { … } }`: one
 * block per element. An unknown collection leaves one unknown element, so a
 * consumer sees that blocks of this kind exist in a number nobody knows.
 */
function expandDynamic(block: BlockConfig, env: Env): Value[] {
  const label = block.labels[0] ?? 'dynamic';
  const forEach = block.attrs.find((a) => a.name === 'for_each');
  const iteratorAttr = block.attrs.find((a) => a.name === 'iterator');
  const iterator = iteratorAttr ? exprText(iteratorAttr.json).replace(/^"|"$/g, '') : label;
  const content = blocksOf(block, 'content')[0];
  if (!forEach || !content) return [];
  const collection = evaluateAttr(forEach, env);
  const elements = elementsOf(collection);
  if (!elements) {
    return [unknown(causeOf(collection, `dynamic "${label}" blocks`), block.loc, `dynamic "${label}"`)];
  }
  return elements.map(([key, value]) => {
    const iter = obj({ key, value }, block.loc);
    return evaluateBody(content, extendEnv(env, { [iterator]: iter }));
  });
}

/** Key/value pairs of a known collection (list index or map key); undefined when it is not known. */
function elementsOf(v: Value): [Value, Value][] | undefined {
  if (v.kind === 'list') return v.items.map((item, i) => [{ kind: 'known', value: i, loc: item.loc ?? v.loc }, item]);
  if (v.kind === 'object' && v.refTarget === undefined) {
    return Object.entries(v.fields).map(([k, f]) => [{ kind: 'known', value: k, loc: f.loc ?? v.loc }, f]);
  }
  if (v.kind === 'known' && v.value === null) return [];
  return undefined;
}
