// Failures while parsing or evaluating an expression. They never leave the
// public API as exceptions: they become UnknownValues whose detail starts
// with `error:` and whose inputs are empty, so a reader can tell "this
// configuration is wrong (or beyond our limits)" from "an input is missing".
import type { SourceLoc, UnknownValue, Value } from '../../readers/value.js';
import { unknown } from '../../readers/value.js';

/** A mistake in the expression: syntax, types, unknown function, missing key. `try`/`can` catch it. */
export class TfEvalError extends Error {
  override name = 'TfEvalError';
}

/** The expression is too big or deep to evaluate safely. `try`/`can` do not catch it. */
export class TfLimitError extends Error {
  override name = 'TfLimitError';
}

export const ERROR_PREFIX = 'error: ';

export function errorValue(message: string, loc: SourceLoc | undefined, expr?: string): UnknownValue {
  return unknown({ inputs: [], detail: ERROR_PREFIX + message }, loc, expr);
}

/** True when the value is the result of an error in the expression itself (not missing input). */
export function isEvalError(v: Value | undefined): boolean {
  return v !== undefined && v.kind === 'unknown' && v.cause.inputs.length === 0 && v.cause.detail.startsWith(ERROR_PREFIX);
}

/** Turn anything thrown during evaluation into a message. */
export function thrownMessage(e: unknown): string {
  if (e instanceof TfEvalError || e instanceof TfLimitError) return e.message;
  // Deeply nested values can still exhaust the native stack inside helpers.
  if (e instanceof RangeError) return `too deeply nested to evaluate (${e.message})`;
  // A fault in kikan or in the reader's scope must not stop the scan either; it is reported.
  return `internal error: ${e instanceof Error ? e.message : String(e)}`;
}
