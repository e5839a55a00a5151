// Every file read is listed in the report's inputs once, as what it was read as.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFixture } from '../support/scan-fixture.js';

describe('a JSON file a Terraform function reads', () => {
  it('is listed once, as what it was read as, not also as "not a definition"', async () => {
    const { inputs } = await scanFixture(path.resolve(import.meta.dirname, '../../fixtures/LG-2.5/tf-key-policy-files'));
    expect(inputs.filter((i) => i.file === 'policies/shared-key.json').map((i) => i.kind)).toEqual(['terraform-file']);
    expect(inputs.filter((i) => i.file === 'case.yaml').map((i) => i.kind)).toEqual(['not a definition']);
  });
});
