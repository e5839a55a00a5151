import { describe, expect, it } from 'vitest';
import type { SecurityRule } from '../../../../src/model/security.js';
import { Scan, locOf, refTo, unknownExpr, unknownInput } from './scan-builder.js';

function summary(rules: SecurityRule[]) {
  return rules.map((r) => ({
    direction: r.direction,
    protocol: r.protocol.known ? r.protocol.value : '?',
    ports: r.ports.known ? r.ports.value : '?',
    peers: r.peers.known ? r.peers.value.map((p) => (p.kind === 'cidr' ? p.cidr : p.kind === 'prefix-list' ? `pl:${p.id}` : p.kind === 'security-group' ? `sg:${p.ref.known ? p.ref.value : '?'}` : p.tag)) : '?',
    platformDefault: r.platformDefault,
  }));
}

describe('security groups', () => {
  it('lifts Terraform inline rules and adds no egress when none is written', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const peer = s.tf('aws_security_group', 'lb', { vpc_id: refTo(vpc) });
    const sg = s.tf('aws_security_group', 'app', {
      vpc_id: refTo(vpc),
      ingress: [
        { description: 'https from lb', from_port: 443, to_port: 443, protocol: 'tcp', security_groups: [refTo(peer)] },
        { from_port: 22, to_port: 22, protocol: '6', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'] },
        { from_port: 0, to_port: 0, protocol: '-1', self: true },
        { from_port: 8, to_port: 0, protocol: 'icmp', prefix_list_ids: ['pl-61a54008'] },
      ],
    });
    const { model } = s.lift();
    const group = model.getOf(sg.key, 'security-group')!;
    expect(summary(group.rules)).toEqual([
      { direction: 'ingress', protocol: 'tcp', ports: [{ from: 443, to: 443 }], peers: [`sg:${peer.key}`], platformDefault: undefined },
      { direction: 'ingress', protocol: 'tcp', ports: [{ from: 22, to: 22 }], peers: ['0.0.0.0/0', '::/0'], platformDefault: undefined },
      { direction: 'ingress', protocol: 'all', ports: [{ from: 0, to: 65535 }], peers: [`sg:${sg.key}`], platformDefault: undefined },
      { direction: 'ingress', protocol: 'icmp', ports: [], peers: ['pl:pl-61a54008'], platformDefault: undefined },
    ]);
    expect(group.rules[0]!.name).toBe('https from lb');
    expect(group.rules[1]!.loc).toEqual(locOf(sg, 'ingress', 1));
    expect(group.rules[1]!.definedBy).toBe('aws_security_group.app');
    expect(group.rulesComplete).toMatchObject({ known: true, value: true });
    expect(group.network).toMatchObject({ known: true, value: vpc.key });
  });

  it('keeps the implicit allow-all egress of a CloudFormation group without SecurityGroupEgress', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const open = s.cfn('OpenSg', 'AWS::EC2::SecurityGroup', {
      GroupDescription: 'app',
      VpcId: refTo(vpc, 'Ref'),
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIp: '0.0.0.0/0' }],
    });
    const closed = s.cfn('ClosedSg', 'AWS::EC2::SecurityGroup', {
      GroupDescription: 'db',
      VpcId: refTo(vpc, 'Ref'),
      SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '127.0.0.1/32' }],
    });
    const { model } = s.lift();
    const o = model.getOf(open.key, 'security-group')!;
    expect(summary(o.rules)).toEqual([
      { direction: 'ingress', protocol: 'tcp', ports: [{ from: 3389, to: 3389 }], peers: ['0.0.0.0/0'], platformDefault: undefined },
      { direction: 'egress', protocol: 'all', ports: [{ from: 0, to: 65535 }], peers: ['0.0.0.0/0'], platformDefault: 'all egress allowed by default' },
    ]);
    expect(o.rules[1]!.protocol).toMatchObject({ defaulted: true });
    expect(summary(model.getOf(closed.key, 'security-group')!.rules)).toEqual([
      { direction: 'egress', protocol: 'all', ports: [{ from: 0, to: 65535 }], peers: ['127.0.0.1/32'], platformDefault: undefined },
    ]);
  });

  it('adds the IPv6 twin of the implicit egress rule when the VPC has IPv6', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    s.cfn('V6', 'AWS::EC2::VPCCidrBlock', { VpcId: refTo(vpc, 'Ref'), AmazonProvidedIpv6CidrBlock: true });
    const sg = s.cfn('Sg', 'AWS::EC2::SecurityGroup', { GroupDescription: 'x', VpcId: refTo(vpc, 'Ref') });
    const { model } = s.lift();
    expect(summary(model.getOf(sg.key, 'security-group')!.rules).map((r) => r.peers)).toEqual([['0.0.0.0/0'], ['::/0']]);
    const def = model.getOf(`${vpc.key}#default-security-group`, 'security-group')!;
    expect(summary(def.rules).map((r) => `${r.direction} ${r.peers}`)).toEqual([
      `ingress sg:${vpc.key}#default-security-group`,
      'egress 0.0.0.0/0',
      'egress ::/0',
    ]);
  });

  it("takes out the rules CDK's Custom::VpcRestrictDefaultSG revokes: members' ingress and 0.0.0.0/0 egress, not ::/0", () => {
    const s = new Scan();
    const restrict = (id: string, vpc: ReturnType<Scan['cfn']>) =>
      s.cfn(id, 'Custom::VpcRestrictDefaultSG', { ServiceToken: unknownInput('Handler.Arn'), DefaultSecurityGroupId: refTo(vpc, 'DefaultSecurityGroup'), Account: unknownInput('AWS::AccountId') });
    const v4 = s.cfn('MnVpc', 'AWS::EC2::VPC', { CidrBlock: '10.10.0.0/16' });
    // The custom resource comes first in the template: the revocation waits until every default rule is in.
    const dual = s.cfn('DualVpc', 'AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    restrict('DualRestrict', dual);
    s.cfn('DualV6', 'AWS::EC2::VPCCidrBlock', { VpcId: refTo(dual, 'Ref'), AmazonProvidedIpv6CidrBlock: true });
    restrict('MnRestrict', v4);
    const open = s.cfn('OpenVpc', 'AWS::EC2::VPC', { CidrBlock: '10.30.0.0/16' });
    const maybe = restrict('MaybeRestrict', open);
    maybe.conditional = { inputs: ['parameter Harden'], detail: 'condition Harden depends on parameter Harden' };
    const { model, unlifted } = s.lift();
    const rulesOf = (vpc: { key: string }) =>
      summary(model.getOf(`${vpc.key}#default-security-group`, 'security-group')!.rules).map((r) => `${r.direction} ${r.peers}`);
    expect(rulesOf(v4)).toEqual([]);
    expect(rulesOf(dual)).toEqual(['egress ::/0']);
    expect(rulesOf(open)).toEqual([`ingress sg:${open.key}#default-security-group`, 'egress 0.0.0.0/0']);
    expect(unlifted.map((r) => r.type)).not.toContain('Custom::VpcRestrictDefaultSG');
  });

  it('adds standalone rules of every shape to their groups', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const sg = s.tf('aws_security_group', 'app', { vpc_id: refTo(vpc) });
    const other = s.tf('aws_security_group', 'other', { vpc_id: refTo(vpc) });
    const legacy = s.tf('aws_security_group_rule', 'ssh', {
      type: 'ingress',
      security_group_id: refTo(sg),
      protocol: 'tcp',
      from_port: 22,
      to_port: 22,
      source_security_group_id: refTo(other),
    });
    s.tf('aws_vpc_security_group_egress_rule', 'all', { security_group_id: refTo(sg), ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' });
    s.tf('aws_vpc_security_group_ingress_rule', 'https', {
      security_group_id: refTo(sg),
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      prefix_list_id: unknownInput('data.aws_ec2_managed_prefix_list.corp'),
    });
    const { model } = s.lift();
    const group = model.getOf(sg.key, 'security-group')!;
    expect(summary(group.rules)).toEqual([
      { direction: 'ingress', protocol: 'tcp', ports: [{ from: 22, to: 22 }], peers: [`sg:${other.key}`], platformDefault: undefined },
      { direction: 'egress', protocol: 'all', ports: [{ from: 0, to: 65535 }], peers: ['0.0.0.0/0'], platformDefault: undefined },
      { direction: 'ingress', protocol: 'tcp', ports: [{ from: 443, to: 443 }], peers: ['pl:prefix list depending on data.aws_ec2_managed_prefix_list.corp'], platformDefault: undefined },
    ]);
    expect(group.rules[0]!.loc).toEqual(legacy.loc);
    expect(group.rules[0]!.definedBy).toBe('aws_security_group_rule.ssh');
  });

  it('adds CloudFormation standalone ingress and egress, with -1 ports meaning all', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const sg = s.cfn('Sg', 'AWS::EC2::SecurityGroup', { GroupDescription: 'x', VpcId: refTo(vpc, 'Ref'), SecurityGroupEgress: [] });
    s.cfn('In', 'AWS::EC2::SecurityGroupIngress', { GroupId: refTo(sg, 'GroupId'), IpProtocol: 'udp', FromPort: -1, ToPort: -1, CidrIpv6: '::/0' });
    s.cfn('Out', 'AWS::EC2::SecurityGroupEgress', { GroupId: refTo(sg, 'GroupId'), IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: 'pl-s3' });
    const rules = summary(s.lift().model.getOf(sg.key, 'security-group')!.rules);
    // An empty SecurityGroupEgress list adds nothing, so AWS keeps its default egress rule.
    expect(rules).toEqual([
      { direction: 'egress', protocol: 'all', ports: [{ from: 0, to: 65535 }], peers: ['0.0.0.0/0'], platformDefault: 'all egress allowed by default' },
      { direction: 'ingress', protocol: 'udp', ports: [{ from: 0, to: 65535 }], peers: ['::/0'], platformDefault: undefined },
      { direction: 'egress', protocol: 'tcp', ports: [{ from: 443, to: 443 }], peers: ['pl:pl-s3'], platformDefault: undefined },
    ]);
  });

  it('makes rules with unknown CIDRs or unknown ports unknown, naming the input', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const sg = s.tf('aws_security_group', 'app', {
      vpc_id: refTo(vpc),
      ingress: [{ from_port: unknownInput('var.port'), to_port: unknownInput('var.port'), protocol: 'tcp', cidr_blocks: unknownInput('var.allowed') }],
      egress: unknownInput('var.egress_rules'),
    });
    const group = s.lift().model.getOf(sg.key, 'security-group')!;
    expect(group.rules).toHaveLength(1);
    const [rule] = group.rules;
    expect(!rule!.ports.known && rule!.ports.cause.inputs).toEqual(['var.port']);
    expect(!rule!.peers.known && rule!.peers.cause.inputs).toEqual(['var.allowed']);
    expect(!group.rulesComplete.known && group.rulesComplete.cause.inputs).toEqual(['var.egress_rules']);
  });

  it('synthesizes the default group, or takes the adopted aws_default_security_group with its rules only', () => {
    const s = new Scan();
    const plain = s.tf('aws_vpc', 'plain', { cidr_block: '10.0.0.0/16' });
    const hardened = s.tf('aws_vpc', 'hardened', { cidr_block: '10.1.0.0/16' });
    const adopted = s.tf('aws_default_security_group', 'lockdown', { vpc_id: refTo(hardened) });
    const inst = s.tf('aws_security_group_rule', 'to_default', {
      type: 'ingress',
      security_group_id: refTo(plain, 'default_security_group_id'),
      protocol: 'tcp',
      from_port: 80,
      to_port: 80,
      cidr_blocks: ['10.0.0.0/8'],
    });
    const { model } = s.lift();
    const synth = model.getOf(`${plain.key}#default-security-group`, 'security-group')!;
    expect(synth).toMatchObject({ isDefault: true, platformDefault: 'default security group', network: { value: plain.key } });
    expect(summary(synth.rules).map((r) => `${r.direction} ${r.protocol} ${r.peers}`)).toEqual([
      `ingress all sg:${plain.key}#default-security-group`,
      'egress all 0.0.0.0/0',
      'ingress tcp 10.0.0.0/8',
    ]);
    expect(synth.rules[2]!.loc).toEqual(inst.loc);
    expect(model.getOf(plain.key, 'network')!.defaultSecurityGroup).toMatchObject({ value: synth.id, defaulted: true });
    const lock = model.getOf(`${hardened.key}#default-security-group`, 'security-group')!;
    expect(lock.nativeType).toBe('aws_default_security_group');
    expect(lock.isDefault).toBe(true);
    expect(lock.platformDefault).toBeUndefined();
    expect(lock.rules).toEqual([]);
    expect(lock.loc).toEqual(adopted.loc);
    expect(model.getOf(hardened.key, 'network')!.defaultSecurityGroup).toMatchObject({ value: lock.id });
  });

  it('marks the groups a rule may belong to incomplete when its group cannot be told', () => {
    const s = new Scan();
    const a = s.tf('aws_security_group', 'a', { vpc_id: 'vpc-1' });
    const b = s.tf('aws_security_group', 'b', { vpc_id: 'vpc-1' });
    const other = s.tf('aws_security_group', 'other', { vpc_id: 'vpc-1' });
    s.tf('aws_security_group_rule', 'either', {
      type: 'ingress',
      security_group_id: unknownExpr('var.use_a ? aws_security_group.a.id : aws_security_group.b.id', 'var.use_a'),
      protocol: 'tcp',
      from_port: 22,
      to_port: 22,
      cidr_blocks: ['0.0.0.0/0'],
    });
    const { model } = s.lift();
    for (const g of [a, b]) {
      const group = model.getOf(g.key, 'security-group')!;
      expect(group.rules).toEqual([]);
      expect(!group.rulesComplete.known && group.rulesComplete.cause.inputs).toEqual(['aws_security_group_rule.either', 'var.use_a']);
    }
    expect(model.getOf(other.key, 'security-group')!.rulesComplete).toMatchObject({ known: true, value: true });
  });

  it('leaves the network of a group without a VPC unknown (default VPC)', () => {
    const s = new Scan();
    const sg = s.cfn('Sg', 'AWS::EC2::SecurityGroup', { GroupDescription: 'classic' });
    const g = s.lift().model.getOf(sg.key, 'security-group')!;
    expect(!g.network?.known && g.network?.cause.inputs).toEqual(['VpcId']);
  });
});
