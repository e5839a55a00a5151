// `kikan scan-azure`: reads live subscriptions through Resource Manager, runs
// the same controls as `kikan scan`, writes the same reports, keeps the scan
// history and decides the exit code. The command definition loads nothing
// heavy; the SDKs and the engine load only when the command runs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { collect, parseChoice, parseLang, parseSeverity } from './parse-flags.js';
import { UsageError } from './usage-error.js';

/** Where the command writes: the process streams, or a test's. */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CommandIo = {
  env: process.env,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export function scanAzureCommand(): Command {
  return new Command('scan-azure')
    .description('稼働中の Azure サブスクリプションを Resource Manager 経由で検査します (scan live Azure subscriptions)')
    // A command added to the program does not inherit its settings: a wrong flag must reach main() as exit 2.
    .exitOverride()
    .showHelpAfterError()
    .option('--subscription <id>', 'subscription ID (repeatable)', collect, [])
    .option('--resource-group <name>', 'only this resource group (repeatable)', collect, [])
    .addOption(new Option('--cloud <cloud>', 'Azure cloud').choices(['public', 'china', 'usgov']).default('public'))
    .option('--arm-endpoint <url>', 'Resource Manager endpoint (sovereign or private), overrides --cloud')
    .option('--ca-file <file>', 'trust this CA certificate (PEM) for the Resource Manager endpoint')
    .option('--history <dir>', 'keep each scan (report and resource snapshot) in DIR and report what is new, fixed and still open since the previous one')
    .option('--snapshot <file>', 'write the resources as read (stable JSON) to FILE and list it, with its SHA-256, in the report inputs')
    .addOption(new Option('-f, --format <format>', 'output format on stdout').default('text'))
    .option('-o, --output <FORMAT=FILE>', 'also write FORMAT to FILE (repeatable)', collect, [])
    .option('--lang <lang>', 'report language: ja or en', 'ja')
    .option('--fail-on <severity>', 'exit 1 on failures at or above this severity', 'high')
    .option('--fail-on-unknown', 'exit 1 also when a result is unknown', false)
    .option('--soft-fail', 'exit 0 even when failures are found (never hides exit 2 or 3)', false)
    .option('-c, --config <file>', 'policy file (default: kikan.yaml in the current directory)')
    .option('--baseline <file>', 'failures recorded in this baseline do not fail the run')
    .option('--write-baseline <file>', 'record the current failures as the baseline')
    .option('-q, --quiet', 'no progress line on stderr', false)
    .action(async (opts: Record<string, unknown>) => {
      process.exitCode = await runScanAzure(opts);
    });
}

function parseEndpoint(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UsageError(`--arm-endpoint is not a URL: ${v}`, '--arm-endpoint');
  }
  if (u.protocol !== 'https:') throw new UsageError(`--arm-endpoint must be https (the bearer token goes with every call): ${v}`, '--arm-endpoint');
  return u.origin + u.pathname;
}

function readCa(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    return readFileSync(v, 'utf8');
  } catch (e) {
    throw new UsageError(`--ca-file: cannot read ${v}: ${(e as Error).message}`, '--ca-file');
  }
}

