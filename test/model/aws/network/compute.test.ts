import { describe, expect, it } from 'vitest';
import type { Links } from '../../../../src/model/entity.js';
import { fact } from '../../../../src/model/fact.js';
import type { IamRole } from '../../../../src/model/identity.js';
import type { LiftContext } from '../../../../src/model/lifter.js';
import { registerName } from '../../../../src/model/aws/resources/name-index.js';
import type { NativeResource } from '../../../../src/readers/native.js';
import { known } from '../../../../src/readers/value.js';
import { Scan, locOf, refTo, unknownInput } from './scan-builder.js';

function ids(l: Links | undefined): (string | false)[] | undefined {
  return l?.known ? l.value.map((x) => x.known && x.value) : undefined;
}

function network(s: Scan) {
  const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
  const a = s.tf('aws_subnet', 'a', { vpc_id: refTo(vpc), cidr_block: '10.0.1.0/24', availability_zone: 'ap-northeast-1a' });
  const c = s.tf('aws_subnet', 'c', { vpc_id: refTo(vpc), cidr_block: '10.0.2.0/24', availability_zone: 'ap-northeast-1c' });
  const pub = s.tf('aws_subnet', 'pub', { vpc_id: refTo(vpc), cidr_block: '10.0.3.0/24', availability_zone: 'ap-northeast-1a', map_public_ip_on_launch: true });
  return { vpc, a, c, pub };
}

/** IAM entities as the resources lifter makes them: a role and an instance profile holding it. */
function iam(profile: NativeResource, role: NativeResource, managedPolicyArns: string[]) {
  return (ctx: LiftContext) => {
    const base = (r: NativeResource) => ({
      id: r.key,
      cloud: 'aws' as const,
      source: r.source,
      nativeType: r.type,
      address: r.address,
      scope: r.scope,
      loc: r.loc,
      tags: fact({}),
      region: fact('ap-northeast-1'),
    });
    const roleEntity: IamRole = { ...base(role), kind: 'iam-role', roleType: 'role', managedPolicyArns: fact(managedPolicyArns), policies: fact([]) };
    const profileEntity: IamRole = {
      ...base(profile),
      kind: 'iam-role',
      roleType: 'instance-profile',
      managedPolicyArns: fact([]),
      policies: fact([]),
      roles: fact([fact(role.key)]),
    };
    ctx.model.add(roleEntity);
    ctx.model.add(profileEntity);
    registerName(ctx, 'instance-profile', known('app-profile'), profile.key, profile);
  };
}

