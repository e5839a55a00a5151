// One template's evaluation scope: its parameters (supplied values, defaults,
// or unknown), variables (including variable `copy` loops) and user-defined
// functions, all evaluated lazily and once.
import { evaluateTemplateValue, expandPropertyLoop } from '../../eval/arm/template-value.js';
import { deriveScope, type ArmDeploymentTarget, type ArmScope, type EvalBudget } from '../../eval/arm/scope.js';
import { evaluationError } from '../../eval/arm/unknowns.js';
import { lookupField } from '../../eval/arm/values.js';
import type { ObjectValue, SourceLoc, UnknownCause, Value } from '../value.js';
import { fromPlain, known, markSupplied, unknown } from '../value.js';
import type { SuppliedParameters } from './parameters.js';

/** User-defined functions call each other; ARM forbids recursion, this bounds it anyway. */
const MAX_FUNCTION_DEPTH = 32;

export interface TemplateSetup {
  file: string;
  template: ObjectValue;
  supplied: SuppliedParameters;
  target: ArmDeploymentTarget;
  budget: EvalBudget;
  report: (message: string, loc: SourceLoc) => void;
  /** Why a parameter without a value is unknown, naming what the user can supply. */
  missingParameter: (name: string) => UnknownCause;
  /** Chain step added to unknown values passed into this template (nested deployments). */
  passedIn?: (name: string) => string;
}

type Memo = { state: 'pending' } | { state: 'done'; value: Value };

export class TemplateScope implements ArmScope {
  readonly loc: SourceLoc;
  readonly target: ArmDeploymentTarget;
  readonly budget: EvalBudget;
  /** Set by the expander: what reference() of a nested deployment in this template returns. */
  referenceResolver: ((target: Value) => Value | undefined) | undefined;

  private readonly parameterMemo = new Map<string, Memo>();
  private readonly variableMemo = new Map<string, Memo>();
  private functionDepth = 0;

  constructor(private readonly setup: TemplateSetup) {
    this.loc = setup.template.loc ?? { file: setup.file, line: 1 };
    this.target = setup.target;
    this.budget = setup.budget;
  }

  private section(name: string): ObjectValue | undefined {
    const s = lookupField(this.setup.template, name);
    return s?.kind === 'object' ? s : undefined;
  }

  // Members are arrow functions: derived scopes (copy loops, function calls)
  // inherit them and still evaluate parameters and variables in this scope.
  parameter = (name: string): Value | undefined => {
    // Bicep output reads the same parameters over and over; a value already made is returned before any lookup.
    const done = this.parameterMemo.get(name.toLowerCase());
    if (done?.state === 'done') return done.value;
    const decls = this.section('parameters');
    const decl = decls && lookupField(decls, name);
    if (!decl) return undefined;
    const declaredName = Object.keys(decls.fields).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    return this.memoized(this.parameterMemo, declaredName.toLowerCase(), `parameter '${declaredName}'`, decl.loc, () =>
      this.resolveParameter(declaredName, decl),
    );
  };

  variable = (name: string): Value | undefined => {
    const done = this.variableMemo.get(name.toLowerCase());
    if (done?.state === 'done') return done.value;
    const vars = this.section('variables');
    if (!vars) return undefined;
    const loop = this.variableLoop(vars, name);
    const raw = loop ?? lookupField(vars, name);
    if (!raw || name.toLowerCase() === 'copy') return undefined;
    return this.memoized(this.variableMemo, name.toLowerCase(), `variable '${name}'`, raw.loc, () =>
      loop ? expandPropertyLoop(loop, this)[1] : evaluateTemplateValue(raw, this),
    );
  };

  copyIndex = (_loopName: string | undefined): Value | undefined => undefined;

  reference = (target: Value): Value | undefined => this.referenceResolver?.(target);

  report = (message: string, loc: SourceLoc): void => this.setup.report(message, loc);

