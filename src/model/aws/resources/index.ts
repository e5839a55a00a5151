// AWS handlers for data stores, keys, logging, identity, backup and
// account-level services.
import type { LiftContext, LiftHandler } from '../../lifter.js';

export const resourceHandlers: LiftHandler[] = [];

/** Joins that need every entity in place (log targets, backup selections). */
export function finishResources(_ctx: LiftContext): void {}
