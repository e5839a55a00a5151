// What evaluating a template node yields: a value, or AWS::NoValue, which
// removes the property (or list item) it stands in.
import type { Value } from '../../readers/value.js';

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export type Evaluated = Value | typeof NO_VALUE;

/** Names bound by Fn::ForEach loops around the node being evaluated. */
export type Bindings = ReadonlyMap<string, Value>;

export const NO_BINDINGS: Bindings = new Map();
