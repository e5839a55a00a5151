// Config items in the shapes the AWS Config resource schema gives
// (awslabs/aws-config-resource-schema) lifted through the CloudFormation
// handlers: the facts the controls read come out as the items say.
import { describe, expect, it } from 'vitest';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';

const origin = { accountId: '111122223333', region: 'ap-northeast-1' };

function lift(items: Record<string, unknown>[]): CloudModel {
  const natives = items.map((i) => nativeOfItem(i, origin)).filter((r): r is NativeResource => r !== undefined);
  const model = new CloudModel();
  liftAws(natives, { model, links: new LinkResolver(natives) });
  return model;
}

describe('Config items through the CloudFormation handlers', () => {
  it('an Aurora cluster spelled `dbclusterIdentifier` / `dbsubnetGroup`, with its member instance', () => {
    const model = lift([
      {
        resourceType: 'AWS::RDS::DBCluster',
        resourceId: 'cluster-ABCDEFGHIJKLMNOPQRSTUVWXY',
        resourceName: 'juki-aurora',
        arn: 'arn:aws:rds:ap-northeast-1:111122223333:cluster:juki-aurora',
        configuration: {
          dbclusterIdentifier: 'juki-aurora',
          engine: 'aurora-postgresql',
          engineMode: 'provisioned',
          storageEncrypted: false,
          backupRetentionPeriod: 3,
          deletionProtection: true,
          dbsubnetGroup: 'juki-db',
          availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
          vpcSecurityGroups: [{ vpcSecurityGroupId: 'sg-0d1e2f3a4b5c6d7e8', status: 'active' }],
          dbclusterMembers: [{ dbinstanceIdentifier: 'juki-aurora-1', isClusterWriter: true }],
        },
      },
      {
        resourceType: 'AWS::RDS::DBInstance',
        resourceId: 'db-QWERTYUIOPASDFGHJKLZXCVBNM',
        resourceName: 'juki-aurora-1',
        arn: 'arn:aws:rds:ap-northeast-1:111122223333:db:juki-aurora-1',
        configuration: { dBInstanceIdentifier: 'juki-aurora-1', dBClusterIdentifier: 'juki-aurora', engine: 'aurora-postgresql', storageEncrypted: false, publiclyAccessible: false, availabilityZone: 'ap-northeast-1a' },
      },
    ]);
    const stores = model.all('data-store');
    // The member instance belongs to its cluster: one store.
    expect(stores.map((s) => s.storeType)).toEqual(['rds-cluster']);
    const c = stores[0]!;
    expect(c.encryption?.known && c.encryption.value.mode).toBe('none');
    expect(c.backupRetentionDays).toMatchObject({ known: true, value: 3 });
    expect(c.deletionProtection).toMatchObject({ known: true, value: true });
    // The member joined its cluster by the identifier, so the cluster knows how many instances it runs.
    expect(c.instanceCount).toMatchObject({ known: true, value: 1 });
  });

  it('an S3 bucket with lifecycle, object lock and a bucket policy from its supplementary configuration', () => {
    const model = lift([
      {
        resourceType: 'AWS::S3::Bucket',
        resourceId: 'juki-archive-111122223333',
        resourceName: 'juki-archive-111122223333',
        arn: 'arn:aws:s3:::juki-archive-111122223333',
        configuration: { name: 'juki-archive-111122223333', owner: { id: 'c0ffee' }, creationDate: '2025-04-01T00:00:00.000Z' },
        supplementaryConfiguration: {
          BucketVersioningConfiguration: '{"status":"Enabled","isMfaDeleteEnabled":null}',
          ServerSideEncryptionConfiguration: '{"rules":[{"applyServerSideEncryptionByDefault":{"sseAlgorithm":"aws:kms","kmsMasterKeyID":"alias/aws/s3"},"bucketKeyEnabled":true}]}',
          PublicAccessBlockConfiguration: '{"blockPublicAcls":true,"ignorePublicAcls":true,"blockPublicPolicy":true,"restrictPublicBuckets":true}',
          ObjectLockConfiguration: '{"objectLockEnabled":"Enabled","rule":{"defaultRetention":{"mode":"COMPLIANCE","days":null,"years":5}}}',
          BucketLifecycleConfiguration: '{"rules":[{"id":"expire-after-5y","status":"Enabled","expirationInDays":1827}]}',
          BucketPolicy: '{"policyText":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Sid\\":\\"DenyInsecureTransport\\",\\"Effect\\":\\"Deny\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"s3:*\\",\\"Resource\\":[\\"arn:aws:s3:::juki-archive-111122223333\\",\\"arn:aws:s3:::juki-archive-111122223333/*\\"],\\"Condition\\":{\\"Bool\\":{\\"aws:SecureTransport\\":\\"false\\"}}}]}"}',
        },
        tags: [{ key: 'lg:classification', value: '3' }],
      },
    ]);
    const b = model.all('data-store').find((s) => s.storeType === 's3-bucket')!;
    expect(b.versioning).toMatchObject({ known: true, value: true });
    expect(b.publicAccessBlocked).toMatchObject({ known: true, value: true });
    expect(b.encryption?.known && b.encryption.value.mode).toBe('provider-managed');
    expect(b.immutable?.known && b.immutable.value).toBe(true);
    expect(b.policy?.known && String(b.policy.value)).toContain('aws:SecureTransport');
    expect(b.tags).toMatchObject({ known: true, value: { 'lg:classification': '3' } });
  });

  it('an AWS Backup plan, its selection by ARN and its vault', () => {
    const dbArn = 'arn:aws:rds:ap-northeast-1:111122223333:db:kyufu-main';
    const model = lift([
      {
        resourceType: 'AWS::RDS::DBInstance',
        resourceId: 'db-3XQ7J2KLM5NPR4T6V8WYZ0AB1C',
        resourceName: 'kyufu-main',
        arn: dbArn,
        configuration: { dBInstanceIdentifier: 'kyufu-main', engine: 'postgres', storageEncrypted: true, backupRetentionPeriod: 7, publiclyAccessible: false },
      },
      {
        resourceType: 'AWS::Backup::BackupVault',
        resourceId: 'kyufu-vault',
        resourceName: 'kyufu-vault',
        arn: 'arn:aws:backup:ap-northeast-1:111122223333:backup-vault:kyufu-vault',
        configuration: { BackupVaultName: 'kyufu-vault', BackupVaultArn: 'arn:aws:backup:ap-northeast-1:111122223333:backup-vault:kyufu-vault', EncryptionKeyArn: 'arn:aws:kms:ap-northeast-1:111122223333:key/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d' },
      },
      {
        resourceType: 'AWS::Backup::BackupPlan',
        resourceId: 'b6f1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        resourceName: 'kyufu-daily',
        arn: 'arn:aws:backup:ap-northeast-1:111122223333:backup-plan:b6f1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        configuration: {
          BackupPlanId: 'b6f1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          VersionId: 'ZGFpbHktdjE=',
          BackupPlan: {
            BackupPlanName: 'kyufu-daily',
            BackupPlanRule: [
              { RuleName: 'daily', TargetBackupVault: 'kyufu-vault', ScheduleExpression: 'cron(0 17 * * ? *)', StartWindowMinutes: 60, CompletionWindowMinutes: 180, Lifecycle: { DeleteAfterDays: 35 } },
              { RuleName: 'monthly', TargetBackupVault: 'kyufu-vault', ScheduleExpression: 'cron(0 18 1 * ? *)', Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 400 } },
            ],
          },
        },
      },
      {
        resourceType: 'AWS::Backup::BackupSelection',
        resourceId: 'c7e8f9a0-1b2c-4d3e-9f4a-5b6c7d8e9f0a',
        resourceName: 'kyufu-databases',
        configuration: {
          BackupPlanId: 'b6f1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          SelectionId: 'c7e8f9a0-1b2c-4d3e-9f4a-5b6c7d8e9f0a',
          BackupSelection: { SelectionName: 'kyufu-databases', IamRoleArn: 'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole', Resources: [dbArn] },
        },
      },
    ]);
    const plan = model.all('backup-plan')[0]!;
    expect(plan.retentionDays).toMatchObject({ known: true, value: 400 });
    const db = model.all('data-store').find((s) => s.storeType === 'rds-instance')!;
    expect(plan.selects.known && plan.selects.value.map((l) => (l.known ? l.value : l.cause.detail))).toEqual([db.id]);
    expect(plan.vault?.known && model.get(plan.vault.value)?.address).toBe('arn:aws:backup:ap-northeast-1:111122223333:backup-vault:kyufu-vault');
  });

  it('an active VPC peering connection joins its two VPCs; one pending acceptance carries nothing', () => {
    const peering = (id: string, code: string) => ({
      resourceType: 'AWS::EC2::VPCPeeringConnection',
      resourceId: id,
      arn: `arn:aws:ec2:ap-northeast-1:111122223333:vpc-peering-connection/${id}`,
      configuration: {
        vpcPeeringConnectionId: id,
        status: { code, message: code === 'active' ? 'Active' : 'Pending Acceptance by 444455556666' },
        requesterVpcInfo: { vpcId: 'vpc-04e7b1c2d3a4f5061', ownerId: '111122223333', region: 'ap-northeast-1', cidrBlock: '10.40.0.0/16' },
        accepterVpcInfo: { vpcId: 'vpc-0a9b8c7d6e5f40321', ownerId: '444455556666', region: 'ap-northeast-1', cidrBlock: '10.90.0.0/16' },
      },
    });
    const model = lift([
      { resourceType: 'AWS::EC2::VPC', resourceId: 'vpc-04e7b1c2d3a4f5061', arn: 'arn:aws:ec2:ap-northeast-1:111122223333:vpc/vpc-04e7b1c2d3a4f5061', configuration: { vpcId: 'vpc-04e7b1c2d3a4f5061', cidrBlock: '10.40.0.0/16', isDefault: false } },
      peering('pcx-0a1b2c3d4e5f60718', 'active'),
      peering('pcx-0f1e2d3c4b5a69788', 'pending-acceptance'),
    ]);
    const connections = model.all('connection');
    expect(connections.map((c) => c.address.split('/').pop())).toEqual(['pcx-0a1b2c3d4e5f60718']);
    const c = connections[0]!;
    expect(c.from.known && model.get(c.from.value)?.address).toBe('arn:aws:ec2:ap-northeast-1:111122223333:vpc/vpc-04e7b1c2d3a4f5061');
    // The peer VPC is another account's: named as the input to supply.
    expect(c.to.known ? c.to.value : c.to.cause.inputs).toEqual(['vpc-0a9b8c7d6e5f40321']);
  });

  it('a launch template whose instances answer IMDSv1', () => {
    const model = lift([
      {
        resourceType: 'AWS::EC2::LaunchTemplate',
        resourceId: 'lt-0a1b2c3d4e5f60718',
        resourceName: 'kyufu-batch',
        arn: 'arn:aws:ec2:ap-northeast-1:111122223333:launch-template/lt-0a1b2c3d4e5f60718',
        configuration: {
          LaunchTemplateName: 'kyufu-batch',
          LaunchTemplateData: { ImageId: 'ami-0d52744d6551d851e', InstanceType: 't3.medium', MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 }, SecurityGroupIds: ['sg-0a1b2c3d4e5f60718'] },
        },
      },
    ]);
    const t = model.all('compute').find((x) => x.computeType === 'launch-template')!;
    expect(t.imdsV2Required).toMatchObject({ known: true, value: false });
  });

  it('a bucket whose access control list grants everyone read, as Config writes it (JSON text twice over)', () => {
    const acl = (grants: object[]) =>
      JSON.stringify(JSON.stringify({ grantSet: null, owner: { displayName: null, id: 'c0ffee' }, grantList: [{ grantee: { id: 'c0ffee', displayName: null }, permission: 'FullControl' }, ...grants] }));
    const item = (name: string, grants: object[]) => ({
      resourceType: 'AWS::S3::Bucket',
      resourceId: name,
      resourceName: name,
      arn: `arn:aws:s3:::${name}`,
      configuration: { name, owner: { id: 'c0ffee' }, creationDate: '2019-02-01T00:00:00.000Z' },
      supplementaryConfiguration: { AccessControlList: acl(grants), BucketPolicy: { policyText: null } },
    });
    const model = lift([item('kyufu-public-notices', [{ grantee: 'AllUsers', permission: 'Read' }]), item('kyufu-private', [])]);
    const publicRead = Object.fromEntries(model.all('data-store').map((s) => [s.address.split(':::')[1], s.publicRead]));
    expect(publicRead['kyufu-public-notices']).toMatchObject({ known: true, value: true });
    expect(publicRead['kyufu-private']).toMatchObject({ known: true, value: false });
  });

  it('a Network Firewall with its policy and domain allow list, read through the links', () => {
    const A = '111122223333';
    const policyArn = `arn:aws:network-firewall:ap-northeast-1:${A}:firewall-policy/kyufu-egress`;
    const groupArn = `arn:aws:network-firewall:ap-northeast-1:${A}:stateful-rulegroup/kyufu-allowed-domains`;
    const model = lift([
      {
        resourceType: 'AWS::NetworkFirewall::Firewall',
        resourceId: 'kyufu-egress-fw',
        resourceName: 'kyufu-egress-fw',
        arn: `arn:aws:network-firewall:ap-northeast-1:${A}:firewall/kyufu-egress-fw`,
        configuration: {
          firewall: { firewallName: 'kyufu-egress-fw', firewallArn: `arn:aws:network-firewall:ap-northeast-1:${A}:firewall/kyufu-egress-fw`, vpcId: 'vpc-04e7b1c2d3a4f5061', firewallPolicyArn: policyArn, subnetMappings: [{ subnetId: 'subnet-0e9f8a7b6c5d4e3f2', iPAddressType: 'IPV4' }], deleteProtection: true },
        },
      },
      {
        resourceType: 'AWS::NetworkFirewall::FirewallPolicy',
        resourceId: 'kyufu-egress',
        resourceName: 'kyufu-egress',
        arn: policyArn,
        configuration: {
          firewallPolicy: {
            statelessDefaultActions: ['aws:forward_to_sfe'],
            statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
            statefulDefaultActions: ['aws:drop_established'],
            statefulEngineOptions: { ruleOrder: 'STRICT_ORDER' },
            statefulRuleGroupReferences: [{ resourceArn: groupArn, priority: 10 }],
          },
          firewallPolicyResponse: { firewallPolicyName: 'kyufu-egress', firewallPolicyArn: policyArn },
        },
      },
      {
        resourceType: 'AWS::NetworkFirewall::RuleGroup',
        resourceId: 'kyufu-allowed-domains',
        resourceName: 'kyufu-allowed-domains',
        arn: groupArn,
        configuration: {
          ruleGroup: { rulesSource: { rulesSourceList: { generatedRulesType: 'ALLOWLIST', targetTypes: ['TLS_SNI', 'HTTP_HOST'], targets: ['.amazonaws.com', 'www.lg.jp'] } }, statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' } },
          ruleGroupResponse: { ruleGroupName: 'kyufu-allowed-domains', ruleGroupArn: groupArn, type: 'STATEFUL', capacity: 100 },
        },
      },
    ]);
    const fw = model.all('firewall')[0]!;
    expect(fw.nativeType).toBe('AWS::NetworkFirewall::Firewall');
    expect(fw.defaultDeny).toMatchObject({ known: true, value: true });
    expect(fw.domainRules.known && fw.domainRules.value.map((r) => [r.action, r.domains])).toEqual([['allow', ['.amazonaws.com', 'www.lg.jp']]]);
  });
});
