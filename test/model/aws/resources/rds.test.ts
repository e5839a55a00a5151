import { describe, expect, it } from 'vitest';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import { get, lift, liftAll } from './harness.js';

describe('RDS from Terraform', () => {
  it('a bare DB instance: unencrypted, single-AZ, 1 day of backups, not public, no deletion protection', () => {
    const db = tf('aws_db_instance', 'juki', { identifier: 'juki-db', engine: 'postgres', password: 'Passw0rd!' });
    const s = get(lift([db]).model, db.key, 'data-store');
    expect(s.storeType).toBe('rds-instance');
    expect(s.name).toMatchObject({ value: 'juki-db' });
    expect(s.encryption).toMatchObject({ value: { mode: 'none' }, defaulted: true });
    expect(s.multiZone).toMatchObject({ value: false, defaulted: true });
    expect(s.backupRetentionDays).toMatchObject({ value: 1, defaulted: true });
    expect(s.publiclyAccessible).toMatchObject({ value: false, defaulted: true });
    expect(s.deletionProtection).toMatchObject({ value: false, defaulted: true });
    expect(s.accessLogging).toMatchObject({ value: false, defaulted: true });
    expect(s.literalSecrets).toEqual([{ attribute: 'password', loc: db.attrs.fields.password.loc }]);
    expect(s.subnets?.known === false && s.subnets.cause.inputs).toEqual(['default VPC']);
  });

  it('reads a hardened instance with its subnet group and security groups', () => {
    const k = tf('aws_kms_key', 'db', {});
    const g = tf('aws_db_subnet_group', 'db', { name: 'juki-db', subnet_ids: [tfRef('aws_subnet.a', 'id'), tfRef('aws_subnet.c', 'id')] });
    const db = tf('aws_db_instance', 'juki', {
      identifier: 'juki',
      storage_encrypted: true,
      kms_key_id: tfRef('aws_kms_key.db', 'arn'),
      multi_az: true,
      backup_retention_period: 14,
      deletion_protection: true,
      publicly_accessible: false,
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
      manage_master_user_password: true,
      db_subnet_group_name: 'juki-db',
      vpc_security_group_ids: [tfRef('aws_security_group.db', 'id')],
    });
    const a = tf('aws_subnet', 'a', {});
    const c = tf('aws_subnet', 'c', {});
    const sg = tf('aws_security_group', 'db', {});
    const s = get(lift([db, g, k, a, c, sg]).model, db.key, 'data-store');
    expect(s.encryption).toMatchObject({ value: { mode: 'customer-managed', key: { value: k.key } } });
    expect(s.multiZone).toMatchObject({ value: true, loc: db.attrs.fields.multi_az.loc });
    expect(s.backupRetentionDays).toMatchObject({ value: 14 });
    expect(s.deletionProtection).toMatchObject({ value: true });
    expect(s.accessLogging).toMatchObject({ value: true });
    expect(s.literalSecrets).toBeUndefined();
    expect(s.subnets).toMatchObject({ value: [{ value: a.key }, { value: c.key }] });
    expect(s.securityGroups).toMatchObject({ value: [{ value: sg.key }] });
  });

  it('a password from an unset variable or another resource is not a literal; a replica inherits encryption', () => {
    const db = tf('aws_db_instance', 'a', { password: unk('var.db_password') });
    const r = tf('aws_db_instance', 'replica', { replicate_source_db: tfRef('aws_db_instance.a', 'identifier') });
    const { model } = lift([db, r]);
    expect(get(model, db.key, 'data-store').literalSecrets).toBeUndefined();
    const rep = get(model, r.key, 'data-store');
    expect(rep.encryption?.known === false && rep.encryption.cause.inputs).toEqual(['replicate_source_db']);
    expect(rep.backupRetentionDays).toMatchObject({ value: 0, defaulted: true });
  });

  it('Aurora clusters count their instances; storage encrypted with the AWS managed key', () => {
    const cl = tf('aws_rds_cluster', 'main', {
      cluster_identifier: 'main',
      engine: 'aurora-postgresql',
      storage_encrypted: true,
      master_password: 'literal-secret',
    });
    const i0 = tf('aws_rds_cluster_instance', 'main[0]', { cluster_identifier: tfRef('aws_rds_cluster.main', 'id') });
    const i1 = tf('aws_rds_cluster_instance', 'main[1]', { cluster_identifier: 'main', publicly_accessible: true });
    const { model } = lift([i0, cl, i1]);
    const s = get(model, cl.key, 'data-store');
    expect(s.storeType).toBe('rds-cluster');
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed', keyText: 'alias/aws/rds' } });
    expect(s.instanceCount).toMatchObject({ value: 2 });
    expect(s.multiZone).toMatchObject({ value: true });
    expect(s.publiclyAccessible).toMatchObject({ value: true, loc: i1.attrs.fields.publicly_accessible.loc });
    expect(s.backupRetentionDays).toMatchObject({ value: 1, defaulted: true });
    expect(s.literalSecrets?.map((x) => x.attribute)).toEqual(['master_password']);
  });

  it('a single Aurora instance is not multi-zone; an instance under an unknown count leaves the count unknown', () => {
    const cl = tf('aws_rds_cluster', 'one', { cluster_identifier: 'one' });
    const i0 = tf('aws_rds_cluster_instance', 'one', { cluster_identifier: tfRef('aws_rds_cluster.one', 'id') });
    expect(get(lift([cl, i0]).model, cl.key, 'data-store').multiZone).toMatchObject({ value: false });
    const i1 = tf('aws_rds_cluster_instance', 'maybe', { cluster_identifier: tfRef('aws_rds_cluster.one', 'id') });
    i1.conditional = { inputs: ['var.replicas'], detail: 'count is not known' };
    const s = get(lift([cl, i0, i1]).model, cl.key, 'data-store');
    expect(s.instanceCount?.known === false && s.instanceCount.cause.inputs).toEqual(['var.replicas']);
  });

  it('Multi-AZ DB clusters run three instances', () => {
    const cl = tf('aws_rds_cluster', 'maz', { engine: 'postgres', db_cluster_instance_class: 'db.r6gd.large' });
    const s = get(lift([cl]).model, cl.key, 'data-store');
    expect(s.instanceCount).toMatchObject({ value: 3 });
    expect(s.multiZone).toMatchObject({ value: true });
  });

  it('DB snapshots take the encryption of their database; sharing with all is public', () => {
    const db = tf('aws_db_instance', 'a', { identifier: 'a', storage_encrypted: true });
    const snap = tf('aws_db_snapshot', 'a', { db_instance_identifier: tfRef('aws_db_instance.a', 'identifier'), shared_accounts: ['all'] });
    const s = get(lift([snap, db]).model, snap.key, 'data-store');
    expect(s.snapshotOf).toMatchObject({ value: db.key });
    expect(s.encryption).toMatchObject({ value: { mode: 'provider-managed' } });
    expect(s.publicRead).toMatchObject({ value: true });
  });
});

