// Who may assume a role, read from its trust policy (LG-6.6): AWS services,
// federated identities (SAML/OIDC providers, whose IdP does the
// authentication), and IAM principals (accounts, users, roles), for which the
// policy itself must demand MFA.
//
// MFA counts only when the condition fails without it: `Bool` true on
// `aws:MultiFactorAuthPresent`, or a `NumericLessThan` on
// `aws:MultiFactorAuthAge`, on the allowing statement; or a Deny of
// assumption whenever MFA is absent (`BoolIfExists` false, `Null` true).
// `BoolIfExists` true is not MFA: long-term access keys carry no MFA key at
// all, and IfExists passes when the key is absent.
import type { ParsedPolicy, PolicyStatement } from '../../model/policy-document.js';
import { principalIsEveryone, statementCoversAction } from '../../model/policy-document.js';
import type { UnknownCause } from '../../readers/value.js';
import type { Maybe } from './policy-grants.js';

export interface IamGrant {
  /** Position and Sid of the allowing statement. */
  statement: number;
  sid?: string;
  /** The principals as written: account IDs, ARNs, `*`. */
  principals: string[];
  mfa: Maybe;
  /** The statement tests MFA with `BoolIfExists` true, which lets callers without MFA through. */
  ifExistsOnly: boolean;
}

export interface TrustAnalysis {
  iam: IamGrant[];
  /** Identity providers (SAML/OIDC provider ARNs, `cognito-identity.amazonaws.com`). */
  federated: string[];
  services: string[];
  /** Parts that could not be read and might grant IAM principals. */
  unknowns: UnknownCause[];
}

const MFA_PRESENT = 'aws:multifactorauthpresent';
const MFA_AGE = 'aws:multifactorauthage';

function covers(st: PolicyStatement, action: string): Maybe {
  return statementCoversAction(st, action);
}

function coversFederation(st: PolicyStatement): Maybe {
  const saml = covers(st, 'sts:AssumeRoleWithSAML');
  if (saml === true) return true;
  const oidc = covers(st, 'sts:AssumeRoleWithWebIdentity');
  if (oidc === true) return true;
  const open = [...(Array.isArray(saml) ? saml : []), ...(Array.isArray(oidc) ? oidc : [])];
  return open.length ? [...new Set(open)] : false;
}

function valuesAre(values: string[], want: string): boolean {
  return values.length > 0 && values.every((v) => v.toLowerCase() === want);
}

/** Whether the allowing statement's own conditions require MFA. */
function statementRequiresMfa(st: PolicyStatement): { mfa: Maybe; ifExistsOnly: boolean } {
  const c = st.condition;
  if (!c) return { mfa: false, ifExistsOnly: false };
  const open: UnknownCause[] = [...c.unknowns];
  let ifExists = false;
  for (const e of c.entries) {
    const key = e.key.toLowerCase();
    const op = e.operator.toLowerCase();
    if (key === MFA_PRESENT && op === 'bool') {
      if (e.values.unknowns.length) open.push(...e.values.unknowns);
      else if (valuesAre(e.values.values, 'true')) return { mfa: true, ifExistsOnly: false };
    } else if (key === MFA_PRESENT && op === 'boolifexists' && e.values.values.some((v) => v.toLowerCase() === 'true')) {
      ifExists = true;
    } else if (key === MFA_AGE && (op === 'numericlessthan' || op === 'numericlessthanequals')) {
      return { mfa: true, ifExistsOnly: false };
    }
  }
  return { mfa: open.length ? open : false, ifExistsOnly: ifExists };
}

/** A Deny statement that refuses assumption whenever MFA is absent, and to whom it applies (`*` = everyone). */
function mfaDenial(st: PolicyStatement): string[] | undefined {
  if (!st.effect.known || st.effect.value !== 'Deny' || !st.condition || st.condition.unknowns.length) return undefined;
  if (covers(st, 'sts:AssumeRole') !== true) return undefined;
  const entries = st.condition.entries;
  const absenceTests = entries.every((e) => {
    const op = e.operator.toLowerCase();
    if (e.key.toLowerCase() !== MFA_PRESENT || e.values.unknowns.length) return false;
    return (op === 'boolifexists' && valuesAre(e.values.values, 'false')) || (op === 'null' && valuesAre(e.values.values, 'true'));
  });
  if (entries.length === 0 || !absenceTests) return undefined;
  if (principalIsEveryone(st.principal)) return ['*'];
  return st.principal?.unknowns.length ? undefined : (st.principal?.entries.filter((p) => p.type === 'AWS').map((p) => p.id) ?? []);
}