describe('EC2 instances', () => {
  it('reads subnet, groups, IMDS and the public IP setting, deriving the zone from the subnet', () => {
    const s = new Scan();
    const { a } = network(s);
    const sg = s.tf('aws_security_group', 'app', { vpc_id: 'vpc-x' });
    const inst = s.tf('aws_instance', 'app', {
      ami: 'ami-0abc',
      subnet_id: refTo(a),
      vpc_security_group_ids: [refTo(sg)],
      associate_public_ip_address: false,
      metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled' }],
    });
    const c = s.lift().model.getOf(inst.key, 'compute')!;
    expect(c.computeType).toBe('ec2-instance');
    expect(ids(c.subnets)).toEqual([a.key]);
    expect(ids(c.securityGroups)).toEqual([sg.key]);
    expect(c.imdsV2Required).toEqual({ known: true, value: true, loc: locOf(inst, 'metadata_options', 0, 'http_tokens') });
    expect(c.publicIp).toEqual({ known: true, value: false, loc: locOf(inst, 'associate_public_ip_address') });
    expect(c.zones).toMatchObject({ known: true, value: ['ap-northeast-1a'] });
    expect(c.managed).toMatchObject({ known: true, value: false, defaulted: true });
  });

  it('falls back to the subnet’s public IP mapping, the default group, and leaves unset IMDS unknown', () => {
    const s = new Scan();
    const { vpc, pub } = network(s);
    const inst = s.tf('aws_instance', 'bastion', { ami: 'ami-0abc', subnet_id: refTo(pub) });
    const c = s.lift().model.getOf(inst.key, 'compute')!;
    expect(c.publicIp).toMatchObject({ known: true, value: true, loc: locOf(pub, 'map_public_ip_on_launch') });
    expect(ids(c.securityGroups)).toEqual([`${vpc.key}#default-security-group`]);
    expect(c.imdsV2Required?.known).toBe(false);
    if (c.imdsV2Required && !c.imdsV2Required.known) expect(c.imdsV2Required.cause.inputs).toEqual(['http_tokens']);
  });

  it('applies the account metadata defaults to launches that leave tokens unset', () => {
    const s = new Scan();
    const { a } = network(s);
    s.tf('aws_ec2_instance_metadata_defaults', 'this', { http_tokens: 'required', http_put_response_hop_limit: 2 });
    const inst = s.tf('aws_instance', 'app', { ami: 'ami-0abc', subnet_id: refTo(a) });
    const optional = s.tf('aws_instance', 'legacy', { ami: 'ami-0abc', subnet_id: refTo(a), metadata_options: [{ http_tokens: 'optional' }] });
    const dynamic = s.tf('aws_instance', 'dynamic', { ami: 'ami-0abc', subnet_id: refTo(a), metadata_options: unknownInput('var.metadata_options') });
    const { model } = s.lift();
    // Options that cannot be evaluated are not "unset": the account default does not stand in for them.
    const d = model.getOf(dynamic.key, 'compute')!.imdsV2Required;
    expect(!d?.known && d?.cause.inputs).toEqual(['var.metadata_options']);
    expect(model.getOf(inst.key, 'compute')!.imdsV2Required).toMatchObject({ known: true, value: true, defaulted: true });
    expect(model.getOf(optional.key, 'compute')!.imdsV2Required).toMatchObject({ known: true, value: false });
  });

  it('takes what a launch template says and what an Elastic IP adds', () => {
    const s = new Scan();
    const { a } = network(s);
    const sg = s.tf('aws_security_group', 'tpl', { vpc_id: 'vpc-x' });
    const lt = s.tf('aws_launch_template', 'app', {
      name: 'app-lt',
      image_id: 'ami-0abc',
      vpc_security_group_ids: [refTo(sg)],
      metadata_options: [{ http_tokens: 'required' }],
      network_interfaces: [{ associate_public_ip_address: false }],
    });
    const byId = s.tf('aws_instance', 'from_tpl', { subnet_id: refTo(a), launch_template: [{ id: refTo(lt), version: '$Latest' }] });
    const byName = s.tf('aws_instance', 'by_name', { subnet_id: refTo(a), launch_template: [{ name: 'app-lt' }] });
    const eip = s.tf('aws_eip', 'ip', { domain: 'vpc' });
    const assoc = s.tf('aws_eip_association', 'ip', { allocation_id: refTo(eip), instance_id: refTo(byName) });
    const { model } = s.lift();
    const c = model.getOf(byId.key, 'compute')!;
    expect(c.launchTemplate).toMatchObject({ known: true, value: lt.key });
    expect(ids(c.securityGroups)).toEqual([sg.key]);
    expect(c.imdsV2Required).toMatchObject({ known: true, value: true, loc: locOf(lt, 'metadata_options', 0, 'http_tokens') });
    expect(c.publicIp).toMatchObject({ known: true, value: false });
    const n = model.getOf(byName.key, 'compute')!;
    expect(n.launchTemplate).toMatchObject({ known: true, value: lt.key });
    expect(n.publicIp).toEqual({ known: true, value: true, loc: locOf(assoc, 'instance_id') });
    expect(model.getOf(eip.key, 'public-ip')!.attachedTo).toMatchObject({ value: byName.key });
    expect(model.getOf(lt.key, 'compute')).toMatchObject({ computeType: 'launch-template', publicIp: { value: false } });
  });

  it('reads CloudFormation instances with their network interfaces', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const sub = s.cfn('Sub', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.0.0.0/24', AvailabilityZone: 'ap-northeast-1d' });
    const inst = s.cfn('Web', 'AWS::EC2::Instance', {
      ImageId: 'ami-0abc',
      NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: refTo(sub, 'Ref'), AssociatePublicIpAddress: true, GroupSet: ['sg-0123'] }],
      MetadataOptions: { HttpTokens: 'optional' },
      IamInstanceProfile: unknownInput('parameter InstanceProfileName'),
    });
    const c = s.lift().model.getOf(inst.key, 'compute')!;
    expect(ids(c.subnets)).toEqual([sub.key]);
    expect(c.publicIp).toEqual({ known: true, value: true, loc: locOf(inst, 'NetworkInterfaces', 0, 'AssociatePublicIpAddress') });
    expect(c.imdsV2Required).toMatchObject({ known: true, value: false });
    expect(c.zones).toMatchObject({ value: ['ap-northeast-1d'] });
    expect(c.securityGroups?.known && c.securityGroups.value[0]!.known).toBe(false);
    expect(!c.managed?.known && c.managed?.cause.inputs).toEqual(['parameter InstanceProfileName']);
  });

  it('joins the instance profile by reference or by name and reads SSM management from its role', () => {
    const s = new Scan();
    const { a } = network(s);
    const role = s.tf('aws_iam_role', 'ssm', { name: 'app-role' });
    const profile = s.tf('aws_iam_instance_profile', 'app', { name: 'app-profile', role: 'app-role' });
    const byRef = s.tf('aws_instance', 'ref', { subnet_id: refTo(a), iam_instance_profile: refTo(profile, 'name') });
    const byName = s.tf('aws_instance', 'name', { subnet_id: refTo(a), iam_instance_profile: 'app-profile' });
    const missing = s.tf('aws_instance', 'missing', { subnet_id: refTo(a), iam_instance_profile: 'other-profile' });
    const managed = s.lift(iam(profile, role, ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'])).model;
    for (const key of [byRef.key, byName.key]) {
      const c = managed.getOf(key, 'compute')!;
      expect(c.instanceProfile).toMatchObject({ known: true, value: profile.key });
      expect(c.managed).toMatchObject({ known: true, value: true });
    }
    const m = managed.getOf(missing.key, 'compute')!;
    expect(!m.managed?.known && m.managed?.cause.inputs).toEqual(['other-profile']);
    const unmanaged = s.lift(iam(profile, role, ['arn:aws:iam::aws:policy/ReadOnlyAccess'])).model;
    expect(unmanaged.getOf(byRef.key, 'compute')!.managed).toMatchObject({ known: true, value: false });
    const noIam = s.lift().model;
    expect(noIam.getOf(byRef.key, 'compute')!.managed?.known).toBe(false);
  });
});

