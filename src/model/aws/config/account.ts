// Live account services -> the AccountService entities the Terraform and
// CloudFormation handlers make (see resources/account-detection.ts,
// account-config.ts, account-alerts.ts), from items in each API's own shape:
//   AWS::GuardDuty::Detector (guardduty:GetDetector): enabled = Status ENABLED;
//       settings.findingPublishingFrequency.
//   AWS::SecurityHub::Hub (securityhub:DescribeHub): enabled once the hub
//       answers; settings.standards unknown (GetEnabledStandards is not read).
//   AWS::Account::AlternateContact (account:GetAlternateContact): settings.type, settings.email.
//   AWS::Config::ConfigurationRecorder (DescribeConfigurationRecorders/Status):
//       enabled = recording; settings.name, allSupported, includeGlobal.
//   AWS::Events::Rules (not-recorded): stands for the EventBridge rules the
//       recorder does not record: a security-alert-rule whose facts are
//       unknown, naming the recorder setting (see live/aws/account-services.ts).
// The reader leaves unknown values where a call failed; the facts carry them.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, mapFact, unknownFact } from '../../fact.js';
import { boolFact, causeOf, itemsOf, stringFact } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import { accountService } from '../resources/account-service.js';
import { CONFIG } from './network.js';

const guardDuty: LiftHandler = {
  types: ['AWS::GuardDuty::Detector'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const status = stringFact(field(r.attrs, 'Status'), r, { name: 'Status' });
    const frequency = stringFact(field(r.attrs, 'FindingPublishingFrequency'), r, { name: 'FindingPublishingFrequency' });
    ctx.model.add(accountService(r, ctx, 'guardduty', mapFact(status, (s) => s === 'ENABLED'), { findingPublishingFrequency: frequency }));
  },
};

const securityHub: LiftHandler = {
  types: ['AWS::SecurityHub::Hub'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const arn = field(r.attrs, 'HubArn');
    const enabled: Fact<boolean> = arn?.kind === 'unknown' ? unknownFact(arn.cause, r.loc) : fact(true, r.loc);
    const standards = unknownFact({ inputs: ['securityhub:GetEnabledStandards'], detail: 'live scans do not read the enabled Security Hub standards' }, r.loc);
    ctx.model.add(accountService(r, ctx, 'security-hub', enabled, { standards }));
  },
};

const alternateContact: LiftHandler = {
  types: ['AWS::Account::AlternateContact'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(
      accountService(r, ctx, 'alternate-contact', fact(true, r.loc), {
        type: stringFact(field(r.attrs, 'AlternateContactType'), r, { name: 'AlternateContactType' }),
        email: stringFact(field(r.attrs, 'EmailAddress'), r, { name: 'EmailAddress' }),
      }),
    );
  },
};

function strategyOf(group: Value | undefined): string | undefined {
  const s = field(field(group, 'recordingStrategy'), 'useOnly');
  return s?.kind === 'known' && typeof s.value === 'string' ? s.value : undefined;
}

function typesIn(v: Value | undefined): string[] {
  return itemsOf(field(v, 'resourceTypes')).flatMap((t) => (t.kind === 'known' && typeof t.value === 'string' ? [t.value] : []));
}

function allSupported(r: NativeResource, group: Value | undefined): Fact<boolean> {
  if (group?.kind === 'unknown') return unknownFact(causeOf(group, r, 'recordingGroup'), r.loc);
  const flag = field(group, 'allSupported');
  if (flag?.kind === 'known' && flag.value === true) return fact(true, r.loc);
  const strategy = strategyOf(group);
  return fact(strategy === 'ALL_SUPPORTED_RESOURCE_TYPES', r.loc);
}

/** Global types (IAM) are recorded by the flag with all types, or when listed / not excluded. */
function includeGlobal(r: NativeResource, group: Value | undefined, all: Fact<boolean>): Fact<boolean> {
  if (group?.kind === 'unknown') return unknownFact(causeOf(group, r, 'recordingGroup'), r.loc);
  if (!group || group.kind !== 'object') return fact(false, r.loc);
  if (all.known && all.value) return boolFact(field(group, 'includeGlobalResourceTypes'), r, { name: 'includeGlobalResourceTypes', default: false });
  const iam = (t: string) => t.startsWith('AWS::IAM::');
  if (strategyOf(group) === 'EXCLUSION_BY_RESOURCE_TYPES') return fact(!typesIn(field(group, 'exclusionByResourceTypes')).some(iam), r.loc);
  return fact(typesIn(group).some(iam), r.loc);
}

const recorder: LiftHandler = {
  types: ['AWS::Config::ConfigurationRecorder'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const group = field(r.attrs, 'recordingGroup');
    const all = allSupported(r, group);
    ctx.model.add(
      accountService(r, ctx, 'config-recorder', boolFact(field(r.attrs, 'recording'), r, { name: 'recording' }), {
        name: stringFact(field(r.attrs, 'name'), r, { name: 'name', default: 'default' }),
        allSupported: all,
        includeGlobal: includeGlobal(r, group, all),
      }),
    );
  },
};

const unreadRules: LiftHandler = {
  types: ['AWS::Events::Rules'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const state = field(r.attrs, 'State');
    if (state?.kind !== 'unknown') return;
    const open = unknownFact(state.cause, r.loc);
    const rule = accountService(r, ctx, 'security-alert-rule', open, { matchesGuardDuty: open, matchesSecurityHub: open });
    rule.targets = open;
    ctx.model.add(rule);
  },
};

export const configAccountHandlers: LiftHandler[] = [guardDuty, securityHub, alternateContact, recorder, unreadRules];
