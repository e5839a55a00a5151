import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-5.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { diagnosticSetting, logStore, only, run, trail } from './data-controls-support.js';
import { live, scope } from './resilience-support.js';

describe('LG-6.5', () => {
  it('definitions give no result: only a live account shows whether logging runs', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'terraform');
    trail(b, 'trail', [], { multiRegion: b.fact(true), isLogging: b.fact(false) });
    expect(run(check, b)).toEqual([]);
  });

  it('a live trail passes when logging without delivery errors, and fails when stopped or failing', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'aws-config', '111122223333/ap-northeast-1');
    live(trail(b, 'ok', [], { isLogging: b.fact(true), deliveryError: b.fact<string | null>(null) }));
    const stopped = live(trail(b, 'stopped', [], { isLogging: b.fact(false), deliveryError: b.fact<string | null>(null) }));
    live(trail(b, 'denied', [], { isLogging: b.fact(true), deliveryError: b.fact<string | null>('AccessDenied') }));
    live(trail(b, 'unrecorded', []));
    const drafts = run(check, b);
    expect(only(drafts, 'ok').status).toBe('pass');
    expect(only(drafts, 'stopped').location).toEqual(stopped.isLogging!.loc);
    expect(only(drafts, 'denied').message.en).toBe('the trail fails to deliver its logs (AccessDenied)');
    expect(only(drafts, 'unrecorded').unknown?.map((u) => u.inputs)).toEqual([['unrecorded logging status'], ['unrecorded delivery status']]);
  });

  it('a live account without a recorded trail has nothing to check here', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'aws-config', '111122223333/ap-northeast-1');
    expect(only(run(check, b), '111122223333/ap-northeast-1').status).toBe('not_applicable');
  });

  it('a live Azure subscription without any log export has nothing to check here', () => {
    const b = new ModelBuilder('azure', 'sub');
    scope(b, 'azure', 'azure', 'subscription');
    expect(only(run(check, b), 'subscription').status).toBe('not_applicable');
  });

  it('Azure: exports pass when every destination exists, fail without one, and are unknown when one is not read', () => {
    const b = new ModelBuilder('azure', 'sub');
    scope(b, 'azure', 'azure', 'subscription');
    live(logStore(b, 'law', { storeType: 'log-analytics-workspace', retentionDays: b.fact(365) }), 'azure');
    live(trail(b, 'activity', ['law'], { trailType: 'activity-log', loggingEnabled: b.fact(true) }), 'azure');
    live(diagnosticSetting(b, 'kv-diag', 'kv', ['gone-workspace'], b.fact(['AuditEvent'])), 'azure');
    live(diagnosticSetting(b, 'st-diag', 'st', [], b.fact(['StorageRead'])), 'azure');
    const open = live(diagnosticSetting(b, 'sql-diag', 'sql', ['law'], b.fact(['SQLSecurityAuditEvents'])), 'azure');
    open.destinations = b.links([cause('/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z')]);
    const drafts = run(check, b);
    expect(only(drafts, 'activity').status).toBe('pass');
    expect(only(drafts, 'kv-diag').unknown?.[0]?.inputs).toEqual(['gone-workspace']);
    expect(only(drafts, 'st-diag').message.en).toBe('the diagnostic setting has no destination');
    expect(only(drafts, 'sql-diag').status).toBe('unknown');
  });
});
