// Checks and converts flag values; a bad value names its flag (exit 2).
import type { Severity } from '../results/finding.js';
import { SEVERITY_ORDER } from '../results/finding.js';
import type { Lang } from '../report/lang.js';
import { UsageError } from './usage-error.js';

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `name=value` pairs of --var / --param. */
export function parsePairs(flag: string, values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} expects NAME=VALUE, got "${v}"`, flag);
    out[v.slice(0, i).trim()] = v.slice(i + 1);
  }
  return out;
}

export function parseSeverity(flag: string, v: string): Severity {
  if (!(SEVERITY_ORDER as readonly string[]).includes(v)) {
    throw new UsageError(`${flag} must be one of ${[...SEVERITY_ORDER].reverse().join(', ')}; got "${v}"`, flag);
  }
  return v as Severity;
}

export function parseLang(v: string): Lang {
  if (v !== 'ja' && v !== 'en') throw new UsageError(`--lang must be ja or en; got "${v}"`, '--lang');
  return v;
}

export function parseChoice<T extends string>(flag: string, v: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`${flag} must be one of ${choices.join(', ')}; got "${v}"`, flag);
  }
  return v as T;
}
