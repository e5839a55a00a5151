// Reads units on worker threads, at most `jobs` at a time. Each worker keeps
// the read time limit itself (src/readers/read-clock.ts); a worker stuck where
// the clock is not ticked (inside a parser) is terminated a while after the
// limit, its unit becomes a ReadError, and a fresh worker takes the next unit.
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** The compiled worker; when running from sources (tests), the built copy under dist/. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return path.join(path.dirname(here), 'worker.js');
  const built = path.resolve(path.dirname(here), '..', '..', '..', 'dist', 'engine', 'workers', 'worker.js');
  if (!existsSync(built)) throw new Error(`worker threads need the build: ${built} is missing (run npm run build)`);
  return built;
}

/**
 * Units sent ahead to each worker: it starts the next one as soon as it posts a result, instead of
 * idling while the main thread takes the result in and sends more (on thousands of small templates
 * that wait cost a third of the read stage).
 */
const UNITS_IN_FLIGHT = 4;

export async function readOnWorkers(
  units: readonly ReadUnit[],
  opts: ReadOptions,
  jobs: number,
  file = workerFile(),
): Promise<ReadResult[]> {
  const limitMs = opts.timeLimitMs ?? DEFAULT_READ_TIME_LIMIT_MS;
  // The worker's own clock gives up first; this only ends a worker that cannot look at it.
  const terminateAfterMs = limitMs + Math.max(1000, limitMs / 2);
  const results: ReadResult[] = new Array(units.length);
  // Largest units first, so that no lane is left with a big one at the end while the others idle.
  const order = largestFirst(units);
  let next = 0;

  /** One worker at a time, reading units in the order they were sent; a worker that fails is replaced. */
  function lane(): Promise<void> {
    return new Promise((done) => {
      let worker: Worker | undefined;
      /** Units sent to the current worker and not answered yet, oldest first: the first is the one being read. */
      let inFlight: number[] = [];
      let timer: NodeJS.Timeout | undefined;

      const watch = () => {
        clearTimeout(timer);
        // Silence for this long while a unit is being read: the worker is stuck where its clock is not ticked.
        timer = inFlight.length > 0 ? setTimeout(onStuck, terminateAfterMs) : undefined;
      };
      const send = (index: number) => {
        worker ??= startWorker();
        worker.postMessage({ index, unit: units[index]! } satisfies UnitRequest);
      };
      const fill = () => {
        while (inFlight.length < UNITS_IN_FLIGHT && next < order.length) {
          const index = order[next++]!;
          inFlight.push(index);
          send(index);
        }
        watch();
        if (inFlight.length === 0) {
          const w = worker;
          worker = undefined;
          void (w ? w.terminate() : Promise.resolve()).then(() => done());
        }
      };
      /** The worker is gone or stuck: the unit it was reading fails, the ones queued behind it go to a fresh worker. */
      const replace = (w: Worker, message: (unit: ReadUnit) => string) => {
        if (w !== worker) return;
        w.removeAllListeners();
        void w.terminate();
        worker = undefined;
        const [reading, ...queued] = inFlight;
        results[reading!] = unitFailed(units[reading!]!, opts.root, message(units[reading!]!));
        inFlight = [];
        for (const index of queued) {
          inFlight.push(index);
          send(index);
        }
        fill();
      };
      const onStuck = () =>
        replace(worker!, (unit) => `reading took longer than ${limitMs / 1000} s: stopped, not scanned (${unitLabel(unit, opts.root)})`);

      function startWorker(): Worker {
        const w = new Worker(file, { workerData: { opts } });
        w.on('message', (m: { index: number; result?: ReadResult; failure?: string }) => {
          if (w !== worker || inFlight[0] !== m.index) return;
          inFlight.shift();
          results[m.index] = m.result ? reviveReadResult(m.result) : unitFailed(units[m.index]!, opts.root, `internal error while reading: ${m.failure}`);
          fill();
        });
        w.on('exit', (code: number) => replace(w, () => `reader stopped (worker exit code ${code}), not scanned`));
        w.on('error', (e: Error) => replace(w, () => `reader failed: ${e.message}, not scanned`));
        return w;
      }

      fill();
    });
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
