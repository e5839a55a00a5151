// What one statement of an identity policy grants, as far as the document
// says: every action, every resource, IAM actions that let the holder raise
// its own rights. Answers are true, false, or the causes that keep them open.
import type { PolicyStatement } from '../../model/policy-document.js';
import { listMatches, wildcardMatches } from '../../model/policy-document.js';
import type { UnknownCause } from '../../readers/value.js';

export type Maybe = boolean | UnknownCause[];

/** An action no real pattern names: only a pattern matching any action at all matches it. */
const ANY_ACTION_PROBE = 'kikan-probe-service:ProbeAction';

/**
 * IAM actions that let a principal give itself any permission, so holding
 * one on every resource is as good as holding `*`.
 */
export const ESCALATION_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutGroupPolicy',
  'iam:CreatePolicyVersion',
  'iam:UpdateAssumeRolePolicy',
];

/** `*`, `*:*` and the like: a pattern that matches every action of every service. */
export function isAnyActionPattern(pattern: string): boolean {
  return wildcardMatches(pattern, ANY_ACTION_PROBE);
}

/**
 * Whether the statement's actions cover every action: `all` for `Action: "*"`,
 * `all-but` for `NotAction` (everything except what it names), false, or the
 * causes of the unknown members.
 */
export function actionScope(st: PolicyStatement): 'all' | 'all-but' | false | UnknownCause[] {
  if (st.action) {
    if (st.action.values.some(isAnyActionPattern)) return 'all';
    return st.action.unknowns.length ? st.action.unknowns : false;
  }
  if (st.notAction) return st.notAction.values.some(isAnyActionPattern) ? false : 'all-but';
  return false;
}

/** The statement applies to every resource: `Resource: "*"` or a `NotResource`. */
export function coversAnyResource(st: PolicyStatement): Maybe {
  if (st.notResource) return true;
  if (!st.resource) return false;
  if (st.resource.values.includes('*')) return true;
  return st.resource.unknowns.length ? st.resource.unknowns : false;
}

/** The statement allows one of the escalation actions (by Action or NotAction). */
export function coversEscalation(st: PolicyStatement): Maybe {
  const open: UnknownCause[] = [];
  for (const a of ESCALATION_ACTIONS) {
    let m: Maybe;
    if (st.action) m = listMatches(st.action, a);
    else if (st.notAction) {
      const n = listMatches(st.notAction, a);
      m = n === true ? false : n === false ? true : n;
    } else m = false;
    if (m === true) return true;
    if (Array.isArray(m)) open.push(...m);
  }
  // The members left open are the same for every action: name them once.
  return open.length ? [...new Set(open)] : false;
}

/** True when every part is true; false when one is false; else the causes. */
export function allOf(...parts: Maybe[]): Maybe {
  if (parts.some((p) => p === false)) return false;
  const open = parts.filter((p): p is UnknownCause[] => Array.isArray(p)).flat();
  return open.length ? open : true;
}
