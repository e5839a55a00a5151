// Whether a KMS key policy takes key deletion away from the account: a Deny
// of kms:ScheduleKeyDeletion (or kms:*, *) for everyone or the account root,
// with no condition, leaves no one able to crypto-erase the key. A Deny that
// names only some principals, exempts some (NotPrincipal) or carries a
// condition leaves deletion to the others: it is reported, not failed.
import type { Fact, UnknownFact } from '../../model/fact.js';
import type { PolicyPrincipals, PolicyStatement } from '../../model/policy-document.js';
import {
  parsePolicyDocument,
  partialCouldMatch,
  partialShape,
  principalIsEveryone,
  statementCoversAction,
} from '../../model/policy-document.js';
import type { UnknownCause } from '../../readers/value.js';

export const SCHEDULE_DELETION = 'kms:ScheduleKeyDeletion';

export type DeletionDenial =
  /** No statement takes deletion away; `partial` lists the narrower Deny statements. */
  | { kind: 'allowed'; partial: PolicyStatement[] }
  | { kind: 'denied'; statement: PolicyStatement }
  | { kind: 'open'; causes: UnknownCause[] };

const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/;
/**
 * An account root known in part (see partialShape): `arn:aws:iam::${AWS::AccountId}:root`,
 * an unknown partition, an account from any input, or the account ID alone.
 */
const ACCOUNT_ROOT_SHAPE = /^(arn:(aws[a-z-]*|\u0000):iam::(\d{12}|[\u0000\u0001]):root|\u0001)$/;
/** Every account root matches one of these; a principal that matches none is some other principal. */
const ACCOUNT_ROOT_GLOBS = [
  ...['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-?', 'aws-eusc'].map((partition) => `arn:${partition}:iam::????????????:root`),
  '????????????',
];

/** true: the account as a whole; false: some principals only; causes: cannot tell. */
function coversAccount(p: PolicyPrincipals | undefined): boolean | UnknownCause[] {
  if (!p || principalIsEveryone(p)) return true;
  if (p.entries.some((e) => e.type === 'AWS' && ACCOUNT_ROOT.test(e.id))) return true;
  const partials = (p.partials ?? []).filter((x) => x.type === 'AWS');
  if (partials.some((x) => ACCOUNT_ROOT_SHAPE.test(partialShape(x.value)))) return true;
  const otherPrincipals = p.partials?.filter((x) => x.type !== 'AWS' || !ACCOUNT_ROOT_GLOBS.some((g) => partialCouldMatch(x.value, g)));
  const open = p.unknowns.filter((c) => !otherPrincipals?.some((x) => x.value.cause === c));
  return open.length ? open : false;
}

function judgeStatement(st: PolicyStatement): 'denied' | 'partial' | 'none' | UnknownCause[] {
  const covers = statementCoversAction(st, SCHEDULE_DELETION);
  if (covers === false) return 'none';
  if (!st.effect.known) return [st.effect.cause, ...(covers === true ? [] : covers)];
  if (st.effect.value !== 'Deny') return 'none';
  if (covers !== true) return covers;
  if (st.notPrincipal) return 'partial';
  const account = coversAccount(st.principal);
  if (account === false) return 'partial';
  if (account !== true) return account;
  const conditional = st.condition && (st.condition.entries.length > 0 || st.condition.unknowns.length > 0);
  return conditional ? 'partial' : 'denied';
}

/** How the key policy treats key deletion; an unknown fact when the policy itself cannot be read. */
export function deletionDenial(policy: Fact<string | null>): DeletionDenial | UnknownFact {
  const parsed = parsePolicyDocument(policy);
  if (!parsed.known) return parsed;
  if (parsed.value === null) return { kind: 'allowed', partial: [] };
  const causes: UnknownCause[] = [...parsed.value.unknownStatements];
  const partial: PolicyStatement[] = [];
  for (const st of parsed.value.statements) {
    const j = judgeStatement(st);
    if (j === 'denied') return { kind: 'denied', statement: st };
    if (j === 'partial') partial.push(st);
    else if (j !== 'none') causes.push(...j);
  }
  return causes.length ? { kind: 'open', causes } : { kind: 'allowed', partial };
}
