import { describe, expect, it } from 'vitest';
import { liveFindings } from '../../../src/live/azure/evaluate.js';
import { nativeOf } from '../../../src/live/azure/to-native.js';
import { defaultPolicy } from '../../../src/policy/types.js';

const SUB = '00000000-0000-0000-0000-00000000aaaa';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-toukei`;

describe('live Azure: resources no control judges', () => {
  it('are named by type with their resource ID and no file', async () => {
    const bodies = [
      { id: `${RG}/providers/Microsoft.Logic/workflows/logic-export`, name: 'logic-export', type: 'Microsoft.Logic/workflows', location: 'japaneast', properties: { state: 'Enabled' } },
      { id: `${RG}/providers/Microsoft.Logic/workflows/logic-notify`, name: 'logic-notify', type: 'Microsoft.Logic/workflows', location: 'japaneast', properties: { state: 'Enabled' } },
      { id: `${RG}/providers/Microsoft.Storage/storageAccounts/sttoukei`, name: 'sttoukei', type: 'Microsoft.Storage/storageAccounts', location: 'japaneast', sku: { name: 'Standard_ZRS' }, kind: 'StorageV2', properties: {} },
    ];
    const natives = bodies.map((b) => nativeOf(SUB, b)!);
    const { findings, notJudged } = await liveFindings(natives, [SUB], defaultPolicy(), new Date('2026-11-28'), () => 'high');
    expect(findings.some((f) => f.resource.address.endsWith('/sttoukei'))).toBe(true);
    expect(notJudged).toEqual([{ type: 'Microsoft.Logic/workflows', source: 'azure', count: 2, first: { address: bodies[0]!.id } }]);
  });
});
