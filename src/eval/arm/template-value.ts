// Evaluates a piece of template JSON: expression strings become values,
// `[[` escapes are unescaped, and property `copy` arrays
// (`"copy": [{"name", "count", "input"}]`) expand into arrays. Every value is
// located where it is written; a value an expression returns whole (a
// parameter, a variable) is relocated to the place that uses it.
import type { SourceLoc, Value } from '../../readers/value.js';
import { known, list, unknown } from '../../readers/value.js';
import { evaluateExpressionText } from './evaluate.js';
import { deriveScope, spend, withCopyIndex, type ArmScope } from './scope.js';
import { classifyTemplateString } from './template-string.js';
import { evaluationError } from './unknowns.js';
import { lookupField } from './values.js';

/** ARM's limit on the count of one copy loop. */
export const MAX_COPY_COUNT = 800;

function relocate(v: Value, loc: SourceLoc | undefined): Value {
  return loc ? { ...v, loc } : v;
}

export function evaluateTemplateValue(raw: Value, scope: ArmScope): Value {
  spend(scope.budget, 1);
  // A scope located here is made only when something is evaluated or reported here: most values are plain data,
  // and a scope per value made long prototype chains for every lookup below.
  let located: ArmScope | undefined;
  const here = (): ArmScope => (located ??= raw.loc ? deriveScope(scope, { loc: raw.loc }) : scope);
  // A child with its own location derives its own scope from ours; one without takes ours, located here.
  const forChild = (child: Value): ArmScope => (child.loc ? scope : here());
  switch (raw.kind) {
    case 'known': {
      if (typeof raw.value !== 'string') return raw;
      const s = classifyTemplateString(raw.value);
      if (s.kind === 'literal') return s.value === raw.value ? raw : known(s.value, raw.loc);
      const at = here();
      const r = evaluateExpressionText(s.text, at);
      if (!r.ok) at.report(`invalid expression: ${r.message} (at character ${r.pos + 1} of "${s.text}")`, at.loc);
      return relocate(r.value, raw.loc);
    }
    // Plain data evaluates to itself: a list or object whose members all came back unchanged is returned as
    // it is, so only the parts with expressions are copied (values are never changed in place).
    case 'list': {
      let items: Value[] | undefined;
      for (let n = 0; n < raw.items.length; n++) {
        const item = raw.items[n]!;
        const v = evaluateTemplateValue(item, forChild(item));
        if (items === undefined && v !== item) items = raw.items.slice(0, n);
        items?.push(v);
      }
      return items === undefined ? raw : list(items, raw.loc);
    }
    case 'object': {
      let fields: Record<string, Value> | undefined;
      const loops = propertyLoops(raw);
      for (const k in raw.fields) {
        const v = raw.fields[k]!;
        if (loops && v === loops) {
          fields ??= copyFieldsBefore(raw.fields, k);
          continue;
        }
        const e = evaluateTemplateValue(v, forChild(v));
        if (fields === undefined && e !== v) fields = copyFieldsBefore(raw.fields, k);
        if (fields !== undefined) fields[k] = e;
      }
      for (const loop of loops?.kind === 'list' ? loops.items : []) {
        const [name, value] = expandPropertyLoop(loop, here());
        if (name !== undefined) fields![name] = value;
      }
      if (fields === undefined) return raw;
      // `fields` is new and has a null prototype already: no copy as obj() makes.
      return raw.loc ? { kind: 'object', fields, loc: raw.loc } : { kind: 'object', fields };
    }
    default:
      return raw;
  }
}

/** A new null-prototype record with the fields written before `key`. */
function copyFieldsBefore(from: Record<string, Value>, key: string): Record<string, Value> {
  const fields: Record<string, Value> = Object.create(null);
  for (const k in from) {
    if (k === key) break;
    fields[k] = from[k]!;
  }
  return fields;
}

/** The `copy` array of an object when it is a property loop (not a resource's `copy` object). */
function propertyLoops(raw: Value & { kind: 'object' }): Value | undefined {
  const copy = lookupField(raw, 'copy');
  if (copy?.kind !== 'list' || copy.items.length === 0) return undefined;
  // A loop missing its input is still a loop (and an error), not a literal property named `copy`.
  const isLoop = (i: Value) => i.kind === 'object' && lookupField(i, 'name') !== undefined && (lookupField(i, 'input') !== undefined || lookupField(i, 'count') !== undefined);
  return copy.items.every(isLoop) ? copy : undefined;
}

export type CopyCount = { kind: 'count'; count: number } | { kind: 'unknown'; value: Value } | { kind: 'invalid'; message: string };

/** Evaluate a loop's `count`: a known integer within ARM's limit, an unknown, or an error. */
export function evaluateCopyCount(raw: Value | undefined, scope: ArmScope): CopyCount {
  if (raw === undefined) return { kind: 'invalid', message: 'copy loop without count' };
  const v = evaluateTemplateValue(raw, scope);
  if (v.kind === 'unknown' || v.kind === 'ref') return { kind: 'unknown', value: v };
  if (v.kind !== 'known' || typeof v.value !== 'number' || !Number.isInteger(v.value) || v.value < 0)
    return { kind: 'invalid', message: 'copy count must be a non-negative integer' };
  if (v.value > MAX_COPY_COUNT) return { kind: 'invalid', message: `copy count ${v.value} exceeds ARM's limit of ${MAX_COPY_COUNT}` };
  return { kind: 'count', count: v.value };
}

/**
 * Expand a loop `{name, count, input}` into [name, array]. Used for property
 * loops and variable loops.
 */
export function expandPropertyLoop(loop: Value, scope: ArmScope): [string | undefined, Value] {
  const loc = loop.loc ?? scope.loc;
  const nameRaw = loop.kind === 'object' ? lookupField(loop, 'name') : undefined;
  const nameValue = nameRaw ? evaluateTemplateValue(nameRaw, scope) : undefined;
  if (nameValue?.kind !== 'known' || typeof nameValue.value !== 'string') {
    scope.report('copy loop without a known name', loc);
    return [undefined, known(null, loc)];
  }
  const name = nameValue.value;
  return [name, expandLoop(name, loop, scope, false)];
}

/**
 * The array a loop `{count, input}` builds. `unnamedIndex` makes copyIndex()
 * without a name read this loop (output loops have no name).
 */
export function expandLoop(name: string, loop: Value, scope: ArmScope, unnamedIndex: boolean): Value {
  const loc = loop.loc ?? scope.loc;
  const label = name === '' ? 'copy' : `copy '${name}'`;
  const count = evaluateCopyCount(loop.kind === 'object' ? lookupField(loop, 'count') : undefined, scope);
  const input = loop.kind === 'object' ? lookupField(loop, 'input') : undefined;
  if (count.kind === 'invalid') {
    scope.report(`${label}: ${count.message}`, loc);
    return evaluationError(count.message, `[${label}]`, loc);
  }
  if (input === undefined) {
    scope.report(`${label} has no input`, loc);
    return evaluationError('copy loop without input', `[${label}]`, loc);
  }
  if (count.kind === 'unknown') {
    const c = count.value.kind === 'unknown' ? count.value.cause : { inputs: [], detail: 'unknown count' };
    return unknown({ ...c, detail: `the number of items of ${label}: ${c.detail}` }, loc, `[${label}]`);
  }
  const items: Value[] = [];
  for (let i = 0; i < count.count; i++) {
    const inner = withCopyIndex(scope, name, known(i, loc), unnamedIndex);
    items.push(evaluateTemplateValue(input, inner));
  }
  return list(items, loc);
}
