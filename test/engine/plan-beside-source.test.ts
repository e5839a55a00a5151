// A plan beside its Terraform root: the resources are judged once, through
// the plan, and the root is listed as covered by it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFixture } from '../support/scan-fixture.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/readers/plan/beside-tf');

describe('plan beside its Terraform source', () => {
  it('judges each resource once and says the .tf root was read through the plan', async () => {
    const { findings, inputs } = await scanFixture(DIR);
    const keys = findings.map((f) => `${f.controlId} ${f.resource.address} ${f.fingerprint}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findings.every((f) => f.resource.source === 'terraform-plan')).toBe(true);
    expect(findings.length).toBeGreaterThan(0);
    expect(inputs).toContainEqual(expect.objectContaining({ file: '.', kind: expect.stringContaining('tfplan.json') }));
  });
});
