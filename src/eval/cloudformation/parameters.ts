// Template parameters: their declarations, and the value each one takes from
// `--param`, a parameter file or its Default, in that order.
import { known, list, markSupplied, unknown, type SourceLoc, type UnknownCause, type Value } from '../../readers/value.js';
import { scalarText, valueOf, type TNode } from './template-node.js';
import { cause } from './unknown-causes.js';
import { isOutsideRoot } from '../../readers/paths.js';

export interface ParameterDecl {
  name: string;
  type: string;
  default?: TNode;
  allowedValues?: TNode;
  loc: SourceLoc;
}

/**
 * A value the user gave: `--param` or a parameter file (`origin` names which).
 * `UsePreviousValue` in a parameter file means "whatever is deployed now".
 */
export type SuppliedParameter = { value: string | string[]; origin: string } | { usePrevious: true; origin: string };

export type ParameterState =
  /** `supplied`: given from outside the repository (`--param`, a parameter file outside the scan root). */
  | { kind: 'value'; value: string | number | (string | number)[]; supplied?: true }
  | { kind: 'unknown'; cause: UnknownCause }
  /** Passed by a parent stack as an expression that is not plain text (an unknown, a reference to a parent resource). */
  | { kind: 'passed'; value: Value };

export function parameterDeclarations(section: TNode | undefined): ParameterDecl[] {
  if (!section || section.t !== 'map') return [];
  return section.entries.map((e) => {
    const decl: ParameterDecl = { name: e.key, type: scalarText(valueOf(e.value, 'Type')) ?? 'String', loc: e.keyLoc };
    const def = valueOf(e.value, 'Default');
    if (def) decl.default = def;
    const allowed = valueOf(e.value, 'AllowedValues');
    if (allowed) decl.allowedValues = allowed;
    return decl;
  });
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

function isNumberType(type: string): boolean {
  return type === 'Number' || type === 'List<Number>';
}

/** `365` becomes a number; `08` or `1.50` stay text, as the user wrote them. */
function typed(text: string, type: string): string | number {
  if (!isNumberType(type)) return text;
  const n = Number(text.trim());
  return text.trim() !== '' && String(n) === text.trim() ? n : text;
}

/** The raw text(s) of a literal template value (a Default or an AllowedValues entry). */
function literalTexts(node: TNode): string | string[] | undefined {
  if (node.t === 'scalar') return scalarText(node);
  if (node.t === 'seq' && node.items.every((i) => i.t === 'scalar')) return node.items.map((i) => scalarText(i)!);
  return undefined;
}

function fromText(raw: string | string[], type: string): ParameterState {
  if (isListType(type)) {
    const items = Array.isArray(raw) ? raw : raw.split(',').map((s) => s.trim());
    return { kind: 'value', value: items.map((i) => typed(i, type)) };
  }
  return { kind: 'value', value: typed(Array.isArray(raw) ? raw.join(',') : raw, type) };
}

export function resolveParameter(decl: ParameterDecl, supplied: SuppliedParameter | undefined): ParameterState {
  if (supplied && 'usePrevious' in supplied) {
    return {
      kind: 'unknown',
      cause: cause([`parameter ${decl.name}`], `parameter ${decl.name} keeps its deployed value (UsePreviousValue in ${supplied.origin})`),
    };
  }
  if (decl.type.startsWith('AWS::SSM::Parameter::Value<')) {
    const key = supplied ? supplied.value : decl.default ? literalTexts(decl.default) : undefined;
    const where = key !== undefined ? ` (${Array.isArray(key) ? key.join(',') : key})` : '';
    return {
      kind: 'unknown',
      cause: cause([`parameter ${decl.name} (SSM)`], `parameter ${decl.name} is read from SSM Parameter Store${where} at deployment`),
    };
  }
  if (supplied) {
    const state = fromText(supplied.value, decl.type);
    const outside = supplied.origin === '--param' || isOutsideRoot(supplied.origin);
    return outside && state.kind === 'value' ? { ...state, supplied: true } : state;
  }
  const def = decl.default ? literalTexts(decl.default) : undefined;
  if (def !== undefined) return fromText(def, decl.type);
  // With a single allowed value there is nothing else the parameter could be.
  const allowed = decl.allowedValues ? literalTexts(decl.allowedValues) : undefined;
  if (Array.isArray(allowed) && allowed.length === 1 && !isListType(decl.type)) return fromText(allowed[0]!, decl.type);
  return {
    kind: 'unknown',
    cause: cause(
      [`parameter ${decl.name}`],
      `parameter ${decl.name} has no Default and no value was given (--param or a parameter file)`,
    ),
  };
}

/** The value a `Ref` to the parameter yields, located at the reference. */
export function materializeParameter(name: string, state: ParameterState, loc: SourceLoc): Value {
  if (state.kind === 'unknown') return unknown(state.cause, loc, `\${${name}}`);
  if (state.kind === 'passed') return { ...state.value, loc };
  const value = Array.isArray(state.value) ? list(state.value.map((v) => known(v, loc)), loc) : known(state.value, loc);
  return state.supplied ? markSupplied(value) : value;
}