  callUserFunction = (qualifiedName: string, args: Value[]): Value | undefined => {
    const fn = this.userFunction(qualifiedName);
    if (!fn) return undefined;
    if (this.functionDepth >= MAX_FUNCTION_DEPTH) return evaluationError('user-defined functions nested too deeply', `[${qualifiedName}(...)]`, this.loc);
    const names = fn.params;
    const fnScope = deriveScope(this, {
      parameter: (n: string) => {
        const i = names.findIndex((p) => p.toLowerCase() === n.toLowerCase());
        return i < 0 ? undefined : (args[i] ?? known(null, this.loc));
      },
      variable: () => undefined,
      copyIndex: () => undefined,
    });
    this.functionDepth++;
    try {
      return evaluateTemplateValue(fn.output, fnScope);
    } finally {
      this.functionDepth--;
    }
  };

  private userFunction(qualifiedName: string): { params: string[]; output: Value } | undefined {
    const [ns, member] = qualifiedName.toLowerCase().split('.');
    const groups = lookupField(this.setup.template, 'functions');
    if (groups?.kind !== 'list') return undefined;
    for (const g of groups.items) {
      if (g.kind !== 'object') continue;
      const nsValue = lookupField(g, 'namespace');
      if (nsValue?.kind !== 'known' || String(nsValue.value).toLowerCase() !== ns) continue;
      const members = lookupField(g, 'members');
      const def = members?.kind === 'object' ? lookupField(members, member ?? '') : undefined;
      if (def?.kind !== 'object') continue;
      const params = lookupField(def, 'parameters');
      const output = lookupField(def, 'output');
      const value = output?.kind === 'object' ? lookupField(output, 'value') : undefined;
      if (!value) return undefined;
      const paramNames =
        params?.kind === 'list'
          ? params.items.map((p) => {
              const n = p.kind === 'object' ? lookupField(p, 'name') : undefined;
              return n?.kind === 'known' ? String(n.value) : '';
            })
          : [];
      return { params: paramNames, output: value };
    }
    return undefined;
  }

  private variableLoop(vars: ObjectValue, name: string): Value | undefined {
    const copy = lookupField(vars, 'copy');
    if (copy?.kind !== 'list') return undefined;
    return copy.items.find((loop) => {
      const n = loop.kind === 'object' ? lookupField(loop, 'name') : undefined;
      return n?.kind === 'known' && String(n.value).toLowerCase() === name.toLowerCase();
    });
  }

  private memoized(memo: Map<string, Memo>, key: string, label: string, loc: SourceLoc | undefined, compute: () => Value): Value {
    const m = memo.get(key);
    if (m?.state === 'done') return m.value;
    if (m?.state === 'pending') {
      const at = loc ?? this.loc;
      this.report(`${label} refers to itself`, at);
      return evaluationError(`${label} refers to itself`, `[${label}]`, at);
    }
    memo.set(key, { state: 'pending' });
    try {
      const value = compute();
      memo.set(key, { state: 'done', value });
      return value;
    } catch (e) {
      memo.delete(key);
      throw e;
    }
  }

  /**
   * A value of the wrong type for the parameter is not used: templates meant
   * to be linked often carry placeholder defaults (`"defaultValue": ""` for an
   * int); the caller gives the real value, so here it is unknown.
   */
  private resolveParameter(name: string, decl: Value): Value {
    const v = this.parameterValue(name, decl);
    const type = decl.kind === 'object' ? lookupField(decl, 'type') : undefined;
    const typeName = type?.kind === 'known' ? String(type.value).toLowerCase() : undefined;
    if (typeName === undefined || conformsTo(typeName, v)) return v;
    return unknown(
      { inputs: [...this.setup.missingParameter(name).inputs], detail: `the value of parameter '${name}' is not of its type ${typeName}` },
      v.loc ?? decl.loc,
      `[parameters('${name}')]`,
    );
  }

