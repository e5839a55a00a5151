// The `configuration` section of a plan: the module tree as written, with
// each resource's expressions and the references they make.
import { arrayAt, isObject, objectAt, stringAt, type Json, type JsonObject } from './plan-shape.js';

export interface ConfigModule {
  /** Call names from the root: [] for the root module. */
  path: string[];
  /** `source` of the module call as written (undefined at the root). */
  source?: string;
  /** The call's argument expressions, as its resources' `var.x` references resolve to. */
  callExpressions?: JsonObject;
  /** Resources by `type.name` (managed) or `data.type.name`. */
  resources: Map<string, JsonObject>;
  calls: Map<string, ConfigModule>;
  /** Output expressions by name, as `module.x.name` references resolve to. */
  outputs: Map<string, JsonObject>;
}

export function configModules(configuration: JsonObject | undefined): ConfigModule {
  return moduleOf(objectAt(configuration, 'root_module'), [], undefined, 0);
}

// Module nesting beyond this is not real configuration; stop instead of exhausting the stack.
const MAX_MODULE_DEPTH = 64;

function moduleOf(m: JsonObject | undefined, path: string[], source: string | undefined, depth: number): ConfigModule {
  const out: ConfigModule = { path, resources: new Map(), calls: new Map(), outputs: new Map() };
  for (const [name, output] of Object.entries(objectAt(m, 'outputs') ?? {})) {
    const expression = objectAt(output, 'expression');
    if (expression) out.outputs.set(name, expression);
  }
  if (source !== undefined) out.source = source;
  for (const r of arrayAt(m, 'resources')) {
    const address = stringAt(r, 'address');
    if (address && isObject(r)) out.resources.set(address, r);
  }
  const calls = objectAt(m, 'module_calls');
  if (calls && depth < MAX_MODULE_DEPTH) {
    for (const [name, call] of Object.entries(calls)) {
      const child = moduleOf(objectAt(call, 'module'), [...path, name], stringAt(call, 'source'), depth + 1);
      const args = objectAt(call, 'expressions');
      if (args) child.callExpressions = args;
      out.calls.set(name, child);
    }
  }
  return out;
}

export function findModule(root: ConfigModule, path: string[]): ConfigModule | undefined {
  let cur: ConfigModule | undefined = root;
  for (const name of path) cur = cur?.calls.get(name);
  return cur;
}

/** The expression that sets `attrPath` in a resource's `expressions` (nested blocks are lists of objects). */
export function expressionAt(resource: JsonObject | undefined, attrPath: (string | number)[]): JsonObject | undefined {
  let cur: Json | undefined = objectAt(resource, 'expressions');
  for (const step of attrPath) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur)) {
      // A single nested block is written as a one-element list; a list index steps into it.
      cur = typeof step === 'number' ? cur[step] : cur.length === 1 ? (isObject(cur[0]) ? cur[0][step] : undefined) : undefined;
    } else if (isObject(cur)) {
      if (typeof step === 'number') return undefined;
      cur = Object.prototype.hasOwnProperty.call(cur, step) ? cur[step] : undefined;
    } else return undefined;
  }
  return isObject(cur) && (Array.isArray(cur.references) || 'constant_value' in cur) ? cur : undefined;
}

export function referencesOf(expr: JsonObject | undefined): string[] {
  return arrayAt(expr, 'references').filter((r): r is string => typeof r === 'string');
}
