// Reads one unit with its reader; the same code runs in-process and on a worker thread.
import { readArm } from '../../readers/arm/index.js';
import { readCloudFormation } from '../../readers/cloudformation/index.js';
import type { ReadResult } from '../../readers/native.js';
import type { ReadOptions } from '../../readers/options.js';
import { readTerraformPlan } from '../../readers/plan/index.js';
import { readTerraform } from '../../readers/terraform/index.js';
import type { ReadUnit } from './work-units.js';

export async function readUnit(unit: ReadUnit, opts: ReadOptions): Promise<ReadResult> {
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
