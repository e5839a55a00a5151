// Small constructors for drafts, so every control words unknowns the same
// way: the missing inputs come from the facts that could not be resolved.
import type { Entity, ScanScope } from '../model/model.js';
import type { Fact, UnknownFact } from '../model/fact.js';
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { LocalText } from '../results/finding.js';
import type { Draft } from './control.js';

type Extra = Partial<Pick<Draft, 'location' | 'evidence' | 'severity' | 'key'>>;

export function pass(subject: Entity | ScanScope, message: LocalText, extra: Extra = {}): Draft {
  return { status: 'pass', subject, message, ...extra };
}

export function fail(subject: Entity | ScanScope, message: LocalText, extra: Extra = {}): Draft {
  return { status: 'fail', subject, message, ...extra };
}

export function notApplicable(subject: Entity | ScanScope, message: LocalText, extra: Extra = {}): Draft {
  return { status: 'not_applicable', subject, message, ...extra };
}

/** An unknown result naming what could not be resolved. */
export function unknown(
  subject: Entity | ScanScope,
  message: LocalText,
  causes: UnknownCause[],
  extra: Extra = {},
): Draft {
  return { status: 'unknown', subject, message, unknown: causes, ...extra };
}

/** The unknown facts among those given, for `unknown(…)` and its location. */
export function unknownsOf(...facts: (Fact<unknown> | undefined)[]): UnknownFact[] {
  return facts.filter((f): f is UnknownFact => f !== undefined && !f.known);
}

/** Unknown result from unresolved facts, located at the first of them. */
export function unknownFrom(subject: Entity | ScanScope, message: LocalText, facts: UnknownFact[], extra: Extra = {}): Draft {
  const location: SourceLoc | undefined = extra.location ?? facts.find((f) => f.loc)?.loc;
  return unknown(subject, message, facts.map((f) => f.cause), { ...extra, ...(location ? { location } : {}) });
}

/** Where a known fact was written, falling back to the entity. */
export function locOf(f: Fact<unknown> | undefined, e: Entity): SourceLoc {
  return f?.loc ?? e.loc;
}
