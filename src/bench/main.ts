// `npm run bench [--jobs=N] [--scales=1,10] [--no-generated] [DIR...]`: scans generated estates at 1x, 10x and 100x (and any
// directories given as arguments), each in its own child process so its peak
// RSS is its own, next to the parse-only floor of the same files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEstate } from './generate.js';
import type { Measurement } from './measure.js';

const MEASURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'measure.js');
const SCALES = [1, 10, 100];
const UNITS_AT_1X = 5;
const STAGES = ['discover', 'read', 'lift', 'graph', 'controls', 'report'];

function measure(mode: 'scan' | 'floor', dir: string, jobs = 1): Measurement {
  const out = execFileSync(process.execPath, [MEASURE, mode, dir, String(jobs)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

function row(label: string, scan: Measurement, floor: Measurement): string {
  const mb = scan.bytes / 1024 / 1024;
  const s = scan.wallMs / 1000;
  const sec = (n: string) => ((scan.stages[n] ?? 0) / 1000).toFixed(2);
  // Parse and evaluate are measured inside the readers and summed over units: on workers they add up to more than read's wall time.
  const stages = STAGES.map((n) => (n === 'read' ? `read ${sec('read')} (parse ${sec('parse')} + evaluate ${sec('evaluate')})` : `${n} ${sec(n)}`)).join(', ');
  return [
    `${label} (jobs ${scan.jobs}): ${scan.files} files, ${mb.toFixed(2)} MB, ${s.toFixed(2)} s, ${(mb / s).toFixed(2)} MB/s, peak RSS ${scan.maxRssMb.toFixed(0)} MB, ` +
      `${scan.findings} findings, ${scan.errors} read errors`,
    `  stages (s): ${stages}`,
    `  parse-only floor: ${(floor.wallMs / 1000).toFixed(2)} s (hcl ${((floor.stages.hcl ?? 0) / 1000).toFixed(2)}, ` +
      `json ${((floor.stages.json ?? 0) / 1000).toFixed(2)}, yaml ${((floor.stages.yaml ?? 0) / 1000).toFixed(2)}), ` +
      `peak RSS ${floor.maxRssMb.toFixed(0)} MB; scan/floor ${(scan.wallMs / floor.wallMs).toFixed(1)}x`,
  ].join('\n');
}

const args = process.argv.slice(2);
const onlyArgs = args.includes('--no-generated');
const dirs = args.filter((a) => !a.startsWith('--'));
const jobsArg = args.find((a) => a.startsWith('--jobs='));
// As `kikan scan` reads by default: in-process (see docs/performance.md on workers).
const jobs = jobsArg ? Number(jobsArg.slice(7)) : 1;
const scales = onlyArgs ? [] : (args.find((a) => a.startsWith('--scales='))?.slice(9).split(',').map(Number) ?? SCALES);

const results: { label: string; scan: Measurement }[] = [];
for (const scale of scales) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kikan-bench-${scale}x-`));
  try {
    generateEstate(dir, UNITS_AT_1X * scale);
    const floor = measure('floor', dir);
    const scan = measure('scan', dir, jobs);
    results.push({ label: `${scale}x`, scan });
    console.log(row(`generated ${scale}x`, scan, floor));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
for (const dir of dirs) {
  const abs = path.resolve(dir);
  try {
    console.log(row(abs, measure('scan', abs, jobs), measure('floor', abs)));
  } catch (e) {
    // A scan that crashes is a finding of the bench too; the other directories still run.
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message);
    console.log(`${abs}: scan failed:\n  ${stderr.split('\n').filter((l) => /Error|^\s+at /.test(l)).slice(0, 4).join('\n  ')}`);
  }
}
// Scaling between consecutive scales (the smallest carries the fixed start-up cost); linear is 1.0.
for (let i = 1; i < results.length; i++) {
  const base = results[i - 1]!;
  const r = results[i]!;
  const ratio = r.scan.wallMs / base.scan.wallMs / (r.scan.bytes / base.scan.bytes);
  console.log(
    `scaling ${base.label} -> ${r.label}: ${(r.scan.bytes / base.scan.bytes).toFixed(1)}x input, ` +
      `${(r.scan.wallMs / base.scan.wallMs).toFixed(1)}x time (${ratio.toFixed(2)} of linear)`,
  );
}
