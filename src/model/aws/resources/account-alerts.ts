// Security contacts and alerting -> AccountService.
//   'alternate-contact' (aws_account_alternate_contact): settings.type (SECURITY,
//       BILLING, OPERATIONS), settings.email.
//   'notification-topic' (aws_sns_topic, AWS::SNS::Topic): settings.encryption
//       (Fact<Encryption>; SNS does not encrypt at rest unless a key is set),
//       settings.subscriptions: Fact<string[]> as `protocol:endpoint`, from the
//       topic's own Subscription list and aws_sns_topic_subscription /
//       AWS::SNS::Subscription resources.
//   'security-alert-rule' (aws_cloudwatch_event_rule, AWS::Events::Rule):
//       enabled = state ENABLED (the default); settings.pattern (JSON text or
//       null), settings.matchesGuardDuty / settings.matchesSecurityHub
//       (Fact<boolean>: the pattern selects findings of that source);
//       targets: the rule's targets (SNS topics when in the scan).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { AccountService } from '../../account.js';
import type { Link } from '../../entity.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, mapFact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, itemsOf, stringFact } from '../../lift-values.js';
import { policyTextOf } from '../../policy-document.js';
import { dig, isUnresolved } from './attribute-path.js';
import { accountService } from './account-service.js';
import { kmsEncryption } from './key-reference.js';
import { appendLink } from './link-lists.js';
import type { NamedLookup } from './name-index.js';
import { linkByName, registerName } from './name-index.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';

const TOPIC_LOOKUP: NamedLookup = {
  kind: 'sns-topic',
  types: ['aws_sns_topic', 'AWS::SNS::Topic'],
  nameOf: (t) => (t.startsWith('arn:') ? (t.split(':').pop() ?? t) : t),
};
const RULE_LOOKUP: NamedLookup = {
  kind: 'event-rule',
  types: ['aws_cloudwatch_event_rule', 'AWS::Events::Rule'],
  nameOf: (t) => (t.startsWith('arn:') ? (t.split('/').pop() ?? t) : t),
};

const contacts: LiftHandler = {
  types: ['aws_account_alternate_contact'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    ctx.model.add(
      accountService(r, ctx, 'alternate-contact', fact(true, r.loc), {
        type: stringFact(a.alternate_contact_type, r, { name: 'alternate_contact_type' }),
        email: stringFact(a.email_address, r, { name: 'email_address' }),
      }),
    );
  },
};

function subscriptionText(r: NativeResource, protocol: Value | undefined, endpoint: Value | undefined): Fact<string> {
  const p = stringFact(protocol, r, { name: 'protocol' });
  if (!p.known) return p;
  const e = stringFact(endpoint, r, { name: 'endpoint' });
  if (!e.known) return e;
  return fact(`${p.value}:${e.value}`, e.loc);
}

function addSubscription(topic: AccountService, s: Fact<string>): void {
  const cur = topic.settings.subscriptions as Fact<string[]>;
  if (!cur.known) return;
  topic.settings.subscriptions = s.known ? fact([...cur.value, s.value], cur.defaulted ? s.loc : cur.loc) : s;
}

const topics: LiftHandler = {
  types: TOPIC_LOOKUP.types,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const keyName = tf ? 'kms_master_key_id' : 'KmsMasterKeyId';
    const topic = accountService(r, ctx, 'notification-topic', fact(true, r.loc), {
      encryption: kmsEncryption(ctx, r, a[keyName], keyName, defaulted({ mode: 'none' }, r.loc)),
      subscriptions: defaulted<string[]>([], r.loc),
    });
    if (!tf) for (const s of itemsOf(a.Subscription)) addSubscription(topic, subscriptionText(r, dig(s, 'Protocol'), dig(s, 'Endpoint')));
    registerName(ctx, 'sns-topic', a[tf ? 'name' : 'TopicName'], r.key, r);
    ctx.model.add(topic);
  },
};

const subscriptions: LiftHandler = {
  types: ['aws_sns_topic_subscription', 'AWS::SNS::Subscription'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const l = linkByName(ctx, r, a[tf ? 'topic_arn' : 'TopicArn'], 'topic_arn', TOPIC_LOOKUP);
    const topic = l.known ? ctx.model.getOf(l.value, 'account-service') : undefined;
    if (topic) addSubscription(topic, r.conditional ? unknownFact(r.conditional, r.loc) : subscriptionText(r, a[tf ? 'protocol' : 'Protocol'], a[tf ? 'endpoint' : 'Endpoint']));
  },
};

