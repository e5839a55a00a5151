// A standalone route, rule or association whose target cannot be resolved
// cannot be placed; dropping it would make the objects it may belong to
// look more closed than they are. The objects its expression names are
// marked incomplete instead, naming the resource and its inputs.
import type { NativeResource } from '../../../readers/native.js';
import type { UnknownCause, Value } from '../../../readers/value.js';
import { unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import type { LiftContext } from '../../lifter.js';
import type { EntityKind, EntityOf } from '../../model.js';
import { modelIdOf, namedInExpression } from './references.js';

/** Why an object may have more than the model shows. */
export function mayAlsoHold(v: Value, r: NativeResource, what: string): UnknownCause {
  const cause = causeOf(v, r, what);
  return { ...cause, inputs: [r.address, ...cause.inputs], detail: `${r.address} may add ${what} here: ${cause.detail}` };
}

/** Calls `mark` on each entity of `kind` the unresolved value may name. */
export function forPossibleTargets<K extends EntityKind>(
  v: Value | undefined,
  r: NativeResource,
  ctx: LiftContext,
  kind: K,
  mark: (e: EntityOf<K>) => void,
): void {
  if (!v) return;
  for (const n of namedInExpression(v, r, ctx)) {
    const e = ctx.model.getOf(modelIdOf(n, undefined, ctx), kind);
    if (e) mark(e);
  }
}

/**
 * A plan says what an unresolved reference points at only in prose (the
 * configuration's `references`, e.g. `local.x` or a module output of several
 * instances), so nothing narrows it: every entity of `kind` in the same plan
 * may be the target.
 */
export function forAnyInPlan<K extends EntityKind>(
  v: Value | undefined,
  r: NativeResource,
  ctx: LiftContext,
  kind: K,
  mark: (e: EntityOf<K>) => void,
): void {
  if (!v || v.kind !== 'unknown' || v.expr || r.source !== 'terraform-plan') return;
  for (const e of ctx.model.all(kind)) if (e.native?.scope === r.scope) mark(e);
}

/** An unknown standing for "possibly more", located at the resource that may add it. */
export function possiblyMore(v: Value, r: NativeResource, what: string) {
  return unknownFact(mayAlsoHold(v, r, what), r.loc);
}
