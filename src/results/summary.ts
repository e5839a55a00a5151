// Counts findings by status and severity; reporters show these, never recount.
import type { Finding, Severity, Status } from './finding.js';

export interface Summary {
  total: number;
  byStatus: Record<Status, number>;
  /** Failing findings by severity. */
  failBySeverity: Record<Severity, number>;
  /** Controls with at least one failing finding. */
  failingControls: string[];
}

export function summarize(findings: readonly Finding[]): Summary {
  const byStatus: Record<Status, number> = {
    pass: 0, fail: 0, unknown: 0, not_applicable: 0, inherited: 0, exception: 0, suppressed: 0, manual: 0,
  };
  const failBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const failing = new Set<string>();
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.status === 'fail') {
      failBySeverity[f.severity]++;
      failing.add(f.controlId);
    }
  }
  return { total: findings.length, byStatus, failBySeverity, failingControls: [...failing].sort() };
}
