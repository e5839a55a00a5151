// The limit on how many resource and module instances one unit (a template
// with its linked and nested ones, or a group of Terraform directories) may
// expand to. Loops multiply: a few lines of nested `count`, `copy` or linked
// deployments can ask for billions of instances and exhaust memory long
// before any time limit. Like the read clock, evaluation cannot be stopped
// from outside, so the readers take from this allowance as they expand and,
// once it is spent, every later take throws; the caller discards the unit.
// One unit is read at a time per thread, so one allowance per thread suffices.

/** Default number of instances one unit may expand to; far above real estates (ARM allows 800 resources a deployment). */
export const DEFAULT_INSTANCE_LIMIT = 50_000;

export class InstanceLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`the definitions expand to more than ${limit} resource and module instances`);
  }
}

let limit = Infinity;
let taken = 0;
let exceeded = false;

/** Start counting the instances of a unit. */
export function startInstanceAllowance(max: number): void {
  limit = max;
  taken = 0;
  exceeded = false;
}

/** Stop counting; true when the unit asked for more than its allowance (its results must not be used). */
export function stopInstanceAllowance(): boolean {
  const was = exceeded;
  limit = Infinity;
  taken = 0;
  exceeded = false;
  return was;
}

/** Called where a reader creates instances; throws once the unit has asked for more than its allowance. */
export function takeInstances(n: number): void {
  if (exceeded) throw new InstanceLimitExceeded(limit);
  taken += n;
  if (taken > limit) {
    exceeded = true;
    throw new InstanceLimitExceeded(limit);
  }
}
