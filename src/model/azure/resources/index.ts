// Azure handlers for storage, disks, databases, Key Vault, Log Analytics,
// diagnostic settings, Recovery Services, roles, locks and Defender.
import type { LiftContext, LiftHandler } from '../../lifter.js';

export const resourceHandlers: LiftHandler[] = [];

/** Joins that need every entity in place (diagnostic setting targets, locks). */
export function finishResources(_ctx: LiftContext): void {}
