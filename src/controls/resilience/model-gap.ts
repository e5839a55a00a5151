// A fact the model does not carry for an entity (its lifter does not read it
// yet) is unknown, never a pass: the cause names the entity and the fact so
// the gap is visible in the finding.
import type { UnknownFact } from '../../model/fact.js';
import type { Entity } from '../../model/model.js';

export function modelGap(e: Entity, fact: string): UnknownFact {
  return { known: false, cause: { inputs: [`${e.address} ${fact}`], detail: `the model does not give the ${fact} of ${e.nativeType}` }, loc: e.loc };
}
