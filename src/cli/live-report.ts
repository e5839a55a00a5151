// What `scan-aws` and `scan-azure` share once the live resources are read:
// the report flags, the kept snapshots, baseline marks, the reports, the
// scan history and the exit code.
import path from 'node:path';
import type { Catalog } from '../controls/catalog/types.js';
import { writeSnapshot } from '../live/snapshot.js';
import type { SnapshotContent } from '../live/snapshot.js';
import type { InputRecord, NotScanned, ReadError } from '../readers/native.js';
import { readBaseline, writeBaseline } from '../results/baseline.js';
import { exitCodeOf } from '../results/exit-code.js';
import type { Finding, Severity } from '../results/finding.js';
import type { ScanReport } from '../results/report.js';
import type { NotJudgedType } from '../results/not-judged.js';
import { summarize } from '../results/summary.js';
import type { Lang } from '../report/lang.js';
import { REPORT_FORMATS, renderReport, renderReportChunks } from '../report/render.js';
import type { ReportFormat } from '../report/render.js';
import { writeChunks, writeChunksToFile } from '../report/write.js';
import { parseChoice, parseLang, parseSeverity } from './parse-flags.js';
import { parseOutputs } from './parse-outputs.js';
import { VERSION } from './version.js';

export interface LiveReportFlags {
  lang: Lang;
  format: ReportFormat;
  outputs: { format: ReportFormat; file: string }[];
  failOn: Severity;
  baseline?: Set<string>;
}

/** The report flags, checked before anything is read: a wrong one is exit 2. */
export function liveReportFlags(opts: Record<string, unknown>): LiveReportFlags {
  return {
    lang: parseLang(String(opts.lang ?? 'ja')),
    format: parseChoice('--format', String(opts.format ?? 'text'), REPORT_FORMATS),
    outputs: parseOutputs((opts.output as string[] | undefined) ?? [], REPORT_FORMATS),
    failOn: parseSeverity('--fail-on', String(opts.failOn ?? 'high')),
    ...(typeof opts.baseline === 'string' ? { baseline: readBaseline(opts.baseline) } : {}),
  };
}

export interface LiveScan {
  kind: 'aws' | 'azure';
  /** Input kind of the kept resource snapshot (`aws-config-snapshot`). */
  snapshotKind: string;
  read: SnapshotContent & { inputs: InputRecord[]; errors: ReadError[]; notScanned: NotScanned[] };
  findings: Finding[];
  /** Types read that no control judges. */
  notJudged: NotJudgedType[];
  now: Date;
}

export async function finishLiveScan(
  scan: LiveScan,
  flags: LiveReportFlags,
  opts: Record<string, unknown>,
  catalog: Catalog,
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<number> {
  const { findings, now } = scan;
  // The evidence the report rests on: kept as files whose hashes `kikan attest verify` recomputes.
  const snapshotFiles = [
    ...(typeof opts.snapshot === 'string' ? [opts.snapshot] : []),
    ...(typeof opts.history === 'string' ? [path.join(opts.history, `kikan-snapshot-${now.toISOString().replace(/[-:.]/g, '')}.json`)] : []),
  ];
  const inputs = [...scan.read.inputs];
  for (const file of snapshotFiles) inputs.push(writeSnapshot(file, scan.read, scan.snapshotKind));

  const { baseline } = flags;
  if (baseline) for (const f of findings) if (f.status === 'fail' && baseline.has(f.fingerprint)) f.inBaseline = true;
  const report: ScanReport = {
    tool: { name: 'kikan', version: VERSION },
    catalog: { version: catalog.version, source: catalog.source },
    scannedAt: now.toISOString(),
    kind: scan.kind,
    findings,
    inputs,
    errors: scan.read.errors,
    notScanned: scan.read.notScanned,
    notJudged: scan.notJudged,
    summary: summarize(findings),
  };
  const ctx = { lang: flags.lang, catalog };
  writeChunks(io.stdout, renderReportChunks(flags.format, report, ctx));
  for (const o of flags.outputs) writeChunksToFile(o.file, renderReportChunks(o.format, report, ctx));
  if (typeof opts.writeBaseline === 'string') writeBaseline(opts.writeBaseline, report.findings, now);

  // With a history, only failures that are new since the previous scan fail the run.
  let accepted: Set<string> | undefined = baseline ? new Set(baseline) : undefined;
  if (typeof opts.history === 'string') {
    const { recordScan, describeDiff } = await import('../live/history.js');
    const diff = recordScan(opts.history, report, renderReport('json', report, ctx), now);
    io.stderr(describeDiff(diff, flags.lang));
    accepted = new Set([...(accepted ?? []), ...diff.previouslyFailing]);
  }
  return exitCodeOf(report.findings, report.errors.length, {
    failOn: flags.failOn,
    failOnUnknown: Boolean(opts.failOnUnknown),
    softFail: Boolean(opts.softFail),
    ...(accepted ? { baseline: accepted } : {}),
  });
}
