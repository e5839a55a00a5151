import { describe, expect, it } from 'vitest';
import { finishResources, resourceHandlers } from '../../../../src/model/azure/resources/index.js';
import { fact, unknownFact } from '../../../../src/model/fact.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import type { Endpoint } from '../../../../src/model/network.js';
import { arm, armKey } from './builder.js';
import { get } from './harness.js';

const SA = 'Microsoft.Storage/storageAccounts';
const PE = 'Microsoft.Network/privateEndpoints';

/** A private endpoint as the network lifter makes it. */
function endpoint(name: string, target: string, subnets: Endpoint['subnets']): Endpoint {
  const loc = { file: 'azuredeploy.json', line: 1 };
  return {
    id: armKey(PE, name),
    kind: 'endpoint',
    endpointType: 'private-endpoint',
    cloud: 'azure',
    source: 'arm',
    nativeType: PE,
    address: `${PE}/${name}`,
    scope: 'azuredeploy.json',
    loc,
    tags: fact({}, loc),
    region: fact('japaneast', loc),
    service: fact('blob', loc),
    subnets,
    target: fact(target, loc),
  };
}

describe('private endpoints', () => {
  it('a store reached through private endpoints sits in their subnets', () => {
    const resources = [arm(SA, 'st', { sku: { name: 'Standard_ZRS' }, properties: {} }), arm(SA, 'st2', { sku: { name: 'Standard_ZRS' }, properties: {} })];
    const model = new CloudModel();
    const loc = { file: 'azuredeploy.json', line: 2 };
    model.add(endpoint('pe-blob', armKey(SA, 'st'), fact([fact('subnet-a', loc)], loc)));
    model.add(endpoint('pe-file', armKey(SA, 'st'), fact([fact('subnet-b', loc)], loc)));
    model.add(endpoint('pe-unknown', armKey(SA, 'st2'), unknownFact({ inputs: ['parameter subnetId'], detail: 'not set' }, loc)));
    runLifters('azure', resourceHandlers, resources, { model, links: new LinkResolver(resources) }, finishResources);
    const st = get(model, armKey(SA, 'st'), 'data-store');
    expect(st.subnets?.known && st.subnets.value.map((l) => l.known && l.value)).toEqual(['subnet-a', 'subnet-b']);
    const st2 = get(model, armKey(SA, 'st2'), 'data-store');
    expect(st2.subnets).toMatchObject({ known: false, cause: { inputs: ['parameter subnetId'] } });
  });
});
