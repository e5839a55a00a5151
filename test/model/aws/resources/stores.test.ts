import { describe, expect, it } from 'vitest';
import { path } from '../../../../src/readers/value.js';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift } from './harness.js';

describe('DynamoDB tables', () => {
  it('Terraform: AWS owned key by default, PITR off, customer key and PITR when written', () => {
    const k = tf('aws_kms_key', 'ddb', {});
    const bare = tf('aws_dynamodb_table', 'sessions', { name: 'sessions', hash_key: 'id' });
    const good = tf('aws_dynamodb_table', 'juki', {
      name: 'juki',
      server_side_encryption: [{ enabled: true, kms_key_arn: tfRef('aws_kms_key.ddb', 'arn') }],
      point_in_time_recovery: [{ enabled: true }],
      deletion_protection_enabled: true,
      replica: [{ region_name: 'ap-northeast-3' }],
    });
    const managed = tf('aws_dynamodb_table', 'm', { server_side_encryption: [{ enabled: true }], point_in_time_recovery: [{ enabled: unk('var.pitr') }] });
    const { model } = lift([k, bare, good, managed]);
    const b = get(model, bare.key, 'data-store');
    expect(b.encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(b.backupRetentionDays).toMatchObject({ value: 0, defaulted: true });
    expect(b.deletionProtection).toMatchObject({ value: false });
    const g = get(model, good.key, 'data-store');
    expect(g.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: k.key } } });
    expect(g.backupRetentionDays).toMatchObject({ value: 35, defaulted: true });
    expect(g.replicationRegions).toMatchObject({ value: ['ap-northeast-3'] });
    const m = get(model, managed.key, 'data-store');
    expect(m.encryption).toMatchObject({ value: { mode: 'provider-managed', keyText: 'alias/aws/dynamodb' } });
    expect(m.backupRetentionDays?.known === false && m.backupRetentionDays.cause.inputs).toEqual(['var.pitr']);
  });

  it('CloudFormation: SSESpecification and PITR recovery period', () => {
    const t = cfn('AWS::DynamoDB::Table', 'Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/aws/dynamodb' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 14 },
    });
    const s = get(lift([t]).model, t.key, 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed', keyText: 'alias/aws/dynamodb' } });
    expect(s.backupRetentionDays).toMatchObject({ value: 14 });
  });
});

describe('EFS', () => {
  it('Terraform: unencrypted by default; mount targets place it; backup policy keeps 35 days', () => {
    const fs = tf('aws_efs_file_system', 'share', { creation_token: 'share' });
    const mt1 = tf('aws_efs_mount_target', 'a', { file_system_id: tfRef('aws_efs_file_system.share', 'id'), subnet_id: tfRef('aws_subnet.a', 'id'), security_groups: [tfRef('aws_security_group.efs', 'id')] });
    const mt2 = tf('aws_efs_mount_target', 'c', { file_system_id: tfRef('aws_efs_file_system.share', 'id'), subnet_id: tfRef('aws_subnet.c', 'id') });
    const bp = tf('aws_efs_backup_policy', 'share', { file_system_id: tfRef('aws_efs_file_system.share', 'id'), backup_policy: [{ status: 'ENABLED' }] });
    const sa = tf('aws_subnet', 'a', {});
    const sc = tf('aws_subnet', 'c', {});
    const sg = tf('aws_security_group', 'efs', {});
    const { model } = lift([mt1, fs, mt2, bp, sa, sc, sg]);
    const s = get(model, fs.key, 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'none' }, defaulted: true });
    expect(s.subnets).toMatchObject({ value: [{ value: sa.key }, { value: sc.key }] });
    expect(s.securityGroups).toMatchObject({ value: [{ value: sg.key }] });
    expect(s.backupRetentionDays).toMatchObject({ value: 35 });
    expect(s.multiZone).toMatchObject({ value: true, defaulted: true });
  });

  it('CloudFormation: encrypted with a key, One Zone, backups off', () => {
    const k = cfn('AWS::KMS::Key', 'K', {});
    const fs = cfn('AWS::EFS::FileSystem', 'Fs', {
      Encrypted: true,
      KmsKeyId: cfnRef('K'),
      AvailabilityZoneName: 'ap-northeast-1a',
      BackupPolicy: { Status: 'DISABLED' },
      FileSystemTags: [{ Key: 'lg:segment', Value: 'lgwan' }],
    });
    const s = get(lift([k, fs]).model, fs.key, 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: k.key } } });
    expect(s.multiZone).toMatchObject({ value: false });
    expect(s.backupRetentionDays).toMatchObject({ value: 0 });
    expect(s.tags).toMatchObject({ value: { 'lg:segment': 'lgwan' } });
  });
});

