// Worker thread entry: reads the units it is sent, one at a time and in the
// order sent (the pool sends several ahead; the read clock is one per thread).
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadOptions } from '../../readers/options.js';
import { readUnit } from './read-unit.js';
import type { ReadUnit } from './work-units.js';

export interface UnitRequest {
  index: number;
  unit: ReadUnit;
}

const opts = (workerData as { opts: ReadOptions }).opts;

// Reading is synchronous, so each request is read whole before the next message is taken.
parentPort!.on('message', ({ index, unit }: UnitRequest) => {
  try {
    parentPort!.postMessage({ index, result: readUnit(unit, opts) });
  } catch (e) {
    parentPort!.postMessage({ index, failure: e instanceof Error ? e.message : String(e) });
  }
});
