// LG-6.6 管理者の多要素認証: administrators authenticate with more than a
// password. AWS: administrator roles that IAM principals can assume demand
// MFA in their trust policy; roles trusted only through SAML/OIDC federation
// pass here and leave MFA to the identity provider (the attest part); service
// roles are not administrators' sign-ins. IAM users with console access and
// the root user have MFA devices, which only a live account shows. Azure:
// MFA is Conditional Access in Entra ID, outside the resource definitions.
import type { IamRole } from '../../model/identity.js';
import type { CloudModel } from '../../model/model.js';
import { parsePolicyDocument } from '../../model/policy-document.js';
import type { UnknownCause } from '../../readers/value.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, notApplicable, pass, unknown, unknownFrom } from '../draft.js';
import { adminRightsOf } from '../identity/admin-permissions.js';
import { scopesOf } from '../identity/account-level.js';
import type { IamGrant } from '../identity/trust-policy.js';
import { analyseTrust } from '../identity/trust-policy.js';

const FEDERATION_NOTE = {
  ja: 'IdP 側での多要素認証の強制は質問票（LG-6.6.q1）で確認します',
  en: 'MFA enforcement at the identity provider is asked in the questionnaire (LG-6.6.q1)',
};

function grantLabel(g: IamGrant): string {
  return `${g.sid ? `${g.sid}: ` : `Statement[${g.statement}]: `}${g.principals.join(', ')}`;
}

function notAdmin(role: IamRole): Draft {
  return notApplicable(role, {
    ja: '管理者権限（管理者向けの AWS 管理ポリシー、全操作の許可、IAM の権限変更）を持たないロールです',
    en: 'not an administrator role (no administrator managed policy, no grant of every action, no IAM permission changes)',
  });
}

function role(model: CloudModel, r: IamRole): Draft | undefined {
  const trust = r.trustPolicy;
  if (!trust) return undefined;
  const parsed = parsePolicyDocument(trust);
  const at = { location: locOf(trust, r) };
  if (!parsed.known || parsed.value === null) {
    if (adminRightsOf(model, r).admin === false) return notAdmin(r);
    const cause: UnknownCause = parsed.known ? { inputs: [`${r.address} trust policy`], detail: `${r.address} has no trust policy` } : parsed.cause;
    return unknown(r, { ja: '信頼ポリシーを判定できません', en: 'cannot tell who may assume the role: the trust policy is not known' }, [cause], at);
  }
  const t = analyseTrust(parsed.value);
  const evidence = { iamPrincipals: t.iam.map(grantLabel), federated: t.federated, services: t.services };
  const withoutMfa = t.iam.filter((g) => g.mfa === false);
  const openMfa = t.iam.flatMap((g) => (Array.isArray(g.mfa) ? g.mfa : []));
  const open = [...t.unknowns, ...openMfa];

  if (withoutMfa.length === 0 && open.length === 0) {
    if (t.iam.length > 0) {
      return pass(r, { ja: 'IAM プリンシパルによる引き受けに MFA を要求しています', en: 'IAM principals can assume the role only with MFA' }, { ...at, evidence });
    }
    if (t.federated.length > 0) {
      return pass(
        r,
        {
          ja: `SAML/OIDC フェデレーション（${t.federated.join(', ')}）だけで信頼されるロールです。${FEDERATION_NOTE.ja}`,
          en: `the role is trusted only through SAML/OIDC federation (${t.federated.join(', ')}); ${FEDERATION_NOTE.en}`,
        },
        { ...at, evidence },
      );
    }
    return notApplicable(
      r,
      t.services.length
        ? { ja: `AWS のサービス（${t.services.join(', ')}）だけが引き受けるロールです`, en: `only AWS services (${t.services.join(', ')}) assume the role` }
        : { ja: 'このロールを引き受けられるプリンシパルがありません', en: 'no principal may assume the role' },
      { ...at, evidence },
    );
  }

  const rights = adminRightsOf(model, r);
  if (rights.admin === false) return notAdmin(r);
  if (withoutMfa.length > 0 && rights.admin === true) {
    const ifExists = withoutMfa.some((g) => g.ifExistsOnly);
    const why = ifExists
      ? {
          ja: '（BoolIfExists の条件は MFA の情報がない呼び出しを通すため、MFA の要求になりません）',
          en: ' (BoolIfExists lets calls without MFA information through, so it does not require MFA)',
        }
      : { ja: '', en: '' };
    return fail(
      r,
      {
        ja: `管理者権限（${rights.via}）を持つロールを、IAM プリンシパル（${withoutMfa.map(grantLabel).join('; ')}）が MFA なしで引き受けられます${why.ja}`,
        en: `IAM principals (${withoutMfa.map(grantLabel).join('; ')}) can assume this administrator role (${rights.via}) without MFA${why.en}`,
      },
      { ...at, evidence: { ...evidence, adminVia: rights.via } },
    );
  }
  const causes = [...open, ...(withoutMfa.length && rights.admin === 'unknown' ? rights.causes : [])];
  return unknown(
    r,
    withoutMfa.length
      ? { ja: 'MFA なしで引き受けられますが、管理者権限を持つか判定できません', en: 'IAM principals can assume the role without MFA, but whether it has administrator rights cannot be told' }
      : { ja: '引き受けに MFA が必要か判定できません', en: 'cannot tell whether assuming the role requires MFA' },
    causes,
    { location: withoutMfa.length && rights.admin === 'unknown' ? (rights.loc ?? at.location) : at.location, evidence },
  );
}