export async function runScanAzure(opts: Record<string, unknown>, io: CommandIo = processIo): Promise<number> {
  const [{ REPORT_FORMATS, renderReport }, { loadCatalog }, { loadPolicyFor }] = await Promise.all([
    import('../report/render.js'),
    import('../controls/catalog/load.js'),
    import('../policy/load.js'),
  ]);
  // Every flag is checked before anything is read: a wrong flag is exit 2 with nothing scanned.
  const subscriptions = (opts.subscription as string[] | undefined) ?? [];
  if (!subscriptions.length) throw new UsageError('--subscription is required (repeat it for several subscriptions)', '--subscription');
  for (const s of subscriptions) if (!/^[0-9a-f-]{36}$/i.test(s)) throw new UsageError(`--subscription is not a subscription ID: ${s}`, '--subscription');
  const lang = parseLang(String(opts.lang ?? 'ja'));
  const format = parseChoice('--format', String(opts.format ?? 'text'), REPORT_FORMATS);
  const outputs = ((opts.output as string[] | undefined) ?? []).map((v) => {
    const i = v.indexOf('=');
    if (i <= 0) throw new UsageError(`--output expects FORMAT=FILE, got "${v}"`, '--output');
    return { format: parseChoice('--output', v.slice(0, i), REPORT_FORMATS), file: v.slice(i + 1) };
  });
  const failOn = parseSeverity('--fail-on', String(opts.failOn ?? 'high'));
  const cloud = parseChoice('--cloud', String(opts.cloud ?? 'public'), ['public', 'china', 'usgov'] as const);
  const endpointFlag = parseEndpoint(opts.armEndpoint);
  const ca = readCa(opts.caFile);
  const policy = loadPolicyFor(process.cwd(), opts.config as string | undefined);
  const catalog = loadCatalog();

  const [
    { readBaseline, writeBaseline },
    { exitCodeOf },
    { summarize },
    { VERSION },
    { armEndpointOf, authorityHostOf },
    { credentialFromEnvironment },
    { readAzure },
    { applyReadGaps },
    { liveFindings },
    { writeSnapshot },
  ] = await Promise.all([
    import('../results/baseline.js'),
    import('../results/exit-code.js'),
    import('../results/summary.js'),
    import('./version.js'),
    import('../live/azure/clouds.js'),
    import('../live/azure/credential.js'),
    import('../live/azure/index.js'),
    import('../live/azure/read-gaps.js'),
    import('../live/azure/evaluate.js'),
    import('../live/snapshot.js'),
  ]);
  const baseline = typeof opts.baseline === 'string' ? readBaseline(opts.baseline) : undefined;
  const now = new Date();
  const progress = opts.quiet ? undefined : (await import('./progress.js')).progressReporter(process.stderr);

  const endpoint = armEndpointOf(cloud, endpointFlag);
  const read = await readAzure({
    endpoint,
    credential: await credentialFromEnvironment(io.env, authorityHostOf(cloud)),
    subscriptions,
    resourceGroups: (opts.resourceGroup as string[] | undefined) ?? [],
    ...(ca ? { ca } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  });
  progress?.update(`evaluate ${read.resources.length} resources`);
  const severityOf = (id: string) => catalog.byId.get(id)?.severity ?? 'medium';
  const findings = applyReadGaps(await liveFindings(read.resources, subscriptions, policy, now, severityOf), read.gaps);
  progress?.done();

  // The evidence the report rests on: kept as files whose hashes `kikan attest verify` recomputes.
  const snapshotFiles = [
    ...(typeof opts.snapshot === 'string' ? [opts.snapshot] : []),
    ...(typeof opts.history === 'string' ? [path.join(opts.history, `kikan-snapshot-${now.toISOString().replace(/[-:.]/g, '')}.json`)] : []),
  ];
  const inputs = [...read.inputs];
  for (const file of snapshotFiles) inputs.push(writeSnapshot(file, read, 'azure-arm-snapshot'));

  if (baseline) for (const f of findings) if (f.status === 'fail' && baseline.has(f.fingerprint)) f.inBaseline = true;
  const report = {
    tool: { name: 'kikan' as const, version: VERSION },
    catalog: { version: catalog.version, source: catalog.source },
    scannedAt: now.toISOString(),
    kind: 'azure' as const,
    findings,
    inputs,
    errors: read.errors,
    notScanned: read.notScanned,
    summary: summarize(findings),
  };
  const ctx = { lang, catalog };
  io.stdout(renderReport(format, report, ctx));
  for (const o of outputs) writeFileSync(o.file, renderReport(o.format, report, ctx));
  if (typeof opts.writeBaseline === 'string') writeBaseline(opts.writeBaseline, report.findings, now);

  // With a history, only failures that are new since the previous scan fail the run.
  let accepted: Set<string> | undefined = baseline ? new Set(baseline) : undefined;
  if (typeof opts.history === 'string') {
    const { recordScan, describeDiff } = await import('../live/history.js');
    const diff = recordScan(opts.history, report, renderReport('json', report, ctx), now);
    io.stderr(describeDiff(diff, lang));
    accepted = new Set([...(accepted ?? []), ...diff.previouslyFailing]);
  }
  return exitCodeOf(report.findings, report.errors.length, {
    failOn,
    failOnUnknown: Boolean(opts.failOnUnknown),
    softFail: Boolean(opts.softFail),
    ...(accepted ? { baseline: accepted } : {}),
  });
}
