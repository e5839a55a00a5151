// Work an entity handler cannot finish until every entity exists. Phase
// `links` resolves names and key URIs (the whole name index is needed);
// phase `derive` computes facts that combine several resources (a storage
// account's public read from its containers, what a lock covers), which
// need those links. finishResources runs both phases, each in queue order.
import type { LiftContext } from '../../lifter.js';
import type { CloudModel } from '../../model.js';

type Phase = 'links' | 'derive';

const queues = new WeakMap<CloudModel, Record<Phase, (() => void)[]>>();

export function later(ctx: LiftContext, fn: () => void, phase: Phase = 'links'): void {
  let q = queues.get(ctx.model);
  if (!q) queues.set(ctx.model, (q = { links: [], derive: [] }));
  q[phase].push(fn);
}

export function runDeferred(ctx: LiftContext): void {
  const q = queues.get(ctx.model);
  if (!q) return;
  queues.delete(ctx.model);
  for (const fn of q.links) fn();
  for (const fn of q.derive) fn();
}
