import { describe, expect, it } from 'vitest';
import { nativeOfItem } from '../../../../src/live/aws/to-native.js';
import { notJudgedTypes } from '../../../../src/results/not-judged.js';
import { cfn, cfnRef, tf, tfRef, unk } from './builder.js';
import type { Fact } from '../../../../src/model/fact.js';
import { get, liftAll } from './harness.js';

const inputsOf = (f: Fact<unknown> | undefined) => (f && !f.known ? f.cause.inputs : undefined);

const tfNetwork = [
  tf('aws_vpc', 'mn', { cidr_block: '10.20.0.0/16', tags: { 'lg:segment': 'mynumber' } }),
  tf('aws_subnet', 'app_a', { vpc_id: tfRef('aws_vpc.mn', 'id'), cidr_block: '10.20.1.0/24', availability_zone: 'ap-northeast-1a' }),
  tf('aws_subnet', 'app_c', { vpc_id: tfRef('aws_vpc.mn', 'id'), cidr_block: '10.20.2.0/24', availability_zone: 'ap-northeast-1c' }),
  tf('aws_security_group', 'eks', { vpc_id: tfRef('aws_vpc.mn', 'id') }),
];
const cfnNetwork = [
  cfn('AWS::EC2::VPC', 'Vpc', { CidrBlock: '10.30.0.0/16' }),
  cfn('AWS::EC2::Subnet', 'PrivateSubnetA', { VpcId: cfnRef('Vpc'), CidrBlock: '10.30.1.0/24' }),
];

describe('EKS clusters (Terraform)', () => {
  it('defaults: the public endpoint is on and admits 0.0.0.0/0; the cluster sits in its subnets', () => {
    const { model, unlifted } = liftAll([
      ...tfNetwork,
      tf('aws_eks_cluster', 'juki', {
        name: 'eks-juki',
        role_arn: unk('aws_iam_role.eks.arn'),
        vpc_config: [{ subnet_ids: [tfRef('aws_subnet.app_a', 'id'), tfRef('aws_subnet.app_c', 'id')] }],
      }),
    ]);
    expect(notJudgedTypes(unlifted)).toEqual([]);
    const c = get(model, '.#aws_eks_cluster.juki', 'compute');
    expect(c.computeType).toBe('eks-cluster');
    expect(c.subnets).toMatchObject({ value: [{ value: '.#aws_subnet.app_a' }, { value: '.#aws_subnet.app_c' }] });
    expect(c.publicNetworkAccess).toMatchObject({ value: true, defaulted: true });
    expect(c.publicFirewall).toMatchObject({ value: 'allows-all', defaulted: true });
    expect(c.securityGroups).toBeUndefined();
  });

  it('a private endpoint only; narrowed CIDRs; CIDRs from a variable', () => {
    const { model } = liftAll([
      ...tfNetwork,
      tf('aws_eks_cluster', 'private', { name: 'p', vpc_config: [{ subnet_ids: [], endpoint_private_access: true, endpoint_public_access: false }] }),
      tf('aws_eks_cluster', 'office', {
        name: 'o',
        vpc_config: [{ subnet_ids: [], security_group_ids: [tfRef('aws_security_group.eks', 'id')], public_access_cidrs: ['203.0.113.0/28'] }],
      }),
      tf('aws_eks_cluster', 'anywhere', { name: 'a', vpc_config: [{ subnet_ids: [], public_access_cidrs: ['203.0.113.0/28', '0.0.0.0/0'] }] }),
      tf('aws_eks_cluster', 'input', { name: 'i', vpc_config: [{ subnet_ids: [], public_access_cidrs: unk('var.api_cidrs') }] }),
    ]);
    expect(get(model, '.#aws_eks_cluster.private', 'compute').publicNetworkAccess).toMatchObject({ value: false });
    const office = get(model, '.#aws_eks_cluster.office', 'compute');
    expect(office.publicNetworkAccess).toMatchObject({ value: true, defaulted: true });
    expect(office.publicFirewall).toMatchObject({ value: 'admits-ranges' });
    expect(office.securityGroups).toMatchObject({ value: [{ value: '.#aws_security_group.eks' }] });
    expect(get(model, '.#aws_eks_cluster.anywhere', 'compute').publicFirewall).toMatchObject({ value: 'allows-all' });
    expect(inputsOf(get(model, '.#aws_eks_cluster.input', 'compute').publicFirewall)).toEqual(['var.api_cidrs']);
  });

  it('a vpc_config from an unknown dynamic value leaves the subnets and the endpoint unknown', () => {
    const { model } = liftAll([tf('aws_eks_cluster', 'dyn', { name: 'd', vpc_config: unk('var.vpc_config') })]);
    const c = get(model, '.#aws_eks_cluster.dyn', 'compute');
    expect(inputsOf(c.subnets)).toEqual(['var.vpc_config']);
    expect(inputsOf(c.publicNetworkAccess)).toEqual(['var.vpc_config']);
  });
});

