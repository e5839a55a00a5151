// Reads one unit with its reader; the same code runs in-process and on a worker thread.
import { readArm } from '../../readers/arm/index.js';
import { readCloudFormation } from '../../readers/cloudformation/index.js';
import type { ReadResult } from '../../readers/native.js';
import type { ReadOptions } from '../../readers/options.js';
import { readTerraformPlan } from '../../readers/plan/index.js';
import { readTerraform } from '../../readers/terraform/index.js';
import { performance } from 'node:perf_hooks';
import { takeParseMs } from '../../readers/parse-time.js';
import { DEFAULT_READ_TIME_LIMIT_MS, ReadTimeLimitExceeded, startReadClock, stopReadClock } from '../../readers/read-clock.js';
import type { ReadUnit } from './work-units.js';
import { unitFailed, unitLabel } from './unit-label.js';

/** Reads a unit within the time limit of `opts`; a unit past it is given up whole (partial results could pass what was never judged). */
export async function readUnit(unit: ReadUnit, opts: ReadOptions): Promise<ReadResult> {
  const limitMs = opts.timeLimitMs ?? DEFAULT_READ_TIME_LIMIT_MS;
  const startedAt = performance.now();
  takeParseMs();
  startReadClock(limitMs);
  let result: ReadResult | undefined;
  try {
    result = await readWith(unit, opts);
  } catch (e) {
    if (!(e instanceof ReadTimeLimitExceeded)) throw e;
  } finally {
    if (stopReadClock()) result = undefined;
  }
  const out = result ?? unitFailed(unit, opts.root, `reading took longer than ${limitMs / 1000} s: stopped, not scanned (${unitLabel(unit, opts.root)})`);
  out.timing = { readMs: performance.now() - startedAt, parseMs: takeParseMs() };
  return out;
}

async function readWith(unit: ReadUnit, opts: ReadOptions): Promise<ReadResult> {
  switch (unit.kind) {
    case 'terraform': {
      const { resources, inputs, errors, notScanned, secretInputs } = await readTerraform(unit.dirs, opts);
      return { resources, inputs, errors, notScanned, ...(secretInputs ? { secretInputs } : {}) };
    }
    case 'cloudformation':
      return readCloudFormation(unit.rel, unit.text, opts);
    case 'terraform-plan': {
      const { resources, inputs, errors, notScanned } = await readTerraformPlan(unit.rel, unit.text, opts);
      return { resources, inputs, errors, notScanned };
    }
    case 'arm':
      return readArm(unit.rel, unit.text, opts, unit.params);
  }
}