describe('RDS from CloudFormation', () => {
  const vpc = cfn('AWS::EC2::VPC', 'Vpc', { CidrBlock: '10.0.0.0/16' });
  const sa = cfn('AWS::EC2::Subnet', 'SubnetA', { VpcId: cfnRef('Vpc'), CidrBlock: '10.0.1.0/24' });
  const sb = cfn('AWS::EC2::Subnet', 'SubnetB', { VpcId: cfnRef('Vpc'), CidrBlock: '10.0.2.0/24' });
  const group = cfn('AWS::RDS::DBSubnetGroup', 'DbSubnets', { DBSubnetGroupDescription: 'db', SubnetIds: [cfnRef('SubnetA'), cfnRef('SubnetB')] });
  const igw = cfn('AWS::EC2::InternetGateway', 'Igw', {});
  const attach = cfn('AWS::EC2::VPCGatewayAttachment', 'IgwAttach', { VpcId: cfnRef('Vpc'), InternetGatewayId: cfnRef('Igw') });

  it('without PubliclyAccessible a DB instance is public when its VPC has an internet gateway', () => {
    const db = cfn('AWS::RDS::DBInstance', 'Db', {
      DBSubnetGroupName: cfnRef('DbSubnets'),
      StorageEncrypted: true,
      KmsKeyId: unk('parameter DbKeyArn'),
      MasterUserPassword: '{{resolve:secretsmanager:juki-db:SecretString:password}}',
    });
    const closed = liftAll([vpc, sa, sb, group, db]).model;
    expect(get(closed, db.key, 'data-store').publiclyAccessible).toMatchObject({ value: false, defaulted: true });
    const open = liftAll([vpc, sa, sb, group, igw, attach, db]).model;
    const s = get(open, db.key, 'data-store');
    expect(s.publiclyAccessible).toMatchObject({ value: true, defaulted: true });
    expect(s.subnets).toMatchObject({ value: [{ value: sa.key }, { value: sb.key }] });
    expect(s.encryption?.known === false && s.encryption.cause.inputs).toEqual(['parameter DbKeyArn']);
    expect(s.literalSecrets).toBeUndefined();
  });

  it('Aurora: DBInstances of a cluster count towards it instead of being stores', () => {
    const cl = cfn('AWS::RDS::DBCluster', 'Cluster', {
      Engine: 'aurora-mysql',
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      DeletionProtection: true,
      MasterUserPassword: 'hunter22',
      DBSubnetGroupName: cfnRef('DbSubnets'),
    });
    const w = cfn('AWS::RDS::DBInstance', 'Writer', { DBClusterIdentifier: cfnRef('Cluster'), PubliclyAccessible: false });
    const rd = cfn('AWS::RDS::DBInstance', 'Reader', { DBClusterIdentifier: cfnRef('Cluster') });
    const { model } = liftAll([vpc, sa, sb, group, cl, w, rd]);
    expect(model.get(w.key)).toBeUndefined();
    const s = get(model, cl.key, 'data-store');
    expect(s.instanceCount).toMatchObject({ value: 2 });
    expect(s.backupRetentionDays).toMatchObject({ value: 7 });
    expect(s.deletionProtection).toMatchObject({ value: true });
    expect(s.publiclyAccessible).toMatchObject({ value: false });
    expect(s.literalSecrets?.map((x) => x.attribute)).toEqual(['MasterUserPassword']);
  });
});

