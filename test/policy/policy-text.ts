// Helpers for policy tests: parse inline YAML against the real catalog, and
// find where a piece of text sits so expectations follow the text.
import { loadCatalog } from '../../src/controls/catalog/load.js';
import type { ControlKind } from '../../src/controls/catalog/types.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { PolicyError, type PolicyProblem } from '../../src/policy/policy-error.js';
import type { Policy } from '../../src/policy/types.js';

let kinds: Map<string, ControlKind> | undefined;

export function catalogKinds(): Map<string, ControlKind> {
  kinds ??= new Map(loadCatalog().controls.map((c) => [c.id, c.kind]));
  return kinds;
}

export function parse(text: string): Policy {
  return parsePolicy({ text, displayFile: 'kikan.yaml', locFile: 'kikan.yaml', controls: catalogKinds() });
}

/** The problems of an invalid policy text; fails the test if it parses. */
export function problemsOf(text: string): readonly PolicyProblem[] {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof PolicyError) return e.problems;
    throw e;
  }
  throw new Error('expected the policy to be rejected');
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found ${nth} times`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
