// The time limit on reading one unit (a template with its parameter files, or
// a group of Terraform directories). Evaluation is synchronous, so nothing
// can interrupt it from outside in-process: the evaluators tick this clock in
// their inner loops instead, and past the limit every tick throws. Handlers
// that turn any error into an unknown still let the unit finish quickly, since
// each later tick throws at once; the caller then discards the whole unit.
// One unit is read at a time per thread, so one clock per thread suffices.
import { performance } from 'node:perf_hooks';

/** Default limit on reading one unit. */
export const DEFAULT_READ_TIME_LIMIT_MS = 120_000;

/** Ticks between two looks at the time: a look costs about as much as a small evaluation step. */
const TICKS_PER_LOOK = 1024;

export class ReadTimeLimitExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`reading took longer than ${limitMs / 1000} s`);
  }
}

let limitMs = Infinity;
let deadline = Infinity;
let ticks = 0;
let expired = false;
let now: () => number = () => performance.now();

/** Start timing a unit; `clock` is for tests. */
export function startReadClock(limit: number, clock: () => number = () => performance.now()): void {
  now = clock;
  limitMs = limit;
  deadline = now() + limit;
  ticks = 0;
  expired = false;
}

/** Stop timing; true when the unit ran past its limit (its results must not be used). */
export function stopReadClock(): boolean {
  const was = expired || now() > deadline;
  limitMs = Infinity;
  deadline = Infinity;
  expired = false;
  return was;
}

/** Called from evaluation loops; throws once the unit has run past its limit. */
export function tickReadClock(): void {
  if (expired) throw new ReadTimeLimitExceeded(limitMs);
  if (++ticks % TICKS_PER_LOOK !== 0 || deadline === Infinity) return;
  if (now() > deadline) {
    expired = true;
    throw new ReadTimeLimitExceeded(limitMs);
  }
}
