// Reads units on worker threads, at most `jobs` at a time. A unit that runs
// past the time limit has its worker terminated and becomes a ReadError; a
// fresh worker takes the next unit, so the scan goes on.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadResult } from '../../readers/native.js';
import { emptyReadResult } from '../../readers/native.js';
import type { ReadOptions } from '../../readers/options.js';
import { relPath } from '../discover.js';
import { reviveReadResult } from './revive.js';
import type { UnitRequest } from './worker.js';
import type { ReadUnit } from './work-units.js';

/** Workers beyond this rarely pay for their start-up and memory. */
export const MAX_JOBS = 8;
/** Default time a single unit may take before it is given up. */
export const DEFAULT_UNIT_TIMEOUT_MS = 120_000;

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

/** What a unit names in an error: its file, or its Terraform directories. */
export function unitLabel(unit: ReadUnit, root: string): string {
  return unit.kind === 'terraform' ? unit.dirs.map((d) => relPath(root, d)).join(', ') : unit.rel;
}

function failed(unit: ReadUnit, root: string, message: string): ReadResult {
  const r = emptyReadResult();
  const file = unit.kind === 'terraform' ? relPath(root, unit.dirs[0]!) : unit.rel;
  r.errors.push({ file, message });
  return r;
}

export async function readOnWorkers(
  units: readonly ReadUnit[],
  opts: ReadOptions,
  jobs: number,
  timeoutMs: number = DEFAULT_UNIT_TIMEOUT_MS,
): Promise<ReadResult[]> {
  const results: ReadResult[] = new Array(units.length);
  const file = workerFile();
  let next = 0;

  async function lane(): Promise<void> {
    let worker: Worker | undefined;
    try {
      while (next < units.length) {
        const index = next++;
        const unit = units[index]!;
        worker ??= new Worker(file, { workerData: { opts } });
        const w = worker;
        results[index] = await new Promise<ReadResult>((resolve) => {
          const timer = setTimeout(() => {
            cleanup();
            worker = undefined;
            void w.terminate();
            resolve(failed(unit, opts.root, `reading took longer than ${timeoutMs / 1000} s: stopped, not scanned (${unitLabel(unit, opts.root)})`));
          }, timeoutMs);
          const onMessage = (m: { index: number; result?: ReadResult; failure?: string }) => {
            cleanup();
            resolve(m.result ? reviveReadResult(m.result) : failed(unit, opts.root, `internal error while reading: ${m.failure}`));
          };
          const onExit = (code: number) => {
            cleanup();
            worker = undefined;
            resolve(failed(unit, opts.root, `reader stopped (worker exit code ${code}), not scanned`));
          };
          const onError = (e: Error) => {
            cleanup();
            worker = undefined;
            void w.terminate();
            resolve(failed(unit, opts.root, `reader failed: ${e.message}, not scanned`));
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
