// Reading function arguments of the expected type; a wrong type is an error
// naming the argument.
import type { Value } from '../../../readers/value.js';
import { TfEvalError } from '../errors.js';
import { sortedKeys, toBool, toInt, toNum, toStr, typeName } from '../convert.js';

const label = (i: number): string => `argument ${i + 1}`;

export function argStr(args: Value[], i: number): string {
  return toStr(args[i]!, label(i));
}

export function argNum(args: Value[], i: number): number {
  return toNum(args[i]!, label(i));
}

export function argInt(args: Value[], i: number): number {
  return toInt(args[i]!, label(i));
}

export function argBool(args: Value[], i: number): boolean {
  return toBool(args[i]!, label(i));
}

export function argList(args: Value[], i: number): Value[] {
  const v = args[i]!;
  if (v.kind === 'list') return v.items;
  throw new TfEvalError(`${label(i)} must be a list, got ${typeName(v)}`);
}

export function argObject(args: Value[], i: number): Record<string, Value> {
  const v = args[i]!;
  if (v.kind === 'object') return v.fields;
  throw new TfEvalError(`${label(i)} must be a map or object, got ${typeName(v)}`);
}

/** Elements of a list, or values of a map in key order. */
export function argElements(args: Value[], i: number): Value[] {
  const v = args[i]!;
  if (v.kind === 'list') return v.items;
  if (v.kind === 'object') return sortedKeys(v.fields).map((k) => v.fields[k]!);
  throw new TfEvalError(`${label(i)} must be a collection, got ${typeName(v)}`);
}

export function argStrings(args: Value[], i: number): string[] {
  return argList(args, i).map((v, j) => toStr(v, `element ${j} of ${label(i)}`));
}
