// `count` and `for_each`: which instances of a resource, data source or
// module exist, their address suffixes (`[0]`, `["a"]`) and the names
// (`count.index`, `each.key`, `each.value`) their expressions see.
import { known, obj, unknown, type UnknownCause, type Value } from '../value.js';
import { attrOf, type BlockConfig } from './config-body.js';
import { evaluateAttr } from './body-eval.js';
import type { Env } from './tf-eval.js';
import { causeOf } from './unknown-cause.js';

/** More instances than this from one block is treated as a mistake, not expanded. */
export const MAX_INSTANCES = 10_000;

export interface InstanceSpec {
  /** `''`, `[0]`, `["a"]`. */
  suffix: string;
  /** The for_each key, for maps of instances. */
  key?: string;
  /** Names the instance's expressions see: `count`, `each`. */
  names: Record<string, Value>;
  /** Set when whether the instance exists could not be evaluated. */
  conditional?: UnknownCause;
}

export interface Expansion {
  mode: 'single' | 'count' | 'for_each' | 'unknown';
  instances: InstanceSpec[];
  /** Why the instances are not known (mode `unknown`). */
  cause?: UnknownCause;
  /** Set when the block asks for more instances than the reader expands: a read error, the scan is incomplete. */
  tooMany?: number;
}

export function expandInstances(block: BlockConfig, env: Env, address: string): Expansion {
  const countAttr = attrOf(block, 'count');
  const forEachAttr = attrOf(block, 'for_each');
  if (countAttr) {
    const v = evaluateAttr(countAttr, env);
    const n = countOf(v);
    const unknownCount = (cause: UnknownCause) => unknownExpansion(cause, { count: obj({ index: unknown(cause, countAttr.loc) }, countAttr.loc) });
    if (typeof n !== 'number') return unknownCount(n ?? causeOf(v, `count of ${address}`));
    if (n > MAX_INSTANCES) return { ...unknownCount(tooMany(n)), tooMany: n };
    const instances: InstanceSpec[] = [];
    for (let i = 0; i < n; i++) instances.push({ suffix: `[${i}]`, names: { count: obj({ index: known(i, countAttr.loc) }, countAttr.loc) } });
    return { mode: 'count', instances };
  }
  if (forEachAttr) {
    const v = evaluateAttr(forEachAttr, env);
    const entries = forEachEntries(v);
    if (Array.isArray(entries)) {
      if (entries.length > MAX_INSTANCES) return { ...unknownExpansion(tooMany(entries.length), {}), tooMany: entries.length };
      return {
        mode: 'for_each',
        instances: entries.map(([key, value]) => ({
          suffix: `[${JSON.stringify(key)}]`,
          key,
          names: { each: obj({ key: known(key, forEachAttr.loc), value }, forEachAttr.loc) },
        })),
      };
    }
    const cause = entries ?? causeOf(v, `for_each of ${address}`);
    const each = unknown(cause, forEachAttr.loc);
    return unknownExpansion(cause, { each: obj({ key: each, value: each }, forEachAttr.loc) });
  }
  return { mode: 'single', instances: [{ suffix: '', names: {} }] };
}

/**
 * With count or for_each unknown, the resource is still emitted once, at its
 * address without an index and marked conditional, so that controls report
 * it as unknown instead of it silently disappearing from the scan.
 */
function unknownExpansion(cause: UnknownCause, names: Record<string, Value>): Expansion {
  return { mode: 'unknown', cause, instances: [{ suffix: '', names, conditional: cause }] };
}

function tooMany(n: number): UnknownCause {
  return { inputs: [], detail: `error: ${n} instances is more than the ${MAX_INSTANCES} the reader expands` };
}

/** A known count, or the cause it is unusable; undefined when it is simply not known. */
function countOf(v: Value): number | UnknownCause | undefined {
  if (v.kind !== 'known') return undefined;
  const n = typeof v.value === 'string' && v.value.trim() !== '' ? Number(v.value) : v.value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return { inputs: [], detail: `error: count must be a whole number, not ${JSON.stringify(v.value)}` };
  return n;
}

/** Keys (sorted, as Terraform orders instances) and values of a for_each collection. */
function forEachEntries(v: Value): [string, Value][] | UnknownCause | undefined {
  if (v.kind === 'object' && v.refTarget === undefined) {
    return Object.keys(v.fields)
      .sort()
      .map((k) => [k, v.fields[k]!]);
  }
  if (v.kind === 'list') {
    const keys = new Map<string, Value>();
    for (const item of v.items) {
      if (item.kind !== 'known') return undefined;
      if (typeof item.value !== 'string' && typeof item.value !== 'number') {
        return { inputs: [], detail: `error: for_each over a set needs strings, not ${JSON.stringify(item.value)}` };
      }
      keys.set(String(item.value), known(String(item.value), item.loc));
    }
    return [...keys.keys()].sort().map((k) => [k, keys.get(k)!]);
  }
  if (v.kind === 'known') return { inputs: [], detail: `error: for_each needs a map or a set, not ${JSON.stringify(v.value)}` };
  return undefined;
}
