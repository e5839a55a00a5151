// LG-6.10 on hand-built models: detectors and hubs per scope, organisation
// auto-enable, live scopes, and Defender plans for the resources present.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-10.js';
import { run, statuses } from './lg-3-support.js';
import { IdentityModel, cause } from './identity-support.js';

describe('LG-6.10 AWS', () => {
  it('judges each detector and hub; a scope without one is unknown in code and failing live', () => {
    const code = new IdentityModel();
    code.scope();
    code.service('aws_guardduty_detector.off', 'guardduty', false);
    const drafts = run(check, code);
    expect(statuses(drafts)).toEqual(['aws_guardduty_detector.off=fail', 'network[security-hub]=unknown']);
    expect(drafts[1]!.unknown![0]!.inputs).toEqual(['policy: inherited', 'live scan']);

    const live = new IdentityModel();
    live.scope({ source: 'aws-config' });
    const liveDrafts = run(check, live);
    expect(statuses(liveDrafts)).toEqual(['network[guardduty]=fail', 'network[security-hub]=fail']);
    expect(liveDrafts[0]!.message.en).toBe('network has no GuardDuty detector');
  });

  it('passes organisation auto-enable (noting NEW), fails NONE, and is unknown for a conditional or unknown detector', () => {
    const m = new IdentityModel();
    m.scope();
    m.service('aws_guardduty_organization_configuration.all', 'guardduty', true, { organization: true, autoEnable: 'ALL' });
    m.service('aws_guardduty_organization_configuration.new', 'guardduty', true, { organization: true, autoEnable: 'NEW' });
    m.service('aws_guardduty_organization_configuration.none', 'guardduty', false, { organization: true, autoEnable: 'NONE' });
    m.service('aws_guardduty_detector.var', 'guardduty', cause('var.enable_guardduty'));
    m.service('aws_securityhub_account.maybe', 'security-hub', true, {}, { conditional: cause('var.securityhub_enabled') });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_guardduty_organization_configuration.all=pass',
      'aws_guardduty_organization_configuration.new=pass',
      'aws_guardduty_organization_configuration.none=fail',
      'aws_guardduty_detector.var=unknown',
      'aws_securityhub_account.maybe=unknown',
    ]);
    expect(drafts[1]!.message.en).toContain('existing members must be enabled separately');
    expect(drafts[2]!.message.en).toContain('auto-enable');
    expect(drafts[4]!.unknown![0]!.inputs).toEqual(['var.securityhub_enabled']);
  });
});

describe('LG-6.10 Azure Defender plans', () => {
  it("judges each plan by tier and asks for the plans the scope's resources need", () => {
    const m = new IdentityModel('azure');
    m.scope();
    m.service('Microsoft.Security/pricings/VirtualMachines', 'defender-plan', true, { plan: 'VirtualMachines', tier: 'Standard' });
    m.service('Microsoft.Security/pricings/StorageAccounts', 'defender-plan', false, { plan: 'StorageAccounts', tier: 'Free' });
    m.compute('Microsoft.Compute/virtualMachines/vm-ap', 'azure-vm');
    m.dataStore('Microsoft.Storage/storageAccounts/stjuki', 'storage-account');
    m.dataStore('Microsoft.Sql/servers/sql-juki', 'sql-server');
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'Microsoft.Security/pricings/VirtualMachines=pass',
      'Microsoft.Security/pricings/StorageAccounts=fail',
      'network[defender:SqlServers]=unknown',
    ]);
    expect(drafts[1]!.message.en).toContain('Free tier');
    expect(drafts[2]!.message.en).toContain('Microsoft.Sql/servers/sql-juki');
  });

  it('is unknown on the scope when no plan is defined, listing the needed plans, and when a plan name is unknown', () => {
    const none = new IdentityModel('azure');
    none.scope();
    none.keyVault('Microsoft.KeyVault/vaults/kv-juki');
    const d = run(check, none);
    expect(statuses(d)).toEqual(['network[defender]=unknown']);
    expect(d[0]!.message.en).toContain('(KeyVaults)');

    const open = new IdentityModel('azure');
    open.scope();
    open.service('Microsoft.Security/pricings/[parameters(\'plan\')]', 'defender-plan', true, { plan: cause('parameter plan'), tier: 'Standard' });
    open.compute('Microsoft.Compute/virtualMachines/vm-ap', 'azure-vm');
    const o = run(check, open);
    expect(statuses(o)).toEqual(["Microsoft.Security/pricings/[parameters('plan')]=pass", 'network[defender:VirtualMachines]=unknown']);
    expect(o[1]!.unknown![0]!.inputs).toEqual(['parameter plan']);
  });
});
