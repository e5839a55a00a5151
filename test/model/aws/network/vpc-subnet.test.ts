import { describe, expect, it } from 'vitest';
import { Scan, locOf, refTo, unknownInput } from './scan-builder.js';

describe('VPCs', () => {
  it('lifts a Terraform VPC with its block, tags and IPv6 flag', () => {
    const s = new Scan('ap-northeast-1');
    const vpc = s.tf('aws_vpc', 'mn', {
      cidr_block: '10.10.0.0/16',
      assign_generated_ipv6_cidr_block: true,
      tags: { Name: 'mn-vpc', 'lg:segment': 'mynumber' },
    });
    const { model } = s.lift();
    const n = model.getOf(vpc.key, 'network');
    expect(n?.cidrs).toEqual({ known: true, value: ['10.10.0.0/16'], loc: locOf(vpc, 'cidr_block') });
    expect(n?.ipv6Enabled).toMatchObject({ known: true, value: true, loc: locOf(vpc, 'assign_generated_ipv6_cidr_block') });
    expect(n?.tags).toMatchObject({ known: true, value: { 'lg:segment': 'mynumber' } });
    expect(n?.region).toMatchObject({ known: true, value: 'ap-northeast-1', defaulted: true });
    expect(n?.isDefault).toBeUndefined();
  });

  it('reports a block drawn from an IPAM pool as unknown, naming the pool attribute', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'ipam', { ipv4_ipam_pool_id: unknownInput('var.pool_id'), ipv4_netmask_length: 20 });
    const n = s.lift().model.getOf(vpc.key, 'network');
    expect(n?.cidrs.known).toBe(false);
    const cidrs = n?.cidrs;
    if (cidrs && !cidrs.known) expect(cidrs.cause.inputs).toEqual(['ipv4_ipam_pool_id']);
    expect(n?.ipv6Enabled).toMatchObject({ known: true, value: false, defaulted: true });
  });

  it('has IPv6 when it draws a block from a pool the scan creates; a pool an unset variable names leaves it unknown', () => {
    const s = new Scan();
    const pool = s.tf('aws_vpc_ipam_pool', 'v6', { address_family: 'ipv6', locale: 'ap-northeast-1' });
    const pooled = s.tf('aws_vpc', 'pooled', { cidr_block: '10.20.0.0/16', ipv6_ipam_pool_id: refTo(pool), ipv6_netmask_length: 56 });
    const open = s.tf('aws_vpc', 'open', { cidr_block: '10.21.0.0/16', ipv6_ipam_pool_id: unknownInput('var.ipv6_pool_id'), ipv6_netmask_length: 56 });
    const { model } = s.lift();
    expect(model.getOf(pooled.key, 'network')?.ipv6Enabled).toEqual({ known: true, value: true, loc: locOf(pooled, 'ipv6_ipam_pool_id') });
    const f = model.getOf(open.key, 'network')?.ipv6Enabled;
    expect(f).toMatchObject({ known: false, cause: { inputs: ['var.ipv6_pool_id'] } });
  });

  it('gives the default VPC its fixed block and marks it default', () => {
    const s = new Scan();
    const vpc = s.tf('aws_default_vpc', 'default', {});
    const n = s.lift().model.getOf(vpc.key, 'network');
    expect(n?.isDefault).toBe(true);
    expect(n?.cidrs).toMatchObject({ known: true, value: ['172.31.0.0/16'], defaulted: true });
  });

  it('adds secondary blocks from Terraform associations and CloudFormation VPCCidrBlock', () => {
    const s = new Scan();
    const tfVpc = s.tf('aws_vpc', 'a', { cidr_block: '10.0.0.0/16' });
    s.tf('aws_vpc_ipv4_cidr_block_association', 'extra', { vpc_id: refTo(tfVpc), cidr_block: '100.64.0.0/16' });
    s.tf('aws_vpc_ipv6_cidr_block_association', 'v6', { vpc_id: refTo(tfVpc), ipv6_ipam_pool_id: 'ipam-pool-1' });
    const cfnVpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' });
    s.cfn('Ipv6Block', 'AWS::EC2::VPCCidrBlock', { VpcId: refTo(cfnVpc, 'Ref'), AmazonProvidedIpv6CidrBlock: true });
    s.cfn('Secondary', 'AWS::EC2::VPCCidrBlock', { VpcId: refTo(cfnVpc, 'Ref'), CidrBlock: unknownInput('parameter SecondaryCidr') });
    const { model } = s.lift();
    const a = model.getOf(tfVpc.key, 'network');
    expect(a?.cidrs).toMatchObject({ known: true, value: ['10.0.0.0/16', '100.64.0.0/16'] });
    expect(a?.ipv6Enabled).toMatchObject({ known: true, value: true });
    const b = model.getOf(cfnVpc.key, 'network');
    expect(b?.ipv6Enabled).toMatchObject({ known: true, value: true });
    expect(b?.cidrs.known).toBe(false);
    if (b && !b.cidrs.known) expect(b.cidrs.cause.inputs).toEqual(['parameter SecondaryCidr']);
  });

  it('leaves IPv6 unknown, naming the condition, when the block is associated only under an unresolved condition', () => {
    const s = new Scan();
    const tfVpc = s.tf('aws_vpc', 'a', { cidr_block: '10.0.0.0/16' });
    const tfBlock = s.tf('aws_vpc_ipv6_cidr_block_association', 'v6', { vpc_id: refTo(tfVpc), ipv6_ipam_pool_id: 'ipam-pool-1' });
    tfBlock.conditional = { inputs: ['var.enable_ipv6'], detail: 'count depends on var.enable_ipv6' };
    const cfnVpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' });
    const cfnBlock = s.cfn('Ipv6Block', 'AWS::EC2::VPCCidrBlock', { VpcId: refTo(cfnVpc, 'Ref'), AmazonProvidedIpv6CidrBlock: true });
    cfnBlock.conditional = { inputs: ['parameter EnableIpv6'], detail: 'condition UseIpv6 depends on parameter EnableIpv6' };
    const { model } = s.lift();
    expect(model.getOf(tfVpc.key, 'network')?.ipv6Enabled).toEqual({ known: false, cause: tfBlock.conditional, loc: tfBlock.loc });
    expect(model.getOf(cfnVpc.key, 'network')?.ipv6Enabled).toMatchObject({ known: false, cause: cfnBlock.conditional });
  });

  it('leaves the IPv4 blocks unknown, naming the condition, when a secondary block is associated only under one the VPC does not share', () => {
    const s = new Scan();
    const tfVpc = s.tf('aws_vpc', 'a', { cidr_block: '10.0.0.0/16' });
    const tfBlock = s.tf('aws_vpc_ipv4_cidr_block_association', 'extra', { vpc_id: refTo(tfVpc), cidr_block: '100.64.0.0/16' });
    tfBlock.conditional = { inputs: ['var.enable_pod_range'], detail: 'count depends on var.enable_pod_range' };
    const cfnVpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' });
    const cfnBlock = s.cfn('Secondary', 'AWS::EC2::VPCCidrBlock', { VpcId: refTo(cfnVpc, 'Ref'), CidrBlock: '10.201.0.0/16' });
    cfnBlock.conditional = { inputs: ['parameter AddSecondary'], detail: 'condition HasSecondary depends on parameter AddSecondary' };
    // A VPC and its block counted over the same condition exist together.
    const both = s.cfn('Both', 'AWS::EC2::VPC', { CidrBlock: '10.2.0.0/16' });
    both.conditional = cfnBlock.conditional;
    const bothBlock = s.cfn('BothSecondary', 'AWS::EC2::VPCCidrBlock', { VpcId: refTo(both, 'Ref'), CidrBlock: '10.202.0.0/16' });
    bothBlock.conditional = cfnBlock.conditional;
    const { model } = s.lift();
    expect(model.getOf(tfVpc.key, 'network')?.cidrs).toMatchObject({ known: false, cause: { inputs: ['var.enable_pod_range'] } });
    expect(model.getOf(cfnVpc.key, 'network')?.cidrs).toMatchObject({ known: false, cause: { inputs: ['parameter AddSecondary'] } });
    expect(model.getOf(both.key, 'network')?.cidrs).toMatchObject({ known: true, value: ['10.2.0.0/16', '10.202.0.0/16'] });
  });

  it('turns CloudFormation Tags lists into maps', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', {
      CidrBlock: '10.2.0.0/16',
      Tags: [
        { Key: 'Name', Value: 'lgwan' },
        { Key: 'lg:segment', Value: 'lgwan' },
      ],
    });
    const n = s.lift().model.getOf(vpc.key, 'network');
    expect(n?.tags).toMatchObject({ known: true, value: { Name: 'lgwan', 'lg:segment': 'lgwan' } });
    expect(n?.source).toBe('cloudformation');
    expect(n?.address).toBe('Vpc');
  });
});

