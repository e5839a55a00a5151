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
import { DEFAULT_INSTANCE_LIMIT, InstanceLimitExceeded, startInstanceAllowance, stopInstanceAllowance } from '../../readers/instance-allowance.js';
import type { ReadUnit } from './work-units.js';
import { unitFailed, unitLabel } from './unit-label.js';

/**
 * Reads a unit within the time and instance limits of `opts`; a unit past
 * either is given up whole (partial results could pass what was never judged).
 */
export function readUnit(unit: ReadUnit, opts: ReadOptions): ReadResult {
  const limitMs = opts.timeLimitMs ?? DEFAULT_READ_TIME_LIMIT_MS;
  const instanceLimit = opts.instanceLimit ?? DEFAULT_INSTANCE_LIMIT;
  const startedAt = performance.now();
  takeParseMs();
  startReadClock(limitMs);
  startInstanceAllowance(instanceLimit);
  let result: ReadResult | undefined;
  let problem: string | undefined;
  try {
    result = readWith(unit, opts);
  } catch (e) {
    if (!(e instanceof ReadTimeLimitExceeded) && !(e instanceof InstanceLimitExceeded)) throw e;
  } finally {
    const late = stopReadClock();
    const tooMany = stopInstanceAllowance();
    if (late) problem = `reading took longer than ${limitMs / 1000} s`;
    else if (tooMany) problem = `the definitions expand to more than ${instanceLimit} resource and module instances (loops multiplied by loops)`;
    if (problem) result = undefined;
  }
  const out = result ?? unitFailed(unit, opts.root, `${problem}: stopped, not scanned (${unitLabel(unit, opts.root)})`);
  out.timing = { readMs: performance.now() - startedAt, parseMs: takeParseMs() };
  return out;
}

function readWith(unit: ReadUnit, opts: ReadOptions): ReadResult {
  switch (unit.kind) {
    case 'terraform': {
      const { resources, inputs, errors, notScanned, secretInputs } = readTerraform(unit.dirs, opts);
      return { resources, inputs, errors, notScanned, ...(secretInputs ? { secretInputs } : {}) };
    }
    case 'cloudformation':
      return readCloudFormation(unit.rel, unit.text, opts);
    case 'terraform-plan': {
      const { resources, inputs, errors, notScanned } = readTerraformPlan(unit.rel, unit.text, opts);
      return { resources, inputs, errors, notScanned };
    }
    case 'arm':
      return readArm(unit.rel, unit.text, opts, unit.params);
  }
}
