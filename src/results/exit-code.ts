// Exit codes of SPEC §4: 0 clean, 1 failures at or above --fail-on,
// 2 usage/configuration error (decided before scanning), 3 incomplete scan.
import type { Finding, Severity } from './finding.js';
import { SEVERITY_ORDER } from './finding.js';

export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;
export const EXIT_INCOMPLETE = 3;

export interface ExitPolicy {
  failOn: Severity;
  failOnUnknown: boolean;
  softFail: boolean;
  /** Fingerprints of failures accepted by a baseline: they don't count. */
  baseline?: ReadonlySet<string>;
}

export function atOrAbove(s: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(s) >= SEVERITY_ORDER.indexOf(threshold);
}

export function exitCodeOf(findings: readonly Finding[], errorCount: number, p: ExitPolicy): number {
  const counts = (f: Finding) => !p.baseline?.has(f.fingerprint);
  const failing = findings.some(
    (f) =>
      counts(f) &&
      ((f.status === 'fail' && atOrAbove(f.severity, p.failOn)) || (p.failOnUnknown && f.status === 'unknown')),
  );
  if (failing && !p.softFail) return EXIT_FAIL;
  // --soft-fail hides failures, never an incomplete scan.
  if (errorCount > 0) return EXIT_INCOMPLETE;
  return EXIT_OK;
}
