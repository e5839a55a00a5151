// The live Azure reader: subscriptions read through Resource Manager, as
// native resources for the Azure lifters. One subscription that cannot be
// read is an error; the others are read all the same.
import type { ReadResult } from '../../readers/native.js';
import { emptyReadResult } from '../../readers/native.js';
import type { ArmConnection } from './arm-calls.js';
import { armClient } from './arm-calls.js';
import type { ReadGap } from './read-gaps.js';
import { readSubscription } from './read-subscription.js';
import { subscriptionScope } from './to-native.js';

export interface AzureReadOptions extends ArmConnection {
  subscriptions: readonly string[];
  resourceGroups: readonly string[];
  /** Resource reads in flight per subscription. */
  concurrency?: number;
  onProgress?: (message: string) => void;
}

export interface AzureRead extends ReadResult {
  /** Results that failed calls leave open (see read-gaps.ts). */
  gaps: ReadGap[];
}

export async function readAzure(o: AzureReadOptions): Promise<AzureRead> {
  const result: AzureRead = { ...emptyReadResult(), gaps: [] };
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
      for (const r of read.resources) result.resources.push(r);
      result.errors.push(...read.errors);
      result.gaps.push(...read.gaps);
      result.notScanned.push(...read.notScanned);
    } catch (e) {
      const message = `subscription ${sub} could not be read: ${(e as Error).message}`;
      result.errors.push({ file: subscriptionScope(sub), message });
      result.gaps.push({ scope: subscriptionScope(sub), controls: 'all', cause: { inputs: [`subscription ${sub}`], detail: message } });
    }
  }
  return result;
}
