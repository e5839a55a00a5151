import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-2.js';
import { defaulted } from '../../src/model/fact.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { about, diagnosticSetting, logStore, only, run, store, trail } from './data-controls-support.js';
import { flowLog } from './resilience-support.js';

describe('LG-6.2', () => {
  it('log groups and workspaces by retention; unset means forever for CloudWatch and 30 days for Log Analytics', () => {
    const b = new ModelBuilder();
    logStore(b, 'forever', { retentionDays: defaulted(null, b.loc()) });
    const short = logStore(b, 'short', { retentionDays: b.fact(90) });
    logStore(b, 'law', { storeType: 'log-analytics-workspace', retentionDays: defaulted(30, b.loc()) });
    logStore(b, 'open', { retentionDays: b.fact<number | null>(cause('var.log_retention_days')) });
    const drafts = run(check, b);
    expect(only(drafts, 'forever').message.en).toBe('logs never expire (the default when unset)');
    expect(only(drafts, 'short').location).toEqual(short.retentionDays.loc);
    expect(only(drafts, 'short').message.en).toBe('logs are kept only 90 days, less than 365');
    expect(only(drafts, 'law').message.en).toBe('logs are kept only 30 days (the default when unset), less than 365');
    expect(only(drafts, 'open').unknown?.[0]?.inputs).toEqual(['var.log_retention_days']);
  });

  it('buckets receiving logs by their lifecycle expiration; other buckets are not judged', () => {
    const b = new ModelBuilder();
    const logs = store(b, 'logs', 's3-bucket', { expirationDays: b.fact(90) });
    store(b, 'archive', 's3-bucket', { expirationDays: b.fact(2555) });
    store(b, 'data', 's3-bucket', { expirationDays: b.fact(30) });
    trail(b, 'trail', ['logs', 'archive']);
    const drafts = run(check, b);
    expect(only(drafts, 'logs').location).toEqual(logs.expirationDays!.loc);
    expect(only(drafts, 'logs').message.en).toBe('the log store deletes logs after 90 days, less than 365');
    expect(only(drafts, 'archive').status).toBe('pass');
    expect(about(drafts, 'data')).toEqual([]);
  });

  it("a flow log's own retention policy counts; none leaves it to the destination", () => {
    const b = new ModelBuilder('azure', 'main.json');
    store(b, 'st', 'storage-account', { expirationDays: defaulted(null, b.loc()) });
    const fl = flowLog(b, 'fl', 'nsg', { destinations: b.links(['st']), retentionDays: b.fact(30) }, 'nsg-flow-log');
    flowLog(b, 'fl-keep', 'nsg2', { destinations: b.links(['st']), retentionDays: b.fact<number | null>(null) }, 'nsg-flow-log');
    const drafts = run(check, b);
    expect(only(drafts, 'fl').location).toEqual(fl.retentionDays!.loc);
    expect(only(drafts, 'fl').message.en).toBe('the flow log retention policy deletes its records after 30 days, less than 365');
    expect(about(drafts, 'fl-keep')).toEqual([]);
    expect(only(drafts, 'st').message.en).toBe('the log store never deletes logs (the default when unset)');
  });

  it('a destination outside the scan is unknown on what delivers there, once per destination', () => {
    const b = new ModelBuilder('azure', 'main.tf');
    diagnosticSetting(b, 'diag', 'kv', [], b.fact(['AuditEvent']));
    const s = b.model.getOf('diag', 'log-setting')!;
    s.destinations = b.links([cause('var.workspace_id'), cause('var.workspace_id')]);
    const drafts = about(run(check, b), 'diag');
    expect(drafts.map((d) => [d.status, d.key])).toEqual([['unknown', 'destination:var.workspace_id']]);
  });

  it('the threshold comes from the policy', () => {
    const b = new ModelBuilder();
    logStore(b, 'g', { retentionDays: b.fact(400) });
    const policy = defaultPolicy();
    policy.thresholds.logRetentionDays = 731;
    expect(only(run(check, b, policy), 'g').status).toBe('fail');
  });
});
