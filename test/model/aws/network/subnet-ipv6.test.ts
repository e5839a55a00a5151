import { describe, expect, it } from 'vitest';
import { Scan, locOf, refTo, unknownExpr, unknownInput } from './scan-builder.js';

describe('whether an AWS subnet has an IPv6 block', () => {
  it('says no for a Terraform subnet that writes no block, defaulted at the resource', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16', assign_generated_ipv6_cidr_block: true });
    const sub = s.tf('aws_subnet', 'db', { vpc_id: refTo(vpc), cidr_block: '10.0.2.0/24', ipv6_cidr_block: null });
    const subnet = s.lift().model.getOf(sub.key, 'subnet');
    expect(subnet?.ipv6Enabled).toEqual({ known: true, value: false, loc: sub.loc, defaulted: true });
  });

  it('says yes for a block computed from the VPC block after apply, located at the attribute', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16', assign_generated_ipv6_cidr_block: true });
    const sub = s.tf('aws_subnet', 'app', {
      vpc_id: refTo(vpc),
      cidr_block: '10.0.1.0/24',
      ipv6_cidr_block: unknownExpr('cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1)', 'aws_vpc.main.ipv6_cidr_block (known after apply)'),
    });
    const copied = s.tf('aws_subnet', 'copied', { vpc_id: refTo(vpc), cidr_block: '10.0.3.0/24', ipv6_cidr_block: refTo(vpc, 'ipv6_cidr_block') });
    const { model } = s.lift();
    expect(model.getOf(sub.key, 'subnet')?.ipv6Enabled).toEqual({ known: true, value: true, loc: locOf(sub, 'ipv6_cidr_block') });
    expect(model.getOf(copied.key, 'subnet')?.ipv6Enabled).toMatchObject({ known: true, value: true });
  });

  it('says yes for a block a plan leaves unknown until apply, no for one the plan shows as null', () => {
    const s = new Scan();
    const later = s.tf('aws_subnet', 'app', { vpc_id: 'vpc-0a1', cidr_block: '10.0.1.0/24', ipv6_cidr_block: unknownInput('aws_subnet.app.ipv6_cidr_block (known after apply)') }, 'terraform-plan');
    const none = s.tf('aws_subnet', 'db', { vpc_id: 'vpc-0a1', cidr_block: '10.0.2.0/24', ipv6_cidr_block: null, ipv6_native: false }, 'terraform-plan');
    const { model } = s.lift();
    expect(model.getOf(later.key, 'subnet')?.ipv6Enabled).toMatchObject({ known: true, value: true });
    expect(model.getOf(none.key, 'subnet')?.ipv6Enabled).toMatchObject({ known: true, value: false });
  });

  it('leaves a block an unset variable may turn to null unknown, naming the variable', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16', assign_generated_ipv6_cidr_block: true });
    const sub = s.tf('aws_subnet', 'app', {
      vpc_id: refTo(vpc),
      cidr_block: '10.0.1.0/24',
      ipv6_cidr_block: unknownInput(['var.enable_ipv6', 'aws_vpc.main.ipv6_cidr_block (known after apply)']),
    });
    const f = s.lift().model.getOf(sub.key, 'subnet')?.ipv6Enabled;
    expect(f?.known).toBe(false);
    if (f && !f.known) {
      expect(f.cause.inputs[0]).toBe('var.enable_ipv6');
      expect(f.loc).toEqual(locOf(sub, 'ipv6_cidr_block'));
    }
  });

  it('counts IPv6-only and IPv6 address assignment as a block, and an unset flag as unknown', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16', assign_generated_ipv6_cidr_block: true });
    const native = s.tf('aws_subnet', 'v6only', { vpc_id: refTo(vpc), ipv6_native: true });
    const assign = s.tf('aws_subnet', 'assign', { vpc_id: refTo(vpc), cidr_block: '10.0.4.0/24', assign_ipv6_address_on_creation: true });
    const open = s.tf('aws_subnet', 'open', {
      vpc_id: refTo(vpc),
      cidr_block: '10.0.5.0/24',
      assign_ipv6_address_on_creation: unknownInput('var.assign_ipv6'),
    });
    const { model } = s.lift();
    expect(model.getOf(native.key, 'subnet')?.ipv6Enabled).toEqual({ known: true, value: true, loc: locOf(native, 'ipv6_native') });
    expect(model.getOf(assign.key, 'subnet')?.ipv6Enabled).toMatchObject({ known: true, value: true, loc: locOf(assign, 'assign_ipv6_address_on_creation') });
    const f = model.getOf(open.key, 'subnet')?.ipv6Enabled;
    expect(f?.known).toBe(false);
    if (f && !f.known) expect(f.cause.inputs).toEqual(['var.assign_ipv6']);
  });

  it('keeps a default subnet open: adopting it keeps a block it may already have', () => {
    const s = new Scan();
    s.tf('aws_default_vpc', 'this', {});
    const sub = s.tf('aws_default_subnet', 'a', { availability_zone: 'ap-northeast-1a' });
    const f = s.lift().model.getOf(sub.key, 'subnet')?.ipv6Enabled;
    expect(f?.known).toBe(false);
    if (f && !f.known) expect(f.cause.inputs).toEqual(['aws_default_subnet.a']);
  });

  it('reads CloudFormation Ipv6CidrBlock: deploy-time Fn::Cidr is a block, an unresolved !If is unknown', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' });
    const cidr = unknownExpr('[Select 1 [Cidr [Select 0 ${Vpc.Ipv6CidrBlocks}] 4 64]]', 'after deploy');
    const withBlock = s.cfn('AppSubnet', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.1.1.0/24', Ipv6CidrBlock: cidr });
    const maybe = s.cfn('WebSubnet', 'AWS::EC2::Subnet', {
      VpcId: refTo(vpc, 'Ref'),
      CidrBlock: '10.1.2.0/24',
      Ipv6CidrBlock: unknownInput('parameter EnableIpv6'),
    });
    const pooled = s.cfn('PoolSubnet', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.1.3.0/24', Ipv6IpamPoolId: 'ipam-pool-0a1', Ipv6NetmaskLength: 64 });
    const without = s.cfn('DbSubnet', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.1.4.0/24' });
    const { model } = s.lift();
    expect(model.getOf(withBlock.key, 'subnet')?.ipv6Enabled).toMatchObject({ known: true, value: true });
    const f = model.getOf(maybe.key, 'subnet')?.ipv6Enabled;
    expect(f?.known).toBe(false);
    if (f && !f.known) expect(f.cause.inputs).toEqual(['parameter EnableIpv6']);
    expect(model.getOf(pooled.key, 'subnet')?.ipv6Enabled).toMatchObject({ known: true, value: true, loc: locOf(pooled, 'Ipv6IpamPoolId') });
    expect(model.getOf(without.key, 'subnet')?.ipv6Enabled).toMatchObject({ known: true, value: false });
  });

  it('takes a block from AWS::EC2::SubnetCidrBlock, unknown when the block is under an unresolved condition', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.2.0.0/16' });
    const a = s.cfn('SubnetA', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.2.1.0/24' });
    const b = s.cfn('SubnetB', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.2.2.0/24' });
    const c = s.cfn('SubnetC', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.2.3.0/24', AssignIpv6AddressOnCreation: false });
    const blockA = s.cfn('SubnetAIpv6', 'AWS::EC2::SubnetCidrBlock', { SubnetId: refTo(a, 'Ref'), Ipv6CidrBlock: '2406:da14:abc:100::/64' });
    const blockB = s.cfn('SubnetBIpv6', 'AWS::EC2::SubnetCidrBlock', { SubnetId: refTo(b, 'Ref'), Ipv6IpamPoolId: 'ipam-pool-0a1', Ipv6NetmaskLength: 64 });
    blockB.conditional = { inputs: ['parameter EnableIpv6'], detail: 'condition UseIpv6 depends on parameter EnableIpv6' };
    const { model, unlifted } = s.lift();
    expect(unlifted).not.toContain(blockA);
    expect(model.getOf(a.key, 'subnet')?.ipv6Enabled).toEqual({ known: true, value: true, loc: blockA.loc });
    const f = model.getOf(b.key, 'subnet')?.ipv6Enabled;
    expect(f?.known).toBe(false);
    if (f && !f.known) expect(f.cause.inputs).toEqual(['parameter EnableIpv6']);
    expect(model.getOf(c.key, 'subnet')?.ipv6Enabled).toMatchObject({ known: true, value: false });
  });
});
