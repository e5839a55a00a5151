// LG-1.2 セキュリティ連絡先と検知通知: security signals reach people. AWS:
// a SECURITY alternate contact on the account, or GuardDuty (or Security Hub)
// findings routed by an enabled EventBridge rule to an SNS topic. Azure:
// Defender for Cloud security contacts with an e-mail address and alert
// notifications on. Either kind of AWS route satisfies the scope; a route
// that is defined but cannot deliver fails on its own.
import type { AccountService } from '../../model/account.js';
import type { Fact, UnknownFact } from '../../model/fact.js';
import type { CloudModel, ScanScope } from '../../model/model.js';
import type { UnknownCause } from '../../readers/value.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknown, unknownFrom, unknownsOf } from '../draft.js';
import { absentFrom, onlyIf, scopesOf, servicesIn } from '../identity/account-level.js';

const CONTACT = { ja: 'セキュリティの代替連絡先', en: 'security alternate contact' };
const RULE = { ja: '検知通知のルール', en: 'alert rule' };

function setting<T>(s: AccountService, name: string): Fact<T> {
  return (s.settings[name] as Fact<T> | undefined) ?? { known: false, cause: { inputs: [`${s.address} ${name}`], detail: `the model does not give ${name} of this ${s.serviceType}` }, loc: s.loc };
}

/** An alternate contact: a security one passes; billing and operations contacts are not judged. */
function contact(c: AccountService): Draft | undefined {
  const type = setting<string>(c, 'type');
  if (type.known && type.value.toUpperCase() !== 'SECURITY') return undefined;
  const cond = onlyIf(c, CONTACT);
  if (cond) return cond;
  if (!type.known) return unknownFrom(c, { ja: '代替連絡先の種類を判定できません', en: 'cannot tell the type of the alternate contact' }, [type]);
  const email = setting<string>(c, 'email');
  const shown = email.known ? `（${email.value}）` : '';
  return pass(c, { ja: `セキュリティの代替連絡先${shown}が登録されています`, en: `a security alternate contact${email.known ? ` (${email.value})` : ''} is registered` }, { location: locOf(type, c) });
}

/** Whether the rule selects GuardDuty or Security Hub findings. */
function watchesFindings(r: AccountService): Fact<boolean> {
  const gd = setting<boolean>(r, 'matchesGuardDuty');
  const sh = setting<boolean>(r, 'matchesSecurityHub');
  if (gd.known && gd.value) return gd;
  if (sh.known && sh.value) return sh;
  return unknownsOf(gd, sh)[0] ?? gd;
}

type Delivery = { topics: AccountService[]; others: string[]; open: UnknownCause[] };

function deliveryOf(model: CloudModel, r: AccountService): Delivery | UnknownFact {
  const t = r.targets;
  if (!t) return { known: false, cause: { inputs: [`${r.address} targets`], detail: 'the model does not give the targets of this rule' }, loc: r.loc };
  if (!t.known) return t;
  const out: Delivery = { topics: [], others: [], open: [] };
  for (const l of t.value) {
    if (!l.known) {
      out.open.push(l.cause);
      continue;
    }
    const e = model.get(l.value);
    if (e?.kind === 'account-service' && e.serviceType === 'notification-topic') out.topics.push(e);
    else out.others.push(e?.address ?? l.value.split('#').pop() ?? l.value);
  }
  return out;
}

