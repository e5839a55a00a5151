import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-3.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { customerKey, diagnosticSetting, key, logStore, only, providerKey, run, store, trail } from './data-controls-support.js';

describe('LG-6.3', () => {
  it('judges log stores, trails and the buckets trails deliver to', () => {
    const b = new ModelBuilder();
    key(b, 'logs-key', 'kms-key');
    store(b, 'trail-bucket', 's3-bucket', { encryption: providerKey(b), publicRead: b.fact(false) });
    store(b, 'data-bucket', 's3-bucket', { encryption: providerKey(b), publicRead: b.fact(false) });
    trail(b, 'trail', ['trail-bucket'], { encryption: providerKey(b, undefined, true) });
    logStore(b, 'group', { encryption: customerKey(b, 'logs-key') });
    const drafts = run(check, b);
    expect(only(drafts, 'trail').message.en).toBe('the trail log files are encrypted with a provider-managed key (the default when unset), not a customer-managed key');
    expect(only(drafts, 'trail-bucket').status).toBe('fail');
    expect(only(drafts, 'trail-bucket').evidence).toMatchObject({ receivesFrom: ['trail'] });
    expect(drafts.filter((d) => 'address' in d.subject && d.subject.address === 'data-bucket')).toEqual([]);
    expect(only(drafts, 'group').message.en).toContain('(logs-key)');
  });

  it('a public log store fails at the exposure even with a customer key', () => {
    const b = new ModelBuilder('azure', 'main.json');
    key(b, 'kv/logs', 'key-vault-key');
    const st = store(b, 'st', 'storage-account', { encryption: customerKey(b, 'kv/logs'), publicRead: b.fact(true) });
    diagnosticSetting(b, 'diag', 'nsg', ['st'], b.fact(['NetworkSecurityGroupEvent']));
    const d = only(run(check, b), 'st');
    expect(d.status).toBe('fail');
    expect(d.message.en).toBe('the log store is public: anyone can read the logs');
    expect(d.location).toEqual(st.publicRead!.loc);
  });

  it('a log store passes only when both the key and the exposure are known to be right', () => {
    const b = new ModelBuilder();
    key(b, 'k', 'kms-key');
    store(b, 'ok', 's3-bucket', { encryption: customerKey(b, 'k'), publicRead: b.fact(false) });
    store(b, 'open', 's3-bucket', { encryption: customerKey(b, 'k'), publicRead: b.fact<boolean>(cause('var.policy')) });
    trail(b, 't', ['ok', 'open'], { encryption: customerKey(b, 'k') });
    const drafts = run(check, b);
    expect(only(drafts, 'ok').status).toBe('pass');
    expect(only(drafts, 'open').unknown?.[0].inputs).toEqual(['var.policy']);
  });

  it('a destination outside the scan is unknown on what sends the logs, once per destination', () => {
    const b = new ModelBuilder();
    trail(b, 't', [cause('arn:aws:s3:::central-archive'), cause('var.log_group_arn')], { encryption: providerKey(b) });
    const drafts = run(check, b).filter((d) => d.status === 'unknown');
    expect(drafts.map((d) => d.key)).toEqual(['destination:arn:aws:s3:::central-archive', 'destination:var.log_group_arn']);
  });
});