describe('RDS copies in other regions', () => {
  it('automated backups replicated to Osaka and a cross-region read replica add regions; a same-region replica does not', () => {
    const db = tf('aws_db_instance', 'main', { identifier: 'main' }, { region: 'ap-northeast-1' });
    const rep = tf('aws_db_instance_automated_backups_replication', 'dr', { source_db_instance_arn: tfRef('aws_db_instance.main', 'arn') }, { region: 'ap-northeast-3' });
    const local = tf('aws_db_instance', 'read', { replicate_source_db: tfRef('aws_db_instance.main', 'identifier') }, { region: 'ap-northeast-1' });
    const { model } = lift([db, rep, local]);
    expect(get(model, db.key, 'data-store').replicationRegions).toMatchObject({ value: ['ap-northeast-3'] });
    const bare = get(lift([db]).model, db.key, 'data-store');
    expect(bare.replicationRegions).toMatchObject({ value: [], defaulted: true });
  });
});

describe('RDS read replicas are copies of their source', () => {
  it('replicate_source_db by reference or by ARN links the source; a source outside the scan is unknown', () => {
    const db = tf('aws_db_instance', 'main', { identifier: 'juki-main' });
    const read = tf('aws_db_instance', 'read', { replicate_source_db: tfRef('aws_db_instance.main', 'identifier') });
    const dr = tf('aws_db_instance', 'dr', { replicate_source_db: 'arn:aws:rds:ap-northeast-1:111122223333:db:juki-main' }, { region: 'ap-northeast-3' });
    const stray = tf('aws_db_instance', 'stray', { replicate_source_db: 'elsewhere' });
    const { model } = lift([read, dr, stray, db]);
    expect(get(model, read.key, 'data-store').replicaOf).toEqual({ known: true, value: db.key, loc: read.attrs.fields.replicate_source_db.loc });
    expect(get(model, dr.key, 'data-store').replicaOf).toMatchObject({ known: true, value: db.key });
    const s = get(model, stray.key, 'data-store').replicaOf;
    expect(s?.known === false && s.cause.inputs).toEqual(['elsewhere']);
    expect(get(model, db.key, 'data-store').replicaOf).toBeUndefined();
  });

  it('CloudFormation SourceDBInstanceIdentifier links the source instance', () => {
    const db = cfn('AWS::RDS::DBInstance', 'Main', { DBInstanceIdentifier: 'main' });
    const read = cfn('AWS::RDS::DBInstance', 'Read', { SourceDBInstanceIdentifier: cfnRef('Main') });
    const s = get(lift([db, read]).model, read.key, 'data-store');
    expect(s.replicaOf).toMatchObject({ known: true, value: db.key });
    expect(s.backupRetentionDays).toMatchObject({ value: 0, defaulted: true });
  });
});
