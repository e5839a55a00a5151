// What a built-in function looks like to the evaluator.
import type { SourceLoc, Value } from '../../../readers/value.js';
import type { Budget } from '../limits.js';
import type { TfScope } from '../scope.js';

export interface CallContext {
  /** Location every produced value carries. */
  loc: SourceLoc;
  /** Source text of the call, shown by unknown results. */
  text: string;
  budget: Budget;
  scope: TfScope;
  /** Evaluate template text (templatefile) with only `vars` in scope. */
  evaluateTemplate(src: string, vars: Record<string, Value>): Value;
}

export interface TfFunction {
  /** Fewest arguments. */
  min: number;
  /** Most arguments; Infinity for variadic functions. */
  max: number;
  /**
   * The function looks at unknown arguments itself (it can say something
   * precise, like the length of a list of unknown elements). Otherwise any
   * unknown inside any argument makes the result unknown.
   */
  handlesUnknown?: boolean;
  call(args: Value[], ctx: CallContext): Value;
}

export type FunctionTable = Record<string, TfFunction>;
