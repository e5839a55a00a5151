// `kikan scan`: reads flags, runs the scan, writes the reports, decides the exit code.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../controls/catalog/load.js';
import { scanDefinitions } from '../engine/scan.js';
import { loadPolicyFor } from '../policy/load.js';
import type { ReadOptions } from '../readers/options.js';
import { readBaseline, writeBaseline } from '../results/baseline.js';
import { exitCodeOf } from '../results/exit-code.js';
import type { ScanReport } from '../results/report.js';
import { notJudgedTypes } from '../results/not-judged.js';
import { summarize } from '../results/summary.js';
import { renderReportChunks, REPORT_FORMATS } from '../report/render.js';
import { writeChunks, writeChunksToFile } from '../report/write.js';
import { parseChoice, parseLang, parsePairs, parseSeverity } from './parse-flags.js';
import { parseOutputs } from './parse-outputs.js';
import { progressReporter } from './progress.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

function scanRoot(paths: string[], flag: unknown): string {
  if (typeof flag === 'string') return path.resolve(flag);
  if (paths.length === 1 && existsSync(paths[0]!) && statSync(paths[0]!).isDirectory()) return path.resolve(paths[0]!);
  return process.cwd();
}

export async function runScan(paths: string[], opts: Record<string, unknown>): Promise<number> {
  // Every flag is checked before anything is read: a wrong flag is exit 2 with nothing scanned.
  const lang = parseLang(String(opts.lang));
  const format = parseChoice('--format', String(opts.format), REPORT_FORMATS);
  const outputs = parseOutputs(opts.output as string[], REPORT_FORMATS);
  const failOn = parseSeverity('--fail-on', String(opts.failOn));
  const jobs = Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs expects a whole number from 1, got "${String(opts.jobs)}"`, '--jobs');
  const readTimeout = Number(opts.readTimeout);
  if (!(readTimeout > 0) || !Number.isFinite(readTimeout)) {
    throw new UsageError(`--read-timeout expects a number of seconds above 0, got "${String(opts.readTimeout)}"`, '--read-timeout');
  }
  const baseline = typeof opts.baseline === 'string' ? readBaseline(opts.baseline) : undefined;
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`path not found: ${p}`, p);
  const root = scanRoot(paths, opts.root);
  const files = (flag: string, list: string[]) =>
    list.map((f) => {
      if (!existsSync(f)) throw new UsageError(`${flag}: file not found: ${f}`, flag);
      return path.resolve(f);
    });
  const read: ReadOptions = {
    root,
    vars: parsePairs('--var', opts.var as string[]),
    varFiles: files('--var-file', opts.varFile as string[]),
    params: parsePairs('--param', opts.param as string[]),
    paramFiles: files('--param-file', opts.paramFile as string[]),
    timeLimitMs: readTimeout * 1000,
  };
  const region = (opts.region as string | undefined) ?? (opts.location as string | undefined);
  const policy = loadPolicyFor(root, opts.config as string | undefined);
  if (region) read.region = region;
  else if (policy.region) read.region = policy.region;
  const catalog = loadCatalog();
  const severityOf = (id: string) => catalog.byId.get(id)?.severity ?? 'medium';

  const progress = opts.quiet ? undefined : progressReporter(process.stderr);
  const outcome = await scanDefinitions({
    paths,
    read,
    policy,
    now: new Date(),
    severityOf,
    jobs,
    ...(progress ? { onProgress: progress.update } : {}),
  });
  progress?.done();

  if (baseline) for (const f of outcome.findings) if (f.status === 'fail' && baseline.has(f.fingerprint)) f.inBaseline = true;
  const report: ScanReport = {
    tool: { name: 'kikan', version: VERSION },
    catalog: { version: catalog.version, source: catalog.source },
    scannedAt: new Date().toISOString(),
    kind: 'iac',
    findings: outcome.findings,
    inputs: outcome.inputs,
    errors: outcome.errors,
    notScanned: outcome.notScanned,
    notJudged: notJudgedTypes(outcome.model.unlifted),
    summary: summarize(outcome.findings),
  };
  const ctx = { lang, catalog };
  writeChunks((t) => process.stdout.write(t), renderReportChunks(format, report, ctx));
  for (const o of outputs) writeChunksToFile(o.file, renderReportChunks(o.format, report, ctx));
  if (typeof opts.writeBaseline === 'string') writeBaseline(opts.writeBaseline, report.findings, new Date());

  return exitCodeOf(report.findings, report.errors.length, {
    failOn,
    failOnUnknown: Boolean(opts.failOnUnknown),
    softFail: Boolean(opts.softFail),
    ...(baseline ? { baseline } : {}),
  });
}
