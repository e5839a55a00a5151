// Caps that keep hostile or accidental inputs from hanging the scan or
// exhausting memory. Real configurations stay far below them.
import { TfLimitError } from './errors.js';
import { tickReadClock } from '../../readers/read-clock.js';

/** Deepest nesting of expressions the parser accepts. */
export const MAX_PARSE_DEPTH = 200;
/** Deepest nesting of JSON the hcl2json walker follows. */
export const MAX_JSON_DEPTH = 400;
/** Most elements one produced list or object may have. */
export const MAX_COLLECTION = 100_000;
/** Longest string a function may produce. */
export const MAX_STRING = 4_000_000;
/** Work units one top-level evaluation may spend (nodes visited, elements processed). */
export const MAX_STEPS = 2_000_000;
/** Longest expression source the parser accepts. */
export const MAX_SOURCE = 1_000_000;

export class Budget {
  private used = 0;
  constructor(private readonly limit = MAX_STEPS) {}
  /** Account for `n` units of work; throws when the evaluation grew too large. */
  spend(n = 1): void {
    tickReadClock();
    this.used += n;
    if (this.used > this.limit) throw new TfLimitError(`expression needs more than ${this.limit} evaluation steps`);
  }
}

export function checkCollectionSize(n: number, what: string): void {
  if (n > MAX_COLLECTION) throw new TfLimitError(`${what} would have ${n} elements, more than the limit of ${MAX_COLLECTION}`);
}

export function checkStringSize(n: number, what: string): void {
  if (n > MAX_STRING) throw new TfLimitError(`${what} would be ${n} characters long, more than the limit of ${MAX_STRING}`);
}
