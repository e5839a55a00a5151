// One control failing on an unusual estate is reported and the others still run.
import { describe, expect, it, vi } from 'vitest';
import * as registry from '../../src/controls/registry.js';
import { evaluate } from '../../src/engine/scan.js';
import { StageTimer } from '../../src/engine/stage-timer.js';
import { CloudModel } from '../../src/model/model.js';
import { defaultPolicy } from '../../src/policy/types.js';
import type { ReadError } from '../../src/readers/native.js';

describe('a control that throws', () => {
  it('becomes an error naming the control, and the next control still gives its results', async () => {
    const model = new CloudModel();
    model.addScope({ id: 's', scope: '.', cloud: 'aws', source: 'terraform', label: '.' });
    vi.spyOn(registry, 'loadChecks').mockResolvedValue([
      { id: 'LG-9.1', check: () => { throw new RangeError('Maximum call stack size exceeded'); } },
      { id: 'LG-9.2', check: () => [{ status: 'pass', subject: model.scopes[0]!, message: { ja: 'ok', en: 'ok' } }] },
    ]);
    const errors: ReadError[] = [];
    const findings = await evaluate([], model, defaultPolicy(), new Date(), () => 'high', new StageTimer(), undefined, errors);
    expect(errors).toEqual([expect.objectContaining({ file: '(control LG-9.1)', message: expect.stringContaining('call stack') })]);
    expect(findings.map((f) => f.controlId)).toEqual(['LG-9.2']);
    vi.restoreAllMocks();
  });
});
