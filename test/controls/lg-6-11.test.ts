// LG-6.11 on hand-built models: which compute is judged for IMDSv2 and for
// Systems Manager, defaults and unknowns, and the Azure patch mode.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-11.js';
import { run, statuses } from './lg-3-support.js';
import { IdentityModel, cause } from './identity-support.js';

describe('LG-6.11 AWS', () => {
  it('judges IMDSv2 on instances, templates and groups, and SSM only where instances run', () => {
    const m = new IdentityModel();
    m.compute('aws_instance.app', 'ec2-instance', { imdsV2Required: m.val(true), managed: m.val(true) });
    const lt = m.compute('aws_launch_template.batch', 'launch-template', { imdsV2Required: m.val(false), managed: m.val(false) });
    m.compute('aws_autoscaling_group.batch', 'autoscaling-group', { imdsV2Required: lt.imdsV2Required!, managed: m.val(false), instanceProfile: m.link('aws_iam_instance_profile.batch') });
    m.compute('aws_lambda_function.notify', 'lambda-function', { managed: m.val(false) });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_instance.app[imdsv2]=pass',
      'aws_instance.app[ssm]=pass',
      'aws_launch_template.batch[imdsv2]=fail',
      'aws_autoscaling_group.batch[imdsv2]=fail',
      'aws_autoscaling_group.batch[ssm]=fail',
    ]);
    expect(drafts[3]!.location).toEqual(lt.imdsV2Required!.loc);
    expect(drafts[4]!.message.en).toContain("lacks the Systems Manager permissions");
    expect(drafts[4]!.message.en).toContain("the group's instances");
  });

  it('says when a setting is the default, and is unknown for unknown or unmodelled facts', () => {
    const m = new IdentityModel();
    m.compute('aws_instance.account_default', 'ec2-instance', { imdsV2Required: m.val(true, { defaulted: true }), managed: m.val(false, { defaulted: true }) });
    m.compute('aws_instance.ami', 'ec2-instance', { imdsV2Required: m.val<boolean>(cause('var.ami_id')), managed: m.val<boolean>(cause('var.instance_profile')) });
    m.compute('aws_instance.bare', 'ec2-instance');
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_instance.account_default[imdsv2]=pass',
      'aws_instance.account_default[ssm]=fail',
      'aws_instance.ami[imdsv2]=unknown',
      'aws_instance.ami[ssm]=unknown',
      'aws_instance.bare[imdsv2]=unknown',
      'aws_instance.bare[ssm]=unknown',
    ]);
    expect(drafts[0]!.message.en).toContain('(the default when unset)');
    expect(drafts[1]!.message.en).toContain('no instance profile');
    expect(drafts.slice(2).map((d) => d.unknown![0]!.inputs[0])).toEqual(['var.ami_id', 'var.instance_profile', 'aws_instance.bare metadata_options', 'aws_instance.bare iam_instance_profile']);
  });
});

describe('LG-6.11 Azure', () => {
  it('passes AutomaticByPlatform, fails other modes with the mode found, and is unknown when the OS (and so the default) is', () => {
    const m = new IdentityModel('azure');
    m.compute('vm-ap', 'azure-vm', { patchMode: m.val<string | null>('AutomaticByPlatform'), managed: m.val(true) });
    const os = m.compute('vm-batch', 'azure-vmss', { patchMode: m.val<string | null>('AutomaticByOS', { defaulted: true }), managed: m.val(false, { defaulted: true }) });
    m.compute('vm-unknown-os', 'azure-vm', { patchMode: m.val<string | null>(cause('vm-unknown-os osProfile')), managed: m.val<boolean>(cause('vm-unknown-os osProfile')) });
    m.compute('vm-unread', 'azure-vm');
    m.compute('app-juki', 'app-service', { managed: m.val(false) });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['vm-ap=pass', 'vm-batch=fail', 'vm-unknown-os=unknown', 'vm-unread=unknown']);
    expect(drafts[1]!.message.en).toBe('the patch mode is AutomaticByOS (the default when unset), so Azure Update Manager cannot patch on a schedule');
    expect(drafts[1]!.location).toEqual(os.patchMode!.loc);
    expect(drafts[2]!.unknown![0]!.inputs).toEqual(['vm-unknown-os osProfile']);
  });
});
