#!/usr/bin/env node
// Entry point of the `kikan` command.
import { EXIT_INCOMPLETE } from '../results/exit-code.js';
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not a verdict: say so, and never exit 0 on it.
    process.stderr.write(`kikan: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT_INCOMPLETE;
  },
);
