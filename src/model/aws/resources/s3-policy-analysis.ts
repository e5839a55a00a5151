// What a bucket policy means for exposure and transport: anonymous access
// (as S3's own "public" evaluation judges it) and denial of plain HTTP.
import type { UnknownCause } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { ParsedPolicy, PolicyConditions, PolicyStatement } from '../../policy-document.js';
import { parsePolicyDocument, principalEveryoneCauses, principalIsEveryone, statementCoversAction } from '../../policy-document.js';

/**
 * Condition keys that tie a statement to fixed callers or networks, so S3
 * does not consider it public (S3 User Guide, "The meaning of public").
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceIp',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:userid',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
);

/** Addresses that restrict nothing. */
const OPEN_VALUES = new Set(['*', '0.0.0.0/0', '::/0']);

type Judgement = boolean | UnknownCause[];

/**
 * Whether a test pins the key to its values: not a negated test
 * (`StringNotEquals`, `NotIpAddress`), not `…IfExists` (a call without the
 * key passes), not `Null`, and no wildcard in a Like pattern.
 */
function pinsValues(operator: string, values: string[]): boolean {
  const op = operator.toLowerCase();
  if (op.includes('not') || op.endsWith('ifexists') || op === 'null') return false;
  return !(op.includes('like') && values.some((v) => /[*?]/.test(v)));
}

function conditionRestricts(c: PolicyConditions | undefined): Judgement {
  if (!c) return false;
  const restricting = c.entries.some(
    (e) =>
      RESTRICTING_KEYS.has(e.key.toLowerCase()) &&
      pinsValues(e.operator, e.values.values) &&
      e.values.values.length > 0 &&
      e.values.unknowns.length === 0 &&
      !e.values.values.some((v) => OPEN_VALUES.has(v)),
  );
  if (restricting) return true;
  const open = [...c.unknowns, ...c.entries.filter((e) => RESTRICTING_KEYS.has(e.key.toLowerCase())).flatMap((e) => e.values.unknowns)];
  return open.length ? open : false;
}

function isPublicStatement(st: PolicyStatement): Judgement {
  if (st.effect.known && st.effect.value === 'Deny') return false;
  const causes: UnknownCause[] = st.effect.known ? [] : [st.effect.cause];
  let everyone: Judgement;
  if (st.notPrincipal) everyone = true;
  else if (principalIsEveryone(st.principal)) everyone = true;
  else {
    const open = principalEveryoneCauses(st.principal);
    everyone = open.length ? open : false;
  }
  if (everyone === false) return false;
  if (everyone !== true) causes.push(...everyone);
  const restricted = conditionRestricts(st.condition);
  if (restricted === true) return false;
  if (restricted !== false) causes.push(...restricted);
  return causes.length ? causes : true;
}

function judgeAll(p: ParsedPolicy, judge: (st: PolicyStatement) => Judgement): Judgement {
  const open: UnknownCause[] = [...p.unknownStatements];
  for (const st of p.statements) {
    const j = judge(st);
    if (j === true) return true;
    if (j !== false) open.push(...j);
  }
  return open.length ? open : false;
}

function toFact(j: Judgement, doc: Fact<string | null>): Fact<boolean> {
  if (j === true || j === false) return fact(j, doc.loc);
  return unknownFact(
    { inputs: [...new Set(j.flatMap((c) => c.inputs))], detail: `the bucket policy depends on inputs: ${j.map((c) => c.detail).join('; ')}` },
    doc.loc,
  );
}

/** The policy lets anyone (no fixed caller or network) act on the bucket. No policy: false. */
export function policyIsPublic(doc: Fact<string | null>): Fact<boolean> {
  const p = parsePolicyDocument(doc);
  if (!p.known) return p;
  if (p.value === null) return defaulted(false, doc.loc);
  return toFact(judgeAll(p.value, isPublicStatement), doc);
}

function deniesEveryone(st: PolicyStatement): Judgement {
  if (!st.effect.known) return [st.effect.cause];
  if (st.effect.value !== 'Deny') return false;
  if (principalIsEveryone(st.principal)) return true;
  const open = principalEveryoneCauses(st.principal);
  return open.length ? open : false;
}

function coversObjectAccess(st: PolicyStatement): Judgement {
  const get = statementCoversAction(st, 's3:GetObject');
  const put = statementCoversAction(st, 's3:PutObject');
  if (get === false || put === false) return false;
  if (get === true && put === true) return true;
  return [...(get === true ? [] : get), ...(put === true ? [] : put)];
}

function both(a: Judgement, b: Judgement): Judgement {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return [...(a === true ? [] : a), ...(b === true ? [] : b)];
}

function deniesInsecureTransport(st: PolicyStatement): Judgement {
  const tls: Judgement = (() => {
    const c = st.condition;
    if (!c) return false;
    const hit = c.entries.some(
      (e) => /^Bool(IfExists)?$/.test(e.operator) && e.key.toLowerCase() === 'aws:securetransport' && e.values.values.includes('false'),
    );
    return hit ? true : c.unknowns.length ? c.unknowns : false;
  })();
  return both(both(deniesEveryone(st), coversObjectAccess(st)), tls);
}

/** The policy denies every request not made over TLS (`aws:SecureTransport` false). No policy: false. */
export function policyRequiresTls(doc: Fact<string | null>): Fact<boolean> {
  const p = parsePolicyDocument(doc);
  if (!p.known) return p;
  if (p.value === null) return defaulted(false, doc.loc);
  return toFact(judgeAll(p.value, deniesInsecureTransport), doc);
}

/** Minimum TLS version the policy enforces (`NumericLessThan s3:TlsVersion`), or null. */
export function policyMinTlsVersion(doc: Fact<string | null>): Fact<string | null> {
  const p = parsePolicyDocument(doc);
  if (!p.known) return p;
  if (p.value === null) return defaulted(null, doc.loc);
  let best: string | null = null;
  for (const st of p.value.statements) {
    if (deniesEveryone(st) !== true || coversObjectAccess(st) !== true) continue;
    for (const e of st.condition?.entries ?? []) {
      if (e.operator === 'NumericLessThan' && e.key.toLowerCase() === 's3:tlsversion') {
        for (const v of e.values.values) if (best === null || Number(v) > Number(best)) best = v;
      }
    }
  }
  return fact(best, doc.loc);
}
