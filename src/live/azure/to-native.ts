// Resource Manager documents as native resources, in the shape the ARM
// template reader gives (attrs hold the whole body: properties, sku, zones,
// tags, location, kind), so the Azure lifters read both alike. Live names
// are the last level only; parents are found through the resource ID.
// Subnets come inline in their virtual network's body and become subnet
// resources of their own, as the ARM reader does with inline subnets.
import type { NativeResource } from '../../readers/native.js';
import type { SourceLoc } from '../../readers/value.js';
import { fromPlain, known } from '../../readers/value.js';

const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

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
  return r;
}

/** The subnets inside a virtual network's body, as subnet resources (they stay in the network's attrs too). */
export function inlineSubnets(subscriptionId: string, vnet: Record<string, unknown>): NativeResource[] {
  const props = vnet.properties as { subnets?: unknown } | undefined;
  if (!Array.isArray(props?.subnets)) return [];
  const out: NativeResource[] = [];
  for (const s of props.subnets) {
    if (!s || typeof s !== 'object') continue;
    const r = nativeOf(subscriptionId, s as Record<string, unknown>, SUBNET_TYPE);
    if (r) out.push(r);
  }
  return out;
}

/** Every native resource of one document: itself, and the subnets of a virtual network. */
export function nativesOf(subscriptionId: string, body: Record<string, unknown>, fallbackType?: string): NativeResource[] {
  const r = nativeOf(subscriptionId, body, fallbackType);
  if (!r) return [];
  return r.type.toLowerCase() === 'microsoft.network/virtualnetworks' ? [r, ...inlineSubnets(subscriptionId, body)] : [r];
}

/** A resource group's document (name, location, tags) as the resource group resource. */
export function resourceGroupNative(subscriptionId: string, body: Record<string, unknown>): NativeResource | undefined {
  return nativeOf(subscriptionId, { ...body, type: 'Microsoft.Resources/resourceGroups' });
}
