// AWS Config configuration items as native resources. Items come in two
// shapes: BatchGetResourceConfig gives `configuration` and every
// supplementary value as JSON text, SelectResourceConfig gives them parsed
// and tags as a `[{key, value}]` list; both become one shape here so the
// Config handlers read attrs.vpcId, attrs.ipPermissions, attrs.tags (a map),
// attrs.supplementaryConfiguration and attrs.relationships.
import type { NativeResource, ReadError } from '../../readers/native.js';
import type { SourceLoc } from '../../readers/value.js';
import { fromPlain, known } from '../../readers/value.js';

export function accountScope(accountId: string, region: string): string {
  return `aws:${accountId}/${region}`;
}

/** Where a live item is reported: its account and region (there is no file or line). */
export function liveLoc(accountId: string, region: string): SourceLoc {
  return { file: accountScope(accountId, region), line: 1 };
}

/** Items Config keeps after a deletion describe nothing that exists. */
const GONE = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded']);

function parsedJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function tagMap(v: unknown): Record<string, string> | undefined {
  if (Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const t of v as { key?: unknown; value?: unknown; Key?: unknown; Value?: unknown }[]) {
      const k = t?.key ?? t?.Key;
      if (typeof k === 'string') out[k] = String(t.value ?? t.Value ?? '');
    }
    return out;
  }
  return v && typeof v === 'object' ? (v as Record<string, string>) : undefined;
}

/**
 * Why an item of an existing resource cannot be read: its configuration is
 * not a JSON object (cut short, or not JSON). Lifted anyway, every setting
 * would take its default (a security group with no rules).
 */
export function unreadableItem(item: Record<string, unknown>, scope: string): ReadError | undefined {
  const type = item.resourceType;
  const id = item.resourceId;
  if (typeof type !== 'string' || typeof id !== 'string' || !type || !id) return undefined;
  if (typeof item.configurationItemStatus === 'string' && GONE.has(item.configurationItemStatus)) return undefined;
  if (item.configuration === undefined) return undefined;
  const configuration = parsedJson(item.configuration);
  if (configuration && typeof configuration === 'object' && !Array.isArray(configuration)) return undefined;
  return { file: scope, message: `the configuration of ${type} ${id} is not a JSON object; the resource was not judged` };
}

export interface ItemOrigin {
  /** Account and region the call was made for; an item's own fields win. */
  accountId: string;
  region: string;
}

/**
 * One configuration item as a native resource; undefined for deleted items,
 * for text that names no type or ID and for an unreadable configuration
 * (unreadableItem names it). Throws nothing.
 */
export function nativeOfItem(item: Record<string, unknown>, origin: ItemOrigin): NativeResource | undefined {
  const type = item.resourceType;
  const id = item.resourceId;
  if (typeof type !== 'string' || typeof id !== 'string' || !type || !id) return undefined;
  if (typeof item.configurationItemStatus === 'string' && GONE.has(item.configurationItemStatus)) return undefined;
  const accountId = typeof item.accountId === 'string' ? item.accountId : origin.accountId;
  if (unreadableItem(item, '')) return undefined;
  // IAM items are recorded as `global`: they belong to the account scope of the region that returned them.
  const region = typeof item.awsRegion === 'string' && item.awsRegion !== 'global' ? item.awsRegion : origin.region;
  const configuration = parsedJson(item.configuration);
  const supplementary: Record<string, unknown> = {};
  const rawSupplementary = item.supplementaryConfiguration;
  if (rawSupplementary && typeof rawSupplementary === 'object') {
    for (const [k, v] of Object.entries(rawSupplementary)) supplementary[k] = parsedJson(v);
  }
  const body: Record<string, unknown> = {
    ...(configuration && typeof configuration === 'object' && !Array.isArray(configuration) ? (configuration as Record<string, unknown>) : {}),
    supplementaryConfiguration: supplementary,
    relationships: Array.isArray(item.relationships) ? item.relationships : [],
  };
  const tags = tagMap(item.tags);
  if (tags) body.tags = tags;
  if (typeof item.availabilityZone === 'string' && body.availabilityZone === undefined) body.availabilityZone = item.availabilityZone;
  const loc = liveLoc(accountId, region);
  const attrs = fromPlain(JSON.parse(JSON.stringify(body)), loc);
  if (attrs.kind !== 'object') return undefined;
  const arn = typeof item.arn === 'string' && item.arn ? item.arn : undefined;
  const name = typeof item.resourceName === 'string' && item.resourceName ? item.resourceName : undefined;
  const scope = accountScope(accountId, region);
  return {
    source: 'aws-config',
    cloud: 'aws',
    type,
    address: arn ?? `${type}/${id}`,
    key: `${scope}#${id}`,
    scope,
    attrs,
    loc,
    ids: [id, ...(arn ? [arn] : []), ...(name && name !== id ? [name] : [])],
    region: known(region, loc),
  };
}

/**
 * An account-wide item (the account's S3 public access block) as it applies
 * in another region scope of the same account; its values keep where they
 * were recorded.
 */
export function inRegionScope(r: NativeResource, accountId: string, region: string): NativeResource {
  const scope = accountScope(accountId, region);
  const loc = liveLoc(accountId, region);
  return { ...r, scope, key: `${scope}#${r.key.slice(r.key.indexOf('#') + 1)}`, loc, region: known(region, loc) };
}