describe('sources', () => {
  it('lifts Terraform plan resources like HCL ones and leaves AWS Config items to a later lifter', () => {
    const s = new Scan();
    const planned = s.tf('aws_vpc', 'planned', { cidr_block: '10.3.0.0/16', tags: null }, 'terraform-plan');
    const config = s.tf('AWS::EC2::VPC', 'live', { cidrBlock: '10.4.0.0/16' }, 'aws-config');
    const { model, unlifted } = s.lift();
    expect(model.getOf(planned.key, 'network')).toMatchObject({ source: 'terraform-plan', cidrs: { value: ['10.3.0.0/16'] }, tags: { value: {} } });
    expect(model.get(config.key)).toBeUndefined();
    expect(unlifted).toEqual([config]);
  });
});

describe('subnets', () => {
  it('links the VPC and reads block, zone and public IP mapping from Terraform', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const sub = s.tf('aws_subnet', 'app', {
      vpc_id: refTo(vpc),
      cidr_block: '10.0.1.0/24',
      availability_zone: 'ap-northeast-1a',
      map_public_ip_on_launch: true,
    });
    const subnet = s.lift().model.getOf(sub.key, 'subnet');
    expect(subnet?.network).toEqual({ known: true, value: vpc.key, loc: locOf(sub, 'vpc_id') });
    expect(subnet?.cidr).toMatchObject({ known: true, value: '10.0.1.0/24' });
    expect(subnet?.zone).toEqual({ known: true, value: 'ap-northeast-1a', loc: locOf(sub, 'availability_zone') });
    expect(subnet?.mapPublicIpOnLaunch).toMatchObject({ known: true, value: true, loc: locOf(sub, 'map_public_ip_on_launch') });
    expect(subnet?.routeTable).toMatchObject({ known: true, value: null, defaulted: true });
    expect(subnet?.ipv6Cidr).toMatchObject({ known: true, value: null, defaulted: true });
  });

  it('defaults the public IP mapping to off, takes the zone id, and leaves an unset zone unknown', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const byId = s.cfn('SubnetA', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.0.0.0/24', AvailabilityZoneId: 'apne1-az4' });
    const anyZone = s.cfn('SubnetB', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.0.1.0/24' });
    const { model } = s.lift();
    const a = model.getOf(byId.key, 'subnet');
    expect(a?.zone).toMatchObject({ known: true, value: 'apne1-az4' });
    expect(a?.mapPublicIpOnLaunch).toMatchObject({ known: true, value: false, defaulted: true });
    expect(model.getOf(anyZone.key, 'subnet')?.zone?.known).toBe(false);
  });

  it('names the outside VPC when the subnet refers to one that is not scanned', () => {
    const s = new Scan();
    const sub = s.tf('aws_subnet', 'shared', { vpc_id: 'vpc-0abc1234', cidr_block: '10.9.0.0/24', availability_zone: 'ap-northeast-1c' });
    const subnet = s.lift().model.getOf(sub.key, 'subnet');
    expect(subnet?.network.known).toBe(false);
    if (subnet && !subnet.network.known) expect(subnet.network.cause.inputs).toEqual(['vpc-0abc1234']);
  });

  it('joins a default subnet to the scanned default VPC and keeps its public IP mapping on', () => {
    const s = new Scan();
    const vpc = s.tf('aws_default_vpc', 'this', {});
    const sub = s.tf('aws_default_subnet', 'a', { availability_zone: 'ap-northeast-1a' });
    const lone = new Scan();
    const loneSub = lone.tf('aws_default_subnet', 'a', { availability_zone: 'ap-northeast-1a' });
    const subnet = s.lift().model.getOf(sub.key, 'subnet');
    expect(subnet?.network).toMatchObject({ known: true, value: vpc.key });
    expect(subnet?.mapPublicIpOnLaunch).toMatchObject({ known: true, value: true, defaulted: true });
    expect(subnet?.cidr.known).toBe(false);
    const orphan = lone.lift().model.getOf(loneSub.key, 'subnet');
    expect(orphan?.network.known).toBe(false);
  });
});
