import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-2-4.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { customerKey, key, logStore, only, providerKey, run, store } from './data-controls-support.js';

const MN3 = { 'lg:segment': 'mynumber', 'lg:classification': '3' };

describe('LG-2.4', () => {
  it('fails a key shared across tenants, reported on the key with the stores and values', () => {
    const b = new ModelBuilder();
    const k = key(b, 'aws_kms_key.spool', 'kms-key');
    store(b, 'aoba', 's3-bucket', { encryption: customerKey(b, 'aws_kms_key.spool') }, { ...MN3, 'lg:tenant': 'city-aoba' });
    store(b, 'midori', 's3-bucket', { encryption: customerKey(b, 'aws_kms_key.spool') }, { ...MN3, 'lg:tenant': 'town-midori' });
    const d = only(run(check, b), 'aws_kms_key.spool');
    expect(d.status).toBe('fail');
    expect(d.location).toEqual(k.loc);
    expect(d.evidence).toEqual({ stores: ['aoba', 'midori'], tenant: { 'city-aoba': ['aoba'], 'town-midori': ['midori'] } });
  });

  it('compares classification levels however they are written, and segments from the graph', () => {
    const b = new ModelBuilder();
    key(b, 'k', 'kms-key');
    b.vpc('lgwan', { tags: { 'lg:segment': 'lgwan' } });
    b.subnet('db', 'lgwan');
    b.store('rds', ['db'], { tags: { 'lg:classification': '機密性3' } });
    b.model.getOf('rds', 'data-store')!.encryption = customerKey(b, 'k');
    store(b, 'bucket', 's3-bucket', { encryption: customerKey(b, 'k') }, MN3);
    const d = only(run(check, b), 'k');
    expect(d.status).toBe('fail');
    expect(d.message.en).toContain('segment mynumber / lgwan');
    expect(d.evidence).not.toHaveProperty('classification');
  });

  it('passes one key per store; a key shared by stores without labels is unknown, naming the labels', () => {
    const b = new ModelBuilder();
    key(b, 'own', 'kms-key');
    key(b, 'logs', 'kms-key');
    store(b, 'a', 's3-bucket', { encryption: customerKey(b, 'own') }, MN3);
    logStore(b, 'g1', { encryption: customerKey(b, 'logs') });
    logStore(b, 'g2', { encryption: customerKey(b, 'logs') });
    const drafts = run(check, b);
    expect(only(drafts, 'own').message.en).toBe('the key encrypts a only');
    const logs = only(drafts, 'logs');
    expect(logs.status).toBe('unknown');
    expect(logs.unknown?.map((c) => c.inputs[0])).toEqual(['g1 tag lg:segment', 'g2 tag lg:segment', 'g1 tag lg:classification', 'g2 tag lg:classification']);
  });

  it('takes stores without a tenant tag as one municipality only when no resource carries one', () => {
    const single = new ModelBuilder();
    key(single, 'k', 'kms-key');
    store(single, 'x', 's3-bucket', { encryption: customerKey(single, 'k') }, MN3);
    store(single, 'y', 's3-bucket', { encryption: customerKey(single, 'k') }, MN3);
    const alone = only(run(check, single), 'k');
    expect(alone.status).toBe('pass');
    expect(alone.message.en).toBe('the 2 resources sharing the key have the same segment, classification (no resource carries a tenant tag: one municipality)');

    const joint = new ModelBuilder();
    key(joint, 'k', 'kms-key');
    store(joint, 'x', 's3-bucket', { encryption: customerKey(joint, 'k') }, MN3);
    store(joint, 'y', 's3-bucket', { encryption: customerKey(joint, 'k') }, MN3);
    store(joint, 'other', 's3-bucket', {}, { ...MN3, 'lg:tenant': 'town-midori' });
    const shared = only(run(check, joint), 'k');
    expect(shared.status).toBe('unknown');
    expect(shared.unknown?.map((c) => c.inputs[0])).toEqual(['x tag lg:tenant', 'y tag lg:tenant']);
  });

  it('is unknown when one sharer lacks a label the others carry, or a label cannot be read; a difference still decides', () => {
    const b = new ModelBuilder();
    key(b, 'half', 'kms-key');
    store(b, 'labelled', 's3-bucket', { encryption: customerKey(b, 'half') }, { ...MN3, 'lg:tenant': 'city-a' });
    store(b, 'bare', 'ebs-volume', { encryption: customerKey(b, 'half') }, { 'lg:tenant': 'city-a' });
    key(b, 'mixed', 'kms-key');
    store(b, 'x', 's3-bucket', { encryption: customerKey(b, 'mixed') }, { 'lg:tenant': 'city-a' });
    store(b, 'y', 's3-bucket', { encryption: customerKey(b, 'mixed') }, { 'lg:tenant': 'city-b' });
    store(b, 'z', 's3-bucket', { encryption: customerKey(b, 'mixed') }, cause('var.tags'));
    const drafts = run(check, b);
    const half = only(drafts, 'half');
    expect(half.status).toBe('unknown');
    expect(half.unknown?.map((c) => c.inputs[0])).toEqual(['bare tag lg:segment', 'bare tag lg:classification']);
    expect(only(drafts, 'mixed').status).toBe('fail');
  });

  it('groups stores by a key ARN written in the definitions when the key is not in the scan', () => {
    const b = new ModelBuilder();
    const arn = { keyText: 'arn:aws:kms:ap-northeast-1:111122223333:key/shared' };
    store(b, 'b-internet', 's3-bucket', { encryption: customerKey(b, arn) }, { 'lg:segment': 'internet', 'lg:classification': '1' });
    store(b, 'a-mynumber', 's3-bucket', { encryption: customerKey(b, arn) }, MN3);
    const drafts = run(check, b);
    const d = only(drafts, 'a-mynumber');
    expect(d.status).toBe('fail');
    expect(d.key).toBe(`key:${arn.keyText}`);
    expect(d.message.en).toContain(arn.keyText);
  });

  it('ignores provider keys and reports unused keys as not applicable', () => {
    const b = new ModelBuilder();
    key(b, 'unused', 'kms-key');
    store(b, 'aws-managed', 's3-bucket', { encryption: providerKey(b, 'alias/aws/s3') }, MN3);
    expect(run(check, b).map((d) => d.status)).toEqual(['not_applicable']);
  });

  it('Azure: a disk encryption set counts as the Key Vault key it wraps; one whose key is unknown may share it', () => {
    const b = new ModelBuilder('azure', 'main.json');
    key(b, 'kv/shared', 'key-vault-key');
    key(b, 'des', 'disk-encryption-set', { parent: b.link('kv/shared') });
    key(b, 'des-open', 'disk-encryption-set', { parent: b.link(cause("reference(variables('keyId'))")) });
    store(b, 'st-kita', 'storage-account', { encryption: customerKey(b, 'kv/shared') }, { ...MN3, 'lg:tenant': 'kita' });
    store(b, 'disk-minami', 'managed-disk', { encryption: customerKey(b, 'des') }, { ...MN3, 'lg:tenant': 'minami' });
    store(b, 'disk-nishi', 'managed-disk', { encryption: customerKey(b, 'des-open') }, { ...MN3, 'lg:tenant': 'nishi' });
    const drafts = run(check, b);
    expect(only(drafts, 'kv/shared').status).toBe('fail');
    expect(drafts.filter((d) => 'address' in d.subject && d.subject.address === 'des')).toEqual([]);
    const open = only(drafts, 'des-open');
    expect(open.status).toBe('unknown');
    expect(open.unknown?.[0].inputs).toEqual(["reference(variables('keyId'))"]);
  });
});