describe('scaling groups, services and functions', () => {
  it('gives a scaling group the zones of its subnets and its template’s settings', () => {
    const s = new Scan();
    const { a, c, pub, vpc } = network(s);
    const lt = s.tf('aws_launch_template', 'app', { image_id: 'ami-0abc', metadata_options: [{ http_tokens: 'required' }] });
    const asg = s.tf('aws_autoscaling_group', 'app', {
      tag: [{ key: 'lg:segment', value: 'mynumber', propagate_at_launch: true }],
      min_size: 2,
      max_size: 4,
      vpc_zone_identifier: [refTo(a), refTo(c)],
      launch_template: [{ id: refTo(lt), version: '$Latest' }],
    });
    const single = s.tf('aws_autoscaling_group', 'single', {
      min_size: 1,
      max_size: 1,
      vpc_zone_identifier: [refTo(a), refTo(pub)],
      mixed_instances_policy: [{ launch_template: [{ launch_template_specification: [{ launch_template_id: refTo(lt) }] }] }],
    });
    const { model } = s.lift();
    const g = model.getOf(asg.key, 'compute')!;
    expect(g.computeType).toBe('autoscaling-group');
    expect(g.tags).toMatchObject({ known: true, value: { 'lg:segment': 'mynumber' } });
    expect(g.zones).toMatchObject({ known: true, value: ['ap-northeast-1a', 'ap-northeast-1c'] });
    expect(g.minSize).toEqual({ known: true, value: 2, loc: locOf(asg, 'min_size') });
    expect(g.imdsV2Required).toMatchObject({ known: true, value: true });
    expect(ids(g.securityGroups)).toEqual([`${vpc.key}#default-security-group`]);
    expect(g.publicIp).toMatchObject({ known: true, value: false });
    const one = model.getOf(single.key, 'compute')!;
    expect(one.zones).toMatchObject({ value: ['ap-northeast-1a'] });
    expect(one.launchTemplate).toMatchObject({ value: lt.key });
    // One of its subnets maps public IPs on launch.
    expect(one.publicIp).toMatchObject({ known: true, value: true });
  });

  it('reads CloudFormation scaling groups, keeping placeholders from !GetAZs distinct', () => {
    const s = new Scan();
    const asg = s.cfn('Asg', 'AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '2',
      MaxSize: '2',
      AvailabilityZones: ['ap-northeast-1<az-0>', 'ap-northeast-1<az-1>'],
      LaunchTemplate: { LaunchTemplateId: 'lt-0outside', Version: '3' },
    });
    const g = s.lift().model.getOf(asg.key, 'compute')!;
    expect(g.zones).toMatchObject({ known: true, value: ['ap-northeast-1<az-0>', 'ap-northeast-1<az-1>'] });
    expect(g.minSize).toMatchObject({ known: true, value: 2 });
    expect(g.subnets.known).toBe(false);
    expect(!g.imdsV2Required?.known && g.imdsV2Required?.cause.inputs).toEqual(['lt-0outside']);
  });

  it('reads ECS services and Lambda functions', () => {
    const s = new Scan();
    const { a, c, vpc } = network(s);
    const svc = s.tf('aws_ecs_service', 'api', {
      desired_count: 2,
      network_configuration: [{ subnets: [refTo(a), refTo(c)], assign_public_ip: false }],
    });
    const bridge = s.tf('aws_ecs_service', 'legacy', { desired_count: 1 });
    const cfn = s.cfn('Svc', 'AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-0a'], AssignPublicIp: 'ENABLED', SecurityGroups: ['sg-1'] } },
    });
    const fn = s.tf('aws_lambda_function', 'in_vpc', { function_name: 'f', vpc_config: [{ subnet_ids: [refTo(a)], security_group_ids: ['sg-0lambda'] }] });
    const outside = s.cfn('Fn', 'AWS::Lambda::Function', { Runtime: 'python3.12' });
    const { model } = s.lift();
    const e = model.getOf(svc.key, 'compute')!;
    expect(e).toMatchObject({ computeType: 'ecs-service', zones: { value: ['ap-northeast-1a', 'ap-northeast-1c'] }, minSize: { value: 2 }, publicIp: { value: false } });
    expect(ids(e.securityGroups)).toEqual([`${vpc.key}#default-security-group`]);
    expect(model.getOf(bridge.key, 'compute')!.subnets.known).toBe(false);
    expect(model.getOf(cfn.key, 'compute')).toMatchObject({ publicIp: { value: true }, minSize: { value: 1, defaulted: true } });
    expect(model.getOf(fn.key, 'compute')).toMatchObject({ computeType: 'lambda-function', zones: { value: ['ap-northeast-1a'] } });
    const o = model.getOf(outside.key, 'compute')!;
    expect(o.subnets).toMatchObject({ known: true, value: [] });
    expect(o.zones).toBeUndefined();
  });
});

