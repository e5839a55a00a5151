import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-5-3.js';
import { defaulted } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { diagnosticSetting, only, run, store, trail } from './data-controls-support.js';

describe('LG-5.3 AWS', () => {
  it('judges validation on the trail and Object Lock on its bucket; versioning alone fails', () => {
    const b = new ModelBuilder();
    store(b, 'locked', 's3-bucket', { immutable: b.fact(true), versioning: b.fact(true) });
    const versioned = store(b, 'versioned', 's3-bucket', { immutable: defaulted(false), versioning: b.fact(true) });
    store(b, 'bare', 's3-bucket', { immutable: defaulted(false), versioning: defaulted(false) });
    trail(b, 'main', ['locked'], { logFileValidation: b.fact(true) });
    trail(b, 'copy', ['versioned', 'bare'], { logFileValidation: defaulted(false) });
    const drafts = run(check, b);
    expect(only(drafts, 'main', 'log-file-validation').status).toBe('pass');
    expect(only(drafts, 'copy', 'log-file-validation').message.en).toContain('(the default when unset)');
    expect(only(drafts, 'locked').status).toBe('pass');
    const v = only(drafts, 'versioned');
    expect(v.status).toBe('fail');
    expect(v.message.en).toContain('only versioning');
    expect(v.location).toEqual(versioned.loc);
    expect(only(drafts, 'bare').message.en).toContain('neither');
  });

  it('an unknown lock or trail bucket names its input; no trail in a scope is unknown on the scope', () => {
    const b = new ModelBuilder();
    b.model.addScope({ id: 'terraform:aws:network', scope: 'network', cloud: 'aws', source: 'terraform', label: 'network' });
    b.model.addScope({ id: 'terraform:aws:app', scope: 'app', cloud: 'aws', source: 'terraform', label: 'app' });
    store(b, 'lock-open', 's3-bucket', { immutable: b.fact<boolean>(cause('var.lock')) });
    trail(b, 't', ['lock-open', cause('var.bucket')], { logFileValidation: b.fact(true) });
    const drafts = run(check, b);
    expect(only(drafts, 'lock-open').unknown?.[0].inputs).toEqual(['var.lock']);
    expect(only(drafts, 't', 'destination:var.bucket').status).toBe('unknown');
    expect(drafts.filter((d) => 'label' in d.subject).map((d) => (d.subject as { label: string }).label)).toEqual(['app']);
  });

  it('a live account without a trail has no log to preserve here (LG-6.1 fails it)', () => {
    const b = new ModelBuilder();
    b.model.addScope({ id: 'aws:111122223333/ap-northeast-1', scope: 'aws:111122223333/ap-northeast-1', cloud: 'aws', source: 'aws-config', label: '111122223333/ap-northeast-1' });
    const drafts = run(check, b);
    expect(drafts.map((d) => d.status)).toEqual(['not_applicable']);
    expect(drafts[0]!.message.en).toContain('LG-6.1');
  });
});

describe('LG-5.3 Azure', () => {
  const azure = () => new ModelBuilder('azure', 'main.json');

  it('the Activity Log needs its container immutable; account-level immutability covers every container', () => {
    const b = azure();
    store(b, 'st-good', 'storage-account', { immutable: defaulted(false), immutableContainers: b.fact(['insights-activity-logs']) });
    const bad = store(b, 'st-bad', 'storage-account', { immutable: defaulted(false), immutableContainers: b.fact(['insights-logs-auditevent']) });
    store(b, 'st-whole', 'storage-account', { immutable: b.fact(true) });
    trail(b, 'activity', ['st-good', 'st-bad', 'st-whole'], { trailType: 'activity-log' });
    const drafts = run(check, b);
    expect(only(drafts, 'st-good').status).toBe('pass');
    expect(only(drafts, 'st-bad').message.en).toContain('(insights-activity-logs)');
    expect(only(drafts, 'st-bad').location).toEqual(bad.immutableContainers!.loc);
    expect(only(drafts, 'st-whole').message.en).toContain('whole storage account is immutable');
  });

  it('resource logs land in one container per category; a category group or unknown categories leave it open', () => {
    const b = azure();
    store(b, 'st', 'storage-account', { immutable: defaulted(false) });
    store(b, 'st-group', 'storage-account', { immutable: defaulted(false) });
    store(b, 'st-open', 'storage-account', { immutable: defaulted(false), immutableContainers: b.fact(['x']) });
    diagnosticSetting(b, 'kv-diag', 'kv', ['st'], b.fact(['AuditEvent']));
    diagnosticSetting(b, 'sql-diag', 'sql', ['st-group'], b.fact(['allLogs']));
    diagnosticSetting(b, 'nsg-diag', 'nsg', ['st-open'], b.fact<string[]>(cause('parameter categories')));
    trail(b, 'activity', [], { trailType: 'activity-log' });
    const drafts = run(check, b);
    // Without a container list the lifter reports none: the account's own setting is known, so nothing is immutable.
    expect(only(drafts, 'st').message.en).toContain('(insights-logs-auditevent)');
    expect(only(drafts, 'st-group').unknown?.[0].inputs).toEqual(['sql-diag categories']);
    expect(only(drafts, 'st-open').unknown?.[0].inputs).toEqual(['parameter categories']);
  });

  it('a storage account with no immutability facts at all is unknown, not failed', () => {
    const b = azure();
    store(b, 'st', 'storage-account');
    trail(b, 'activity', ['st'], { trailType: 'activity-log' });
    expect(only(run(check, b), 'st').status).toBe('unknown');
  });
});
