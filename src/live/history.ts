// Scan history for scheduled live scans (`--history DIR`): every scan's report
// is kept as JSON, and the current failures are compared by fingerprint with
// the previous scan's: new, fixed, still open. Fingerprints carry no lines, so
// a failure that stays is recognised across runs.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/usage-error.js';
import type { Finding } from '../results/finding.js';
import type { ScanReport } from '../results/report.js';

const FILE_PATTERN = /^kikan-scan-(\d{8}T\d{6}(?:\d{3})?Z)\.json$/;

export interface HistoryEntry {
  fingerprint: string;
  controlId: string;
  address: string;
}

export interface HistoryDiff {
  /** File name of the previous scan in the directory; absent on the first scan. */
  previous?: string;
  /** File name the current scan was written to. */
  written: string;
  newFailures: HistoryEntry[];
  fixed: HistoryEntry[];
  stillOpen: HistoryEntry[];
  /** Fingerprints failing in the previous scan: they do not fail this run. */
  previouslyFailing: ReadonlySet<string>;
}

function entry(f: Pick<Finding, 'fingerprint' | 'controlId'> & { resource: { address: string } }): HistoryEntry {
  return { fingerprint: f.fingerprint, controlId: f.controlId, address: f.resource.address };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

/** Failures of a stored scan, read leniently: a damaged file is a usage error naming it. */
function failuresOf(file: string): HistoryEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--history: cannot read ${file}: ${(e as Error).message}`, '--history');
  }
  const findings = (doc as { findings?: unknown })?.findings;
  if (!Array.isArray(findings)) throw new UsageError(`--history: ${file} is not a kikan scan report`, '--history');
  const out: HistoryEntry[] = [];
  for (const f of findings as Record<string, unknown>[]) {
    const resource = f?.resource as { address?: unknown } | undefined;
    if (f?.status === 'fail' && typeof f.fingerprint === 'string' && typeof f.controlId === 'string') {
      out.push({ fingerprint: f.fingerprint, controlId: f.controlId, address: String(resource?.address ?? '') });
    }
  }
  return out;
}

/** The newest stored scan of the directory, by the time in its name. */
export function previousScan(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  return names.filter((n) => FILE_PATTERN.test(n)).sort().at(-1);
}

/**
 * Compares the report with the previous scan in `dir`, then stores the report
 * (the JSON the caller rendered) under a name carrying the scan time.
 */
export function recordScan(dir: string, report: ScanReport, reportJson: string, now: Date): HistoryDiff {
  mkdirSync(dir, { recursive: true });
  const previous = previousScan(dir);
  const before = previous ? failuresOf(path.join(dir, previous)) : [];
  const beforeSet = new Set(before.map((e) => e.fingerprint));
  const current = report.findings.filter((f) => f.status === 'fail').map(entry);
  const currentSet = new Set(current.map((e) => e.fingerprint));
  let written = `kikan-scan-${stamp(now)}.json`;
  // Two scans within the same millisecond must not overwrite each other.
  for (let i = 1; previous !== undefined && written <= previous; i++) written = `kikan-scan-${stamp(new Date(now.getTime() + i))}.json`;
  writeFileSync(path.join(dir, written), reportJson);
  return {
    ...(previous ? { previous } : {}),
    written,
    newFailures: current.filter((e) => !beforeSet.has(e.fingerprint)),
    fixed: before.filter((e) => !currentSet.has(e.fingerprint)),
    stillOpen: current.filter((e) => beforeSet.has(e.fingerprint)),
    previouslyFailing: beforeSet,
  };
}

/** A short summary for stderr, Japanese first like the other human outputs. */
export function describeDiff(d: HistoryDiff, lang: 'ja' | 'en'): string {
  const lines: string[] = [];
  const since = d.previous ?? (lang === 'ja' ? '(初回)' : '(first scan)');
  lines.push(
    lang === 'ja'
      ? `前回 ${since} との比較: 新規 ${d.newFailures.length} 件、解消 ${d.fixed.length} 件、継続 ${d.stillOpen.length} 件`
      : `Since ${since}: ${d.newFailures.length} new, ${d.fixed.length} fixed, ${d.stillOpen.length} still open`,
  );
  for (const e of d.newFailures) lines.push(`  + ${e.controlId} ${e.address}`);
  for (const e of d.fixed) lines.push(`  - ${e.controlId} ${e.address}`);
  return lines.join('\n') + '\n';
}
