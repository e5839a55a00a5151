// Turning reader values into model facts. Every lifter goes through these so
// that "absent", "platform default" and "unknown" are told apart the same way
// for every source.
import type { NativeResource } from '../readers/native.js';
import type { SourceLoc, UnknownCause, Value } from '../readers/value.js';
import type { Fact, UnknownFact } from './fact.js';
import { defaulted, fact, unknownFact } from './fact.js';

/** A value only known after deployment or from an input the scan lacks. */
export function isUnresolved(v: Value | undefined): boolean {
  return v !== undefined && (v.kind === 'unknown' || v.kind === 'ref');
}

/** Why a value is unknown, as a cause the finding can show. */
export function causeOf(v: Value, native: NativeResource | undefined, attribute: string): UnknownCause {
  if (v.kind === 'unknown') return v.cause;
  if (v.kind === 'ref') {
    return {
      inputs: [`${v.target.split('#').pop()}.${v.attribute}`],
      detail: `${attribute} is only known after deployment`,
    };
  }
  return {
    inputs: [],
    detail: `${attribute} has an unexpected ${v.kind} value${native ? ` in ${native.address}` : ''}`,
  };
}

function locOf(v: Value | undefined, fallback: SourceLoc): SourceLoc {
  return v?.loc ?? fallback;
}

export interface FactOptions<T> {
  /** Platform default when the attribute is absent; without it, absence is reported as unknown. */
  default?: T;
  /** Attribute name for messages. */
  name: string;
}

function scalar<T>(
  v: Value | undefined,
  native: NativeResource,
  opts: FactOptions<T>,
  convert: (x: string | number | boolean) => T | undefined,
): Fact<T> {
  if (v === undefined || (v.kind === 'known' && v.value === null)) {
    if (opts.default !== undefined) return defaulted(opts.default, native.loc);
    return unknownFact({ inputs: [], detail: `${opts.name} is not set in ${native.address}` }, native.loc);
  }
  if (v.kind === 'known') {
    const c = convert(v.value as string | number | boolean);
    if (c !== undefined) return fact(c, locOf(v, native.loc));
    return unknownFact(
      { inputs: [], detail: `${opts.name} = ${JSON.stringify(v.value)} is not a valid value` },
      locOf(v, native.loc),
    );
  }
  return unknownFact(causeOf(v, native, opts.name), locOf(v, native.loc));
}

export function stringFact(v: Value | undefined, native: NativeResource, opts: FactOptions<string>): Fact<string> {
  return scalar(v, native, opts, (x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined));
}

export function boolFact(v: Value | undefined, native: NativeResource, opts: FactOptions<boolean>): Fact<boolean> {
  return scalar(v, native, opts, (x) => {
    if (typeof x === 'boolean') return x;
    if (x === 'true' || x === 'True') return true;
    if (x === 'false' || x === 'False') return false;
    return undefined;
  });
}

export function numberFact(v: Value | undefined, native: NativeResource, opts: FactOptions<number>): Fact<number> {
  return scalar(v, native, opts, (x) => {
    if (typeof x === 'number') return x;
    if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return Number(x);
    return undefined;
  });
}

/** A list of strings; unknown when the list or any member is unknown. */
export function stringListFact(v: Value | undefined, native: NativeResource, opts: FactOptions<string[]>): Fact<string[]> {
  if (v === undefined || (v.kind === 'known' && v.value === null)) {
    if (opts.default !== undefined) return defaulted(opts.default, native.loc);
    return unknownFact({ inputs: [], detail: `${opts.name} is not set in ${native.address}` }, native.loc);
  }
  if (v.kind === 'known' && typeof v.value === 'string') return fact([v.value], locOf(v, native.loc));
  if (v.kind !== 'list') return unknownFact(causeOf(v, native, opts.name), locOf(v, native.loc));
  const out: string[] = [];
  for (const item of v.items) {
    if (item.kind === 'known' && (typeof item.value === 'string' || typeof item.value === 'number')) out.push(String(item.value));
    else if (item.kind === 'known' && item.value === null) continue;
    else return unknownFact(causeOf(item, native, opts.name), locOf(item, locOf(v, native.loc)));
  }
  return fact(out, locOf(v, native.loc));
}

/** String map (tags). Unknown when the map is unknown; unknown values inside make it unknown too. */
export function stringMapFact(v: Value | undefined, native: NativeResource, name: string): Fact<Record<string, string>> {
  if (v === undefined || (v.kind === 'known' && v.value === null)) return defaulted({}, native.loc);
  if (v.kind !== 'object') return unknownFact(causeOf(v, native, name), locOf(v, native.loc));
  const out: Record<string, string> = {};
  for (const [k, f] of Object.entries(v.fields)) {
    if (f.kind === 'known' && f.value !== null) out[k] = String(f.value);
    else if (f.kind === 'known') continue;
    else return unknownFact(causeOf(f, native, `${name}.${k}`), locOf(f, locOf(v, native.loc)));
  }
  return fact(out, locOf(v, native.loc));
}

/** Items of a list value (a single object counts as a one-item list; absent is empty). */
export function itemsOf(v: Value | undefined): Value[] {
  if (!v) return [];
  if (v.kind === 'list') return v.items;
  if (v.kind === 'known' && v.value === null) return [];
  return [v];
}

/**
 * Tags: the known values, and separately the keys whose value is unknown, so
 * that one computed `Name` tag does not hide a literal `lg:segment`.
 */
export function tagsFact(
  v: Value | undefined,
  native: NativeResource,
): { tags: Fact<Record<string, string>>; unknownTags?: Record<string, UnknownFact> } {
  if (v === undefined || (v.kind === 'known' && v.value === null)) return { tags: fact({}, native.loc) };
  if (v.kind !== 'object') return { tags: unknownFact(causeOf(v, native, 'tags'), locOf(v, native.loc)) };
  const tags: Record<string, string> = {};
  const unknownTags: Record<string, UnknownFact> = {};
  for (const [k, f] of Object.entries(v.fields)) {
    if (f.kind === 'known') {
      if (f.value !== null) tags[k] = String(f.value);
    } else unknownTags[k] = unknownFact(causeOf(f, native, `tags.${k}`), locOf(f, locOf(v, native.loc)));
  }
  return Object.keys(unknownTags).length ? { tags: fact(tags, locOf(v, native.loc)), unknownTags } : { tags: fact(tags, locOf(v, native.loc)) };
}
