// Reads units on worker threads, at most `jobs` at a time. Each worker keeps
// the read time limit itself (src/readers/read-clock.ts); a worker stuck where
// the clock is not ticked (inside a parser) is terminated a while after the
// limit, its unit becomes a ReadError, and a fresh worker takes the next unit.
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadResult } from '../../readers/native.js';
import type { ReadOptions } from '../../readers/options.js';
import { DEFAULT_READ_TIME_LIMIT_MS } from '../../readers/read-clock.js';
import { reviveReadResult } from './revive.js';
import type { UnitRequest } from './worker.js';
import { unitFailed, unitLabel } from './unit-label.js';
import type { ReadUnit } from './work-units.js';

/** Workers beyond this rarely pay for their start-up and memory. */
export const MAX_JOBS = 8;

export function defaultJobs(): number {
  return Math.max(1, Math.min(MAX_JOBS, os.availableParallelism()));
}

/** The compiled worker; when running from sources (tests), the built copy under dist/. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return path.join(path.dirname(here), 'worker.js');
  const built = path.resolve(path.dirname(here), '..', '..', '..', 'dist', 'engine', 'workers', 'worker.js');
  if (!existsSync(built)) throw new Error(`worker threads need the build: ${built} is missing (run npm run build)`);
  return built;
}

export async function readOnWorkers(
  units: readonly ReadUnit[],
  opts: ReadOptions,
  jobs: number,
): Promise<ReadResult[]> {
  const limitMs = opts.timeLimitMs ?? DEFAULT_READ_TIME_LIMIT_MS;
  // The worker's own clock gives up first; this only ends a worker that cannot look at it.
  const terminateAfterMs = limitMs + Math.max(1000, limitMs / 2);
  const results: ReadResult[] = new Array(units.length);
  const file = workerFile();
  // Largest units first, so that no lane is left with a big one at the end while the others idle.
  const order = largestFirst(units);
  let next = 0;

  async function lane(): Promise<void> {
    let worker: Worker | undefined;
    try {
      while (next < order.length) {
        const index = order[next++]!;
        const unit = units[index]!;
        worker ??= new Worker(file, { workerData: { opts } });
        const w = worker;
        results[index] = await new Promise<ReadResult>((resolve) => {
          const timer = setTimeout(() => {
            cleanup();
            worker = undefined;
            void w.terminate();
            resolve(unitFailed(unit, opts.root, `reading took longer than ${limitMs / 1000} s: stopped, not scanned (${unitLabel(unit, opts.root)})`));
          }, terminateAfterMs);
          const onMessage = (m: { index: number; result?: ReadResult; failure?: string }) => {
            cleanup();
            resolve(m.result ? reviveReadResult(m.result) : unitFailed(unit, opts.root, `internal error while reading: ${m.failure}`));
          };
          const onExit = (code: number) => {
            cleanup();
            worker = undefined;
            resolve(unitFailed(unit, opts.root, `reader stopped (worker exit code ${code}), not scanned`));
          };
          const onError = (e: Error) => {
            cleanup();
            worker = undefined;
            void w.terminate();
            resolve(unitFailed(unit, opts.root, `reader failed: ${e.message}, not scanned`));
          };
          function cleanup() {
            clearTimeout(timer);
            w.off('message', onMessage);
            w.off('exit', onExit);
            w.off('error', onError);
          }
          w.on('message', onMessage);
          w.on('exit', onExit);
          w.on('error', onError);
          w.postMessage({ index, unit } satisfies UnitRequest);
        });
      }
    } finally {
      if (worker) await worker.terminate();
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, units.length)) }, lane));
  return results;
}

/** Unit indexes by input size, largest first (ties in unit order). */
function largestFirst(units: readonly ReadUnit[]): number[] {
  const size = units.map(unitBytes);
  return units.map((_, i) => i).sort((a, b) => size[b]! - size[a]! || a - b);
}

function unitBytes(unit: ReadUnit): number {
  if (unit.kind !== 'terraform') return unit.text.length + (unit.kind === 'arm' ? unit.params.reduce((n, p) => n + p.text.length, 0) : 0);
  let bytes = 0;
  for (const dir of unit.dirs) {
    try {
      for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isFile() && /\.tf(\.json)?$/i.test(e.name)) bytes += statSync(path.join(dir, e.name)).size;
    } catch {
      // An unreadable directory is reported by the reader; its size does not matter here.
    }
  }
  return bytes;
}
