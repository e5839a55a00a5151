import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-4-3.js';
import { defaulted } from '../../src/model/fact.js';
import type { Policy } from '../../src/policy/types.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { about, only, run, store } from './data-controls-support.js';
import { backupPlan } from './resilience-support.js';

function offsite(level: string): Policy {
  return { ...defaultPolicy(), crossRegionClassification: level };
}

describe('LG-4.3', () => {
  it('storage accounts and vaults fail on LRS, at the SKU; S3 passes by design; EFS One Zone fails', () => {
    const b = new ModelBuilder('azure', 'main.json');
    const lrs = store(b, 'st-lrs', 'storage-account', { redundancy: b.fact('LRS') });
    store(b, 'st-gzrs', 'storage-account', { redundancy: b.fact('GZRS') });
    store(b, 'rsv', 'recovery-services-vault', { redundancy: defaulted('GRS', b.loc()) });
    store(b, 'st-open', 'storage-account', { redundancy: b.fact<string>(cause('parameter storageSku')) });
    const drafts = run(check, b);
    expect(only(drafts, 'st-lrs').message.en).toBe('the storage account is locally redundant (LRS): its copies are all in one data centre');
    expect(only(drafts, 'st-lrs').location).toEqual(lrs.redundancy!.loc);
    expect(only(drafts, 'st-gzrs').status).toBe('pass');
    expect(only(drafts, 'rsv').message.en).toBe('the Recovery Services vault is GRS (the default when unset)');
    expect(only(drafts, 'st-open').unknown?.[0]?.inputs).toEqual(['parameter storageSku']);

    const a = new ModelBuilder();
    store(a, 'bucket', 's3-bucket');
    const efs = store(a, 'efs', 'efs-file-system', { multiZone: a.fact(false) });
    store(a, 'vault', 'backup-vault');
    const aws = run(check, a);
    expect(only(aws, 'bucket').status).toBe('pass');
    expect(only(aws, 'efs').location).toEqual(efs.multiZone!.loc);
    expect(about(aws, 'vault')).toEqual([]);
  });

  it('no off-site result without the policy option', () => {
    const b = new ModelBuilder();
    store(b, 'juki', 'rds-instance', {}, { 'lg:classification': '3' });
    expect(run(check, b)).toEqual([]);
  });

  it('classified data must reach the other Japanese region by replication or backup copies', () => {
    const b = new ModelBuilder();
    const replicated = store(b, 'replicated', 's3-bucket', { replicationRegions: b.fact(['ap-northeast-3']) }, { 'lg:classification': '機密性3' });
    store(b, 'copied', 'rds-instance', { replicationRegions: defaulted([], b.loc()) }, { 'lg:classification': '2', backup: 'dr' });
    store(b, 'alone', 'dynamodb-table', { replicationRegions: defaulted([], b.loc()) }, { 'lg:classification': '3' });
    store(b, 'public-info', 'rds-instance', {}, { 'lg:classification': '1' });
    store(b, 'same-region', 's3-bucket', { replicationRegions: b.fact(['ap-northeast-1']) }, { 'lg:classification': '3' });
    backupPlan(b, 'dr-plan', 35, { selectsByTag: b.fact([{ key: 'backup', value: 'dr' }]), copyRegions: b.fact(['ap-northeast-3']) });
    const drafts = run(check, b, offsite('2')).filter((d) => d.key === 'cross-region');
    expect(only(drafts, 'replicated').location).toEqual(replicated.replicationRegions!.loc);
    expect(only(drafts, 'replicated').message.en).toBe('the classification 3 data is also replicated to ap-northeast-3');
    expect(only(drafts, 'copied').message.en).toBe('the backup plan dr-plan keeps copies of the classification 2 data in ap-northeast-3');
    expect(only(drafts, 'alone').message.en).toBe('the classification 3 data is neither replicated nor backed up to the other Japanese region (ap-northeast-3)');
    expect(about(drafts, 'public-info')).toEqual([]);
    expect(only(drafts, 'same-region').status).toBe('fail');
  });

  it('unknown labels, regions, replication and plan selections are unknown', () => {
    const b = new ModelBuilder();
    store(b, 'tags-open', 'rds-instance', {}, cause('var.tags'));
    const region = store(b, 'region-open', 'rds-instance', {}, { 'lg:classification': '3' });
    region.region = b.fact<string>(cause('--region'));
    store(b, 'repl-open', 's3-bucket', { replicationRegions: b.fact<string[]>(cause('var.dr_bucket_arn')) }, { 'lg:classification': '3' });
    store(b, 'plan-open', 'efs-file-system', {}, { 'lg:classification': '3' });
    backupPlan(b, 'plan', 35, { selects: b.links([cause('var.efs_arn')]), copyRegions: b.fact(['ap-northeast-3']) });
    const drafts = run(check, b, offsite('3')).filter((d) => d.key === 'cross-region');
    expect(only(drafts, 'tags-open').unknown?.[0]?.inputs).toEqual(['var.tags']);
    expect(only(drafts, 'region-open').unknown?.[0]?.inputs).toEqual(['--region']);
    expect(only(drafts, 'repl-open').unknown?.map((u) => u.inputs)).toContainEqual(['var.dr_bucket_arn']);
    expect(only(drafts, 'plan-open').unknown?.map((u) => u.inputs)).toEqual([['var.efs_arn']]);
  });

  it('Azure: geo-redundant storage, or a backup vault whose copies live in the paired region', () => {
    const b = new ModelBuilder('azure', 'main.json');
    store(b, 'st-grs', 'storage-account', { redundancy: b.fact('GRS'), replicationRegions: b.fact(['japanwest']) }, { 'lg:classification': '3' });
    store(b, 'st-zrs', 'storage-account', { redundancy: b.fact('ZRS'), replicationRegions: b.fact<string[]>([]) }, { 'lg:classification': '3' });
    store(b, 'vault', 'recovery-services-vault', { redundancy: b.fact('GRS'), replicationRegions: b.fact(['japanwest']) });
    store(b, 'disk', 'managed-disk', {}, { 'lg:classification': '3' });
    backupPlan(b, 'policy', 30, { selects: b.links(['disk']), vault: b.link('vault') });
    const drafts = run(check, b, offsite('3')).filter((d) => d.key === 'cross-region');
    expect(only(drafts, 'st-grs').status).toBe('pass');
    expect(only(drafts, 'st-zrs').message.en).toContain('(japanwest)');
    expect(only(drafts, 'disk').message.en).toBe('the backup plan policy keeps copies of the classification 3 data in japanwest');
    expect(about(drafts, 'vault')).toEqual([]);
  });

  it('a replica in the other region is the off-site copy of its source; one in the same region is not', () => {
    const b = new ModelBuilder();
    store(b, 'src', 's3-bucket', { replicationRegions: b.fact(['ap-northeast-3']) }, { 'lg:classification': '3' });
    const dr = store(b, 'dr', 's3-bucket', { replicaOf: b.link('src') }, { 'lg:classification': '3' });
    dr.region = b.fact('ap-northeast-3');
    store(b, 'srr', 's3-bucket', { replicaOf: b.link('src') }, { 'lg:classification': '3' });
    store(b, 'orphan', 's3-bucket', { replicaOf: b.link(cause('var.source_bucket')) }, { 'lg:classification': '3' });
    const drafts = run(check, b, offsite('3')).filter((d) => d.key === 'cross-region');
    expect(only(drafts, 'dr').message.en).toBe('it is the copy of src (ap-northeast-1): the classification 3 data is in both Japanese regions');
    expect(only(drafts, 'dr').location).toEqual(dr.replicaOf!.loc);
    expect(only(drafts, 'srr').status).toBe('fail');
    expect(only(drafts, 'orphan').unknown?.[0]?.inputs).toEqual(['var.source_bucket']);
  });
});
