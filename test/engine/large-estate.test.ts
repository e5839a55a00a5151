// An estate of hundreds of thousands of resources (copy loops in a few
// templates are enough) must not overflow the call stack where results are
// gathered: spreading that many items into one call does.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/scan.js';
import { StageTimer } from '../../src/engine/stage-timer.js';
import { CloudModel } from '../../src/model/model.js';
import { defaultPolicy } from '../../src/policy/types.js';
import type { NativeResource } from '../../src/readers/native.js';
import { known, obj } from '../../src/readers/value.js';

const COUNT = 300_000;

describe('a very large estate', () => {
  it('lifts and gathers 300,000 resources no control judges, and names them', async () => {
    const loc = { file: 'big.json', line: 1 };
    const resources: NativeResource[] = Array.from({ length: COUNT }, (_, i) => ({
      source: 'arm',
      cloud: 'azure',
      type: 'Microsoft.Logic/workflows',
      address: `Microsoft.Logic/workflows/w${i}`,
      key: `big.json#w${i}`,
      scope: 'big.json',
      attrs: obj({ name: known(`w${i}`, loc) }, loc),
      loc,
      ids: [],
    }));
    const model = new CloudModel();
    await evaluate(resources, model, defaultPolicy(), new Date('2026-11-28T00:00:00Z'), () => 'high', new StageTimer());
    expect(model.unlifted).toHaveLength(COUNT);
  });
});
