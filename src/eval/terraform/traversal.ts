// Attribute and index access. Inside a resource (an object with refTarget,
// or anything reached from one), an attribute the configuration does not
// set is computed at deploy time: reading it yields a reference to the
// resource at that attribute path instead of an error. An attribute set to
// null counts as not set, as in Terraform: the provider may compute it
// (`ipv6_cidr_block`, `default_version`).
import type { SourceLoc, Value } from '../../readers/value.js';
import { ref } from '../../readers/value.js';
import { extendPath, type Nav, type Origin } from './context.js';
import { formatNumber, toInt, toStr, typeName } from './convert.js';
import { TfEvalError } from './errors.js';
import { isUnknownish, unknownFrom } from './unknowns.js';

function originOf(nav: Nav): Origin | undefined {
  if (nav.v.kind === 'object' && nav.v.refTarget !== undefined) return { target: nav.v.refTarget, path: '' };
  return nav.origin;
}

function stepInto(nav: Nav, child: Value, step: string | number): Nav {
  const origin = originOf(nav);
  return origin ? { v: child, origin: { target: origin.target, path: extendPath(origin.path, step) } } : { v: child };
}

function computed(origin: Origin, step: string | number, loc: SourceLoc): Nav {
  return { v: ref(origin.target, extendPath(origin.path, step), loc) };
}

/** The field, unless absent, or null inside a resource (where null means "not set"). */
function present(fields: Record<string, Value>, name: string, origin: Origin | undefined): Value | undefined {
  if (!Object.prototype.hasOwnProperty.call(fields, name)) return undefined;
  const v = fields[name]!;
  return origin && v.kind === 'known' && v.value === null ? undefined : v;
}

export function getAttr(nav: Nav, name: string, loc: SourceLoc, text: string): Nav {
  const v = nav.v;
  switch (v.kind) {
    case 'object': {
      const origin = originOf(nav);
      const child = present(v.fields, name, origin);
      if (child) return stepInto(nav, child, name);
      if (origin) return computed(origin, name, loc);
      throw new TfEvalError(`this object does not have an attribute named "${name}"`);
    }
    case 'ref':
      return { v: ref(v.target, extendPath(v.attribute, name), loc) };
    case 'unknown':
      return { v: unknownFrom([v], loc, text) };
    case 'list':
      throw new TfEvalError(`cannot read attribute "${name}" of a list; use an index or a splat ([*])`);
    case 'known':
      if (v.value === null) throw new TfEvalError(`attempt to read attribute "${name}" of a null value`);
      throw new TfEvalError(`cannot read attribute "${name}" of a ${typeName(v)}`);
  }
}

export function getIndex(nav: Nav, key: Value, loc: SourceLoc, text: string): Nav {
  const v = nav.v;
  if (isUnknownish(key)) return { v: unknownFrom(isUnknownish(v) ? [v, key] : [key], loc, text) };
  switch (v.kind) {
    case 'list': {
      const i = toInt(key, 'index');
      if (i >= 0 && i < v.items.length) return stepInto(nav, v.items[i]!, i);
      const origin = originOf(nav);
      if (origin) return computed(origin, i, loc);
      throw new TfEvalError(`index ${formatNumber(i)} is out of range for a list of ${v.items.length} elements`);
    }
    case 'object': {
      const k = toStr(key, 'key');
      const origin = originOf(nav);
      const child = present(v.fields, k, origin);
      if (child) return stepInto(nav, child, k);
      if (origin) return computed(origin, k, loc);
      throw new TfEvalError(`the map has no element with the key ${JSON.stringify(k)}`);
    }
    case 'ref': {
      const step = key.kind === 'known' && typeof key.value === 'number' ? key.value : toStr(key, 'key');
      return { v: ref(v.target, extendPath(v.attribute, step), loc) };
    }
    case 'unknown':
      return { v: unknownFrom([v], loc, text) };
    case 'known':
      if (v.value === null) throw new TfEvalError('cannot index a null value');
      throw new TfEvalError(`cannot index a ${typeName(v)}`);
  }
}
