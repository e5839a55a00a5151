// Resource policies that let anyone in (LG-6.7): an Allow to `Principal: "*"`
// (or `{"AWS": "*"}`, or a NotPrincipal) whose conditions do not narrow the
// caller down to an account, organisation, network or calling resource. A
// condition on transport or time alone (`aws:SecureTransport`) still lets
// every AWS customer in. A Deny to everyone outside such a boundary, covering
// the same actions, closes the statement too.
import type { ParsedPolicy, PolicyConditions, PolicyStatement } from '../../model/policy-document.js';
import {
  opaqueUnknowns,
  principalEveryoneCauses,
  principalIsEveryone,
  statementCoversAction,
  wildcardMatches,
} from '../../model/policy-document.js';
import type { UnknownCause } from '../../readers/value.js';
import type { Maybe } from './policy-grants.js';
import { isAnyActionPattern } from './policy-grants.js';

/** Condition keys (lower case) that fix who the caller is or where the call comes from. */
const CALLER_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalservicename',
  'aws:principalisawsservice',
  'aws:userid',
  'aws:username',
  'kms:calleraccount',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
]);

function isCallerKey(key: string): boolean {
  const k = key.toLowerCase();
  return CALLER_KEYS.has(k) || k.startsWith('aws:principaltag/');
}

/**
 * A Like pattern that still pins the caller: more than `*`, and with a
 * wildcard only where an account ID or organisation ID stays fixed
 * (`arn:aws:iam::*:role/*` matches every account's roles).
 */
function narrowsLike(pattern: string): boolean {
  if (!/[^*?]/.test(pattern)) return false;
  return !/[*?]/.test(pattern) || /\d{12}/.test(pattern) || /\bo-[a-z0-9]{10,32}\b/.test(pattern);
}

/** Values that let every address or caller through. */
const OPEN_VALUES = new Set(['*', '0.0.0.0/0', '::/0']);

/**
 * On an Allow, a test pins the caller only if it is positive: a negated test
 * (`StringNotEquals`), `…IfExists` (a call without the key passes) or `Null`
 * lets everyone else in. On a Deny those are exactly how a boundary is drawn
 * ("deny unless in my organisation"), so there every test counts.
 */
function pinsOnAllow(operator: string): boolean {
  const op = operator.toLowerCase();
  return !(op.includes('not') || op.endsWith('ifexists') || op === 'null');
}

/**
 * Whether the conditions narrow the caller. An equality test does whatever
 * its value is (except one that admits everything, `0.0.0.0/0`); a Like test
 * does not when its pattern leaves the account open or is unknown.
 */
export function restrictsCaller(c: PolicyConditions | undefined, effect: 'Allow' | 'Deny' = 'Allow'): Maybe {
  if (!c) return false;
  const open: UnknownCause[] = [...c.unknowns];
  for (const e of c.entries) {
    if (!isCallerKey(e.key)) continue;
    if (effect === 'Allow' && !pinsOnAllow(e.operator)) continue;
    if (effect === 'Allow' && e.values.values.some((v) => OPEN_VALUES.has(v))) continue;
    if (!e.operator.toLowerCase().includes('like')) return true;
    if (e.values.values.some(narrowsLike)) return true;
    // An unknown part could be `*` (`${var.source}*`), except an account ID.
    if (e.values.partials?.some((p) => p.pieces.some((x) => ('text' in x ? narrowsLike(x.text) : x.accountId)))) return true;
    open.push(...opaqueUnknowns(e.values), ...(e.values.partials ?? []).map((p) => p.cause));
  }
  return open.length ? open : false;
}

/**
 * In a role's trust policy, only sts:AssumeRole serves AWS principals: a
 * principal the reader could not resolve under federation actions alone
 * (AssumeRoleWithSAML / WithWebIdentity) is an identity provider.
 */
function federationOnly(st: PolicyStatement): boolean {
  return statementCoversAction(st, 'sts:AssumeRole') === false;
}

function opensToEveryone(st: PolicyStatement, trust: boolean): Maybe {
  if (st.notPrincipal || principalIsEveryone(st.principal)) return true;
  const open = principalEveryoneCauses(st.principal);
  if (open.length === 0 || (trust && federationOnly(st))) return false;
  return open;
}

/** A Deny to everyone that applies unless the caller is inside a boundary, over all the given actions. */
function boundaryDenyCovers(deny: PolicyStatement, allow: PolicyStatement): boolean {
  if (!deny.effect.known || deny.effect.value !== 'Deny' || !(deny.notPrincipal || principalIsEveryone(deny.principal))) return false;
  if (restrictsCaller(deny.condition, 'Deny') !== true) return false;
  const patterns = deny.action?.values ?? [];
  if (patterns.some(isAnyActionPattern)) return true;
  if (!allow.action || allow.action.unknowns.length || deny.action?.unknowns.length) return false;
  return allow.action.values.every((a) => patterns.some((p) => wildcardMatches(p, a)));
}

export interface OpenStatement {
  index: number;
  sid?: string;
  /** Whether the statement has conditions (that do not narrow the caller). */
  conditioned: boolean;
}

export interface OpenAccess {
  open: OpenStatement[];
  unknowns: UnknownCause[];
}

/** `trust`: the document is a role's trust policy. */
export function openAccessOf(policy: ParsedPolicy, trust = false): OpenAccess {
  const out: OpenAccess = { open: [], unknowns: [...policy.unknownStatements] };
  for (const st of policy.statements) {
    const everyone = opensToEveryone(st, trust);
    if (everyone === false) continue;
    if (!st.effect.known) {
      out.unknowns.push(st.effect.cause);
      continue;
    }
    if (st.effect.value !== 'Allow') continue;
    if (Array.isArray(everyone)) {
      out.unknowns.push(...everyone);
      continue;
    }
    const narrowed = restrictsCaller(st.condition);
    if (narrowed === true) continue;
    if (policy.statements.some((d) => boundaryDenyCovers(d, st))) continue;
    if (Array.isArray(narrowed)) out.unknowns.push(...narrowed);
    else out.open.push({ index: st.index, ...(st.sid ? { sid: st.sid } : {}), conditioned: (st.condition?.entries.length ?? 0) > 0 });
  }
  return out;
}
