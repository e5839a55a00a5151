import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-4-4.js';
import type { DataStore } from '../../src/model/data.js';
import { defaulted } from '../../src/model/fact.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { about, only, run, store } from './data-controls-support.js';
import { backupPlan, compute } from './resilience-support.js';

/** A volume synthesized from an instance or template: `<owner>#<part>`, sharing the owner's address. */
function part(b: ModelBuilder, owner: string, name: string, tags: Record<string, string> = {}): DataStore {
  const s = store(b, `${owner}#${name}`, 'ebs-volume', {}, tags);
  s.address = owner;
  s.native = { source: 'terraform', cloud: 'aws', type: 'aws_instance', address: owner, key: owner, scope: 'network', attrs: { kind: 'object', fields: {} }, loc: s.loc };
  return s;
}

describe('LG-4.4', () => {
  it("the service's own backups decide when long enough; a short default is named", () => {
    const b = new ModelBuilder();
    const loc = b.loc();
    store(b, 'db', 'rds-instance', { backupRetentionDays: defaulted(1, loc) });
    store(b, 'ok', 'rds-cluster', { backupRetentionDays: b.fact(14) });
    store(b, 'off', 'dynamodb-table', { backupRetentionDays: defaulted(0, b.loc()) });
    const drafts = run(check, b);
    expect(only(drafts, 'db').message.en).toBe('backups fall short of 7 days: automated backups: kept only 1 day (the default when unset); no backup plan selects it');
    expect(only(drafts, 'db').location).toEqual(loc);
    expect(only(drafts, 'ok').message.en).toBe('automated backups: kept 14 days (at least 7)');
    expect(only(drafts, 'off').message.en).toBe('backups fall short of 7 days: point-in-time recovery: off (the default when unset); no backup plan selects it');
  });

  it('a backup plan selecting the store by resource, tag or * covers it; a short plan is named in the failure', () => {
    const b = new ModelBuilder();
    store(b, 'vol-named', 'ebs-volume');
    store(b, 'vol-tagged', 'ebs-volume', {}, { Backup: 'daily' });
    store(b, 'vol-short', 'ebs-volume', {}, { Backup: 'weekly' });
    store(b, 'vol-none', 'ebs-volume');
    backupPlan(b, 'named', 35, { selects: b.links(['vol-named']) });
    backupPlan(b, 'daily', null, { selectsByTag: b.fact([{ key: 'Backup', value: 'daily' }]) });
    backupPlan(b, 'weekly', 3, { selectsByTag: b.fact([{ key: 'Backup', value: 'weekly' }]) });
    const drafts = run(check, b);
    expect(only(drafts, 'vol-named').message.en).toBe('the backup plan named selects it and keeps backups 35 days (at least 7)');
    expect(only(drafts, 'vol-tagged').message.en).toBe('the backup plan daily selects it and keeps backups forever (at least 7)');
    expect(only(drafts, 'vol-short').message.en).toBe('backups fall short of 7 days: the backup plan weekly keeps backups only 3 days');
    expect(only(drafts, 'vol-none').message.en).toBe('it has no backups: no automated backups and no backup plan selects it');
  });

  it('a `*` selection narrowed by tags selects only the tagged; plans of another region do not count', () => {
    const b = new ModelBuilder();
    store(b, 'tagged', 'ebs-volume', {}, { env: 'prod' });
    store(b, 'other', 'ebs-volume', {}, { env: 'dev' });
    backupPlan(b, 'all-prod', 35, { selectsAll: b.fact(true), selectsByTag: b.fact([{ key: 'env', value: 'prod' }]) });
    const osaka = backupPlan(b, 'osaka', 35, { selectsAll: b.fact(true) });
    osaka.region = b.fact('ap-northeast-3');
    const drafts = run(check, b);
    expect(only(drafts, 'tagged').status).toBe('pass');
    expect(only(drafts, 'other').status).toBe('fail');
  });

  it('selections, tags and retentions that cannot be told leave the store unknown, unless own backups suffice', () => {
    const b = new ModelBuilder();
    store(b, 'vol', 'ebs-volume', {}, { Backup: 'daily' });
    store(b, 'vol-tags', 'ebs-volume', {}, cause('var.tags'));
    store(b, 'db', 'rds-instance', { backupRetentionDays: b.fact(7) });
    backupPlan(b, 'by-var', 35, { selectsByTag: b.fact<{ key: string; value: string }[]>(cause('var.backup_tag_value')) });
    backupPlan(b, 'tag-plan', cause('var.retention_days'), { selectsByTag: b.fact([{ key: 'Backup', value: 'daily' }]) });
    const drafts = run(check, b);
    expect(only(drafts, 'vol').unknown?.map((u) => u.inputs)).toEqual([['var.retention_days'], ['var.backup_tag_value']]);
    expect(only(drafts, 'vol-tags').status).toBe('unknown');
    expect(only(drafts, 'db').status).toBe('pass');
  });

  it('instance volumes: judged when labelled, covered through their instance, kept apart by part; template volumes never', () => {
    const b = new ModelBuilder();
    compute(b, 'aws_instance.db', 'ec2-instance');
    compute(b, 'aws_launch_template.web', 'launch-template');
    part(b, 'aws_instance.db', 'root_block_device', { 'lg:classification': '3' });
    part(b, 'aws_instance.db', 'ebs_block_device[/dev/sdf]', { 'lg:classification': '3' });
    part(b, 'aws_launch_template.web', 'block_device_mappings[/dev/xvda]', { 'lg:classification': '3' });
    compute(b, 'aws_instance.bastion', 'ec2-instance');
    part(b, 'aws_instance.bastion', 'root_block_device');
    backupPlan(b, 'instances', 14, { selects: b.links(['aws_instance.db']) });
    const drafts = run(check, b);
    const db = about(drafts, 'aws_instance.db');
    expect(db.map((d) => [d.key, d.status])).toEqual([
      ['root_block_device', 'pass'],
      ['ebs_block_device[/dev/sdf]', 'pass'],
    ]);
    expect(about(drafts, 'aws_launch_template.web')).toEqual([]);
    expect(about(drafts, 'aws_instance.bastion')).toEqual([]);
  });

  it('object storage is judged only when labelled; an unreadable label leaves a store without backups unknown', () => {
    const b = new ModelBuilder();
    store(b, 'artifacts', 's3-bucket');
    store(b, 'juki', 's3-bucket', {}, { 'lg:classification': '3' });
    store(b, 'tagged-later', 's3-bucket', {}, cause('var.tags'));
    store(b, 'tagged-later-backed-up', 's3-bucket', {}, cause('var.tags'));
    backupPlan(b, 'plan', 35, { selects: b.links(['tagged-later-backed-up']) });
    const drafts = run(check, b);
    expect(about(drafts, 'artifacts')).toEqual([]);
    expect(only(drafts, 'juki').status).toBe('fail');
    expect(only(drafts, 'tagged-later').unknown?.[0]?.inputs).toEqual(['var.tags']);
    expect(only(drafts, 'tagged-later-backed-up').status).toBe('pass');
  });

  it('vaults are judged on their lock; a store type without a backup retention in the model is unknown', () => {
    const b = new ModelBuilder();
    const vault = store(b, 'vault', 'backup-vault', { immutable: defaulted(false, b.loc()) });
    store(b, 'locked', 'backup-vault', { immutable: b.fact(true) });
    store(b, 'cosmos', 'cosmosdb-account');
    const drafts = run(check, b);
    expect(only(drafts, 'vault').message.en).toBe('the backup vault is not locked (immutable), so its backups can be deleted or altered (the default when unset)');
    expect(only(drafts, 'vault').location).toEqual(vault.immutable!.loc);
    expect(only(drafts, 'locked').status).toBe('pass');
    expect(only(drafts, 'cosmos').unknown?.[0]?.inputs).toEqual(['cosmos backup retention']);
  });

  it('the threshold comes from the policy', () => {
    const b = new ModelBuilder();
    store(b, 'db', 'rds-instance', { backupRetentionDays: b.fact(14) });
    const policy = defaultPolicy();
    policy.thresholds.backupRetentionDays = 30;
    expect(only(run(check, b, policy), 'db').message.en).toBe('backups fall short of 30 days: automated backups: kept only 14 days; no backup plan selects it');
  });

  it('a read replica is judged on its source', () => {
    const b = new ModelBuilder();
    store(b, 'primary', 'rds-instance', { backupRetentionDays: b.fact(7) });
    store(b, 'replica', 'rds-instance', { backupRetentionDays: defaulted(0, b.loc()), replicaOf: b.link('primary') });
    const d = only(run(check, b), 'replica');
    expect(d.status).toBe('not_applicable');
    expect(d.message.en).toBe('a read replica: backups are judged on its source primary');
  });
});
