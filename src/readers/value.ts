// Values as readers produce them: every value says where it came from and
// whether it is known. "Unknown" is a first-class value that names the
// root-most input a user could supply, so a finding never guesses.

export interface SourceLoc {
  /** Path relative to the scan root, with forward slashes. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, when the reader knows it. */
  column?: number;
}

/** Why a value is not known. */
export interface UnknownCause {
  /**
   * The inputs a user can supply to resolve it, root-most first:
   * `var.log_retention`, `parameter LogRetentionDays`, `data.aws_vpc.shared`,
   * `reference(...)`, `after apply`.
   */
  inputs: string[];
  /** Short English description for debugging and evidence. */
  detail: string;
  /** How the value was reached, outermost last (`module.logs: var.retention <- var.log_retention`). */
  chain?: string[];
}

export interface KnownValue {
  kind: 'known';
  value: string | number | boolean | null;
  loc?: SourceLoc;
  /**
   * Given from outside the repository (`--var`, `--param`, a variable or
   * parameter file outside the scan root): a value the definitions do not write.
   */
  supplied?: true;
}

export interface ListValue {
  kind: 'list';
  items: Value[];
  loc?: SourceLoc;
}

export interface ObjectValue {
  kind: 'object';
  /** Created with a null prototype by `obj()`; keys are kept in source order. */
  fields: Record<string, Value>;
  loc?: SourceLoc;
  /**
   * Set when this object stands for a whole resource (Terraform `aws_vpc.main`):
   * an attribute the configuration does not set is computed at deploy time, so
   * reading it yields `ref(refTarget, attribute)` instead of "absent".
   */
  refTarget?: string;
}

export interface UnknownValue {
  kind: 'unknown';
  cause: UnknownCause;
  /** The source text of the expression, kept for names that contain an unknown part. */
  expr?: string;
  loc?: SourceLoc;
}

/**
 * A reference to an attribute of another resource whose value only exists
 * after deployment (an ID, an ARN). The value itself is unknown, but the
 * identity of the target is known, which is what lifters need to join
 * subnets to VPCs, routes to gateways and so on.
 */
export interface RefValue {
  kind: 'ref';
  /** Key of the target native resource (see NativeResource.key). */
  target: string;
  /** Attribute of the target: `id`, `arn`, `Arn`, `GroupId` … */
  attribute: string;
  loc?: SourceLoc;
}

export type Value = KnownValue | ListValue | ObjectValue | UnknownValue | RefValue;

export function known(value: KnownValue['value'], loc?: SourceLoc): KnownValue {
  return loc ? { kind: 'known', value, loc } : { kind: 'known', value };
}

export function list(items: Value[], loc?: SourceLoc): ListValue {
  return loc ? { kind: 'list', items, loc } : { kind: 'list', items };
}

export function obj(fields: Record<string, Value> = {}, loc?: SourceLoc): ObjectValue {
  const f: Record<string, Value> = Object.create(null);
  for (const k of Object.keys(fields)) f[k] = fields[k]!;
  return loc ? { kind: 'object', fields: f, loc } : { kind: 'object', fields: f };
}

export function unknown(cause: UnknownCause, loc?: SourceLoc, expr?: string): UnknownValue {
  const u: UnknownValue = { kind: 'unknown', cause };
  if (loc) u.loc = loc;
  if (expr !== undefined) u.expr = expr;
  return u;
}

export function ref(target: string, attribute: string, loc?: SourceLoc): RefValue {
  return loc ? { kind: 'ref', target, attribute, loc } : { kind: 'ref', target, attribute };
}

/** Field of an object value, or undefined when absent (absent is not unknown). */
export function field(v: Value | undefined, name: string): Value | undefined {
  if (!v || v.kind !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(v.fields, name) ? v.fields[name] : undefined;
}

/** Follow a path of field names and list indexes. */
export function path(v: Value | undefined, ...steps: (string | number)[]): Value | undefined {
  let cur = v;
  for (const s of steps) {
    if (!cur) return undefined;
    if (typeof s === 'number') cur = cur.kind === 'list' ? cur.items[s] : undefined;
    else cur = field(cur, s);
  }
  return cur;
}

/** Convert a fully known value to plain JSON; unknown and ref parts become undefined. */
export function toPlain(v: Value | undefined): unknown {
  if (!v) return undefined;
  switch (v.kind) {
    case 'known':
      return v.value;
    case 'list':
      return v.items.map(toPlain);
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(v.fields)) o[k] = toPlain(f);
      return o;
    }
    default:
      return undefined;
  }
}

/** Build a value tree from plain JSON, every node located at `loc`. */
export function fromPlain(x: unknown, loc?: SourceLoc): Value {
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return known(x, loc);
  if (Array.isArray(x)) return list(x.map((i) => fromPlain(i, loc)), loc);
  if (typeof x === 'object') {
    // A null prototype keeps keys such as `__proto__` as data.
    const f: Record<string, Value> = Object.create(null);
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) f[k] = fromPlain(v, loc);
    return obj(f, loc);
  }
  return known(null, loc);
}

/** True when the value or anything inside it is unknown (refs count as unknown). */
export function containsUnknown(v: Value): boolean {
  switch (v.kind) {
    case 'known':
      return false;
    case 'list':
      return v.items.some(containsUnknown);
    case 'object':
      return Object.values(v.fields).some(containsUnknown);
    default:
      return true;
  }
}

/**
 * A value written out as data (LG-6.9: a secret in the repository): not null,
 * not empty, and not a string the format treats as an expression.
 */
export function isWrittenValue(v: Value, isExpression: (text: string) => boolean = () => false): boolean {
  switch (v.kind) {
    case 'known':
      if (typeof v.value !== 'string') return v.value !== null;
      return v.value !== '' && !isExpression(v.value);
    case 'object':
      return Object.keys(v.fields).length > 0;
    case 'list':
      return v.items.length > 0;
    default:
      return false;
  }
}

/** `v` with every known part marked as given from outside the repository. */
export function markSupplied(v: Value): Value {
  switch (v.kind) {
    case 'known':
      return { ...v, supplied: true };
    case 'list':
      return { ...v, items: v.items.map(markSupplied) };
    case 'object': {
      const fields: Record<string, Value> = Object.create(null);
      for (const k in v.fields) fields[k] = markSupplied(v.fields[k]!);
      return { ...v, fields };
    }
    default:
      return v;
  }
}
