// State of one evaluation: the reader's scope, the location every produced
// value carries, the work budget, and the symbols bound by `for`
// expressions, splats and templatefile variables.
import type { SourceLoc, Value } from '../../readers/value.js';
import type { Budget } from './limits.js';
import type { TfScope } from './scope.js';

/**
 * Where a value sits inside a resource: reading an attribute the
 * configuration does not set, below `target`, yields a reference to
 * `target` at `path` (the attribute is computed at deploy time).
 */
export interface Origin {
  target: string;
  path: string;
}

/** A value reached by a traversal, with the resource it lies in, if any. */
export interface Nav {
  v: Value;
  origin?: Origin;
}

export interface EvalContext {
  scope: TfScope;
  loc: SourceLoc;
  budget: Budget;
  /** Symbols of enclosing `for` expressions and template variables, innermost last. */
  frames: ReadonlyMap<string, Value>[];
  /** The element a splat is applying its operators to. */
  splatItem?: Nav;
}

export function withFrame(ctx: EvalContext, frame: ReadonlyMap<string, Value>): EvalContext {
  return { ...ctx, frames: [...ctx.frames, frame] };
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/** `a.b`, `a[0]`, `a["key with space"]`: attribute paths as Terraform writes them. */
export function extendPath(path: string, step: string | number): string {
  if (typeof step === 'number') return `${path}[${step}]`;
  if (IDENTIFIER.test(step)) return path === '' ? step : `${path}.${step}`;
  return `${path}[${JSON.stringify(step)}]`;
}
