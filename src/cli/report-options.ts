// The report and exit-code flags every scanning command takes, declared once
// so that `scan`, `scan-aws` and `scan-azure` read them the same way.
import type { Command } from 'commander';
import { Option } from 'commander';
import { collect } from './parse-flags.js';

export function withReportOptions(cmd: Command, configHelp: string): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format on stdout').default('text'))
    .option('-o, --output <FORMAT=FILE>', 'also write FORMAT to FILE, or FILE in the format its extension names (.json .sarif .xml .md .csv .txt); repeatable', collect, [])
    .option('--lang <lang>', 'report language: ja or en', 'ja')
    .option('--fail-on <severity>', 'exit 1 on failures at or above this severity', 'high')
    .option('--fail-on-unknown', 'exit 1 also when a result is unknown', false)
    .option('--soft-fail', 'exit 0 even when failures are found (never hides exit 2 or 3)', false)
    .option('-c, --config <file>', configHelp)
    .option('--baseline <file>', 'failures recorded in this baseline do not fail the run')
    .option('--write-baseline <file>', 'record the current failures as the baseline')
    .option('-q, --quiet', 'no progress line on stderr', false);
}
