// Types AWS Config records but its advanced queries cannot select: listed with
// ListDiscoveredResources and read with BatchGetResourceConfig, 100 keys to a
// call, page by page; keys the service leaves unprocessed are asked again a
// bounded number of times, then named as not read.
import type { BaseConfigurationItem, ConfigServiceClient, ResourceKey, ResourceType } from '@aws-sdk/client-config-service';
import { BatchGetResourceConfigCommand, ListDiscoveredResourcesCommand } from '@aws-sdk/client-config-service';
import type { ReadError, ReadResult } from '../../readers/native.js';
import { emptyReadResult } from '../../readers/native.js';
import { accountScope, nativeOfItem, unreadableItem } from './to-native.js';
import { errorText } from './call-error.js';

/**
 * Recorded types the Config handlers lift that advanced queries do not
 * support: absent from "Supported Resource Types for Advanced Queries"
 * (https://github.com/awslabs/aws-config-resource-schema/tree/master/config/properties/resource-types,
 * linked from https://docs.aws.amazon.com/config/latest/developerguide/querying-AWS-resources.html#supported-resources;
 * checked against commit adf55132, March 2025) while in the API's ResourceType list.
 */
export const DISCOVERY_TYPES = ['AWS::IAM::InstanceProfile'] as const;

/** BatchGetResourceConfig takes at most 100 keys. */
const BATCH = 100;
const MAX_PAGES = 10_000;
/** Rounds of asking again for unprocessed keys before giving up on them. */
const UNPROCESSED_ROUNDS = 3;

async function discoveredKeys(client: ConfigServiceClient, type: string, scope: string, errors: ReadError[]): Promise<ResourceKey[]> {
  const keys: ResourceKey[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let answer;
    try {
      answer = await client.send(new ListDiscoveredResourcesCommand({ resourceType: type as ResourceType, nextToken: token }));
    } catch (e) {
      errors.push({ file: scope, message: `config:ListDiscoveredResources failed for ${type} (${errorText(e)}); the ${type} resources of ${scope} were not read${page ? ' completely' : ''}` });
      return keys;
    }
    for (const id of answer.resourceIdentifiers ?? []) {
      // Deleted resources stay listed with their deletion time.
      if (id.resourceId && !id.resourceDeletionTime) keys.push({ resourceType: type as ResourceType, resourceId: id.resourceId });
    }
    token = answer.nextToken || undefined;
    if (!token) return keys;
  }
  errors.push({ file: scope, message: `config:ListDiscoveredResources kept returning pages for ${type} after ${MAX_PAGES}; the rest was not read` });
  return keys;
}

/** The items of `keys`, asking again for what the service leaves unprocessed. */
async function batchItems(client: ConfigServiceClient, keys: ResourceKey[], scope: string, errors: ReadError[]): Promise<BaseConfigurationItem[]> {
  const items: BaseConfigurationItem[] = [];
  for (let at = 0; at < keys.length; at += BATCH) {
    let pending = keys.slice(at, at + BATCH);
    for (let round = 0; pending.length && round <= UNPROCESSED_ROUNDS; round++) {
      try {
        const answer = await client.send(new BatchGetResourceConfigCommand({ resourceKeys: pending }));
        items.push(...(answer.baseConfigurationItems ?? []));
        pending = answer.unprocessedResourceKeys ?? [];
      } catch (e) {
        errors.push({ file: scope, message: `config:BatchGetResourceConfig failed (${errorText(e)}); ${pending.length} resources of ${scope} were not read` });
        pending = [];
      }
    }
    if (pending.length) {
      errors.push({
        file: scope,
        message: `config:BatchGetResourceConfig left ${pending.length} keys unprocessed after ${UNPROCESSED_ROUNDS} retries; not read: ${pending.map((k) => `${k.resourceType} ${k.resourceId}`).join(', ')}`,
      });
    }
  }
  return items;
}

export async function readDiscovered(client: ConfigServiceClient, accountId: string, region: string, types: readonly string[]): Promise<ReadResult> {
  const out = emptyReadResult();
  const scope = accountScope(accountId, region);
  const keys: ResourceKey[] = [];
  for (const type of types) keys.push(...(await discoveredKeys(client, type, scope, out.errors)));
  for (const item of await batchItems(client, keys, scope, out.errors)) {
    const unreadable = unreadableItem(item as unknown as Record<string, unknown>, scope);
    if (unreadable) out.errors.push(unreadable);
    const r = nativeOfItem(item as unknown as Record<string, unknown>, { accountId, region });
    if (r) out.resources.push(r);
  }
  return out;
}
