// `kikan scan-azure`: reads live subscriptions through Resource Manager, runs
// the same controls as `kikan scan`, writes the same reports, keeps the scan
// history and decides the exit code. The command definition loads nothing
// heavy; the SDKs and the engine load only when the command runs.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { collect, parseChoice } from './parse-flags.js';
import { withReportOptions } from './report-options.js';
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
  return withReportOptions(
    new Command('scan-azure')
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
      .option('--snapshot <file>', 'write the resources as read (stable JSON) to FILE and list it, with its SHA-256, in the report inputs'),
    'policy file (default: kikan.yaml in the current directory)',
  ).action(async (opts: Record<string, unknown>) => {
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
  const [{ liveReportFlags, finishLiveScan }, { loadCatalog }, { loadPolicyFor }] = await Promise.all([
    import('./live-report.js'),
    import('../controls/catalog/load.js'),
    import('../policy/load.js'),
  ]);
  // Every flag is checked before anything is read: a wrong flag is exit 2 with nothing scanned.
  const subscriptions = (opts.subscription as string[] | undefined) ?? [];
  if (!subscriptions.length) throw new UsageError('--subscription is required (repeat it for several subscriptions)', '--subscription');
  for (const s of subscriptions) if (!/^[0-9a-f-]{36}$/i.test(s)) throw new UsageError(`--subscription is not a subscription ID: ${s}`, '--subscription');
  const flags = liveReportFlags(opts);
  const cloud = parseChoice('--cloud', String(opts.cloud ?? 'public'), ['public', 'china', 'usgov'] as const);
  const endpointFlag = parseEndpoint(opts.armEndpoint);
  const ca = readCa(opts.caFile);
  const policy = loadPolicyFor(process.cwd(), opts.config as string | undefined);
  const catalog = loadCatalog();

  const [{ armEndpointOf, authorityHostOf }, { credentialFromEnvironment }, { readAzure }, { applyReadGaps }, { liveFindings }] = await Promise.all([
    import('../live/azure/clouds.js'),
    import('../live/azure/credential.js'),
    import('../live/azure/index.js'),
    import('../live/azure/read-gaps.js'),
    import('../live/azure/evaluate.js'),
  ]);
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
  const judged = await liveFindings(read.resources, subscriptions, policy, now, severityOf);
  const findings = applyReadGaps(judged.findings, read.gaps);
  progress?.done();
  return finishLiveScan({ kind: 'azure', snapshotKind: 'azure-arm-snapshot', read, findings, notJudged: judged.notJudged, now }, flags, opts, catalog, io);
}
