// Resource Manager documents as native resources, in the shape the ARM
// template reader gives (attrs hold the whole body: properties, sku, zones,
// tags, location, kind), so the Azure lifters read both alike. Live names
// are the last level only; parents are found through the resource ID.
// Subnets come inline in their virtual network's body and become subnet
// resources of their own, as the ARM reader does with inline subnets.
import type { NativeResource } from '../../readers/native.js';
import type { SourceLoc } from '../../readers/value.js';
import { fromPlain, known, unknown } from '../../readers/value.js';

const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

/**
 * The first stable Microsoft.Network API version we rely on to return a
 * subnet's `defaultOutboundAccess` when the service stores one. Read at an
 * older version, an absent value says nothing.
 */
export const SUBNET_OUTBOUND_API_VERSION = '2023-09-01';

export function subscriptionScope(subscriptionId: string): string {
  return `azure:${subscriptionId}`;
}

/** Where a live resource is reported: its subscription (there is no file or line). */
export function liveLoc(subscriptionId: string): SourceLoc {
  return { file: subscriptionScope(subscriptionId), line: 1 };
}

/** Dates from the SDK become ISO text, as on the wire. */
function plain(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body));
}

/**
 * Properties whose absence in a live body does not mean what a template's
 * absence means (the default for new resources): an old resource keeps its
 * old behaviour. Keyed by lower-cased type; each becomes unknown, naming what
 * to set, when Resource Manager returns no value.
 */
const UNSTATED_LIVE: Record<string, { property: string; why: string }[]> = {
  'microsoft.sql/servers': [
    {
      property: 'minimalTlsVersion',
      why: 'a server without a minimum TLS version accepted every TLS version before Azure SQL moved servers to 1.2; set minimalTlsVersion to 1.2',
    },
  ],
};

function markUnstated(r: NativeResource): void {
  const props = r.attrs.fields.properties;
  if (props?.kind !== 'object') return;
  for (const u of UNSTATED_LIVE[r.type.toLowerCase()] ?? []) {
    const v = props.fields[u.property];
    if (v && !(v.kind === 'known' && (v.value === null || v.value === ''))) continue;
    props.fields[u.property] = unknown({ inputs: [`${r.address} ${u.property}`], detail: `Resource Manager returns no ${u.property} for ${r.address}: ${u.why}` }, r.loc);
  }
}

/** One document as a native resource; undefined when it has no ID or type to name it by. */
export function nativeOf(subscriptionId: string, body: Record<string, unknown>, fallbackType?: string): NativeResource | undefined {
  const id = typeof body.id === 'string' ? body.id : undefined;
  const type = typeof body.type === 'string' && body.type.includes('/') ? body.type : fallbackType;
  if (!id || !type) return undefined;
  const loc = liveLoc(subscriptionId);
  const attrs = fromPlain(plain(body), loc);
  if (attrs.kind !== 'object') return undefined;
  const r: NativeResource = {
    source: 'azure',
    cloud: 'azure',
    type,
    address: id,
    key: `${subscriptionScope(subscriptionId)}#${id.toLowerCase()}`,
    scope: subscriptionScope(subscriptionId),
    attrs,
    loc,
    ids: [id.toLowerCase()],
  };
  if (typeof body.location === 'string' && body.location) r.region = known(body.location, loc);
  markUnstated(r);
  return r;
}

/**
 * A live subnet without `defaultOutboundAccess` has no stored value: the
 * lifter takes the platform default (on). That holds only when the API
 * version read returns the property at all; read at an older one, the value
 * becomes unknown and names what to set.
 */
function markUnreadOutbound(r: NativeResource, apiVersion: string | undefined): void {
  const props = r.attrs.fields.properties;
  if (props?.kind !== 'object') return;
  const v = props.fields.defaultOutboundAccess;
  if (v && !(v.kind === 'known' && v.value === null)) return;
  if (apiVersion !== undefined && apiVersion.slice(0, 10) >= SUBNET_OUTBOUND_API_VERSION) return;
  props.fields.defaultOutboundAccess = unknown(
    {
      inputs: [`${r.address} defaultOutboundAccess`],
      detail: `the virtual network was read at Microsoft.Network API version ${apiVersion ?? '(unknown)'}, which does not return defaultOutboundAccess (returned from ${SUBNET_OUTBOUND_API_VERSION}); set defaultOutboundAccess to false on the subnet, or scan an endpoint that offers a newer API version`,
    },
    r.loc,
  );
}

/** The subnets inside a virtual network's body, as subnet resources (they stay in the network's attrs too). */
export function inlineSubnets(subscriptionId: string, vnet: Record<string, unknown>, apiVersion?: string): NativeResource[] {
  const props = vnet.properties as { subnets?: unknown } | undefined;
  if (!Array.isArray(props?.subnets)) return [];
  const out: NativeResource[] = [];
  for (const s of props.subnets) {
    if (!s || typeof s !== 'object') continue;
    const r = nativeOf(subscriptionId, s as Record<string, unknown>, SUBNET_TYPE);
    if (!r) continue;
    markUnreadOutbound(r, apiVersion);
    out.push(r);
  }
  return out;
}

/** Every native resource of one document, read at `apiVersion`: itself, and the subnets of a virtual network. */
export function nativesOf(subscriptionId: string, body: Record<string, unknown>, fallbackType?: string, apiVersion?: string): NativeResource[] {
  const r = nativeOf(subscriptionId, body, fallbackType);
  if (!r) return [];
  return r.type.toLowerCase() === 'microsoft.network/virtualnetworks' ? [r, ...inlineSubnets(subscriptionId, body, apiVersion)] : [r];
}

/** A resource group's document (name, location, tags) as the resource group resource. */
export function resourceGroupNative(subscriptionId: string, body: Record<string, unknown>): NativeResource | undefined {
  return nativeOf(subscriptionId, { ...body, type: 'Microsoft.Resources/resourceGroups' });
}
