// Live subnets and default outbound access: the reader knows the API version
// it read each virtual network at, so an absent `defaultOutboundAccess` is
// judged only when that version returns the property.
import { describe, expect, it } from 'vitest';
import { nativesOf, SUBNET_OUTBOUND_API_VERSION } from '../../../src/live/azure/to-native.js';
import { finishNetwork, networkHandlers } from '../../../src/model/azure/network/index.js';
import type { LiftContext } from '../../../src/model/lifter.js';
import { runLifters } from '../../../src/model/lifter.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { Subnet } from '../../../src/model/network.js';

const SUB = '9d41c7a2-05be-4f3e-b8c6-71e2a0d4f913';
const VNET = `/subscriptions/${SUB}/resourceGroups/rg-juki/providers/Microsoft.Network/virtualNetworks/vnet-juki`;

function vnetBody(subnets: Record<string, unknown>[]): Record<string, unknown> {
  return {
    id: VNET,
    name: 'vnet-juki',
    type: 'Microsoft.Network/virtualNetworks',
    location: 'japaneast',
    properties: {
      addressSpace: { addressPrefixes: ['10.40.0.0/16'] },
      subnets: subnets.map((s) => ({
        id: `${VNET}/subnets/${String(s.name)}`,
        name: s.name,
        type: 'Microsoft.Network/virtualNetworks/subnets',
        properties: { addressPrefix: s.prefix, provisioningState: 'Succeeded', privateEndpointNetworkPolicies: 'Disabled', ...(s.props as object) },
      })),
    },
  };
}

function liftedSubnets(apiVersion: string | undefined, subnets: Record<string, unknown>[]): Map<string, Subnet> {
  const natives = nativesOf(SUB, vnetBody(subnets), undefined, apiVersion);
  const model = new CloudModel();
  const ctx: LiftContext = { model, links: new LinkResolver(natives) };
  runLifters('azure', networkHandlers, natives, ctx, finishNetwork);
  return new Map(model.all('subnet').map((s) => [s.address.split('/').pop()!, s]));
}

const SUBNETS = [
  { name: 'app', prefix: '10.40.1.0/24' },
  { name: 'db', prefix: '10.40.2.0/24', props: { defaultOutboundAccess: false } },
  { name: 'legacy', prefix: '10.40.3.0/24', props: { defaultOutboundAccess: null } },
];

describe('live subnet default outbound access', () => {
  it('takes an absent value as on when the API version read returns the property', () => {
    const s = liftedSubnets('2024-05-01', SUBNETS);
    expect(s.get('app')?.defaultOutboundAccess).toMatchObject({ known: true, value: true, defaulted: true });
    expect(s.get('legacy')?.defaultOutboundAccess).toMatchObject({ known: true, value: true });
    expect(s.get('db')?.defaultOutboundAccess).toMatchObject({ known: true, value: false });
  });

  it('does not apply the template rule (absent = off from 2025-07-01) to a live body', () => {
    // A subnet created before private subnets by default and never changed reads without the value at any newer version.
    const s = liftedSubnets('2025-07-01', SUBNETS);
    expect(s.get('app')?.defaultOutboundAccess).toMatchObject({ known: true, value: true });
  });

  it('leaves an absent value unknown, naming the property to set, when the version read does not return it', () => {
    const s = liftedSubnets('2022-07-01', SUBNETS);
    const app = s.get('app')?.defaultOutboundAccess;
    expect(app?.known).toBe(false);
    if (app && !app.known) {
      expect(app.cause.inputs).toEqual([`${VNET}/subnets/app defaultOutboundAccess`]);
      expect(app.cause.detail).toContain('2022-07-01');
      expect(app.cause.detail).toContain(SUBNET_OUTBOUND_API_VERSION);
    }
    expect(s.get('legacy')?.defaultOutboundAccess?.known).toBe(false);
    // A value the service did return is still the value.
    expect(s.get('db')?.defaultOutboundAccess).toMatchObject({ known: true, value: false });
  });

  it('keeps the subnet unknown when the API version read is not known', () => {
    expect(liftedSubnets(undefined, SUBNETS).get('app')?.defaultOutboundAccess?.known).toBe(false);
  });
});

describe('live values whose absence is not the template default', () => {
  const SQL = `/subscriptions/${SUB}/resourceGroups/rg-juki/providers/Microsoft.Sql/servers/sql-old`;
  const server = (props: Record<string, unknown>) => ({ id: SQL, name: 'sql-old', type: 'Microsoft.Sql/servers', kind: 'v12.0', location: 'japaneast', properties: { version: '12.0', state: 'Ready', ...props } });
  const minTls = (props: Record<string, unknown>) => {
    const [r] = nativesOf(SUB, server(props));
    return r?.attrs.fields.properties?.kind === 'object' ? r.attrs.fields.properties.fields.minimalTlsVersion : undefined;
  };

  it('makes a SQL server without a minimum TLS version unknown, naming the property to set', () => {
    for (const v of [undefined, null]) {
      const got = minTls(v === undefined ? {} : { minimalTlsVersion: v });
      expect(got?.kind).toBe('unknown');
      if (got?.kind === 'unknown') expect(got.cause.inputs).toEqual([`${SQL} minimalTlsVersion`]);
    }
  });

  it('keeps a minimum TLS version Resource Manager returns', () => {
    expect(minTls({ minimalTlsVersion: '1.2' })).toMatchObject({ kind: 'known', value: '1.2' });
    expect(minTls({ minimalTlsVersion: 'None' })).toMatchObject({ kind: 'known', value: 'None' });
  });
});
