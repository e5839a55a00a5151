// The parts of `terraform show -json` output this reader uses, as loose
// types: every field may be missing or of the wrong type in a hand-edited
// or truncated file, so readers of these check before use.
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function objectAt(x: unknown, key: string): JsonObject | undefined {
  if (!isObject(x)) return undefined;
  const v = Object.prototype.hasOwnProperty.call(x, key) ? x[key] : undefined;
  return isObject(v) ? v : undefined;
}

export function arrayAt(x: unknown, key: string): Json[] {
  if (!isObject(x)) return [];
  const v = Object.prototype.hasOwnProperty.call(x, key) ? x[key] : undefined;
  return Array.isArray(v) ? v : [];
}

export function stringAt(x: unknown, key: string): string | undefined {
  if (!isObject(x)) return undefined;
  const v = Object.prototype.hasOwnProperty.call(x, key) ? x[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A resource instance as planned_values (or state `values`) lists it. */
export interface PlannedInstance {
  address: string;
  mode: string;
  type: string;
  /** `index` of a count or for_each instance. */
  index?: string | number;
  /** Module instance path, e.g. `module.net["a"].module.sub`; empty at the root. */
  moduleAddress: string;
  values: Json;
  /** `sensitive_values`: its shape shows which attributes are collections, even when their value is unknown. */
  sensitive?: Json;
}

/** Every resource instance in a module tree (`root_module` with `child_modules`), iteratively. */
export function plannedInstances(rootModule: JsonObject | undefined): PlannedInstance[] {
  const out: PlannedInstance[] = [];
  const stack: JsonObject[] = rootModule ? [rootModule] : [];
  while (stack.length) {
    const m = stack.pop()!;
    const moduleAddress = stringAt(m, 'address') ?? '';
    for (const r of arrayAt(m, 'resources')) {
      const address = stringAt(r, 'address');
      const type = stringAt(r, 'type');
      if (!address || !type) continue;
      const idx = isObject(r) ? r.index : undefined;
      const inst: PlannedInstance = { address, mode: stringAt(r, 'mode') ?? 'managed', type, moduleAddress, values: isObject(r) ? (r.values ?? null) : null };
      if (typeof idx === 'string' || typeof idx === 'number') inst.index = idx;
      if (isObject(r) && r.sensitive_values !== undefined) inst.sensitive = r.sensitive_values;
      out.push(inst);
    }
    // Reverse so that child modules come out in file order.
    const children = arrayAt(m, 'child_modules').filter(isObject);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** `module.a["x"].module.b` -> [`a`, `b`]: the configuration path, instance keys dropped. */
export function moduleCallPath(moduleAddress: string): string[] {
  const names: string[] = [];
  const re = /module\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?\.?/y;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(moduleAddress))) names.push(m[1]!);
  return names;
}

/** `type.name` of an instance address, without module path or index. */
export function configAddress(address: string, moduleAddress: string): string {
  const rest = moduleAddress && address.startsWith(moduleAddress + '.') ? address.slice(moduleAddress.length + 1) : address;
  const bracket = rest.indexOf('[');
  return bracket < 0 ? rest : rest.slice(0, bracket);
}
