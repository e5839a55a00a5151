// AWS handlers for data stores, keys, logging, identity, backup and
// account-level services.
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { finishKeyReferences } from './key-reference.js';
import { finishKeys, kmsHandlers } from './kms.js';

export const resourceHandlers: LiftHandler[] = [...kmsHandlers];

/** Joins that need every entity in place (log targets, backup selections). */
export function finishResources(ctx: LiftContext): void {
  finishKeyReferences(ctx);
  finishKeys(ctx);
}
