// Time spent parsing, apart from evaluating, for `npm run bench`: the parsers
// are wrapped here, and each read unit takes what its parsing cost. One unit
// is read at a time per thread, so one counter per thread suffices.
import { performance } from 'node:perf_hooks';

let spentMs = 0;

export function timeParse<T>(parse: () => T): T {
  const at = performance.now();
  try {
    return parse();
  } finally {
    spentMs += performance.now() - at;
  }
}

/** The parse time since the last call. */
export function takeParseMs(): number {
  const ms = spentMs;
  spentMs = 0;
  return ms;
}