/** Whether an event pattern selects events of `source` (or, with no source, of `detailType`). */
function patternMatches(pattern: Fact<string | null>, source: string, detailType: string): Fact<boolean> {
  if (!pattern.known) return pattern;
  if (pattern.value === null) return { ...pattern, value: false };
  let p: unknown;
  try {
    p = JSON.parse(pattern.value);
  } catch {
    return unknownFact({ inputs: [], detail: 'the event pattern is not valid JSON' }, pattern.loc);
  }
  const field = (k: string): unknown[] | undefined => {
    const v = (p as Record<string, unknown> | null)?.[k];
    return v === undefined ? undefined : Array.isArray(v) ? v : [v];
  };
  const open = (list: unknown[]) => list.find((x) => typeof x === 'object' && x !== null && 'kikan:unknown' in x);
  const sources = field('source');
  if (sources) {
    if (sources.includes(source)) return fact(true, pattern.loc);
    const u = open(sources);
    return u ? unknownFact({ inputs: [], detail: 'the event pattern source is not known' }, pattern.loc) : fact(false, pattern.loc);
  }
  const types = field('detail-type');
  return fact(!!types?.includes(detailType), pattern.loc);
}

function ruleTarget(ctx: LiftContext, r: NativeResource, arn: Value | undefined): Link {
  // A target may be any resource (a Lambda function, a queue); SNS topics are joined by name too.
  if (arn?.kind === 'ref' && ctx.links.native(arn.target)) return fact(arn.target, arn.loc ?? r.loc);
  return linkByName(ctx, r, arn, 'target arn', TOPIC_LOOKUP);
}

const rules: LiftHandler = {
  types: RULE_LOOKUP.types,
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    // The same serialization as policies keeps unknown parts of a CloudFormation pattern object visible.
    const pattern = policyTextOf(a[tf ? 'event_pattern' : 'EventPattern'], r, 'event_pattern');
    const state = a.is_enabled !== undefined && a.state === undefined
      ? boolFact(a.is_enabled, r, { name: 'is_enabled' })
      : mapFact(stringFact(a[tf ? 'state' : 'State'], r, { name: 'state', default: 'ENABLED' }), (s) => s === 'ENABLED');
    const rule = accountService(r, ctx, 'security-alert-rule', state, {
      pattern,
      matchesGuardDuty: patternMatches(pattern, 'aws.guardduty', 'GuardDuty Finding'),
      matchesSecurityHub: patternMatches(pattern, 'aws.securityhub', 'Security Hub Findings - Imported'),
    });
    rule.targets = defaulted([], r.loc);
    registerName(ctx, 'event-rule', a[tf ? 'name' : 'Name'], r.key, r);
    ctx.model.add(rule);
  },
};

const cloudFormationRuleTargets: LiftHandler = {
  types: ['AWS::Events::Rule'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift(r, ctx) {
    const rule = ctx.model.getOf(r.key, 'account-service');
    const targets = r.attrs.fields.Targets;
    if (!rule || targets === undefined) return;
    if (isUnresolved(targets)) rule.targets = unknownFact(causeOf(targets, r, 'Targets'), targets.loc ?? r.loc);
    else for (const t of itemsOf(targets)) rule.targets = appendLink(rule.targets ?? fact([], r.loc), ruleTarget(ctx, r, dig(t, 'Arn')));
  },
};

const terraformRuleTargets: LiftHandler = {
  types: ['aws_cloudwatch_event_target'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const l = linkByName(ctx, r, r.attrs.fields.rule, 'rule', RULE_LOOKUP);
    const rule = l.known ? ctx.model.getOf(l.value, 'account-service') : undefined;
    if (!rule) return;
    const target = r.conditional ? unknownFact(r.conditional, r.loc) : ruleTarget(ctx, r, r.attrs.fields.arn);
    rule.targets = appendLink(rule.targets ?? fact([], r.loc), target);
  },
};

export const alertHandlers: LiftHandler[] = [contacts, topics, subscriptions, rules, cloudFormationRuleTargets, terraformRuleTargets];
