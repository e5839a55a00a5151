// Values of a root module's variables, in Terraform's precedence (later
// wins): terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in
// lexical order, --var-file in the order given, --var.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ReadOptions } from '../options.js';
import { isWrittenValue, list, markSupplied, obj, known, type SourceLoc, type Value } from '../value.js';
import { evaluateAttr } from './body-eval.js';
import { isRecord } from './config-body.js';
import { hclReadError, parseHcl } from './hcl-parser.js';
import { locateHcl, type LocatedExpr } from './locate.js';
import { readJsonVars } from './locate-json.js';
import { isIgnoredFile } from './config-files.js';
import { readInput, type ReadSink } from './module-loader.js';
import type { Env } from './tf-eval.js';
import { isOutsideRoot } from '../paths.js';

export interface VarAssignment {
  value: Value;
  /** For `--var`: the text as given, used as is for `string` and type-less variables. */
  raw?: string;
}

export type VarAssignments = Map<string, VarAssignment>;

// tfvars cannot refer to anything; an expression that tries is unknown.
const NO_NAMES: Env = { lookup: () => undefined };

export class RootVariables {
  private readonly fileCache = new Map<string, VarAssignments>();
  private cliVars: VarAssignments | undefined;

  constructor(
    private readonly opts: ReadOptions,
    private readonly sink: ReadSink,
  ) {}

  /** All assignments that apply to the root module in `dir`, later ones already winning. */
  forRoot(dir: string): VarAssignments {
    const result: VarAssignments = new Map();
    for (const file of this.autoFiles(dir)) for (const [k, v] of this.file(file)) result.set(k, v);
    for (const file of this.opts.varFiles) for (const [k, v] of this.file(file)) result.set(k, v);
    for (const [k, v] of this.cli()) result.set(k, v);
    return result;
  }

  /**
   * Where the variable files under the scan root write a non-null value for
   * each variable, later files winning; `--var` is not in the repository and
   * does not unwrite them (LG-6.9).
   */
  writtenInRepository(dir: string): Map<string, SourceLoc> {
    const out = new Map<string, SourceLoc>();
    for (const file of [...this.autoFiles(dir), ...this.opts.varFiles]) {
      for (const [name, { value }] of this.file(file)) {
        if (value.loc && !isOutsideRoot(value.loc.file) && isWrittenValue(value)) out.set(name, value.loc);
      }
    }
    return out;
  }

  private autoFiles(dir: string): string[] {
    let names: string[];
    try {
      // Links too (a shared common.auto.tfvars linked into each environment): readInput reads or reports them.
      names = readdirSync(dir, { withFileTypes: true }).filter((e) => !e.isDirectory() && !isIgnoredFile(e.name)).map((e) => e.name);
    } catch {
      return [];
    }
    const auto = names.filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')).sort();
    const fixed = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n));
    return [...fixed, ...auto].map((n) => path.join(dir, n));
  }

  private file(abs: string): VarAssignments {
    if (!this.fileCache.has(abs)) this.fileCache.set(abs, this.readFile(abs));
    return this.fileCache.get(abs)!;
  }

  private readFile(abs: string): VarAssignments {
    const input = readInput(abs, this.opts.root, 'terraform-vars', this.sink);
    if (!input) return new Map();
    const out = this.readVarFile(input.rel, input.text);
    // A variable file outside the scan root is not part of the repository being judged.
    if (isOutsideRoot(input.rel)) for (const a of out.values()) a.value = markSupplied(a.value);
    return out;
  }

  private readVarFile(rel: string, text: string): VarAssignments {
    const out: VarAssignments = new Map();
    const input = { rel, text };
    if (rel.endsWith('.json')) {
      const r = readJsonVars(input.text);
      if (!r.ok) {
        this.sink.errors.push({ file: input.rel, line: r.line, column: r.column, message: r.message });
        return out;
      }
      for (const a of r.located) out.set(a.name, { value: literalValue(r.values[a.name], a.value, input.rel) });
      return out;
    }
    const r = parseHcl(path.basename(rel), input.text);
    if (!r.ok) {
      this.sink.errors.push(hclReadError(input.rel, r));
      return out;
    }
    const located = new Map(locateHcl(input.text).body.attributes.map((a) => [a.name, a]));
    for (const [name, json] of Object.entries(r.body)) {
      const at = located.get(name);
      const loc: SourceLoc = { file: input.rel, line: at?.line ?? 1, ...(at ? { column: at.column } : {}) };
      const attr = at ? { name, json, loc, located: at.value } : { name, json, loc };
      out.set(name, { value: evaluateAttr(attr, NO_NAMES) });
    }
    return out;
  }

  /** `--var`, parsed once for every root. */
  private cli(): VarAssignments {
    this.cliVars ??= commandLineVars(this.opts.vars);
    return this.cliVars;
  }
}

/** `--var name=value`: kept raw, and parsed as an HCL expression for the other types. */
function commandLineVars(vars: Record<string, string>): VarAssignments {
  const out: VarAssignments = new Map();
  for (const [name, raw] of Object.entries(vars)) {
    let value: Value = known(raw);
    const r = parseHcl('cli.tfvars', `v = ${raw}\n`);
    if (r.ok && 'v' in r.body) value = evaluateAttr({ name, json: r.body.v, loc: { file: '--var', line: 1 } }, NO_NAMES);
    out.set(name, { value: commandLineValue(value), raw });
  }
  return out;
}

/** JSON variable files hold literal values: strings are not templates. */
function literalValue(x: unknown, located: LocatedExpr | undefined, file: string): Value {
  const loc: SourceLoc = { file, line: located?.line ?? 1, ...(located ? { column: located.column } : {}) };
  if (Array.isArray(x)) return list(x.map((item, i) => literalValue(item, located?.tuple?.[i], file)), loc);
  if (isRecord(x)) {
    const items = new Map(located?.object?.map((i) => [i.key, i.value]));
    return obj(Object.fromEntries(Object.entries(x).map(([k, v]) => [k, literalValue(v, items.get(k), file)])), loc);
  }
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return known(x, loc);
  return known(null, loc);
}

/**
 * A command-line value: no file position (it is placed at the variable's declaration), and given
 * from outside the repository (LG-6.9).
 */
function commandLineValue(v: Value): Value {
  switch (v.kind) {
    case 'known':
      return { kind: 'known', value: v.value, supplied: true };
    case 'list':
      return list(v.items.map(commandLineValue));
    case 'object':
      return obj(Object.fromEntries(Object.entries(v.fields).map(([k, f]) => [k, commandLineValue(f)])));
    default:
      return v;
  }
}

/** `v` with every part that has no position placed at `loc`. */
export function placeAt(v: Value, loc: SourceLoc, depth = 0): Value {
  if (depth > 100) return v;
  const placed = v.loc ? v : { ...v, loc };
  if (placed.kind === 'list') return { ...placed, items: placed.items.map((i) => placeAt(i, loc, depth + 1)) };
  if (placed.kind === 'object') return obj(Object.fromEntries(Object.entries(placed.fields).map(([k, f]) => [k, placeAt(f, loc, depth + 1)])), placed.loc);
  return placed;
}
