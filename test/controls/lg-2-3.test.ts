import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-2-3.js';
import type { Encryption } from '../../src/model/data.js';
import { defaulted, fact } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { customerKey, key, logStore, only, providerKey, run, store } from './data-controls-support.js';

describe('LG-2.3', () => {
  it('passes a customer key (named by its entity or as written) and fails provider keys and no encryption', () => {
    const b = new ModelBuilder();
    key(b, 'aws_kms_key.data', 'kms-key');
    store(b, 'by-entity', 's3-bucket', { encryption: customerKey(b, 'aws_kms_key.data') });
    store(b, 'by-arn', 'rds-instance', { encryption: customerKey(b, { keyText: 'arn:aws:kms:ap-northeast-1:111122223333:key/abc' }) });
    const managed = store(b, 'managed', 'dynamodb-table', { encryption: providerKey(b, 'alias/aws/dynamodb') });
    store(b, 'plain', 'ebs-volume', { encryption: defaulted({ mode: 'none' as const }) });
    const drafts = run(check, b);
    expect(only(drafts, 'by-entity').message.en).toContain('(aws_kms_key.data)');
    expect(only(drafts, 'by-arn').status).toBe('pass');
    expect(only(drafts, 'managed').status).toBe('fail');
    expect(only(drafts, 'managed').location).toEqual(managed.encryption!.loc);
    expect(only(drafts, 'managed').message.en).toContain('(alias/aws/dynamodb)');
    expect(only(drafts, 'plain').message.en).toBe('the data are not encrypted at rest (the default when unset)');
  });

  it('judges only the stores crypto erasure is about', () => {
    const b = new ModelBuilder();
    for (const t of ['sqs-queue', 'secret', 'ssm-parameter', 'elasticache', 'sns-topic'] as const) store(b, t, t, { encryption: providerKey(b) });
    for (const t of ['efs-file-system', 'backup-vault', 'rds-snapshot'] as const) store(b, t, t, { encryption: providerKey(b) });
    expect(run(check, b).map((d) => ('address' in d.subject ? d.subject.address : '')).sort()).toEqual(['backup-vault', 'efs-file-system', 'rds-snapshot']);
  });

  it('judges Azure stores and log stores the same way; an older log store with only kmsKey still counts', () => {
    const b = new ModelBuilder('azure', 'main.json');
    key(b, 'des', 'disk-encryption-set');
    store(b, 'disk', 'managed-disk', { encryption: customerKey(b, 'des') });
    store(b, 'sql', 'sql-server', { encryption: providerKey(b, undefined, true) });
    logStore(b, 'workspace', { storeType: 'log-analytics-workspace', encryption: providerKey(b, undefined, true) });
    logStore(b, 'legacy', { kmsKey: fact<string | null>('arn:aws:kms:ap-northeast-1:111122223333:key/logs') });
    const drafts = run(check, b);
    expect(only(drafts, 'disk').status).toBe('pass');
    expect(only(drafts, 'sql').status).toBe('fail');
    expect(only(drafts, 'workspace').message.en).toContain('the logs are encrypted with a provider-managed key (the default when unset)');
    expect(only(drafts, 'legacy').status).toBe('pass');
  });

  it('names the unresolved input and keeps the parts of one resource apart', () => {
    const b = new ModelBuilder();
    store(b, 'bucket', 's3-bucket', { encryption: b.fact<Encryption>(cause('var.kms_key_arn')) });
    const native = { source: 'terraform' as const, cloud: 'aws' as const, type: 'aws_instance', address: 'aws_instance.app', key: 'app', scope: 'network', attrs: { kind: 'object' as const, fields: {} }, loc: { file: 'x.tf', line: 1 } };
    for (const part of ['root_block_device', 'ebs_block_device[/dev/sdf]']) {
      const v = store(b, `app#${part}`, 'ebs-volume', { encryption: providerKey(b, 'alias/aws/ebs') });
      v.address = 'aws_instance.app';
      v.native = native;
    }
    const drafts = run(check, b);
    expect(only(drafts, 'bucket').unknown?.[0].inputs).toEqual(['var.kms_key_arn']);
    expect(drafts.filter((d) => 'address' in d.subject && d.subject.address === 'aws_instance.app').map((d) => d.key)).toEqual([
      'root_block_device',
      'ebs_block_device[/dev/sdf]',
    ]);
  });
});
