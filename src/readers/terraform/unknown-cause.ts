// Why a value the reader needs (a count, a for_each, a region) is not known,
// phrased so the user sees which input to supply, and the chain of module
// inputs an unknown travelled through.
import type { ObjectValue, UnknownCause, UnknownValue, Value } from '../value.js';
import { isLazyObject } from './lazy.js';

/** The cause of the unknown parts of `v`; `what` says what needed the value. */
export function causeOf(v: Value, what: string): UnknownCause {
  const causes: UnknownCause[] = [];
  collect(v, causes, 0);
  if (causes.length === 0) return { inputs: [], detail: `error: ${what}: value has an unexpected type` };
  return mergeCauses(causes, what);
}

function collect(v: Value, out: UnknownCause[], depth: number): void {
  if (out.length >= 8 || depth > 50) return;
  switch (v.kind) {
    case 'unknown':
      out.push(v.cause);
      return;
    case 'ref': {
      // Same wording as the evaluator's, so merged causes read alike.
      const name = `${refAddress(v.target)}.${v.attribute}`;
      out.push({ inputs: [`${name} (known after apply)`], detail: `${name} is known only after apply` });
      return;
    }
    case 'list':
      for (const i of v.items) collect(i, out, depth + 1);
      return;
    case 'object':
      for (const f of Object.values(v.fields)) collect(f, out, depth + 1);
      return;
    default:
      return;
  }
}

/** One cause for several: inputs united in order, details joined. */
export function mergeCauses(causes: UnknownCause[], what?: string): UnknownCause {
  const inputs: string[] = [];
  for (const c of causes) for (const i of c.inputs) if (!inputs.includes(i)) inputs.push(i);
  const details = [...new Set(causes.map((c) => c.detail))];
  const merged: UnknownCause = { inputs, detail: (what ? `${what}: ` : '') + details.join('; ') };
  const chain = causes.flatMap((c) => c.chain ?? []);
  if (chain.length) merged.chain = [...new Set(chain)];
  return merged;
}

/** The address part of a resource key `<scope>#<address>`. */
export function refAddress(key: string): string {
  const i = key.indexOf('#');
  return i < 0 ? key : key.slice(i + 1);
}

/** The value with each unknown part's chain extended by how it entered this module. */
export function withChain(v: Value, step: string): Value {
  return mapUnknownParts(v, (u) => ({ ...u, cause: { ...u.cause, chain: [step, ...(u.cause.chain ?? [])] } }));
}

// A resource or data source traversal written in a module (`aws_x.y`,
// `data.aws_x.y`), not already qualified and not inside a longer name.
const BARE_RESOURCE_TRAVERSAL = /(?<![\w.\]"-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)/g;

/**
 * The value leaving a module through an output, with the resources each
 * unknown part's expression names given by their full address
 * (`module.net["a"].aws_route_table.private[0].id`): in the caller the
 * module's own names mean nothing, and lifters look the resources up by it.
 * A lazy object is another module's outputs, qualified when they left it.
 */
export function withQualifiedExprs(v: Value, moduleAddress: string): Value {
  return mapUnknownParts(
    v,
    (u) => {
      if (!u.expr) return u;
      const expr = u.expr.replace(BARE_RESOURCE_TRAVERSAL, `${moduleAddress}.$1`);
      return expr === u.expr ? u : { ...u, expr };
    },
    isLazyObject,
  );
}

/** `v` with each unknown part replaced by `map` of it; unchanged parts (and `skip`ped objects) keep their identity. */
function mapUnknownParts(v: Value, map: (u: UnknownValue) => Value, skip?: (o: ObjectValue) => boolean, depth = 0): Value {
  if (depth > 100) return v;
  switch (v.kind) {
    case 'unknown':
      return map(v);
    case 'list': {
      let changed = false;
      const items = v.items.map((i) => {
        const c = mapUnknownParts(i, map, skip, depth + 1);
        if (c !== i) changed = true;
        return c;
      });
      return changed ? { ...v, items } : v;
    }
    case 'object': {
      if (skip?.(v)) return v;
      let changed = false;
      const fields: Record<string, Value> = Object.create(null);
      for (const [k, f] of Object.entries(v.fields)) {
        const c = mapUnknownParts(f, map, skip, depth + 1);
        if (c !== f) changed = true;
        fields[k] = c;
      }
      return changed ? { ...v, fields } : v;
    }
    default:
      return v;
  }
}
