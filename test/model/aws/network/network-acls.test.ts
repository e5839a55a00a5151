import { describe, expect, it } from 'vitest';
import type { SecurityRule } from '../../../../src/model/security.js';
import { Scan, locOf, refTo, unknownInput } from './scan-builder.js';

function summary(rules: SecurityRule[]) {
  return rules.map((r) => {
    const peers = r.peers.known ? r.peers.value.map((p) => (p.kind === 'cidr' ? p.cidr : p.kind)).join(',') : '?';
    const ports = r.ports.known ? r.ports.value.map((p) => `${p.from}-${p.to}`).join(',') : '?';
    return `${r.direction} ${r.priority ?? '-'} ${r.action} ${r.protocol.known ? r.protocol.value : '?'} ${ports} ${peers}`;
  });
}

describe('network ACLs', () => {
  it('gives unassociated subnets the VPC default ACL, which allows everything before its final deny', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const sub = s.cfn('Sub', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.0.0.0/24', AvailabilityZone: 'ap-northeast-1a' });
    const { model } = s.lift();
    const subnet = model.getOf(sub.key, 'subnet')!;
    expect(subnet.securityGroup).toMatchObject({ known: true, value: `${vpc.key}#default-network-acl`, defaulted: true });
    const acl = model.getOf(`${vpc.key}#default-network-acl`, 'security-group')!;
    expect(acl).toMatchObject({ flavor: 'aws-network-acl', platformDefault: 'default network ACL' });
    expect(summary(acl.rules)).toEqual([
      'ingress 100 allow all 0-65535 0.0.0.0/0',
      'egress 100 allow all 0-65535 0.0.0.0/0',
      'ingress 32767 deny all 0-65535 0.0.0.0/0',
      'egress 32767 deny all 0-65535 0.0.0.0/0',
    ]);
  });

  it('lifts CloudFormation ACLs, numbered entries and associations, entries on the default ACL included', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    s.cfn('V6', 'AWS::EC2::VPCCidrBlock', { VpcId: refTo(vpc, 'Ref'), AmazonProvidedIpv6CidrBlock: true });
    const sub = s.cfn('Sub', 'AWS::EC2::Subnet', { VpcId: refTo(vpc, 'Ref'), CidrBlock: '10.0.0.0/24', AvailabilityZone: 'ap-northeast-1a' });
    const acl = s.cfn('Acl', 'AWS::EC2::NetworkAcl', { VpcId: refTo(vpc, 'Ref') });
    const https = s.cfn('InHttps', 'AWS::EC2::NetworkAclEntry', {
      NetworkAclId: refTo(acl, 'Ref'),
      RuleNumber: 100,
      Protocol: 6,
      RuleAction: 'allow',
      CidrBlock: '172.16.0.0/12',
      PortRange: { From: 443, To: 443 },
    });
    s.cfn('OutAll', 'AWS::EC2::NetworkAclEntry', { NetworkAclId: refTo(acl, 'Ref'), RuleNumber: 200, Protocol: -1, RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' });
    const assoc = s.cfn('Assoc', 'AWS::EC2::SubnetNetworkAclAssociation', { SubnetId: refTo(sub, 'Ref'), NetworkAclId: refTo(acl, 'Ref') });
    s.cfn('DefaultDeny', 'AWS::EC2::NetworkAclEntry', {
      NetworkAclId: refTo(vpc, 'DefaultNetworkAcl'),
      RuleNumber: 50,
      Protocol: -1,
      RuleAction: 'deny',
      CidrBlock: '0.0.0.0/0',
    });
    const { model } = s.lift();
    expect(model.getOf(sub.key, 'subnet')!.securityGroup).toEqual({ known: true, value: acl.key, loc: locOf(assoc, 'NetworkAclId') });
    const a = model.getOf(acl.key, 'security-group')!;
    expect(summary(a.rules)).toEqual([
      'ingress 32767 deny all 0-65535 0.0.0.0/0',
      'egress 32767 deny all 0-65535 0.0.0.0/0',
      'ingress 100 allow tcp 443-443 172.16.0.0/12',
      'egress 200 deny all 0-65535 0.0.0.0/0',
      'ingress 32767 deny all 0-65535 ::/0',
      'egress 32767 deny all 0-65535 ::/0',
    ]);
    expect(a.rules[2]!.loc).toEqual(https.loc);
    expect(a.rules[2]!.definedBy).toBe('InHttps');
    const d = model.getOf(`${vpc.key}#default-network-acl`, 'security-group')!;
    expect(summary(d.rules)).toContain('ingress 50 deny all 0-65535 0.0.0.0/0');
    expect(summary(d.rules)).toContain('ingress 101 allow all 0-65535 ::/0');
  });

  it('reads Terraform inline entries, standalone rules, subnet_ids and the adopted default ACL', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const a = s.tf('aws_subnet', 'a', { vpc_id: refTo(vpc), cidr_block: '10.0.0.0/24', availability_zone: 'ap-northeast-1a' });
    const b = s.tf('aws_subnet', 'b', { vpc_id: refTo(vpc), cidr_block: '10.0.1.0/24', availability_zone: 'ap-northeast-1c' });
    const acl = s.tf('aws_network_acl', 'closed', {
      vpc_id: refTo(vpc),
      subnet_ids: [refTo(a)],
      ingress: [{ rule_no: 100, action: 'allow', protocol: 'tcp', from_port: 22, to_port: 22, cidr_block: '10.0.0.0/8' }],
      egress: [{ rule_no: 100, action: 'allow', protocol: '-1', from_port: 0, to_port: 0, cidr_block: '10.0.0.0/8' }],
    });
    s.tf('aws_network_acl_rule', 'ntp', { network_acl_id: refTo(acl), rule_number: 110, egress: true, protocol: 'udp', rule_action: 'allow', cidr_block: unknownInput('var.ntp_cidr'), from_port: 123, to_port: 123 });
    s.tf('aws_network_acl_rule', 'odd', { network_acl_id: refTo(acl), rule_number: 120, protocol: 'tcp', rule_action: unknownInput('var.action'), cidr_block: '0.0.0.0/0', from_port: 80, to_port: 80 });
    const adopted = s.tf('aws_default_network_acl', 'lockdown', { default_network_acl_id: refTo(vpc, 'default_network_acl_id') });
    const { model } = s.lift();
    expect(model.getOf(a.key, 'subnet')!.securityGroup).toMatchObject({ value: acl.key });
    expect(model.getOf(b.key, 'subnet')!.securityGroup).toMatchObject({ value: `${vpc.key}#default-network-acl`, defaulted: true });
    const c = model.getOf(acl.key, 'security-group')!;
    expect(summary(c.rules)).toEqual([
      'ingress 100 allow tcp 22-22 10.0.0.0/8',
      'egress 100 allow all 0-65535 10.0.0.0/8',
      'ingress 32767 deny all 0-65535 0.0.0.0/0',
      'egress 32767 deny all 0-65535 0.0.0.0/0',
      'egress 110 allow udp 123-123 ?',
      'ingress 120 allow tcp 80-80 0.0.0.0/0',
    ]);
    expect(!c.rulesComplete.known && c.rulesComplete.cause.inputs).toEqual(['var.action']);
    const d = model.getOf(`${vpc.key}#default-network-acl`, 'security-group')!;
    expect(d.nativeType).toBe('aws_default_network_acl');
    expect(d.loc).toEqual(adopted.loc);
    expect(summary(d.rules)).toEqual(['ingress 32767 deny all 0-65535 0.0.0.0/0', 'egress 32767 deny all 0-65535 0.0.0.0/0']);
  });
});
