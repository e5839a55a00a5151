// Whether an IAM role holds administrator rights (LG-6.6): an AWS managed
// administrator policy, or a policy of its own that allows every action, or
// the IAM actions that let it grant itself anything, on every resource.
import type { IamRole } from '../../model/identity.js';
import type { CloudModel } from '../../model/model.js';
import type { PolicyStatement } from '../../model/policy-document.js';
import { parsePolicyDocument } from '../../model/policy-document.js';
import type { SourceLoc, UnknownCause } from '../../readers/value.js';
import type { Maybe } from './policy-grants.js';
import { actionScope, allOf, coversAnyResource, coversEscalation } from './policy-grants.js';

/** AWS managed policies that make their holder an administrator of the account or a large part of it. */
const ADMIN_MANAGED_POLICIES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'IAMFullAccess',
  'AWSOrganizationsFullAccess',
  'job-function/SystemAdministrator',
  'job-function/NetworkAdministrator',
  'job-function/DatabaseAdministrator',
];

const ADMIN_ARN = new RegExp(`^arn:aws[a-z-]*:iam::aws:policy/(${ADMIN_MANAGED_POLICIES.join('|')})$`);

export type AdminRights =
  | { admin: true; via: string; loc?: SourceLoc }
  | { admin: false }
  | { admin: 'unknown'; causes: UnknownCause[]; loc?: SourceLoc };

function statementIsAdmin(st: PolicyStatement): Maybe {
  if (st.effect.known && st.effect.value === 'Deny') return false;
  const scope = actionScope(st);
  const actions: Maybe = scope === 'all' || scope === 'all-but' ? true : coversEscalation(st);
  const effect: Maybe = st.effect.known ? true : [st.effect.cause];
  const broad = Array.isArray(scope) && actions === false ? scope : actions;
  return allOf(effect, broad, coversAnyResource(st));
}

export function adminRightsOf(model: CloudModel, role: IamRole): AdminRights {
  const causes: UnknownCause[] = [];
  let causeLoc: SourceLoc | undefined;
  const open = (c: UnknownCause[], loc: SourceLoc | undefined) => {
    causes.push(...c);
    causeLoc ??= loc;
  };
  const arns = role.managedPolicyArns;
  if (arns.known) {
    const admin = arns.value.find((a) => ADMIN_ARN.test(a));
    if (admin) return { admin: true, via: admin, ...(arns.loc ? { loc: arns.loc } : {}) };
  } else open([arns.cause], arns.loc);
  if (!role.policies.known) open([role.policies.cause], role.policies.loc);
  else {
    for (const link of role.policies.value) {
      if (!link.known) {
        open([link.cause], link.loc);
        continue;
      }
      const policy = model.getOf(link.value, 'iam-policy');
      if (!policy) {
        open([{ inputs: [link.value], detail: `policy ${link.value} of ${role.address} is not in the scanned inputs` }], link.loc);
        continue;
      }
      const doc = parsePolicyDocument(policy.document);
      if (!doc.known) {
        open([doc.cause], doc.loc ?? policy.loc);
        continue;
      }
      if (doc.value === null) continue;
      if (doc.value.unknownStatements.length) open(doc.value.unknownStatements, doc.loc ?? policy.loc);
      for (const st of doc.value.statements) {
        const a = statementIsAdmin(st);
        if (a === true) return { admin: true, via: policy.address + (st.sid ? ` statement ${st.sid}` : ''), ...(doc.loc ? { loc: doc.loc } : {}) };
        if (Array.isArray(a)) open(a, doc.loc ?? policy.loc);
      }
    }
  }
  if (causes.length) return { admin: 'unknown', causes, ...(causeLoc ? { loc: causeLoc } : {}) };
  return { admin: false };
}
