// Segments from Azure resource group tags (the last source of SPEC §2) and
// Key Vaults placed by their private endpoints.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { fact } from '../../src/model/fact.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from './model-builder.js';

function vault(m: ModelBuilder, address: string, tags: Record<string, string> = {}): string {
  m.model.add({ ...m.base(address, 'Microsoft.KeyVault/vaults', tags), kind: 'key', keyType: 'key-vault' });
  return address;
}

describe('resource group tags', () => {
  it('declare a network that has no tag of its own, and stop derivation through it', () => {
    const m = new ModelBuilder('azure', 'main.json');
    const mn = m.vpc('vnet-mn', { tags: { 'lg:segment': 'mynumber' } });
    const web = m.vpc('vnet-web', { cidr: '10.9.0.0/16' });
    m.model.get(web)!.resourceGroupTags = fact({ 'lg:segment': 'internet' });
    m.connection('peer-a', 'vnet-peering', mn, web);
    m.connection('peer-b', 'vnet-peering', web, mn);
    const g = buildGraph(m.model, defaultPolicy());
    expect(g.segmentOf(web)).toMatchObject({ segment: 'internet', source: 'resource-group' });
  });

  it('come after the enclosing subnet and network, and before none', () => {
    const m = new ModelBuilder('azure', 'main.json');
    const v = m.vpc('vnet-mn', { tags: { 'lg:segment': 'mynumber' } });
    const s = m.subnet('vnet-mn/app', v);
    m.model.get(s)!.resourceGroupTags = fact({ 'lg:segment': 'internet' });
    const loose = vault(m, 'kv-shared');
    m.model.get(loose)!.resourceGroupTags = fact({ 'lg:segment': 'LGWAN接続系' });
    const g = buildGraph(m.model, defaultPolicy());
    expect(g.segmentOf(s)).toMatchObject({ segment: 'mynumber', source: 'network' });
    expect(g.segmentOf(loose)).toMatchObject({ segment: 'lgwan', source: 'resource-group' });
  });

  it('leave the segment unknown when the resource group tags cannot be read', () => {
    const m = new ModelBuilder('azure', 'main.json');
    const kv = vault(m, 'kv-x');
    m.model.get(kv)!.resourceGroupTags = m.fact<Record<string, string>>(cause("parameters('rgTags')"));
    const a = buildGraph(m.model, defaultPolicy()).segmentOf(kv);
    expect(a.source).toBe('unknown');
    expect(a.unknown?.inputs).toEqual(["parameters('rgTags')"]);
  });
});

describe('Key Vault placement', () => {
  it('takes the segment of the subnet of its private endpoint', () => {
    const m = new ModelBuilder('azure', 'main.json');
    const v = m.vpc('vnet-mn', { tags: { 'lg:segment': 'mynumber' } });
    const s = m.subnet('vnet-mn/pe', v);
    const kv = vault(m, 'kv-juki');
    m.privateEndpoint('pe-kv', s, kv);
    expect(buildGraph(m.model, defaultPolicy()).segmentOf(kv)).toMatchObject({ segment: 'mynumber', source: 'subnet', inheritedFrom: s });
  });
});
