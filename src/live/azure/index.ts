// The live Azure reader: subscriptions read through Resource Manager, as
// native resources for the Azure lifters. One subscription that cannot be
// read is an error; the others are read all the same.
import type { ReadResult } from '../../readers/native.js';
import { emptyReadResult } from '../../readers/native.js';
import type { ArmConnection } from './arm-calls.js';
import { armClient } from './arm-calls.js';
import { readSubscription } from './read-subscription.js';
import { subscriptionScope } from './to-native.js';

export interface AzureReadOptions extends ArmConnection {
  subscriptions: readonly string[];
  resourceGroups: readonly string[];
  /** Resource reads in flight per subscription. */
  concurrency?: number;
  onProgress?: (message: string) => void;
}

export async function readAzure(o: AzureReadOptions): Promise<ReadResult> {
  const result = emptyReadResult();
  for (const sub of o.subscriptions) {
    result.inputs.push({ file: subscriptionScope(sub), kind: 'azure' });
    o.onProgress?.(`azure ${sub}`);
    try {
      const read = await readSubscription({
        subscriptionId: sub,
        resourceGroups: o.resourceGroups,
        client: armClient(o, sub),
        endpoint: o.endpoint,
        concurrency: o.concurrency ?? 8,
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      });
      result.resources.push(...read.resources);
      result.errors.push(...read.errors);
    } catch (e) {
      result.errors.push({ file: subscriptionScope(sub), message: `subscription ${sub} could not be read: ${(e as Error).message}` });
    }
  }
  return result;
}
