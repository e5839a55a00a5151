// LG-6.7 アクセス制御方針（最小権限）: permissions are granted for what the
// work needs. No identity policy (managed, inline, permission set) allows
// every action on every resource; no resource policy (bucket, key, role
// trust, other resource policies) lets anyone in without narrowing the
// caller; no Azure custom role has `*` among its actions.
import type { Fact } from '../../model/fact.js';
import type { IamPolicy, IamRole } from '../../model/identity.js';
import type { Entity } from '../../model/model.js';
import type { ParsedPolicy } from '../../model/policy-document.js';
import { parsePolicyDocument } from '../../model/policy-document.js';
import type { UnknownCause } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknown, unknownFrom } from '../draft.js';
import { partKey } from '../data/entity-part.js';
import { openAccessOf } from '../identity/open-principals.js';
import { actionScope, allOf, coversAnyResource } from '../identity/policy-grants.js';

function statementLabel(index: number, sid: string | undefined): string {
  return sid ? `${sid} (Statement[${index}])` : `Statement[${index}]`;
}

function keyOf(e: Entity): { key?: string } {
  const k = partKey(e);
  return k ? { key: k } : {};
}

/** Parses a policy text; undefined for no policy at all (nothing to judge). */
function parsed(e: Entity, doc: Fact<string | null>, what: LocalText): { policy: ParsedPolicy } | { draft: Draft } | undefined {
  const p = parsePolicyDocument(doc);
  if (!p.known) return { draft: unknownFrom(e, { ja: `${what.ja}を判定できません`, en: `cannot tell what the ${what.en} allows` }, [p], keyOf(e)) };
  return p.value === null ? undefined : { policy: p.value };
}

function identityPolicy(p: IamPolicy): Draft | undefined {
  const what = { ja: 'ポリシー', en: 'policy' };
  const got = parsed(p, p.document, what);
  if (!got || 'draft' in got) return got?.draft;
  const at = { location: locOf(p.document, p), ...keyOf(p) };
  const everything: string[] = [];
  const open: UnknownCause[] = [...got.policy.unknownStatements];
  for (const st of got.policy.statements) {
    if (st.effect.known && st.effect.value === 'Deny') continue;
    const scope = actionScope(st);
    const all = scope === 'all' || scope === 'all-but' ? true : scope;
    const grants = allOf(st.effect.known ? true : [st.effect.cause], all, coversAnyResource(st));
    if (grants === true) everything.push(`${statementLabel(st.index, st.sid)}${scope === 'all-but' ? ' NotAction' : ''}`);
    else if (Array.isArray(grants)) open.push(...grants);
  }
  if (everything.length) {
    return fail(
      p,
      {
        ja: `すべての操作をすべてのリソースに許可しています（${everything.join(', ')}）。業務に必要な操作とリソースに絞ってください`,
        en: `the policy allows every action on every resource (${everything.join(', ')}); grant only the actions and resources the work needs`,
      },
      { ...at, evidence: { statements: everything } },
    );
  }
  if (open.length) return unknown(p, { ja: 'すべての操作を許可しているか判定できません', en: 'cannot tell whether the policy allows every action on every resource' }, open, at);
  return pass(p, { ja: 'すべての操作をすべてのリソースに許可する記述はありません', en: 'no statement allows every action on every resource' }, at);
}

function resourcePolicy(e: Entity, doc: Fact<string | null>, what: LocalText, trust = false): Draft | undefined {
  const got = parsed(e, doc, what);
  if (!got || 'draft' in got) return got?.draft;
  const at = { location: locOf(doc, e), ...keyOf(e) };
  const access = openAccessOf(got.policy, trust);
  if (access.open.length) {
    const labels = access.open.map((s) => statementLabel(s.index, s.sid));
    const conditioned = access.open.some((s) => s.conditioned);
    return fail(
      e,
      {
        ja: `${what.ja}が Principal "*" に${conditioned ? '、呼び出し元を限定しない条件だけで' : '条件なしで'}許可しています（${labels.join(', ')}）`,
        en: `the ${what.en} allows Principal "*" ${conditioned ? 'with conditions that do not narrow the caller' : 'without conditions'} (${labels.join(', ')})`,
      },
      { ...at, evidence: { statements: labels } },
    );
  }
  if (access.unknowns.length) {
    return unknown(e, { ja: `${what.ja}が誰にでも許可しているか判定できません`, en: `cannot tell whether the ${what.en} lets anyone in` }, access.unknowns, at);
  }
  return pass(e, { ja: `${what.ja}は呼び出し元を限定しています`, en: `the ${what.en} lets in only named or narrowed callers` }, at);
}