describe('EKS clusters (CloudFormation)', () => {
  it('ResourcesVpcConfig: public access from a parameter; a private cluster', () => {
    const { model, unlifted } = liftAll([
      ...cfnNetwork,
      cfn('AWS::EKS::Cluster', 'Cluster', {
        ResourcesVpcConfig: { SubnetIds: [cfnRef('PrivateSubnetA')], EndpointPublicAccess: unk('Parameter EndpointPublic'), EndpointPrivateAccess: true },
      }),
      cfn('AWS::EKS::Cluster', 'Closed', { ResourcesVpcConfig: { SubnetIds: [cfnRef('PrivateSubnetA')], EndpointPublicAccess: false, EndpointPrivateAccess: true } }),
    ]);
    expect(unlifted).toEqual([]);
    const open = get(model, 'template.yaml#Cluster', 'compute');
    expect(open.subnets).toMatchObject({ value: [{ value: 'template.yaml#PrivateSubnetA' }] });
    expect(inputsOf(open.publicNetworkAccess)).toEqual(['Parameter EndpointPublic']);
    expect(get(model, 'template.yaml#Closed', 'compute').publicNetworkAccess).toMatchObject({ value: false });
  });
});

describe('EKS clusters (AWS Config items)', () => {
  it('the item, in CloudFormation shape, gives the same cluster: subnets by ID, the public endpoint and its CIDRs', () => {
    const origin = { accountId: '111122223333', region: 'ap-northeast-1' };
    const items: Record<string, unknown>[] = [
      {
        resourceType: 'AWS::EC2::Subnet',
        resourceId: 'subnet-0a1b2c3d4e5f60718',
        arn: 'arn:aws:ec2:ap-northeast-1:111122223333:subnet/subnet-0a1b2c3d4e5f60718',
        configuration: { subnetId: 'subnet-0a1b2c3d4e5f60718', vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.20.1.0/24', availabilityZone: 'ap-northeast-1a' },
      },
      {
        resourceType: 'AWS::EKS::Cluster',
        resourceId: 'eks-juki-prd',
        resourceName: 'eks-juki-prd',
        arn: 'arn:aws:eks:ap-northeast-1:111122223333:cluster/eks-juki-prd',
        configuration: {
          Name: 'eks-juki-prd',
          ResourcesVpcConfig: {
            SubnetIds: ['subnet-0a1b2c3d4e5f60718'],
            EndpointPublicAccess: true,
            EndpointPrivateAccess: true,
            PublicAccessCidrs: ['203.0.113.0/28'],
          },
        },
        tags: { 'lg:segment': 'mynumber' },
      },
    ];
    const natives = items.map((i) => nativeOfItem(i, origin)).filter((r): r is NonNullable<typeof r> => r !== undefined);
    const { model, unlifted } = liftAll(natives);
    expect(unlifted.map((r) => r.type)).not.toContain('AWS::EKS::Cluster');
    const c = model.all('compute').find((x) => x.computeType === 'eks-cluster')!;
    expect(c.address).toBe('arn:aws:eks:ap-northeast-1:111122223333:cluster/eks-juki-prd');
    expect(c.tags).toMatchObject({ value: { 'lg:segment': 'mynumber' } });
    expect(c.subnets.known && c.subnets.value.map((l) => l.known && model.get(l.value)?.nativeType)).toEqual(['AWS::EC2::Subnet']);
    expect(c.publicNetworkAccess).toMatchObject({ value: true });
    expect(c.publicFirewall).toMatchObject({ value: 'admits-ranges' });
  });
});