export function analyseTrust(policy: ParsedPolicy): TrustAnalysis {
  const out: TrustAnalysis = { iam: [], federated: [], services: [], unknowns: [...policy.unknownStatements] };
  const denials = policy.statements.map(mfaDenial).filter((d): d is string[] => d !== undefined);
  const deniedWithoutMfa = (principals: string[]) => denials.some((d) => d.includes('*') || principals.every((p) => d.includes(p)));
  for (const st of policy.statements) {
    if (!st.effect.known) {
      out.unknowns.push(st.effect.cause);
      continue;
    }
    if (st.effect.value !== 'Allow') continue;
    const assume = covers(st, 'sts:AssumeRole');
    const federation = coversFederation(st);
    const aws: string[] = [];
    if (st.notPrincipal) aws.push('*');
    for (const p of st.principal?.entries ?? []) {
      if (p.type === 'Service' && assume === true) out.services.push(p.id);
      else if (p.type === 'Federated' && federation === true) out.federated.push(p.id);
      else if (p.type === 'AWS' || p.type === '*') aws.push(p.id);
    }
    // An unresolved principal keeps the type it is written under: `{"AWS": "arn:aws:iam::${AWS::AccountId}:root"}`
    // or `{"AWS": <parameter>}` is an IAM principal (or everyone) whatever its value, so it needs MFA like a known one.
    const typed = new Set<UnknownCause>();
    const unresolvedAws: { shown: string; cause: UnknownCause }[] = [];
    for (const p of st.principal?.typed ?? []) {
      const shown = st.principal?.partials?.find((x) => x.value.cause === p.cause)?.value.text ?? (p.cause.inputs.join(', ') || p.cause.detail);
      if (p.type === 'AWS') unresolvedAws.push({ shown, cause: p.cause });
      else if (p.type === 'Service' && assume === true) out.services.push(shown);
      else if (p.type === 'Federated' && federation === true) out.federated.push(shown);
      else continue;
      typed.add(p.cause);
    }
    const openPrincipals = [...(st.principal?.unknowns ?? []).filter((c) => !typed.has(c)), ...(st.notPrincipal?.unknowns ?? [])];
    const unread = openPrincipals.map((c) => c.inputs.join(', ') || c.detail);
    // Principals the document could not resolve have lost their type; only
    // sts:AssumeRole serves IAM principals, so under federation actions alone
    // they are identity providers.
    if (unread.length && federation === true && assume === false) out.federated.push(...unread);
    if (assume === false || (aws.length === 0 && unread.length === 0 && unresolvedAws.length === 0)) continue;
    if (Array.isArray(assume)) {
      out.unknowns.push(...assume);
      continue;
    }
    const own = statementRequiresMfa(st);
    const label = { statement: st.index, ...(st.sid ? { sid: st.sid } : {}) };
    if (aws.length) {
      const mfa: Maybe = own.mfa === true || deniedWithoutMfa(aws) ? true : own.mfa;
      out.iam.push({ ...label, principals: aws, mfa, ifExistsOnly: mfa !== true && own.ifExistsOnly });
    }
    if (unresolvedAws.length) {
      // Unresolved IAM principals need MFA like known ones; only a denial naming particular principals might cover them.
      const mfa: Maybe = own.mfa === true || deniedWithoutMfa(['*']) ? true : denials.length > 0 ? unresolvedAws.map((p) => p.cause) : own.mfa;
      out.iam.push({ ...label, principals: unresolvedAws.map((p) => p.shown), mfa, ifExistsOnly: mfa !== true && own.ifExistsOnly });
    }
    if (unread.length) {
      // Whoever they are, a statement that demands MFA, or a Deny to everyone without it, covers them too.
      if (own.mfa === true || deniedWithoutMfa(['*'])) out.iam.push({ ...label, principals: unread, mfa: true, ifExistsOnly: false });
      else out.unknowns.push(...openPrincipals);
    }
  }
  return out;
}