function customRole(p: IamPolicy): Draft {
  const a = p.azureActions;
  if (!a) {
    return unknown(p, { ja: 'カスタムロールの actions を判定できません', en: 'cannot tell the actions of the custom role' }, [
      { inputs: [`${p.address} actions`], detail: 'the model does not give the actions of this role definition' },
    ]);
  }
  if (!a.known) return unknownFrom(p, { ja: 'カスタムロールの actions を判定できません', en: 'cannot tell the actions of the custom role' }, [a]);
  const at = { location: locOf(a, p) };
  if (a.value.includes('*')) {
    return fail(p, { ja: 'カスタムロールの actions に "*" があり、すべての操作を許可しています', en: 'the custom role has "*" in its actions: it allows every operation' }, at);
  }
  return pass(p, { ja: 'カスタムロールの actions に "*" はありません', en: 'the custom role has no "*" in its actions' }, at);
}

/**
 * AWS managed policies whose fixed documents allow every action on every
 * resource: AdministratorAccess (`*` on `*`) and PowerUserAccess (NotAction
 * IAM, Organizations and Account on `*`, judged like any NotAction statement).
 */
const EVERYTHING_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess)$/;

/** A role, user or group holding such a managed policy fails; one whose attached policies cannot be read is unknown. */
function managedPolicies(r: IamRole): Draft | undefined {
  if (r.roleType !== 'role' && r.roleType !== 'user' && r.roleType !== 'group') return undefined;
  const at = { key: 'managed-policies' };
  const arns = r.managedPolicyArns;
  if (arns.known) {
    const wide = arns.value.filter((a) => EVERYTHING_MANAGED.test(a));
    if (wide.length) {
      const names = wide.map((a) => a.slice(a.lastIndexOf('/') + 1)).join(', ');
      return fail(
        r,
        {
          ja: `AWS 管理ポリシー ${names} が付与され、すべての操作をすべてのリソースに許可しています。業務に必要な操作とリソースに絞ったポリシーにしてください`,
          en: `the AWS managed policy ${names} is attached, which allows every action on every resource; attach a policy limited to the actions and resources the work needs`,
        },
        { ...at, location: r.managedPolicyAt?.[wide[0]!] ?? locOf(arns, r), evidence: { managedPolicyArns: wide } },
      );
    }
  }
  const open = [...(arns.known ? [] : [arns]), ...(r.policies.known ? r.policies.value.filter((l) => !l.known) : [r.policies])];
  const unresolved = open.filter((f) => !f.known);
  if (unresolved.length) {
    return unknownFrom(r, { ja: '付与された管理ポリシーがすべての操作を許可しているか判定できません', en: 'cannot tell whether the attached managed policies allow every action on every resource' }, unresolved, at);
  }
  return undefined;
}

/** A policy (or its holder) created only under an unresolved condition may not be there: what it would open is unknown on that condition. */
function ifCreated(d: Draft | undefined, condition: UnknownCause | undefined): Draft | undefined {
  if (d?.status !== 'fail' || !condition) return d;
  const message = { ja: `${d.message.ja}。ただしポリシーが作成されるか判定できません`, en: `${d.message.en}, but whether the policy is created cannot be told` };
  return { ...d, status: 'unknown', message, unknown: [condition] };
}

const RESOURCE_POLICY = { ja: 'リソースポリシー', en: 'resource policy' };
const KEY_POLICY = { ja: 'キーポリシー', en: 'key policy' };
const TRUST_POLICY = { ja: '信頼ポリシー', en: 'trust policy' };

export const check: ControlCheck = {
  id: 'LG-6.7',
  check({ model }) {
    const drafts: Draft[] = [];
    const add = (d: Draft | undefined) => d && drafts.push(d);
    // A policy, role or key created only under an unresolved condition grants what it grants only maybe.
    for (const p of model.all('iam-policy')) {
      if (p.policyType === 'azure-role-definition') add(ifCreated(customRole(p), p.conditional));
      else if (p.policyType === 'resource') add(ifCreated(resourcePolicy(p, p.document, RESOURCE_POLICY), p.conditional));
      else add(ifCreated(identityPolicy(p), p.conditional));
    }
    for (const r of model.all('iam-role')) {
      if (r.trustPolicy) add(ifCreated(resourcePolicy(r, r.trustPolicy, TRUST_POLICY, true), r.conditional));
      add(ifCreated(managedPolicies(r), r.conditional));
    }
    for (const s of model.all('data-store')) if (s.policy) add(ifCreated(resourcePolicy(s, s.policy, RESOURCE_POLICY), s.policyConditional ?? s.conditional));
    for (const k of model.all('key')) if (k.policy) add(ifCreated(resourcePolicy(k, k.policy, KEY_POLICY), k.conditional));
    return drafts;
  },
};
