import { describe, expect, it } from 'vitest';
import { readArm } from '../../../src/readers/arm/index.js';
import { defaultReadOptions } from '../../../src/readers/options.js';

const HEAD = '{\n"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n"resources": [\n';
const read = (body: string) => readArm('w.json', `${HEAD}${body}\n]\n}`, defaultReadOptions('/'));

describe('inline waivers', () => {
  it('takes comment lines directly above a resource, several IDs, block comments', () => {
    const r = read(
      [
        '{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "stfirst"}, // kikan:ignore LG-4.3 belongs to nobody below',
        '// kikan:ignore LG-3.3,LG-3.5 - 窓口端末からの接続のみ (ネットワーク図 v2)',
        '/* kikan:ignore LG-2.6 */',
        '{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "stsecond"}',
      ].join('\n'),
    );
    expect(r.resources[0]!.waivers).toBeUndefined();
    expect(r.resources[1]!.waivers).toEqual([
      { controlId: 'LG-3.3', reason: '窓口端末からの接続のみ (ネットワーク図 v2)', loc: { file: 'w.json', line: 5 } },
      { controlId: 'LG-3.5', reason: '窓口端末からの接続のみ (ネットワーク図 v2)', loc: { file: 'w.json', line: 5 } },
      { controlId: 'LG-2.6', reason: '', loc: { file: 'w.json', line: 6 } },
    ]);
  });

  it('a blank line or other text between comment and resource breaks the link', () => {
    const r = read(['// kikan:ignore LG-2.6 too far away', '', '{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st"}'].join('\n'));
    expect(r.resources[0]!.waivers).toBeUndefined();
  });

  it('reads comments in and above resources keyed by symbolic name (languageVersion 2.0)', () => {
    const text = [
      '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "languageVersion": "2.0",',
      '"resources": {',
      '  // kikan:ignore LG-2.6 共同利用の検証用',
      '  "first": {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "stfirst"},',
      '  "second": {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "stsecond", /* kikan:ignore LG-4.3 */ "location": "japaneast"}',
      '}}',
    ].join('\n');
    const r = readArm('w.json', text, defaultReadOptions('/'));
    expect(r.resources.map((x) => [x.address, x.waivers?.map((w) => w.controlId)])).toEqual([
      ['Microsoft.Storage/storageAccounts/stfirst', ['LG-2.6']],
      ['Microsoft.Storage/storageAccounts/stsecond', ['LG-4.3']],
    ]);
  });

  it('a comment directly above a child resource or an inline subnet is the child\'s, not its parent\'s', () => {
    const r = read(
      [
        '{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet-kyu", "properties": {"subnets": [',
        '  // kikan:ignore LG-3.2 旧庁内システム移行まで',
        '  {"name": "snet-old", "properties": {"addressPrefix": "10.1.0.0/24"}}',
        ']},',
        '"resources": [',
        '  /* kikan:ignore LG-3.6 本庁側の承認済みピアリング */',
        '  {"type": "virtualNetworkPeerings", "apiVersion": "2024-05-01", "name": "to-honcho", "properties": {}}',
        ']}',
      ].join('\n'),
    );
    expect(r.resources.map((x) => [x.address, x.waivers?.map((w) => w.controlId)])).toEqual([
      ['Microsoft.Network/virtualNetworks/vnet-kyu', undefined],
      ['Microsoft.Network/virtualNetworks/subnets/vnet-kyu/snet-old', ['LG-3.2']],
      ['Microsoft.Network/virtualNetworks/virtualNetworkPeerings/vnet-kyu/to-honcho', ['LG-3.6']],
    ]);
  });

  it('ordinary comments are not waivers', () => {
    const r = read('{\n// kikan: see LG-2.6 later\n"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st"}');
    expect(r.resources[0]!.waivers).toBeUndefined();
  });

  it('a malformed metadata waiver is a read error at its line', () => {
    const r = read(
      '{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st",\n"metadata": {"kikan": {"ignore": [\n{"reason": "no id"},\n{"id": "LG-2.6", "reason": " ok "}]}}}',
    );
    expect(r.errors).toEqual([{ file: 'w.json', line: 6, message: 'metadata.kikan.ignore entry needs an "id" (a control ID such as LG-3.4)' }]);
    expect(r.resources[0]!.waivers).toEqual([{ controlId: 'LG-2.6', reason: 'ok', loc: { file: 'w.json', line: 7 } }]);
  });
});

describe('waivers on inline subnets', () => {
  it('a comment inside an inline subnet object waives that subnet only, even written on one line', () => {
    const r = read(
      [
        '{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet", "properties": {"subnets": [',
        '  {"name": "a", /* kikan:ignore LG-3.2 NAT経由の更新のみ */ "properties": {"addressPrefix": "10.0.0.0/24"}},',
        '  {"name": "b", "properties": {"addressPrefix": "10.0.1.0/24"}}',
        ']}}',
      ].join('\n'),
    );
    expect(r.resources.map((x) => [x.address, x.waivers?.map((w) => w.controlId)])).toEqual([
      ['Microsoft.Network/virtualNetworks/vnet', undefined],
      ['Microsoft.Network/virtualNetworks/subnets/vnet/a', ['LG-3.2']],
      ['Microsoft.Network/virtualNetworks/subnets/vnet/b', undefined],
    ]);
  });
});
