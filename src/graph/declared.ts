// The segment an entity declares for itself, before inheritance and
// derivation: the first policy selector that names it, else its own segment
// tag (SPEC §2 order). A selector whose CIDR test cannot be decided is kept
// as pending: it overturns whatever the entity would otherwise get if it
// names a different segment.
import type { Entity } from '../model/model.js';
import type { Policy } from '../policy/types.js';
import { parseSegment } from '../policy/types.js';
import type { SourceLoc, UnknownCause } from '../readers/value.js';
import type { SelectorSubject } from './selectors.js';
import type { Selectors } from './selectors.js';
import type { SegmentAssignment } from './types.js';
import type { SegmentSelector } from '../policy/types.js';
import { tagValue } from '../model/tags.js';

export interface Declared {
  /** The selector or tag assignment, an unknown one (unreadable tags), or undefined when the entity declares nothing. */
  assignment?: SegmentAssignment;
  /** CIDR selectors that may apply but could not be tested, with why. */
  pending: { selector: SegmentSelector; cause: UnknownCause }[];
}

export function noSegment(): SegmentAssignment {
  return { segment: null, source: 'none', chain: [] };
}

export function unknownSegment(cause: UnknownCause, loc?: SourceLoc): SegmentAssignment {
  const a: SegmentAssignment = { segment: null, source: 'unknown', chain: [], unknown: cause };
  if (loc) a.loc = loc;
  return a;
}

function subjectOf(e: Entity): { subject: SelectorSubject; cidrCause?: UnknownCause } {
  const ids = [e.id, ...(e.native?.ids ?? [])];
  if (e.kind === 'network') {
    if (e.cidrs.known) return { subject: { address: e.address, ids, cidrs: { known: true, value: e.cidrs.value } } };
    return { subject: { address: e.address, ids, cidrs: { known: false } }, cidrCause: e.cidrs.cause };
  }
  if (e.kind === 'subnet') {
    const cidrs: string[] = [];
    for (const f of [e.cidr, e.ipv6Cidr]) {
      if (!f) continue;
      if (!f.known) return { subject: { address: e.address, ids, cidrs: { known: false } }, cidrCause: f.cause };
      if (f.value) cidrs.push(f.value);
    }
    return { subject: { address: e.address, ids, cidrs: { known: true, value: cidrs } } };
  }
  return { subject: { address: e.address, ids } };
}

function fromSelector(s: SegmentSelector): SegmentAssignment {
  const a: SegmentAssignment = { segment: s.segment, source: 'selector', chain: [] };
  if (s.loc) a.loc = s.loc;
  return a;
}

export function declaredSegment(e: Entity, selectors: Selectors, policy: Policy): Declared {
  const pending: Declared['pending'] = [];
  if (!selectors.empty) {
    const { subject, cidrCause } = subjectOf(e);
    for (const m of selectors.match(subject)) {
      if (m.kind === 'match') return { assignment: fromSelector(m.selector), pending };
      pending.push({
        selector: m.selector,
        cause: cidrCause ?? { inputs: [], detail: `the CIDR of ${e.address} is unknown` },
      });
    }
  }
  const key = policy.tagKeys.segment;
  if (!e.tags.known) {
    return {
      assignment: unknownSegment(
        { ...e.tags.cause, detail: `the tags of ${e.address} are unknown, so its ${key} tag cannot be read: ${e.tags.cause.detail}` },
        e.tags.loc ?? e.loc,
      ),
      pending,
    };
  }
  const raw = tagValue(e.tags.value, key);
  if (raw === undefined) {
    const unreadable = e.unknownTags && Object.entries(e.unknownTags).find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (unreadable) {
      const [, f] = unreadable;
      return {
        assignment: unknownSegment({ ...f.cause, detail: `the ${key} tag of ${e.address} is unknown: ${f.cause.detail}` }, f.loc ?? e.loc),
        pending,
      };
    }
    return { pending };
  }
  const segment = parseSegment(raw);
  const loc = e.tags.loc ?? e.loc;
  if (!segment) {
    return {
      assignment: unknownSegment(
        { inputs: [`${e.address} tag ${key}`], detail: `tag ${key} = "${raw}" on ${e.address} is not a segment (mynumber, lgwan, internet)` },
        loc,
      ),
      pending,
    };
  }
  return { assignment: { segment, source: 'tag', chain: [], loc }, pending };
}

/**
 * The segment tag of the Azure resource group the entity is deployed in: the
 * last source of SPEC §2, used when nothing closer gives one.
 */
export function resourceGroupSegment(e: Entity, policy: Policy): SegmentAssignment | undefined {
  const rg = e.resourceGroupTags;
  if (!rg) return undefined;
  const key = policy.tagKeys.segment;
  if (!rg.known) {
    return unknownSegment({ ...rg.cause, detail: `the tags of the resource group of ${e.address} are unknown: ${rg.cause.detail}` }, rg.loc ?? e.loc);
  }
  const raw = tagValue(rg.value, key);
  if (raw === undefined) return undefined;
  const loc = rg.loc ?? e.loc;
  const segment = parseSegment(raw);
  if (!segment) {
    return unknownSegment({ inputs: [`resource group of ${e.address} tag ${key}`], detail: `resource group tag ${key} = "${raw}" is not a segment (mynumber, lgwan, internet)` }, loc);
  }
  return { segment, source: 'resource-group', chain: [], loc };
}

/** The selectors matched against something outside the model (a network named only by a data source or ID). */
export function selectorForExternal(names: readonly string[], selectors: Selectors): SegmentAssignment | undefined {
  if (selectors.empty || names.length === 0) return undefined;
  const m = selectors.match({ ids: names });
  const hit = m.find((x) => x.kind === 'match');
  return hit ? fromSelector(hit.selector) : undefined;
}

/**
 * Applies pending CIDR selectors to the assignment the entity ends up with:
 * when one of them names another segment, the outcome cannot be decided.
 */
export function settle(a: SegmentAssignment, pending: Declared['pending'], address: string): SegmentAssignment {
  const clash = pending.find((p) => p.selector.segment !== a.segment);
  if (!clash || a.source === 'unknown') return a;
  return unknownSegment(
    {
      inputs: clash.cause.inputs,
      detail: `policy selector ${clash.selector.cidr} (${clash.selector.segment}) may apply to ${address}, but its CIDR is unknown: ${clash.cause.detail}`,
      ...(clash.cause.chain ? { chain: clash.cause.chain } : {}),
    },
    clash.selector.loc,
  );
}
