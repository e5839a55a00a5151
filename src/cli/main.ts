// kikan command line. Heavy modules (readers, SDKs) load only inside the
// command that needs them, so `--version` and `controls` start fast.
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from '../results/exit-code.js';
import { attestCommand } from './attest-command.js';
import { collect } from './parse-flags.js';
import { scanAwsCommand } from './scan-aws-command.js';
import { scanAzureCommand } from './scan-azure-command.js';
import { withReportOptions } from './report-options.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

function program(): Command {
  const p = new Command()
    .name('kikan')
    .description('標準準拠システム（ガバメントクラウド）のクラウド環境をセキュリティ指針に照らして検査します')
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    // Options after a subcommand's name belong to it (`attest init -o FILE` is init's -o, not attest's).
    .enablePositionalOptions()
    .exitOverride();

  withReportOptions(
    p.command('scan')
      .description('Terraform / CloudFormation / ARM の定義を検査します (scan definitions)')
      .argument('[paths...]', 'files or directories to scan', ['.'])
      .option('--region <region>', 'AWS region the definitions deploy to (AWS::Region, provider region)')
      .option('--location <location>', 'Azure location the definitions deploy to (resourceGroup().location)')
      .option('--var <NAME=VALUE>', 'Terraform variable (repeatable)', collect, [])
      .option('--var-file <file>', 'Terraform variables file (repeatable)', collect, [])
      .option('--param <NAME=VALUE>', 'CloudFormation / ARM parameter (repeatable)', collect, [])
      .option('--param-file <file>', 'CloudFormation / ARM parameter file (repeatable)', collect, [])
      .option('--root <dir>', 'directory that file paths in the report are relative to')
      .option('--jobs <n>', 'worker threads that read inputs in parallel (1: none)', '1')
      .option('--read-timeout <seconds>', 'give up reading one template or Terraform module group after this long', '120'),
    'policy file (default: kikan.yaml at the scan root)',
  ).action(async (paths: string[], opts: Record<string, unknown>) => {
    const { runScan } = await import('./scan-command.js');
    process.exitCode = await runScan(paths, opts);
  });

  p.addCommand(scanAwsCommand());
  p.addCommand(scanAzureCommand());
  p.addCommand(attestCommand());

  p.command('controls')
    .description('管理策カタログを表示します (list the control catalog)')
    .option('-f, --format <format>', 'text, json or markdown', 'text')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(async (opts: Record<string, unknown>) => {
      const { runControls } = await import('./controls-command.js');
      process.exitCode = await runControls(opts);
    });

  p.command('init')
    .description('ポリシーファイル kikan.yaml の雛形を書き出します (write a starter kikan.yaml)')
    .argument('[path]', 'file, or directory to write kikan.yaml in', 'kikan.yaml')
    .option('--preset <name>', 'govcloud: declare the ガバメントクラウド platform baseline as inherited')
    .option('--force', 'overwrite an existing file', false)
    .action(async (target: string, opts: Record<string, unknown>) => {
      const { runInit } = await import('../policy/init.js');
      process.exitCode = runInit({ path: target, preset: opts.preset as string | undefined, force: Boolean(opts.force) });
    });

  return p;
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    await program().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      // commander already printed its message (it names the flag).
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`kikan: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
