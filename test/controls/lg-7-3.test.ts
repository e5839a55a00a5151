// LG-7.3 on hand-built models: the recorder's three settings, unknowns and
// model gaps, live scopes, Azure Policy assignments and the activity log.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-7-3.js';
import { run, statuses } from './lg-3-support.js';
import { IdentityModel, cause } from './identity-support.js';

describe('LG-7.3 AWS Config', () => {
  it('fails a recorder on every setting that is off, located at the first, and passes a complete running one', () => {
    const m = new IdentityModel();
    m.scope();
    m.service('aws_config_configuration_recorder.ok', 'config-recorder', true, { allSupported: true, includeGlobal: true });
    const bad = m.service('aws_config_configuration_recorder.partial', 'config-recorder', false, { allSupported: false, includeGlobal: true });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_config_configuration_recorder.ok=pass', 'aws_config_configuration_recorder.partial=fail']);
    expect(drafts[1]!.message.en).toBe('the AWS Config recorder does not record all supported resource types, and is not recording');
    expect(drafts[1]!.location).toEqual(bad.settings.allSupported!.loc);
    expect(drafts[1]!.evidence).toEqual({ failing: ['allSupported', 'enabled'] });
  });

  it('lets one known failing setting decide over unknown ones, and is unknown otherwise or when the model lacks a setting', () => {
    const m = new IdentityModel();
    m.scope();
    m.service('rec.decided', 'config-recorder', cause('var.recording'), { allSupported: true, includeGlobal: false });
    m.service('rec.open', 'config-recorder', cause('var.recording'), { allSupported: true, includeGlobal: true });
    m.service('rec.gap', 'config-recorder', true, { allSupported: true });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['rec.decided=fail', 'rec.open=unknown', 'rec.gap=unknown']);
    expect(drafts[1]!.unknown![0]!.inputs).toEqual(['var.recording']);
    expect(drafts[2]!.unknown![0]!.inputs).toEqual(['rec.gap includeGlobal']);
  });

  it('is unknown on a code scope without a recorder and fails a live account without one', () => {
    const code = new IdentityModel();
    code.scope({ source: 'cloudformation' });
    expect(run(check, code).map((d) => [d.status, d.unknown?.[0]?.inputs])).toEqual([['unknown', ['policy: inherited', 'live scan']]]);
    const live = new IdentityModel();
    live.scope({ source: 'aws-config' });
    expect(statuses(run(check, live))).toEqual(['network=fail']);
  });
});

describe('LG-7.3 Azure', () => {
  it('passes assignments (audit-only ones too) and an activity log setting that keeps administrative operations; asks for what is missing', () => {
    const m = new IdentityModel('azure');
    m.scope();
    m.service('Microsoft.Authorization/policyAssignments/iso27001', 'azure-policy-assignment', true);
    m.service('Microsoft.Authorization/policyAssignments/audit-only', 'azure-policy-assignment', false);
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'Microsoft.Authorization/policyAssignments/iso27001=pass',
      'Microsoft.Authorization/policyAssignments/audit-only=pass',
      'network[activity-log]=unknown',
    ]);
    expect(drafts[1]!.message.en).toContain('audit only');

    const logs = new IdentityModel('azure');
    logs.scope();
    const trail = (address: string, management: boolean | ReturnType<typeof cause>) =>
      logs.model.add({
        ...logs.base(address, 'Microsoft.Insights/diagnosticSettings'),
        kind: 'trail',
        trailType: 'activity-log',
        managementEvents: logs.val(management),
        destinations: logs.links(['law-juki']),
      });
    trail('Microsoft.Insights/diagnosticSettings/activity', true);
    trail('Microsoft.Insights/diagnosticSettings/security-only', false);
    trail('Microsoft.Insights/diagnosticSettings/from-param', cause('parameter categories'));
    expect(statuses(run(check, logs))).toEqual([
      'network[azure-policy]=unknown',
      'Microsoft.Insights/diagnosticSettings/activity=pass',
      'Microsoft.Insights/diagnosticSettings/security-only=fail',
      'Microsoft.Insights/diagnosticSettings/from-param=unknown',
    ]);
  });
});
