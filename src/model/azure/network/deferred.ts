// Work an entity handler cannot finish until every entity exists. Phase
// `names` resolves Terraform references by name (`virtual_network_name`),
// which need the whole name index; phase `joins` follows links between
// entities (a gateway's subnet to its network), which need those names.
// finishNetwork runs both phases first, each in the order it was queued.
import type { LiftContext } from '../../lifter.js';
import type { CloudModel } from '../../model.js';

type Phase = 'names' | 'joins';

const queues = new WeakMap<CloudModel, Record<Phase, (() => void)[]>>();

export function later(ctx: LiftContext, fn: () => void, phase: Phase = 'names'): void {
  let q = queues.get(ctx.model);
  if (!q) queues.set(ctx.model, (q = { names: [], joins: [] }));
  q[phase].push(fn);
}

export function runDeferred(ctx: LiftContext): void {
  const q = queues.get(ctx.model);
  if (!q) return;
  queues.delete(ctx.model);
  for (const fn of q.names) fn();
  for (const fn of q.joins) fn();
}
