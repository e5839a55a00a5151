// `kikan scan-aws`: reads live AWS accounts through AWS Config, runs the same
// controls as `kikan scan`, writes the same reports, keeps the scan history
// and decides the exit code. The SDKs and the engine load only when it runs.
import { Command } from 'commander';
import type { AwsReadRequest } from '../live/aws/index.js';
import { collect } from './parse-flags.js';
import { withReportOptions } from './report-options.js';
import { UsageError } from './usage-error.js';

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CommandIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export function scanAwsCommand(): Command {
  return withReportOptions(
    new Command('scan-aws')
      // commander does not pass exitOverride down to added commands: a wrong flag must be exit 2, not 1.
      .exitOverride()
      .description('稼働中の AWS アカウントを AWS Config 経由で検査します (scan live AWS accounts through AWS Config)')
      .option('--region <region>', 'region (repeatable; default AWS_REGION)', collect, [])
      .option('--profile <name>', 'shared config/credentials profile')
      .option('--aggregator <name>', 'read every account of a Config aggregator')
      .option('--assume-role <name>', 'role name to assume in each of --accounts')
      .option('--accounts <ids>', 'comma-separated account IDs (with --assume-role)')
      .option('--history <dir>', 'keep each scan (report and resource snapshot) in DIR and report what is new, fixed and still open since the previous one')
      .option('--snapshot <file>', 'write the resources as read (stable JSON) to FILE and list it, with its SHA-256, in the report inputs'),
    'policy file (default: kikan.yaml in the current directory)',
  ).action(async (opts: Record<string, unknown>) => {
    process.exitCode = await runScanAws(opts);
  });
}

/** Checks the flags into a read request before anything is read (exit 2 on a wrong one). */
export function awsRequestOf(opts: Record<string, unknown>, env: NodeJS.ProcessEnv): AwsReadRequest {
  const regions = (opts.region as string[] | undefined) ?? [];
  if (!regions.length) {
    const fromEnv = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!fromEnv) throw new UsageError('--region is required (or set AWS_REGION)', '--region');
    regions.push(fromEnv);
  }
  for (const r of regions) if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(r)) throw new UsageError(`--region is not an AWS region: ${r}`, '--region');
  const accounts = typeof opts.accounts === 'string' ? opts.accounts.split(',').map((a) => a.trim()).filter(Boolean) : [];
  for (const a of accounts) if (!/^\d{12}$/.test(a)) throw new UsageError(`--accounts: not an account ID: ${a}`, '--accounts');
  const assumeRole = opts.assumeRole as string | undefined;
  if (assumeRole && !accounts.length) throw new UsageError('--assume-role needs --accounts', '--assume-role');
  if (accounts.length && !assumeRole) throw new UsageError('--accounts needs --assume-role', '--accounts');
  if (opts.aggregator && assumeRole) throw new UsageError('--aggregator reads every account itself; drop --assume-role', '--aggregator');
  return {
    regions,
    ...(typeof opts.profile === 'string' ? { profile: opts.profile } : {}),
    ...(typeof opts.aggregator === 'string' ? { aggregator: opts.aggregator } : {}),
    ...(assumeRole ? { assumeRole, accounts } : {}),
  };
}

export async function runScanAws(opts: Record<string, unknown>, io: CommandIo = processIo, overrides: Partial<AwsReadRequest> = {}): Promise<number> {
  const [{ liveReportFlags, finishLiveScan }, { loadCatalog }, { loadPolicyFor }] = await Promise.all([
    import('./live-report.js'),
    import('../controls/catalog/load.js'),
    import('../policy/load.js'),
  ]);
  // Every flag is checked before anything is read: a wrong flag is exit 2 with nothing scanned.
  const request = { ...awsRequestOf(opts, process.env), ...overrides };
  const flags = liveReportFlags(opts);
  const policy = loadPolicyFor(process.cwd(), opts.config as string | undefined);
  const catalog = loadCatalog();

  const [{ readAws }, { evaluate }, { StageTimer }, { CloudModel }, { notJudgedTypes }] = await Promise.all([
    import('../live/aws/index.js'),
    import('../engine/scan.js'),
    import('../engine/stage-timer.js'),
    import('../model/model.js'),
    import('../results/not-judged.js'),
  ]);
  const now = new Date();
  const progress = opts.quiet ? undefined : (await import('./progress.js')).progressReporter(process.stderr);
  const read = await readAws({ ...request, ...(progress ? { onProgress: progress.update } : {}) });
  const severityOf = (id: string) => catalog.byId.get(id)?.severity ?? 'medium';
  // Each account/region read in full is a live scope: an account service it lacks fails there.
  const model = new CloudModel();
  for (const s of read.liveScopes) model.addScope({ id: s.scope, scope: s.scope, cloud: 'aws', source: 'aws-config', label: `${s.account}/${s.region}`, account: s.account, region: s.region });
  const findings = await evaluate(read.resources, model, policy, now, severityOf, new StageTimer());
  progress?.done();
  const notJudged = notJudgedTypes(model.unlifted, read.notRead);
  return finishLiveScan({ kind: 'aws', snapshotKind: 'aws-config-snapshot', read, findings, notJudged, now }, flags, opts, catalog, io);
}
