// Subscription-level security services -> AccountService:
// Defender for Cloud plans ('defender-plan': enabled on the Standard tier;
// settings `plan` (the resource type it covers), `tier`, `subPlan`),
// security contacts ('security-contact': enabled when alerts are mailed to
// someone; settings `email`, `alertNotifications`), and Azure Policy
// assignments ('azure-policy-assignment': enabled unless enforcement is
// off; settings `policyDefinitionId`).
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { AccountService, AccountServiceType } from '../../account.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf, stringFact } from '../../lift-values.js';
import { armPath, attr, isSet, knownText, prop } from './attribute-paths.js';
import { azureBase, ownName } from './base.js';
import { ARM, TERRAFORM } from './sources.js';

function service(r: NativeResource, ctx: LiftContext, serviceType: AccountServiceType, enabled: Fact<boolean>, settings: Record<string, Fact<unknown>>): AccountService {
  return { ...azureBase(r, ctx), kind: 'account-service', serviceType, enabled, settings };
}

/** `Standard` turns a plan on; `Free` leaves it off. */
function standardTier(tier: Fact<string>): Fact<boolean> {
  return tier.known ? { ...tier, value: tier.value.toLowerCase() === 'standard' } : tier;
}

const armPricings: LiftHandler = {
  types: ['Microsoft.Security/pricings'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const tier = stringFact(prop(r, 'pricingTier'), r, { name: 'pricingTier' });
    const settings: Record<string, Fact<unknown>> = { plan: ownName(r), tier };
    if (isSet(prop(r, 'subPlan'))) settings.subPlan = stringFact(prop(r, 'subPlan'), r, { name: 'subPlan' });
    ctx.model.add(service(r, ctx, 'defender-plan', standardTier(tier), settings));
  },
};

const terraformPricings: LiftHandler = {
  types: ['azurerm_security_center_subscription_pricing'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const tier = stringFact(attr(r, 'tier'), r, { name: 'tier' });
    // azurerm's resource_type defaults to VirtualMachines.
    const settings: Record<string, Fact<unknown>> = { plan: stringFact(attr(r, 'resource_type'), r, { name: 'resource_type', default: 'VirtualMachines' }), tier };
    if (isSet(attr(r, 'subplan'))) settings.subPlan = stringFact(attr(r, 'subplan'), r, { name: 'subplan' });
    ctx.model.add(service(r, ctx, 'defender-plan', standardTier(tier), settings));
  },
};

/** `On`/`Off` (older API) or `{ state: On }` (newer); with `notificationsSources` an Alert source turns alerts on. */
function alertsOn(r: NativeResource): Fact<boolean> {
  const v = prop(r, 'alertNotifications');
  const state = v?.kind === 'object' ? armPath(v, 'state') : v;
  if (isSet(state)) {
    const text = knownText(state);
    if (text === undefined) return unknownFact(causeOf(state, r, 'alertNotifications'), state.loc ?? r.loc);
    return fact(text.toLowerCase() === 'on', state.loc ?? r.loc);
  }
  const sources = prop(r, 'notificationsSources');
  if (sources?.kind === 'list') {
    const alert = sources.items.find((s) => knownText(armPath(s, 'sourceType'))?.toLowerCase() === 'alert');
    const enabled = boolFact(prop(r, 'isEnabled'), r, { name: 'isEnabled', default: true });
    if (!enabled.known || !enabled.value) return enabled;
    return fact(alert !== undefined, (alert ?? sources).loc ?? r.loc);
  }
  return defaulted(false, r.loc);
}

/** Somebody to mail: `email` (older API) or `emails` (semicolon-separated). */
function email(r: NativeResource, v: Value | undefined, name: string): Fact<string | null> {
  if (!isSet(v)) return defaulted(null, r.loc);
  return stringFact(v, r, { name });
}

function contactEnabled(mail: Fact<string | null>, alerts: Fact<boolean>): Fact<boolean> {
  if (!mail.known) return mail;
  if (mail.value === null) return { ...mail, value: false };
  return alerts;
}

const armContacts: LiftHandler = {
  types: ['Microsoft.Security/securityContacts'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const mail = email(r, prop(r, 'emails') ?? prop(r, 'email'), isSet(prop(r, 'emails')) ? 'emails' : 'email');
    const alerts = alertsOn(r);
    ctx.model.add(service(r, ctx, 'security-contact', contactEnabled(mail, alerts), { email: mail, alertNotifications: alerts }));
  },
};

const terraformContacts: LiftHandler = {
  types: ['azurerm_security_center_contact'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const mail = email(r, attr(r, 'email'), 'email');
    const alerts = boolFact(attr(r, 'alert_notifications'), r, { name: 'alert_notifications' });
    ctx.model.add(service(r, ctx, 'security-contact', contactEnabled(mail, alerts), { email: mail, alertNotifications: alerts }));
  },
};

const armPolicyAssignments: LiftHandler = {
  types: ['Microsoft.Authorization/policyAssignments'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const mode = prop(r, 'enforcementMode');
    const text = knownText(mode);
    const enabled: Fact<boolean> = !isSet(mode)
      ? defaulted(true, r.loc)
      : text === undefined
        ? unknownFact(causeOf(mode, r, 'enforcementMode'), mode.loc ?? r.loc)
        : fact(text.toLowerCase() !== 'donotenforce', mode.loc ?? r.loc);
    ctx.model.add(service(r, ctx, 'azure-policy-assignment', enabled, { policyDefinitionId: stringFact(prop(r, 'policyDefinitionId'), r, { name: 'policyDefinitionId' }) }));
  },
};

const terraformPolicyAssignments: LiftHandler = {
  types: [
    'azurerm_subscription_policy_assignment',
    'azurerm_resource_group_policy_assignment',
    'azurerm_management_group_policy_assignment',
    'azurerm_resource_policy_assignment',
    'azurerm_policy_assignment',
  ],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const enforce = boolFact(attr(r, 'enforce') ?? attr(r, 'enforcement_mode'), r, { name: 'enforce', default: true });
    ctx.model.add(service(r, ctx, 'azure-policy-assignment', enforce, { policyDefinitionId: stringFact(attr(r, 'policy_definition_id'), r, { name: 'policy_definition_id' }) }));
  },
};

export const securityCenterHandlers: LiftHandler[] = [
  armPricings,
  terraformPricings,
  armContacts,
  terraformContacts,
  armPolicyAssignments,
  terraformPolicyAssignments,
];
