import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-1.js';
import { defaulted } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { only, run, trail } from './data-controls-support.js';
import { live, scope } from './resilience-support.js';

describe('LG-6.1', () => {
  it('a scope without a trail is unknown in code, asking for inheritance or a live check, and fails live', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'terraform', 'network');
    const d = only(run(check, b), 'network');
    expect(d.status).toBe('unknown');
    expect(d.unknown?.[0]?.inputs).toEqual(['policy: inherited', 'live scan']);
    expect(d.message.en).toBe('multi-region CloudTrail trail: not defined in the scanned code: declare it inherited or check it live');

    const l = new ModelBuilder();
    scope(l, 'aws', 'aws-config', '111122223333/ap-northeast-1');
    expect(only(run(check, l), '111122223333/ap-northeast-1').status).toBe('fail');
  });

  it('one trail meeting the requirement is enough: the others are not_applicable', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'terraform');
    trail(b, 'org', [], { multiRegion: b.fact(true) });
    trail(b, 'data-events', [], { multiRegion: b.fact(false), managementEvents: b.fact(false) });
    const drafts = run(check, b);
    expect(only(drafts, 'org').status).toBe('pass');
    expect(only(drafts, 'data-events').status).toBe('not_applicable');
    expect(only(drafts, 'data-events').message.en).toBe('org already records the account\'s operations');
  });

  it('every trail falling short fails at the setting, defaults named', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'terraform');
    const loc = b.loc();
    trail(b, 'regional', [], { multiRegion: defaulted(false, loc), loggingEnabled: b.fact(false) });
    const drafts = run(check, b);
    expect(only(drafts, 'regional').message.en).toBe('the CloudTrail trail is not multi-region, so it records one region only (the default when unset), and has logging turned off');
    expect(only(drafts, 'regional').location).toEqual(loc);
  });

  it('a trail that cannot be told keeps the scope open: unknown on it, not_applicable on the deficient one', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'terraform');
    trail(b, 'maybe', [], { multiRegion: b.fact<boolean>(cause('var.multi_region')) });
    trail(b, 'short', [], { multiRegion: b.fact(false) });
    const drafts = run(check, b);
    expect(only(drafts, 'maybe').unknown?.[0]?.inputs).toEqual(['var.multi_region']);
    expect(only(drafts, 'short').status).toBe('not_applicable');
  });

  it('a trail created under a condition that cannot be evaluated is unknown', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'terraform');
    const t = trail(b, 'cond', [], { multiRegion: b.fact(true) });
    t.conditional = cause('var.enable_trail');
    expect(only(run(check, b), 'cond').unknown?.[0]?.inputs).toEqual(['var.enable_trail']);
  });

  it('Azure: the activity log export must keep administrative operations and send them somewhere', () => {
    const b = new ModelBuilder('azure', 'main.json');
    scope(b, 'azure', 'arm');
    trail(b, 'activity', ['law'], { trailType: 'activity-log', multiRegion: b.fact(true), managementEvents: b.fact(false) });
    expect(only(run(check, b), 'activity').message.en).toBe('the activity log diagnostic setting does not record management events (read and write)');

    const n = new ModelBuilder('azure', 'main.json');
    scope(n, 'azure', 'arm');
    trail(n, 'nowhere', [], { trailType: 'activity-log', managementEvents: n.fact(true) });
    expect(only(run(check, n), 'nowhere').message.en).toBe('the activity log diagnostic setting has no destination');
  });

  it('trails are judged per scope and source', () => {
    const b = new ModelBuilder();
    scope(b, 'aws', 'terraform');
    scope(b, 'aws', 'aws-config', 'live');
    live(trail(b, 'live-trail', [], { multiRegion: b.fact(true) }));
    const drafts = run(check, b);
    expect(only(drafts, 'network').status).toBe('unknown');
    expect(only(drafts, 'live-trail').status).toBe('pass');
  });
});