describe('ElastiCache', () => {
  it('replication groups: defaults off, multi-AZ needs failover, subnet group placement, literal auth token', () => {
    const g = tf('aws_elasticache_subnet_group', 'cache', { name: 'cache', subnet_ids: [tfRef('aws_subnet.a', 'id')] });
    const sa = tf('aws_subnet', 'a', {});
    const bare = tf('aws_elasticache_replication_group', 'bare', { replication_group_id: 'bare', multi_az_enabled: true });
    const good = tf('aws_elasticache_replication_group', 'good', {
      replication_group_id: 'good',
      at_rest_encryption_enabled: true,
      kms_key_id: tfRef('aws_kms_key.k', 'arn'),
      multi_az_enabled: true,
      automatic_failover_enabled: true,
      num_cache_clusters: 2,
      snapshot_retention_limit: 7,
      transit_encryption_enabled: true,
      auth_token: 'not-a-good-idea',
      subnet_group_name: tfRef('aws_elasticache_subnet_group.cache', 'name'),
    });
    const k = tf('aws_kms_key', 'k', {});
    const { model } = lift([bare, good, g, sa, k]);
    const b = get(model, bare.key, 'data-store');
    expect(b.encryption).toMatchObject({ value: { mode: 'none' }, defaulted: true });
    expect(b.multiZone).toMatchObject({ value: false, defaulted: true });
    expect(b.backupRetentionDays).toMatchObject({ value: 0, defaulted: true });
    expect(b.subnets?.known === false && b.subnets.cause.inputs).toEqual(['default VPC']);
    const s = get(model, good.key, 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: k.key } } });
    expect(s.multiZone).toMatchObject({ value: true });
    expect(s.instanceCount).toMatchObject({ value: 2 });
    expect(s.backupRetentionDays).toMatchObject({ value: 7 });
    expect(s.httpsOnly).toMatchObject({ value: true });
    expect(s.literalSecrets?.map((x) => x.attribute)).toEqual(['auth_token']);
    expect(s.subnets).toMatchObject({ value: [{ value: sa.key }] });
  });

  it('Valkey encrypts at rest by default; CloudFormation reads the same settings', () => {
    const v = tf('aws_elasticache_replication_group', 'v', { engine: 'valkey' });
    const c = cfn('AWS::ElastiCache::ReplicationGroup', 'Redis', { AtRestEncryptionEnabled: true, MultiAZEnabled: true, AutomaticFailoverEnabled: true });
    const { model } = lift([v, c]);
    expect(get(model, v.key, 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    const s = get(model, c.key, 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed', keyText: 'alias/aws/elasticache' } });
    expect(s.multiZone).toMatchObject({ value: true });
  });
});

describe('secrets, parameters and queues', () => {
  it('secrets use aws/secretsmanager without a key; a secret string written in code is a literal secret', () => {
    const sec = tf('aws_secretsmanager_secret', 'db', { name: 'juki/db' });
    const ver = tf('aws_secretsmanager_secret_version', 'db', { secret_id: tfRef('aws_secretsmanager_secret.db', 'id'), secret_string: '{"password":"x"}' });
    const gen = tf('aws_secretsmanager_secret_version', 'ok', { secret_id: tfRef('aws_secretsmanager_secret.db', 'id'), secret_string: tfRef('random_password.db', 'result') });
    const c = cfn('AWS::SecretsManager::Secret', 'S', { KmsKeyId: cfnRef('K'), GenerateSecretString: { PasswordLength: 32 } });
    const k = cfn('AWS::KMS::Key', 'K', {});
    const { model } = lift([ver, gen, sec, c, k]);
    const s = get(model, sec.key, 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed', keyText: 'alias/aws/secretsmanager' } });
    expect(s.literalSecrets).toEqual([{ attribute: 'secret_string', loc: ver.attrs.fields.secret_string.loc }]);
    const cs = get(model, c.key, 'data-store');
    expect(cs.encryption).toMatchObject({ value: { mode: 'customer-managed' } });
    expect(cs.literalSecrets).toBeUndefined();
  });

  it('only SecureString parameters are stores', () => {
    const p1 = tf('aws_ssm_parameter', 'pw', { name: '/app/pw', type: 'SecureString', value: 'literal' });
    const p2 = tf('aws_ssm_parameter', 'cfg', { name: '/app/cfg', type: 'String', value: 'x' });
    const { model } = lift([p1, p2]);
    expect(get(model, p1.key, 'data-store').literalSecrets?.length).toBe(1);
    expect(model.get(p2.key)).toBeUndefined();
  });

  it('queues: SSE-SQS by default, none when switched off, KMS key when given', () => {
    const q1 = tf('aws_sqs_queue', 'a', {});
    const q2 = tf('aws_sqs_queue', 'b', { sqs_managed_sse_enabled: false });
    const q3 = cfn('AWS::SQS::Queue', 'C', { KmsMasterKeyId: 'alias/juki' });
    const { model } = lift([q1, q2, q3]);
    expect(get(model, q1.key, 'data-store').encryption).toMatchObject({ value: { mode: 'provider-managed' }, defaulted: true });
    expect(get(model, q2.key, 'data-store').encryption).toMatchObject({ value: { mode: 'none' } });
    expect(get(model, q3.key, 'data-store').encryption).toMatchObject({ value: { mode: 'customer-managed', keyText: 'alias/juki' } });
  });
});

describe('AWS Backup', () => {
  it('Terraform: vault key and lock, plan retention, selections by resource and tag', () => {
    const k = tf('aws_kms_key', 'backup', {});
    const vault = tf('aws_backup_vault', 'main', { name: 'main', kms_key_arn: tfRef('aws_kms_key.backup', 'arn') });
    const lock = tf('aws_backup_vault_lock_configuration', 'main', { backup_vault_name: tfRef('aws_backup_vault.main', 'name'), min_retention_days: 7, changeable_for_days: 3 });
    const plan = tf('aws_backup_plan', 'daily', {
      name: 'daily',
      rule: [
        { rule_name: 'daily', target_vault_name: 'main', schedule: 'cron(0 3 * * ? *)', lifecycle: [{ delete_after: 35 }] },
        { rule_name: 'monthly', target_vault_name: 'main', lifecycle: [{ delete_after: 365 }] },
      ],
    });
    const db = tf('aws_db_instance', 'juki', {});
    const sel = tf('aws_backup_selection', 'db', {
      plan_id: tfRef('aws_backup_plan.daily', 'id'),
      resources: [tfRef('aws_db_instance.juki', 'arn')],
      selection_tag: [{ type: 'STRINGEQUALS', key: 'backup', value: 'daily' }],
    });
    const { model } = lift([sel, lock, plan, vault, k, db]);
    const v = get(model, vault.key, 'data-store');
    expect(v.storeType).toBe('backup-vault');
    expect(v.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: k.key } } });
    expect(v.immutable).toMatchObject({ value: true, loc: lock.attrs.fields.changeable_for_days.loc });
    const p = get(model, plan.key, 'backup-plan');
    expect(p.retentionDays).toMatchObject({ value: 365 });
    expect(p.vault).toMatchObject({ value: vault.key });
    expect(p.selects).toMatchObject({ value: [{ value: db.key }] });
    expect(p.selectsByTag).toMatchObject({ value: [{ key: 'backup', value: 'daily' }] });
    expect(p.selectsAll).toMatchObject({ value: false });
  });

  it('a rule without deletion keeps points forever; "*" selects everything; unlocked vaults are not immutable', () => {
    const vault = tf('aws_backup_vault', 'v', { name: 'v' });
    const plan = tf('aws_backup_plan', 'p', { rule: [{ rule_name: 'a', target_vault_name: 'v', lifecycle: [{ delete_after: 7 }] }, { rule_name: 'b', target_vault_name: 'v' }] });
    const sel = tf('aws_backup_selection', 's', { plan_id: tfRef('aws_backup_plan.p', 'id'), resources: ['*'] });
    const { model } = lift([vault, plan, sel]);
    expect(get(model, plan.key, 'backup-plan').retentionDays).toMatchObject({ value: null });
    expect(get(model, plan.key, 'backup-plan').selectsAll).toMatchObject({ value: true });
    const v = get(model, vault.key, 'data-store');
    expect(v.immutable).toMatchObject({ value: false, defaulted: true });
    expect(v.encryption).toMatchObject({ value: { mode: 'provider-managed', keyText: 'alias/aws/backup' } });
  });

  it('copy actions to vaults of another region', () => {
    const dr = tf('aws_backup_vault', 'dr', { name: 'dr' }, { region: 'ap-northeast-3' });
    const p1 = tf('aws_backup_plan', 'p1', {
      rule: [{ rule_name: 'a', target_vault_name: 'main', copy_action: [{ destination_vault_arn: tfRef('aws_backup_vault.dr', 'arn') }] }],
    });
    const p2 = tf('aws_backup_plan', 'p2', {
      rule: [{ rule_name: 'a', target_vault_name: 'main', copy_action: [{ destination_vault_arn: 'arn:aws:backup:ap-northeast-3:111122223333:backup-vault:x' }] }],
    });
    const p3 = tf('aws_backup_plan', 'p3', { rule: [{ rule_name: 'a', target_vault_name: 'main' }] });
    const { model } = lift([dr, p1, p2, p3]);
    expect(get(model, p1.key, 'backup-plan').copyRegions).toMatchObject({ value: ['ap-northeast-3'] });
    expect(get(model, p2.key, 'backup-plan').copyRegions).toMatchObject({ value: ['ap-northeast-3'] });
    expect(get(model, p3.key, 'backup-plan').copyRegions).toMatchObject({ value: [], defaulted: true });
  });

  it('a vault lock without a cooling-off period is governance mode, which privileged users can remove: not immutable', () => {
    const tfVault = tf('aws_backup_vault', 'gov', { name: 'gov' });
    const tfLock = tf('aws_backup_vault_lock_configuration', 'gov', { backup_vault_name: tfRef('aws_backup_vault.gov', 'name'), min_retention_days: 7 });
    const tfOpen = tf('aws_backup_vault', 'open', { name: 'open' });
    const tfOpenLock = tf('aws_backup_vault_lock_configuration', 'open', { backup_vault_name: 'open', changeable_for_days: unk('var.lock_grace_days') });
    const cfnGov = cfn('AWS::Backup::BackupVault', 'GovVault', { BackupVaultName: 'g', LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 35 } });
    const cfnCompliance = cfn('AWS::Backup::BackupVault', 'LockedVault', { BackupVaultName: 'l', LockConfiguration: { MinRetentionDays: 7, ChangeableForDays: 3 } });
    const { model } = lift([tfVault, tfLock, tfOpen, tfOpenLock, cfnGov, cfnCompliance]);
    expect(get(model, tfVault.key, 'data-store').immutable).toEqual({ known: true, value: false, loc: tfLock.loc });
    const open = get(model, tfOpen.key, 'data-store').immutable;
    expect(open?.known === false && open.cause.inputs).toEqual(['var.lock_grace_days']);
    expect(get(model, cfnGov.key, 'data-store').immutable).toMatchObject({ known: true, value: false });
    expect(get(model, cfnCompliance.key, 'data-store').immutable).toMatchObject({ known: true, value: true, loc: path(cfnCompliance.attrs, 'LockConfiguration', 'ChangeableForDays')!.loc });
  });

  describe('selections with Conditions (all must hold) and NotResources', () => {
    function scene() {
      const plan = tf('aws_backup_plan', 'p', { rule: [{ rule_name: 'a', target_vault_name: 'v', lifecycle: [{ delete_after: 35 }] }] });
      const both = tf('aws_ebs_volume', 'both', { availability_zone: 'ap-northeast-1a', tags: { backup: 'daily', tier: 'prod' } });
      const one = tf('aws_ebs_volume', 'one', { availability_zone: 'ap-northeast-1a', tags: { backup: 'daily' } });
      const none = tf('aws_ebs_volume', 'none', { availability_zone: 'ap-northeast-1a', tags: {} });
      return { plan, both, one, none };
    }
    const selected = (p: { selects: { known: boolean; value?: unknown } }) =>
      (p.selects.known ? (p.selects.value as { known: boolean; value?: string }[]) : []).map((l) => (l.known ? l.value : 'unknown'));

    it('Terraform: two string_equals conditions select only stores with both tags, not every store', () => {
      const { plan, both, one, none } = scene();
      const sel = tf('aws_backup_selection', 's', {
        plan_id: tfRef('aws_backup_plan.p', 'id'),
        resources: ['*'],
        condition: [{ string_equals: [{ key: 'aws:ResourceTag/backup', value: 'daily' }, { key: 'aws:ResourceTag/tier', value: 'prod' }] }],
      });
      const p = get(lift([plan, both, one, none, sel]).model, plan.key, 'backup-plan');
      expect(selected(p)).toEqual([both.key]);
      expect(p.selectsAll?.known && p.selectsAll.value).toBe(false);
      expect(p.selectsByTag).toBeUndefined();
    });

    it('CloudFormation: StringNotEquals and StringLike, with NotResources excluding a store', () => {
      const { plan, both, one, none } = scene();
      const sel = cfn('AWS::Backup::BackupSelection', 'Sel', {
        BackupPlanId: tfRef('aws_backup_plan.p', 'id'),
        BackupSelection: {
          SelectionName: 's',
          IamRoleArn: 'arn:aws:iam::1:role/b',
          Resources: ['*'],
          NotResources: [tfRef('aws_ebs_volume.one', 'arn')],
          Conditions: { StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'dev' }], StringLike: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'dai*' }] },
        },
      });
      const p = get(lift([plan, both, one, none, sel]).model, plan.key, 'backup-plan');
      // `none` has no backup tag (StringLike fails), `one` is excluded.
      expect(selected(p)).toEqual([both.key]);
    });

    it('what Resources name and what ListOfTags match are both taken (OR), then the conditions apply', () => {
      const { plan, both, one, none } = scene();
      const sel = tf('aws_backup_selection', 's', {
        plan_id: tfRef('aws_backup_plan.p', 'id'),
        resources: [tfRef('aws_ebs_volume.one', 'arn')],
        selection_tag: [{ type: 'STRINGEQUALS', key: 'tier', value: 'prod' }],
        condition: [{ string_not_equals: [{ key: 'aws:ResourceTag/stage', value: 'trial' }] }],
      });
      const p = get(lift([plan, both, one, none, sel]).model, plan.key, 'backup-plan');
      expect(selected(p).sort()).toEqual([both.key, one.key].sort());
    });

    it('NotResources alone turns "*" into every store but the excluded ones', () => {
      const { plan, both, one, none } = scene();
      const sel = tf('aws_backup_selection', 's', { plan_id: tfRef('aws_backup_plan.p', 'id'), resources: ['*'], not_resources: [tfRef('aws_ebs_volume.none', 'arn')] });
      const p = get(lift([plan, both, one, none, sel]).model, plan.key, 'backup-plan');
      expect(selected(p).sort()).toEqual([both.key, one.key].sort());
      expect(p.selectsAll?.known && p.selectsAll.value).toBe(false);
    });

    it('a condition on a tag whose value is unknown, or an exclusion that cannot be resolved, leaves the selection open', () => {
      const { plan, both } = scene();
      const maybe = tf('aws_ebs_volume', 'maybe', { availability_zone: 'ap-northeast-1a', tags: { backup: unk('var.backup_tier'), tier: 'prod' } });
      const sel = tf('aws_backup_selection', 's', {
        plan_id: tfRef('aws_backup_plan.p', 'id'),
        resources: ['*'],
        condition: [{ string_equals: [{ key: 'aws:ResourceTag/backup', value: 'daily' }, { key: 'aws:ResourceTag/tier', value: 'prod' }] }],
      });
      const p = get(lift([plan, both, maybe, sel]).model, plan.key, 'backup-plan');
      expect(selected(p)).toEqual([both.key, 'unknown']);
      const open = p.selects.known ? p.selects.value.find((l) => !l.known) : undefined;
      expect(open?.known === false && open.cause.inputs).toEqual(['var.backup_tier']);

      const excl = tf('aws_backup_selection', 'x', { plan_id: tfRef('aws_backup_plan.p', 'id'), resources: ['*'], not_resources: [unk('var.excluded_arns')] });
      const q = get(lift([scene().plan, both, excl]).model, plan.key, 'backup-plan');
      expect(selected(q)).toEqual(['unknown']);
    });
  });

  it('CloudFormation: plan rules, vault lock, ListOfTags', () => {
    const vault = cfn('AWS::Backup::BackupVault', 'Vault', { BackupVaultName: 'cfn-vault', LockConfiguration: { MinRetentionDays: 7, ChangeableForDays: 3 }, BackupVaultTags: { 'lg:tenant': 'a' } });
    const plan = cfn('AWS::Backup::BackupPlan', 'Plan', {
      BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'd', TargetBackupVault: cfnRef('Vault'), Lifecycle: { DeleteAfterDays: unk('parameter RetentionDays') } }] },
    });
    const sel = cfn('AWS::Backup::BackupSelection', 'Sel', {
      BackupPlanId: cfnRef('Plan'),
      BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::1:role/b', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'yes' }] },
    });
    const { model } = lift([vault, plan, sel]);
    const v = get(model, vault.key, 'data-store');
    expect(v.immutable).toMatchObject({ value: true });
    expect(v.tags).toMatchObject({ value: { 'lg:tenant': 'a' } });
    const p = get(model, plan.key, 'backup-plan');
    expect(p.retentionDays.known === false && p.retentionDays.cause.inputs).toEqual(['parameter RetentionDays']);
    expect(p.vault).toMatchObject({ value: vault.key });
    expect(p.selectsByTag).toMatchObject({ value: [{ key: 'backup', value: 'yes' }] });
  });
});