function rule(model: CloudModel, r: AccountService): Draft | undefined {
  const watches = watchesFindings(r);
  if (watches.known && !watches.value) return undefined;
  const cond = onlyIf(r, RULE);
  if (cond) return cond;
  if (!watches.known) return unknownFrom(r, { ja: 'ルールが GuardDuty・Security Hub の検出結果を対象とするか判定できません', en: 'cannot tell whether the rule selects GuardDuty or Security Hub findings' }, [watches]);
  const on = r.enabled;
  if (!on.known) return unknownFrom(r, { ja: 'ルールが有効か判定できません', en: 'cannot tell whether the rule is enabled' }, [on]);
  if (!on.value) return fail(r, { ja: '検出結果を通知するルールが無効です', en: 'the rule that forwards security findings is disabled' }, { location: locOf(on, r) });
  const d = deliveryOf(model, r);
  if (!('topics' in d)) return unknownFrom(r, { ja: 'ルールの送信先を判定できません', en: 'cannot tell where the rule sends findings' }, [d]);
  const at = { location: locOf(r.targets, r) };
  if (d.topics.length) {
    const subs = d.topics.flatMap((t) => {
      const s = t.settings.subscriptions as Fact<string[]> | undefined;
      return s?.known ? s.value : [];
    });
    const topics = d.topics.map((t) => t.address).join(', ');
    return pass(
      r,
      subs.length
        ? { ja: `検出結果を SNS トピック（${topics}）に送り、${subs.join(', ')} に通知します`, en: `findings go to the SNS topic ${topics}, subscribed by ${subs.join(', ')}` }
        : {
            ja: `検出結果を SNS トピック（${topics}）に送ります。購読はコードに定義されていないため、通知先を確認してください`,
            en: `findings go to the SNS topic ${topics}; no subscription is defined in the code, so confirm who receives them`,
          },
      { ...at, evidence: { topics: d.topics.map((t) => t.address), subscriptions: subs } },
    );
  }
  if (d.open.length) return unknown(r, { ja: 'ルールの送信先が SNS トピックか判定できません', en: 'cannot tell whether the rule sends findings to an SNS topic' }, d.open, at);
  return fail(
    r,
    d.others.length
      ? { ja: `検出結果の送信先（${d.others.join(', ')}）に SNS トピックがありません`, en: `the rule sends findings to no SNS topic (targets: ${d.others.join(', ')})` }
      : { ja: '検出結果を選ぶルールに送信先がありません', en: 'the rule that selects security findings has no target' },
    at,
  );
}

function aws(model: CloudModel, scope: ScanScope): Draft[] {
  const drafts: Draft[] = [];
  for (const c of servicesIn(model, scope, 'alternate-contact')) {
    const d = contact(c);
    if (d) drafts.push(d);
  }
  for (const r of servicesIn(model, scope, 'security-alert-rule')) {
    const d = rule(model, r);
    if (d) drafts.push(d);
  }
  if (drafts.length === 0) {
    drafts.push(
      absentFrom(model, scope, { ja: 'セキュリティの代替連絡先または GuardDuty の検出結果の通知', en: 'security alternate contact or GuardDuty finding notification' }, (s, sameRegion) =>
        // The alternate contact is the account's; a finding rule covers its region.
        servicesIn(model, s, 'alternate-contact').length > 0 || (sameRegion && servicesIn(model, s, 'security-alert-rule').length > 0),
      ),
    );
  }
  return drafts;
}

/**
 * Azure `security-contact`: settings.email (Fact<string | null>, the addresses
 * as written) and settings.alertNotifications (Fact<boolean>).
 */
function securityContact(c: AccountService): Draft {
  const cond = onlyIf(c, { ja: 'セキュリティ連絡先', en: 'security contact' });
  if (cond) return cond;
  const email = setting<string | null>(c, 'email');
  const alerts = setting<boolean>(c, 'alertNotifications');
  if (email.known && !email.value) return fail(c, { ja: 'セキュリティ連絡先にメールアドレスがありません', en: 'the security contact has no e-mail address' }, { location: locOf(email, c) });
  if (alerts.known && !alerts.value) {
    return fail(c, { ja: 'セキュリティ連絡先へのアラート通知が無効です', en: 'alert notifications to the security contact are off' }, { location: locOf(alerts, c) });
  }
  if (!email.known || !alerts.known) {
    return unknownFrom(c, { ja: 'セキュリティ連絡先の設定を判定できません', en: 'cannot tell the security contact settings' }, unknownsOf(email, alerts));
  }
  return pass(c, { ja: `セキュリティ連絡先（${email.value}）にアラートを通知します`, en: `alerts are sent to the security contact (${email.value})` }, { location: locOf(email, c) });
}

function azure(model: CloudModel, scope: ScanScope): Draft[] {
  const contacts = servicesIn(model, scope, 'security-contact');
  if (contacts.length === 0) {
    return [absentFrom(model, scope, { ja: 'Defender for Cloud のセキュリティ連絡先', en: 'Defender for Cloud security contact' }, (s) => servicesIn(model, s, 'security-contact').length > 0)];
  }
  return contacts.map(securityContact);
}

export const check: ControlCheck = {
  id: 'LG-1.2',
  check({ model }) {
    return [...scopesOf(model, 'aws').flatMap((s) => aws(model, s)), ...scopesOf(model, 'azure').flatMap((s) => azure(model, s))];
  },
};
