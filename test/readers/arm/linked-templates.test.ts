// Linked templates by templateLink.relativePath are read from the scan root
// and expanded with the parameters the deployment passes, resolved against
// the file that links them; what cannot be followed is reported as not scanned.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArm } from '../../../src/readers/arm/index.js';
import type { ReadResult } from '../../../src/readers/native.js';
import { defaultReadOptions } from '../../../src/readers/options.js';
import { MAX_INPUT_BYTES } from '../../../src/readers/referenced-file.js';
import { path as at, toPlain } from '../../../src/readers/value.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const root = mkdtempSync(path.join(tmpdir(), 'kikan-arm-linked-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, content: unknown): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), JSON.stringify(content, null, 2));
}

function linkTo(name: string, link: Record<string, string>, parameters: Record<string, unknown> = {}) {
  return { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name, properties: { mode: 'Incremental', templateLink: link, parameters } };
}

function read(rel: string): ReadResult {
  return readArm(rel, readFileSync(path.join(root, rel), 'utf8'), defaultReadOptions(root));
}

function template(rel: string, body: Record<string, unknown>): void {
  write(rel, { $schema: SCHEMA, contentVersion: '1.0.0.0', ...body });
}

describe('linked templates by relativePath', () => {
  template('modules/vnet.json', {
    parameters: { vnetName: { type: 'string' }, segment: { type: 'string' } },
    resources: [
      { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2024-05-01', name: "[parameters('vnetName')]", location: 'japaneast', tags: { 'lg:segment': "[parameters('segment')]" } },
      // Resolved against modules/, where this template lives.
      linkTo('nsg', { relativePath: '../shared/nsg.json' }, { nsgName: { value: "[concat('nsg-', parameters('vnetName'))]" } }),
    ],
  });
  template('shared/nsg.json', {
    parameters: { nsgName: { type: 'string' }, unset: { type: 'string' } },
    resources: [{ type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2024-05-01', name: "[parameters('nsgName')]", location: "[parameters('unset')]" }],
  });
  template('main.json', {
    parameters: { env: { type: 'string', defaultValue: 'prd' } },
    resources: [
      linkTo('net', { relativePath: 'modules/vnet.json' }, { vnetName: { value: "[format('vnet-juki-{0}', parameters('env'))]" }, segment: { value: 'mynumber' } }),
      linkTo('missing', { relativePath: 'modules/none.json' }),
      linkTo('escape', { relativePath: '../../etc/passwd' }),
      linkTo('remote', { uri: 'https://example.blob.core.windows.net/t/app.json' }),
    ],
  });
  const r = read('main.json');

  it('expands the linked template with the values the deployment passes', () => {
    const vnet = r.resources.find((x) => x.address === 'Microsoft.Resources/deployments/net/Microsoft.Network/virtualNetworks/vnet-juki-prd');
    expect(vnet).toBeDefined();
    expect(toPlain(at(vnet!.attrs, 'tags', 'lg:segment')!)).toBe('mynumber');
    expect(vnet!.loc.file).toBe('modules/vnet.json');
  });

  it('resolves a link inside a linked template against that template, and names its unset parameter', () => {
    const nsg = r.resources.find((x) => x.address === 'Microsoft.Resources/deployments/net/Microsoft.Resources/deployments/nsg/Microsoft.Network/networkSecurityGroups/nsg-vnet-juki-prd');
    expect(nsg).toBeDefined();
    expect(nsg!.loc.file).toBe('shared/nsg.json');
    const location = at(nsg!.attrs, 'location')!;
    expect(location.kind).toBe('unknown');
    if (location.kind === 'unknown') expect(location.cause.inputs).toEqual(['parameter unset of deployment nsg']);
  });

  it('lists each linked file it read as an input', () => {
    expect(r.inputs.map((i) => i.file).sort()).toEqual(['main.json', 'modules/vnet.json', 'shared/nsg.json']);
  });

  it('reports a missing file, a path outside the scan root and a URI as not scanned', () => {
    const by = (name: string) => r.notScanned.find((n) => n.address === `Microsoft.Resources/deployments/${name}`);
    expect(by('missing')?.cause.detail).toMatch(/cannot read modules\/none\.json/);
    expect(by('escape')?.cause.detail).toMatch(/outside the scanned directory/);
    expect(by('remote')?.cause.inputs).toEqual(['templateLink https://example.blob.core.windows.net/t/app.json']);
    expect(r.errors).toEqual([]);
  });

  it('does not read a linked file through a link out of the scan, a directory, or one over the size limit', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'kikan-arm-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.json'), JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [] }));
      symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'guard-link.json'));
      mkdirSync(path.join(root, 'guard-dir.json'));
      writeFileSync(path.join(root, 'guard-big.json'), ' '.repeat(MAX_INPUT_BYTES + 1));
      template('guard.json', {
        resources: [linkTo('viaLink', { relativePath: 'guard-link.json' }), linkTo('dir', { relativePath: 'guard-dir.json' }), linkTo('big', { relativePath: 'guard-big.json' })],
      });
      const g = read('guard.json');
      const detail = (name: string) => g.notScanned.find((n) => n.address === `Microsoft.Resources/deployments/${name}`)?.cause.detail;
      expect(detail('viaLink')).toMatch(/guard-link\.json is a link to outside the scanned directory/);
      expect(detail('dir')).toMatch(/guard-dir\.json is not a regular file/);
      expect(detail('big')).toMatch(/guard-big\.json is larger than 5 MB/);
      expect(g.inputs.map((i) => i.file)).toEqual(['guard.json']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads the outputs of a linked deployment through reference()', () => {
    template('modules/subnet-out.json', {
      parameters: { vnetName: { type: 'string' } },
      resources: [],
      outputs: { appSubnetId: { type: 'string', value: "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'snet-app')]" } },
    });
    template('consumer.json', {
      resources: [
        linkTo('net', { relativePath: 'modules/subnet-out.json' }, { vnetName: { value: 'vnet-zei' } }),
        {
          type: 'Microsoft.Network/networkInterfaces',
          apiVersion: '2024-05-01',
          name: 'nic-zei',
          location: 'japaneast',
          properties: { ipConfigurations: [{ name: 'ip', properties: { subnet: { id: "[reference('net').outputs.appSubnetId.value]" } } }] },
        },
      ],
    });
    const c = read('consumer.json');
    const nic = c.resources.find((x) => x.address === 'Microsoft.Network/networkInterfaces/nic-zei')!;
    const id = at(nic.attrs, 'properties', 'ipConfigurations', 0, 'properties', 'subnet', 'id')!;
    expect(id.kind).toBe('known');
    expect(toPlain(id)).toMatch(/\/providers\/Microsoft\.Network\/virtualNetworks\/vnet-zei\/subnets\/snet-app$/);
  });

  it('keeps comment waivers written in the linked file, on its resources and inline subnets', () => {
    mkdirSync(path.join(root, 'waived'), { recursive: true });
    writeFileSync(
      path.join(root, 'waived/net.json'),
      [
        `{ "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "resources": [`,
        '  // kikan:ignore LG-3.3 保守回線からのみ到達（ネットワーク図 v3）',
        '  { "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2024-05-01", "name": "pip-ops", "location": "japaneast" },',
        '  { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet-w", "location": "japaneast", "properties": { "subnets": [',
        '    // kikan:ignore LG-3.2 移行期間中のみ',
        '    { "name": "snet-old", "properties": { "addressPrefix": "10.9.0.0/24" } }',
        '  ] } }',
        '] }',
      ].join('\n'),
    );
    template('waiving.json', { resources: [linkTo('net', { relativePath: 'waived/net.json' })] });
    const w = read('waiving.json');
    const waiversOf = (address: string) => w.resources.find((x) => x.address === address)?.waivers;
    expect(waiversOf('Microsoft.Resources/deployments/net/Microsoft.Network/publicIPAddresses/pip-ops')).toEqual([
      { controlId: 'LG-3.3', reason: '保守回線からのみ到達（ネットワーク図 v3）', loc: { file: 'waived/net.json', line: 2 } },
    ]);
    expect(waiversOf('Microsoft.Resources/deployments/net/Microsoft.Network/virtualNetworks/subnets/vnet-w/snet-old')).toEqual([
      { controlId: 'LG-3.2', reason: '移行期間中のみ', loc: { file: 'waived/net.json', line: 5 } },
    ]);
    expect(waiversOf('Microsoft.Resources/deployments/net/Microsoft.Network/virtualNetworks/vnet-w')).toBeUndefined();
  });

  it('does not follow a link back to a template being expanded, however many copies fan out', () => {
    const fanOut = (to: string) => ({
      copy: { name: 'fan', count: 10 },
      ...linkTo(`[concat('to-${to}-', copyIndex())]`, { relativePath: `${to}.json` }),
    });
    template('ping.json', { resources: [fanOut('pong')] });
    template('pong.json', { resources: [fanOut('ping'), { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2024-05-01', name: 'nsg-pong', location: 'japaneast' }] });
    const looped = read('ping.json');
    expect(looped.errors).toEqual([]);
    expect(looped.resources.filter((x) => x.type === 'Microsoft.Network/networkSecurityGroups')).toHaveLength(10);
    const cycles = looped.notScanned.filter((n) => /links back to ping\.json/.test(n.cause.detail));
    expect(cycles).toHaveLength(100);
    expect(cycles[0]!.loc.file).toBe('pong.json');
  });
});