  private parameterValue(name: string, decl: Value): Value {
    const expr = `[parameters('${name}')]`;
    const supplied = this.setup.supplied.get(name.toLowerCase());
    const type = decl.kind === 'object' ? lookupField(decl, 'type') : undefined;
    const typeName = type?.kind === 'known' ? String(type.value).toLowerCase() : undefined;
    const dflt = decl.kind === 'object' ? lookupField(decl, 'defaultValue') : undefined;
    // ARM takes a null value as "not given": the default applies (Bicep relies on this for optional module parameters).
    const givenNull = supplied?.kind === 'value' && supplied.value.kind === 'known' && supplied.value.value === null;
    if (supplied?.kind === 'value' && !(givenNull && dflt !== undefined)) return this.passedIn(name, supplied.value);
    if (supplied?.kind === 'unknown') return supplied.value;
    if (supplied?.kind === 'text') return markSupplied(this.fromText(name, supplied.text, typeName, decl.loc));
    if (dflt !== undefined) {
      const v = evaluateTemplateValue(dflt, this);
      // A default ARM cannot evaluate here (resourceGroup() at subscription scope …) fails unless a value is given: name the parameter.
      if (v.kind !== 'unknown' || v.cause.inputs.length > 0) return v;
      return unknown({ inputs: [...this.setup.missingParameter(name).inputs], detail: `the default of parameter '${name}' cannot be used: ${v.cause.detail}` }, v.loc ?? decl.loc, expr);
    }
    if (decl.kind === 'object' && this.isNullable(decl)) return known(null, decl.loc);
    return unknown(this.setup.missingParameter(name), decl.loc, expr);
  }

  /** A value passed into a nested template keeps its own cause; the chain says how it arrived. */
  private passedIn(name: string, v: Value): Value {
    if (v.kind !== 'unknown' || !this.setup.passedIn) return v;
    const chain = [...(v.cause.chain ?? []), this.setup.passedIn(name)];
    return { ...v, cause: { ...v.cause, chain } };
  }

  private isNullable(decl: ObjectValue): boolean {
    const n = lookupField(decl, 'nullable');
    if (n?.kind === 'known' && n.value === true) return true;
    // languageVersion 2.0: the type may be a reference to a nullable definition.
    const ref = lookupField(decl, '$ref');
    if (ref?.kind !== 'known' || typeof ref.value !== 'string') return false;
    const m = /^#\/definitions\/(.+)$/.exec(ref.value);
    const defs = this.section('definitions');
    const def = m && defs ? lookupField(defs, m[1]!) : undefined;
    const dn = def?.kind === 'object' ? lookupField(def, 'nullable') : undefined;
    return dn?.kind === 'known' && dn.value === true;
  }

  /** `--param name=text`, read by the declared type. */
  private fromText(name: string, text: string, type: string | undefined, loc: SourceLoc | undefined): Value {
    const at = loc ?? this.loc;
    const bad = (what: string): Value => {
      this.report(`--param ${name}: '${text}' is not ${what}`, at);
      return evaluationError(`--param ${name} is not ${what}`, `[parameters('${name}')]`, at);
    };
    switch (type) {
      case 'int':
        return /^-?\d+$/.test(text.trim()) ? known(Number(text.trim()), at) : bad('an integer');
      case 'bool':
        if (/^true$/i.test(text.trim())) return known(true, at);
        if (/^false$/i.test(text.trim())) return known(false, at);
        return bad('a bool');
      case 'string':
      case 'securestring':
        return known(text, at);
      default: {
        try {
          return fromPlain(JSON.parse(text), at);
        } catch {
          return type === undefined ? known(text, at) : bad(`JSON for a ${type}`);
        }
      }
    }
  }
}

/** Whether a value can be a parameter of the declared type; unknown values and null always can. */
function conformsTo(type: string, v: Value): boolean {
  if (v.kind === 'unknown' || v.kind === 'ref' || (v.kind === 'known' && v.value === null)) return true;
  switch (type) {
    case 'int':
      return v.kind === 'known' && typeof v.value === 'number';
    case 'bool':
      return v.kind === 'known' && typeof v.value === 'boolean';
    case 'string':
    case 'securestring':
      return v.kind === 'known' && typeof v.value === 'string';
    case 'array':
      return v.kind === 'list';
    case 'object':
    case 'secureobject':
      return v.kind === 'object';
    default:
      return true;
  }
}