/** IAM users and the root user: console sign-in needs an MFA device, which only a live account shows. */
function user(u: IamRole): Draft | undefined {
  const mfa = u.mfaEnabled;
  const root = u.roleType === 'root';
  const who = root ? { ja: 'ルートユーザー', en: 'the root user' } : { ja: 'IAM ユーザー', en: 'the IAM user' };
  if (!root) {
    const console = u.consoleAccess;
    if (!console) return undefined;
    if (!console.known) return unknownFrom(u, { ja: 'コンソールへのサインインが可能か判定できません', en: 'cannot tell whether the user can sign in to the console' }, [console]);
    if (!console.value) return notApplicable(u, { ja: 'コンソールにサインインできないユーザーです', en: 'the user cannot sign in to the console' }, { location: locOf(console, u) });
    if (!mfa) {
      return unknown(
        u,
        { ja: 'コンソールを使うユーザーの MFA デバイスは定義に現れません。稼働環境で確認してください', en: 'the MFA device of a console user is not part of the definitions: check it live' },
        [{ inputs: ['live scan'], detail: `${u.address} has console access; its MFA devices are known only in the live account` }],
        { location: locOf(console, u) },
      );
    }
  }
  // The root user appears only in live scans, with its MFA state.
  if (!mfa) return undefined;
  if (!mfa.known) return unknownFrom(u, { ja: `${who.ja}の MFA デバイスを判定できません`, en: `cannot tell whether ${who.en} has an MFA device` }, [mfa]);
  if (mfa.value) return pass(u, { ja: `${who.ja}に MFA デバイスが登録されています`, en: `${who.en} has an MFA device` }, { location: locOf(mfa, u) });
  return fail(u, { ja: `${who.ja}はコンソールにサインインできますが、MFA デバイスがありません`, en: `${who.en} can sign in to the console but has no MFA device` }, { location: locOf(mfa, u) });
}

export const check: ControlCheck = {
  id: 'LG-6.6',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const r of model.all('iam-role')) {
      const d = r.roleType === 'role' ? role(model, r) : r.roleType === 'user' || r.roleType === 'root' ? user(r) : undefined;
      if (d) drafts.push(d);
    }
    for (const scope of scopesOf(model, 'azure')) {
      drafts.push(
        notApplicable(scope, {
          ja: 'Azure の多要素認証は Entra ID の条件付きアクセスで設定され、リソースの定義には現れません。質問票（LG-6.6.q1）で確認します',
          en: 'Azure MFA is set by Entra ID Conditional Access, which is not part of the resource definitions; the questionnaire (LG-6.6.q1) asks about it',
        }),
      );
    }
    return drafts;
  },
};
