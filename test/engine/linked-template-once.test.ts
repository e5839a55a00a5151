// A template linked by relativePath from another scanned template is judged
// where it is linked, with the parameters passed to it, and not a second time
// on its own (where its parameters are unset and it has no resource group).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFixture } from '../support/scan-fixture.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/LG-3.2/arm-linked-network-template');

describe('a linked ARM template', () => {
  it('is judged once, through the deployment that links it', async () => {
    const { findings, inputs } = await scanFixture(DIR);
    const linked = findings.filter((f) => f.location?.file === 'linked/network.json');
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.every((f) => f.resource.address.startsWith('Microsoft.Resources/deployments/juki-network/'))).toBe(true);
    // No scope of its own: account-level controls are judged for the linking template only.
    expect(findings.filter((f) => f.resource.address === 'linked/network.json')).toEqual([]);
    expect(inputs.filter((i) => i.file === 'linked/network.json').map((i) => i.kind)).toEqual([
      'arm (judged where it is linked)',
      'arm (linked from azuredeploy.json)',
    ]);
  });
});