describe('load balancers', () => {
  it('reads Terraform load balancers and listeners with their defaults', () => {
    const s = new Scan();
    const { a, c, vpc } = network(s);
    const alb = s.tf('aws_lb', 'web', { subnets: [refTo(a), refTo(c)] });
    const nlb = s.tf('aws_lb', 'nlb', { load_balancer_type: 'network', internal: true, enable_deletion_protection: true, subnet_mapping: [{ subnet_id: refTo(a) }] });
    const http = s.tf('aws_lb_listener', 'http', {
      load_balancer_arn: refTo(alb, 'arn'),
      port: 80,
      default_action: [{ type: 'redirect', redirect: [{ port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' }] }],
    });
    s.tf('aws_lb_listener', 'https', { load_balancer_arn: refTo(alb, 'arn'), port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', default_action: [{ type: 'forward' }] });
    s.tf('aws_lb_listener', 'tls', { load_balancer_arn: refTo(nlb, 'arn'), port: 443, protocol: 'TLS' });
    const { model } = s.lift();
    const w = model.getOf(alb.key, 'load-balancer')!;
    expect(w).toMatchObject({ lbType: 'application', internetFacing: { value: true, defaulted: true }, deletionProtection: { value: false, defaulted: true } });
    expect(w.zones).toMatchObject({ value: ['ap-northeast-1a', 'ap-northeast-1c'] });
    expect(ids(w.securityGroups)).toEqual([`${vpc.key}#default-security-group`]);
    expect(w.listeners.map((l) => [l.protocol.known && l.protocol.value, l.port.known && l.port.value, l.sslPolicy?.known && l.sslPolicy.value, l.redirectsToHttps?.known && l.redirectsToHttps.value])).toEqual([
      ['HTTP', 80, null, true],
      ['HTTPS', 443, 'ELBSecurityPolicy-TLS13-1-2-2021-06', false],
    ]);
    expect(w.listeners[0]!.protocol).toMatchObject({ defaulted: true });
    expect(w.listeners[0]!.loc).toEqual(http.loc);
    const n = model.getOf(nlb.key, 'load-balancer')!;
    expect(n).toMatchObject({ lbType: 'network', internetFacing: { value: false }, deletionProtection: { value: true } });
    expect(n.securityGroups).toBeUndefined();
    expect(n.listeners[0]!.sslPolicy?.known).toBe(false);
  });

  it('reads CloudFormation load balancers, attributes, listeners and classic load balancers', () => {
    const s = new Scan();
    const lb = s.cfn('Alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Subnets: ['subnet-0a', 'subnet-0b'],
      SecurityGroups: ['sg-0alb'],
      LoadBalancerAttributes: [
        { Key: 'idle_timeout.timeout_seconds', Value: '60' },
        { Key: 'deletion_protection.enabled', Value: 'true' },
      ],
    });
    s.cfn('Listener', 'AWS::ElasticLoadBalancingV2::Listener', {
      LoadBalancerArn: refTo(lb, 'Ref'),
      Port: 443,
      Protocol: 'HTTPS',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }],
    });
    const clb = s.cfn('Classic', 'AWS::ElasticLoadBalancing::LoadBalancer', {
      AvailabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
      Listeners: [
        { LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' },
        { LoadBalancerPort: '443', InstancePort: '80', Protocol: 'HTTPS', SSLCertificateId: 'arn:cert' },
      ],
    });
    const { model } = s.lift();
    const a = model.getOf(lb.key, 'load-balancer')!;
    expect(a).toMatchObject({ internetFacing: { known: true, value: false }, deletionProtection: { known: true, value: true } });
    expect(!a.listeners[0]!.sslPolicy?.known && a.listeners[0]!.sslPolicy?.cause.inputs).toEqual(['SslPolicy']);
    const k = model.getOf(clb.key, 'load-balancer')!;
    expect(k).toMatchObject({ lbType: 'classic', internetFacing: { value: true, defaulted: true }, zones: { value: ['ap-northeast-1a', 'ap-northeast-1c'] } });
    expect(k.listeners.map((l) => [l.protocol.known && l.protocol.value, l.port.known && l.port.value, l.sslPolicy?.known ? l.sslPolicy.value : 'unknown'])).toEqual([
      ['HTTP', 80, null],
      ['HTTPS', 443, 'unknown'],
    ]);
  });
});

describe('network interfaces and Elastic IPs', () => {
  it('marks an interface and its instance public when an Elastic IP is bound to the interface', () => {
    const s = new Scan();
    const { a, vpc } = network(s);
    const inst = s.tf('aws_instance', 'nva', { ami: 'ami-0', subnet_id: refTo(a), associate_public_ip_address: false });
    const nic = s.tf('aws_network_interface', 'nva', { subnet_id: refTo(a), attachment: [{ instance: refTo(inst), device_index: 1 }] });
    const extra = s.tf('aws_security_group', 'extra', { vpc_id: refTo(vpc) });
    s.tf('aws_network_interface_sg_attachment', 'x', { security_group_id: refTo(extra), network_interface_id: refTo(nic) });
    const eip = s.tf('aws_eip', 'nva', { domain: 'vpc', network_interface: refTo(nic) });
    const natIp = s.tf('aws_eip', 'nat', { domain: 'vpc' });
    const nat = s.tf('aws_nat_gateway', 'n', { subnet_id: refTo(a), allocation_id: refTo(natIp) });
    const { model } = s.lift();
    const n = model.getOf(nic.key, 'network-interface')!;
    expect(n.publicIp).toMatchObject({ known: true, value: true });
    expect(n.attachedTo).toMatchObject({ value: inst.key });
    expect(ids(n.securityGroups)).toEqual([`${vpc.key}#default-security-group`, extra.key]);
    expect(model.getOf(inst.key, 'compute')!.publicIp).toMatchObject({ known: true, value: true, loc: locOf(eip, 'network_interface') });
    expect(model.getOf(natIp.key, 'public-ip')!.attachedTo).toMatchObject({ value: nat.key });
  });

  it('binds Elastic IPs of NAT gateways and CloudFormation associations', () => {
    const s = new Scan();
    const eip = s.cfn('NatIp', 'AWS::EC2::EIP', { Domain: 'vpc' });
    const nat = s.cfn('Nat', 'AWS::EC2::NatGateway', { SubnetId: 'subnet-0a', AllocationId: refTo(eip, 'AllocationId') });
    const ip2 = s.cfn('Ip2', 'AWS::EC2::EIP', { Domain: 'vpc' });
    const inst = s.cfn('Box', 'AWS::EC2::Instance', { ImageId: 'ami-0', SubnetId: 'subnet-0a' });
    s.cfn('Assoc', 'AWS::EC2::EIPAssociation', { AllocationId: refTo(ip2, 'AllocationId'), InstanceId: refTo(inst, 'Ref') });
    const { model } = s.lift();
    expect(model.getOf(eip.key, 'public-ip')!.attachedTo).toMatchObject({ value: nat.key });
    expect(model.getOf(ip2.key, 'public-ip')!.attachedTo).toMatchObject({ value: inst.key });
    expect(model.getOf(inst.key, 'compute')!.publicIp).toMatchObject({ known: true, value: true });
  });
});
