// An invalid policy file: every problem with file, line and column, in
// Japanese and English. It is a UsageError, so the CLI exits 2 and scans nothing.
import { UsageError } from '../cli/usage-error.js';
import type { LocalText } from '../results/finding.js';

export interface PolicyProblem {
  /** The policy file as the user can open it (relative to the working directory when inside it). */
  file: string;
  line: number;
  column: number;
  /** What the message is about (`waivers[0].expires`); absent for the file as a whole. */
  subject?: string;
  message: LocalText;
}

/** `kikan.yaml:12:3: 不明なキー "x" (unknown key "x")`: editors and CI logs link file:line:column. */
export function formatProblem(p: PolicyProblem): string {
  const subject = p.subject ? `${p.subject}: ` : '';
  return `${p.file}:${p.line}:${p.column}: ${subject}${p.message.ja} (${p.message.en})`;
}

/** A file that is not a policy at all (a template given as --config) must not flood the terminal. */
const MAX_PROBLEMS_SHOWN = 20;

function describeAll(problems: readonly PolicyProblem[]): string {
  const lines = problems.slice(0, MAX_PROBLEMS_SHOWN).map(formatProblem);
  const rest = problems.length - MAX_PROBLEMS_SHOWN;
  if (rest > 0) lines.push(`ほか ${rest} 件 (${rest} more)`);
  return lines.join('\n');
}

export class PolicyError extends UsageError {
  constructor(readonly problems: readonly PolicyProblem[]) {
    super(describeAll(problems), problems[0]?.file);
    this.name = 'PolicyError';
  }
}
