// Names are unique only within an account and region: two accounts of an
// aggregator both have a DB subnet group `kyufu-db-subnets`, and each
// database belongs to the group of its own account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const CLOSED = '310000000001';
const OPEN = '310000000002';
const REGION = 'ap-northeast-1';

function item(account: string, resourceType: string, resourceId: string, arn: string, configuration: object, tags: { key: string; value: string }[] = []) {
  return { accountId: account, awsRegion: REGION, arn, resourceType, resourceId, resourceName: resourceId, configurationItemStatus: 'OK', configuration, supplementaryConfiguration: {}, tags };
}

function network(account: string, vpcId: string, subnetId: string, cidr: string, segment: string) {
  const tags = [{ key: 'lg:segment', value: segment }];
  return [
    item(account, 'AWS::EC2::VPC', vpcId, `arn:aws:ec2:${REGION}:${account}:vpc/${vpcId}`, { vpcId, cidrBlock: cidr, isDefault: false, cidrBlockAssociationSet: [{ cidrBlock: cidr, cidrBlockState: { state: 'associated' } }], ipv6CidrBlockAssociationSet: [] }, tags),
    item(account, 'AWS::EC2::Subnet', subnetId, `arn:aws:ec2:${REGION}:${account}:subnet/${subnetId}`, { subnetId, vpcId, cidrBlock: cidr.replace('/16', '/24'), availabilityZone: `${REGION}a`, mapPublicIpOnLaunch: false, ipv6CidrBlockAssociationSet: [] }),
    item(account, 'AWS::RDS::DBSubnetGroup', 'kyufu-db-subnets', `arn:aws:rds:${REGION}:${account}:subgrp:kyufu-db-subnets`, {
      dBSubnetGroupName: 'kyufu-db-subnets',
      vpcId,
      subnetGroupStatus: 'Complete',
      subnets: [{ subnetIdentifier: subnetId, subnetAvailabilityZone: { name: `${REGION}a` }, subnetStatus: 'Active' }],
    }),
  ];
}

const db = item(CLOSED, 'AWS::RDS::DBInstance', 'db-KYUFU0PUBLIC0000000000000A', `arn:aws:rds:${REGION}:${CLOSED}:db:kyufu-db`, {
  dBInstanceIdentifier: 'kyufu-db',
  engine: 'postgres',
  publiclyAccessible: true,
  multiAZ: true,
  storageEncrypted: false,
  dBSubnetGroup: { dBSubnetGroupName: 'kyufu-db-subnets', vpcId: 'vpc-0c10sed00000000a1' },
});

let fake: FakeAws;
beforeAll(async () => {
  // The open account's group is read last, so a name looked up without its account finds it.
  fake = await startFakeAws({
    account: CLOSED,
    items: [db, ...network(CLOSED, 'vpc-0c10sed00000000a1', 'subnet-0c10sed0000000a1', '10.31.0.0/16', 'mynumber'), ...network(OPEN, 'vpc-0open000000000b1', 'subnet-0open00000000b1', '10.32.0.0/16', 'internet')],
    pageSize: 10,
  });
});
afterAll(() => fake.close());

describe('names across the accounts of an aggregator', () => {
  it('a public database of the My Number account is judged in its own account’s subnet group', async () => {
    let out = '';
    await runScanAws(
      { region: [REGION], aggregator: 'gcas-org', format: 'json', lang: 'en', quiet: true, failOn: 'high' },
      { stdout: (t) => (out += t), stderr: () => undefined },
      { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
    );
    const doc = JSON.parse(out) as { findings: { controlId: string; status: string; resource: { address: string }; evidence?: { segment?: string } }[] };
    const exposure = doc.findings.filter((f) => f.controlId === 'LG-3.3' && f.resource.address.endsWith(':db:kyufu-db'));
    expect(exposure.map((f) => [f.status, f.evidence?.segment])).toEqual([['fail', 'mynumber']]);
  });
});
