// LG-1.2 on hand-built models: which contacts and rules count, the ways an
// alert route can fail or stay open, live scopes, and Azure security contacts.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-1-2.js';
import { run, statuses } from './lg-3-support.js';
import { IdentityModel, cause } from './identity-support.js';

function topic(m: IdentityModel, address: string, subscriptions: string[] = []): string {
  return m.service(address, 'notification-topic', true, { subscriptions }).id;
}

function rule(m: IdentityModel, address: string, targets: (string | ReturnType<typeof cause>)[] | ReturnType<typeof cause>, opts: { enabled?: boolean; guardDuty?: boolean | ReturnType<typeof cause>; securityHub?: boolean } = {}) {
  return m.service(address, 'security-alert-rule', opts.enabled ?? true, { matchesGuardDuty: opts.guardDuty ?? true, matchesSecurityHub: opts.securityHub ?? false }, { targets: m.links(targets) });
}

describe('LG-1.2 AWS', () => {
  it('passes a security contact or a finding route to SNS; does not judge other contacts and rules', () => {
    const m = new IdentityModel();
    m.scope();
    m.service('contact.security', 'alternate-contact', true, { type: 'SECURITY', email: 'sec@city.example.lg.jp' });
    m.service('contact.billing', 'alternate-contact', true, { type: 'BILLING', email: 'bill@city.example.lg.jp' });
    const t = topic(m, 'aws_sns_topic.alerts', ['email:soc@example.jp']);
    rule(m, 'rule.guardduty', [t]);
    rule(m, 'rule.hub', [t], { guardDuty: false, securityHub: true });
    rule(m, 'rule.ec2', [t], { guardDuty: false });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['contact.security=pass', 'rule.guardduty=pass', 'rule.hub=pass']);
    expect(drafts[1]!.message.en).toContain('subscribed by email:soc@example.jp');
  });

  it('notes a topic without subscriptions, fails disabled rules and rules without an SNS target, and stays open on unknown targets', () => {
    const m = new IdentityModel();
    m.scope();
    const quiet = topic(m, 'aws_sns_topic.quiet');
    rule(m, 'rule.quiet', [quiet]);
    rule(m, 'rule.disabled', [quiet], { enabled: false });
    rule(m, 'rule.lambda', ['aws_lambda_function.notify']);
    rule(m, 'rule.none', []);
    rule(m, 'rule.arn', [cause('var.alert_topic_arn')]);
    rule(m, 'rule.pattern', [quiet], { guardDuty: cause('var.event_pattern') });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['rule.quiet=pass', 'rule.disabled=fail', 'rule.lambda=fail', 'rule.none=fail', 'rule.arn=unknown', 'rule.pattern=unknown']);
    expect(drafts[0]!.message.en).toContain('no subscription is defined in the code');
    expect(drafts[2]!.message.en).toContain('targets: aws_lambda_function.notify');
    expect(drafts[3]!.message.en).toContain('no target');
    expect(drafts[4]!.unknown![0]!.inputs).toEqual(['var.alert_topic_arn']);
    expect(drafts[5]!.unknown![0]!.inputs).toEqual(['var.event_pattern']);
  });

  it('is unknown on a scope with neither in code and fails a live account with neither', () => {
    const code = new IdentityModel();
    code.scope();
    code.service('contact.billing', 'alternate-contact', true, { type: 'BILLING', email: 'bill@city.example.lg.jp' });
    const d = run(check, code);
    expect(statuses(d)).toEqual(['network=unknown']);
    expect(d[0]!.message.ja).toContain('検査したコードに定義がありません');
    const live = new IdentityModel();
    live.scope({ source: 'aws-config' });
    expect(statuses(run(check, live))).toEqual(['network=fail']);
  });

  it('is unknown for a contact whose type or existence is not known', () => {
    const m = new IdentityModel();
    m.scope();
    m.service('contact.typed_by_var', 'alternate-contact', true, { type: cause('var.contact_type'), email: 'sec@city.example.lg.jp' });
    m.service('contact.maybe', 'alternate-contact', true, { type: 'SECURITY', email: 'sec@city.example.lg.jp' }, { conditional: cause('var.register_contacts') });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['contact.typed_by_var=unknown', 'contact.maybe=unknown']);
    expect(drafts.map((x) => x.unknown![0]!.inputs[0])).toEqual(['var.contact_type', 'var.register_contacts']);
  });
});

describe('LG-1.2 Azure', () => {
  it('passes a contact with an address and notifications on, fails one without either, and asks when none is defined', () => {
    const m = new IdentityModel('azure');
    m.scope();
    m.service('Microsoft.Security/securityContacts/default', 'security-contact', true, { email: 'soc@city.example.lg.jp', alertNotifications: true });
    m.service('Microsoft.Security/securityContacts/silent', 'security-contact', false, { email: 'soc@city.example.lg.jp', alertNotifications: false });
    m.service('Microsoft.Security/securityContacts/empty', 'security-contact', false, { email: null, alertNotifications: true });
    m.service('Microsoft.Security/securityContacts/param', 'security-contact', true, { email: cause('parameter socEmail'), alertNotifications: true });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'Microsoft.Security/securityContacts/default=pass',
      'Microsoft.Security/securityContacts/silent=fail',
      'Microsoft.Security/securityContacts/empty=fail',
      'Microsoft.Security/securityContacts/param=unknown',
    ]);
    expect(drafts[3]!.unknown![0]!.inputs).toEqual(['parameter socEmail']);

    const none = new IdentityModel('azure');
    none.scope();
    expect(statuses(run(check, none))).toEqual(['network=unknown']);
  });
});
