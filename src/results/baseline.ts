// Baselines: the failures a project has accepted for now, by fingerprint, so
// that only new failures break the build. Fingerprints carry no line numbers,
// so moving code keeps the match.
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../cli/usage-error.js';
import type { Finding } from './finding.js';

interface BaselineFile {
  kikanBaseline: 1;
  createdAt: string;
  findings: { fingerprint: string; controlId: string; address: string }[];
}

export function writeBaseline(file: string, findings: readonly Finding[], now: Date): number {
  const failing = findings.filter((f) => f.status === 'fail');
  const doc: BaselineFile = {
    kikanBaseline: 1,
    createdAt: now.toISOString(),
    findings: failing
      .map((f) => ({ fingerprint: f.fingerprint, controlId: f.controlId, address: f.resource.address }))
      .sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)),
  };
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  return failing.length;
}

export function readBaseline(file: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--baseline: cannot read ${file}: ${(e as Error).message}`, '--baseline');
  }
  const d = doc as Partial<BaselineFile>;
  if (d?.kikanBaseline !== 1 || !Array.isArray(d.findings) || d.findings.some((f) => typeof f?.fingerprint !== 'string')) {
    throw new UsageError(`--baseline: ${file} is not a kikan baseline (write one with --write-baseline)`, '--baseline');
  }
  return new Set(d.findings.map((f) => f.fingerprint));
}
