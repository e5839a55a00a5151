// Terraform evaluates a configuration as a graph: a local, a variable or a
// module output is computed when something needs it. Cells computed on first
// read give the same order without building the graph, and a cell read while
// it is being computed is a cycle, reported as an unknown instead of a hang.
import { obj, unknown, type ObjectValue, type UnknownCause, type Value } from '../value.js';

// Nested evaluations each add evaluator frames to the native stack; past
// this depth the value is reported unknown rather than risking an overflow.
const MAX_NESTED_EVALUATIONS = 120;
let nested = 0;

export class Lazy<T> {
  private state: 'new' | 'running' | 'done' = 'new';
  private value: T | undefined;

  constructor(
    /** What the cell holds (`local.tags`), for the cycle message. */
    readonly label: string,
    private readonly compute: () => T,
    private readonly onFailure: (cause: UnknownCause) => T,
  ) {}

  get(): T {
    if (this.state === 'done') return this.value as T;
    if (this.state === 'running') {
      return this.onFailure({ inputs: [], detail: `error: ${this.label} refers to itself (cycle)` });
    }
    if (nested >= MAX_NESTED_EVALUATIONS) {
      return this.onFailure({ inputs: [], detail: `error: ${this.label} is nested too deeply to evaluate` });
    }
    this.state = 'running';
    nested++;
    try {
      this.value = this.compute();
    } catch (e) {
      // Nothing thrown while evaluating one value may stop the scan.
      this.value = this.onFailure({ inputs: [], detail: `error: ${this.label}: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      nested--;
    }
    this.state = 'done';
    return this.value;
  }
}

/** A Lazy that holds a Value; failures become unknown values. */
export function lazyValue(label: string, compute: () => Value): Lazy<Value> {
  return new Lazy(label, compute, (cause) => unknown(cause));
}

const lazyObjects = new WeakSet<object>();

/**
 * An object value whose fields are computed when read (getters), so that
 * reading `aws_security_group.a` does not compute `aws_security_group.b`.
 */
export function lazyObject(names: Iterable<string>, field: (name: string) => Value): ObjectValue {
  const o = obj();
  for (const name of names) {
    Object.defineProperty(o.fields, name, { enumerable: true, configurable: true, get: () => field(name) });
  }
  lazyObjects.add(o.fields);
  return o;
}

/** Whether the fields of `o` are computed when read (a module's outputs, a resource group). */
export function isLazyObject(o: ObjectValue): boolean {
  return lazyObjects.has(o.fields);
}

/**
 * The same value with every lazy object read into plain fields, so what a
 * reader returns is inert data. Values without lazy parts are returned as is.
 */
export function materialize(v: Value, depth = 0): Value {
  if (depth > 200) return v;
  if (v.kind === 'list') {
    let changed = false;
    const items = v.items.map((i) => {
      const m = materialize(i, depth + 1);
      if (m !== i) changed = true;
      return m;
    });
    return changed ? { ...v, items } : v;
  }
  if (v.kind === 'object') {
    let changed = lazyObjects.has(v.fields);
    const fields: Record<string, Value> = Object.create(null);
    for (const [k, f] of Object.entries(v.fields)) {
      const m = materialize(f, depth + 1);
      if (m !== f) changed = true;
      fields[k] = m;
    }
    return changed ? { ...v, fields } : v;
  }
  return v;
}
