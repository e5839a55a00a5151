// Threat detection and posture services -> AccountService.
//   'guardduty' (aws_guardduty_detector, AWS::GuardDuty::Detector):
//       enabled = `enable` (Terraform default true; required in CloudFormation);
//       settings.findingPublishingFrequency: Fact<string>.
//   'guardduty' (aws_guardduty_organization_configuration): GuardDuty turned on
//       for member accounts; enabled = auto-enable is not NONE;
//       settings.organization: Fact<true>, settings.autoEnable: Fact<string> (ALL / NEW / NONE).
//   'security-hub' (aws_securityhub_account, AWS::SecurityHub::Hub): enabled;
//       settings.enableDefaultStandards: Fact<boolean> (default true);
//       settings.standards: Fact<string[]>, the subscribed standards ARNs
//       (aws_securityhub_standards_subscription / AWS::SecurityHub::Standard of the same scope).
//   'access-analyzer' (aws_accessanalyzer_analyzer, AWS::AccessAnalyzer::Analyzer):
//       settings.type: Fact<string> (ACCOUNT default in Terraform, ORGANIZATION …).
import { defaulted, fact, mapFact, unknownFact } from '../../fact.js';
import type { Fact } from '../../fact.js';
import type { LiftHandler } from '../../lifter.js';
import { boolFact, stringFact } from '../../lift-values.js';
import { accountService, servicesInScope } from './account-service.js';
import { CLOUDFORMATION, TERRAFORM, isTerraform } from './sources.js';

const detectors: LiftHandler = {
  types: ['aws_guardduty_detector', 'AWS::GuardDuty::Detector'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const a = r.attrs.fields;
    const enabled = boolFact(a[tf ? 'enable' : 'Enable'], r, tf ? { name: 'enable', default: true } : { name: 'Enable' });
    const freq = stringFact(a[tf ? 'finding_publishing_frequency' : 'FindingPublishingFrequency'], r, {
      name: 'finding_publishing_frequency',
      default: 'SIX_HOURS',
    });
    ctx.model.add(accountService(r, ctx, 'guardduty', enabled, { findingPublishingFrequency: freq }));
  },
};

const organizationDetectors: LiftHandler = {
  types: ['aws_guardduty_organization_configuration'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const a = r.attrs.fields;
    // Newer `auto_enable_organization_members`, or the deprecated boolean `auto_enable`.
    const mode: Fact<string> =
      a.auto_enable_organization_members !== undefined
        ? stringFact(a.auto_enable_organization_members, r, { name: 'auto_enable_organization_members' })
        : mapFact(boolFact(a.auto_enable, r, { name: 'auto_enable', default: false }), (on) => (on ? 'NEW' : 'NONE'));
    ctx.model.add(
      accountService(r, ctx, 'guardduty', mapFact(mode, (m) => m !== 'NONE'), { organization: fact(true, r.loc), autoEnable: mode }),
    );
  },
};

const hubs: LiftHandler = {
  types: ['aws_securityhub_account', 'AWS::SecurityHub::Hub'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const settings = {
      enableDefaultStandards: boolFact(r.attrs.fields[tf ? 'enable_default_standards' : 'EnableDefaultStandards'], r, {
        name: 'enable_default_standards',
        default: true,
      }),
      standards: defaulted<string[]>([], r.loc),
    };
    ctx.model.add(accountService(r, ctx, 'security-hub', r.conditional ? unknownFact(r.conditional, r.loc) : fact(true, r.loc), settings));
  },
};

/** Standards subscriptions join the hub of their scope (they name no hub). */
const standards: LiftHandler = {
  types: ['aws_securityhub_standards_subscription', 'AWS::SecurityHub::Standard'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'amend',
  lift(r, ctx) {
    const arn = stringFact(r.attrs.fields[isTerraform(r.source) ? 'standards_arn' : 'StandardsArn'], r, { name: 'standards_arn' });
    for (const hub of servicesInScope(ctx, 'security-hub', r.scope)) {
      const cur = hub.settings.standards as Fact<string[]>;
      if (!arn.known) hub.settings.standards = arn;
      else if (cur.known) hub.settings.standards = fact([...cur.value, arn.value], cur.defaulted ? arn.loc : cur.loc);
    }
  },
};

const analyzers: LiftHandler = {
  types: ['aws_accessanalyzer_analyzer', 'AWS::AccessAnalyzer::Analyzer'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const tf = isTerraform(r.source);
    const type = stringFact(r.attrs.fields[tf ? 'type' : 'Type'], r, tf ? { name: 'type', default: 'ACCOUNT' } : { name: 'Type' });
    ctx.model.add(accountService(r, ctx, 'access-analyzer', fact(true, r.loc), { type }));
  },
};

export const detectionHandlers: LiftHandler[] = [detectors, organizationDetectors, hubs, standards, analyzers];
