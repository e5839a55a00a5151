import { describe, expect, it } from 'vitest';
import { LinkResolver } from '../../src/model/link-resolver.js';
import type { NativeResource } from '../../src/readers/native.js';
import { known, list, obj, ref, unknown } from '../../src/readers/value.js';

function res(key: string, ids: string[] = []): NativeResource {
  return { source: 'arm', cloud: 'azure', type: 't', address: key, key, scope: 'a.json', attrs: obj(), loc: { file: 'a.json', line: 1 }, ids };
}

describe('LinkResolver', () => {
  const vnet = res('a.json#vnet', ['/subscriptions/{subscription}/resourcegroups/{resourcegroup}/providers/microsoft.network/virtualnetworks/[parameters(\'name\')]']);
  const vpc = res('.#aws_vpc.main');
  const from = res('a.json#subnet');
  const links = new LinkResolver([vnet, vpc, from]);

  it('resolves reader references by key', () => {
    expect(links.link(ref('.#aws_vpc.main', 'id'), from, 'vpc_id')).toMatchObject({ known: true, value: '.#aws_vpc.main' });
  });
  it('resolves an ID with an unknown name part through the expression it shows', () => {
    const v = unknown({ inputs: ['parameter name'], detail: 'unset' }, undefined,
      "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/[parameters('name')]");
    expect(links.link(v, from, 'virtualNetwork')).toMatchObject({ known: true, value: 'a.json#vnet' });
  });
  it('names a literal ID outside the scan as the input to supply', () => {
    const r = links.link(known('vpc-0abc'), from, 'vpc_id');
    expect(r).toMatchObject({ known: false, cause: { inputs: ['vpc-0abc'] } });
  });
  it('treats absence as unknown unless null is allowed', () => {
    expect(links.link(undefined, from, 'vpc_id').known).toBe(false);
    expect(links.linkOrNull(undefined, from, 'route_table')).toMatchObject({ known: true, value: null });
  });
  it('lists links, keeping unknown members unknown', () => {
    const r = links.links(list([ref('.#aws_vpc.main', 'id'), known('subnet-1')]), from, 'subnets');
    expect(r.known && r.value.map((l) => l.known)).toEqual([true, false]);
  });
});
