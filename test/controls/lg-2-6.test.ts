import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-2-6.js';
import { defaulted } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { only, run, store } from './data-controls-support.js';

describe('LG-2.6', () => {
  it('a public bucket fails at what makes it public and also says the guard is off', () => {
    const b = new ModelBuilder();
    const s = store(b, 'web', 's3-bucket', { publicRead: b.fact(true), publicAccessBlocked: b.fact(false) });
    const d = only(run(check, b), 'web');
    expect(d.status).toBe('fail');
    expect(d.location).toEqual(s.publicRead!.loc);
    expect(d.message.en).toMatch(/readable by anyone; Block Public Access is not on/);
    expect(d.evidence).toEqual({ publicAccessBlocked: false, publicRead: true });
  });

  it('a guard that is off fails even when nothing is public yet; all guards on passes', () => {
    const b = new ModelBuilder();
    const s = store(b, 'reports', 's3-bucket', { publicRead: b.fact(false), publicAccessBlocked: b.fact(false) });
    store(b, 'private', 's3-bucket', { publicRead: defaulted(false), publicAccessBlocked: defaulted(true) });
    const drafts = run(check, b);
    expect(only(drafts, 'reports').location).toEqual(s.publicAccessBlocked!.loc);
    expect(only(drafts, 'private').status).toBe('pass');
  });

  it('a known failure decides; otherwise an unknown guard or exposure names its input', () => {
    const b = new ModelBuilder();
    store(b, 'decided', 's3-bucket', { publicRead: b.fact<boolean>(cause('var.policy')), publicAccessBlocked: b.fact(false) });
    store(b, 'open', 's3-bucket', { publicRead: b.fact(false), publicAccessBlocked: b.fact<boolean>(cause('var.block_acls')) });
    const drafts = run(check, b);
    expect(only(drafts, 'decided').status).toBe('fail');
    expect(only(drafts, 'open').unknown?.[0].inputs).toEqual(['var.block_acls']);
  });

  it('judges snapshots by their sharing and Azure storage by its blob access settings', () => {
    const b = new ModelBuilder('azure', 'main.json');
    store(b, 'snap', 'rds-snapshot', { publicRead: b.fact(true) });
    store(b, 'st-arm', 'storage-account', { publicRead: b.fact(false), publicAccessBlocked: defaulted(false) });
    const tf = store(b, 'st-tf', 'storage-account', { publicRead: b.fact(true), publicAccessBlocked: b.fact(false) });
    tf.source = 'terraform';
    const drafts = run(check, b);
    expect(only(drafts, 'snap').message.en).toBe('the snapshot is shared with everyone (all)');
    expect(only(drafts, 'st-arm').message.en).toBe('anonymous blob access (allowBlobPublicAccess) is not disallowed (the default when unset)');
    expect(only(drafts, 'st-tf').message.en).toContain('a container allows anonymous access');
    expect(only(drafts, 'st-tf').message.en).toContain('allow_nested_items_to_be_public');
  });

  it('does not judge stores without exposure settings', () => {
    const b = new ModelBuilder();
    store(b, 'table', 'dynamodb-table');
    store(b, 'snap', 'ebs-snapshot');
    expect(run(check, b)).toEqual([]);
  });
});
