import { describe, expect, it } from 'vitest';
import { Scan, locOf, refTo, unknownExpr, unknownInput } from './scan-builder.js';

describe('VPC endpoints', () => {
  it('lifts interface and gateway endpoints with their defaults', () => {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    const sub = s.tf('aws_subnet', 'a', { vpc_id: refTo(vpc), cidr_block: '10.0.0.0/24', availability_zone: 'ap-northeast-1a' });
    const rt = s.tf('aws_route_table', 'rt', { vpc_id: refTo(vpc) });
    const ssm = s.tf('aws_vpc_endpoint', 'ssm', {
      vpc_id: refTo(vpc),
      service_name: 'com.amazonaws.ap-northeast-1.ssm',
      vpc_endpoint_type: 'Interface',
      subnet_ids: [refTo(sub)],
    });
    const s3 = s.tf('aws_vpc_endpoint', 's3', { vpc_id: refTo(vpc), service_name: 'com.amazonaws.ap-northeast-1.s3', route_table_ids: [refTo(rt)] });
    const { model } = s.lift();
    const i = model.getOf(ssm.key, 'endpoint')!;
    expect(i).toMatchObject({ endpointType: 'interface', service: { value: 'com.amazonaws.ap-northeast-1.ssm' }, network: { value: vpc.key } });
    expect(i.privateDns).toMatchObject({ known: true, value: false, defaulted: true });
    // No groups given: the VPC's default group.
    expect(i.securityGroups).toMatchObject({ known: true, value: [{ known: true, value: `${vpc.key}#default-security-group` }] });
    const g = model.getOf(s3.key, 'endpoint')!;
    expect(g.endpointType).toBe('gateway');
    expect(g.privateDns).toBeUndefined();
    expect(g.routeTables?.known && g.routeTables.value.map((l) => l.known && l.value)).toEqual([rt.key]);
  });

  it('keeps the service of a name built around an unknown region', () => {
    const s = new Scan();
    const region = (expr: string, input: string) => unknownExpr(expr, input);
    const ssm = s.cfn('Ssm', 'AWS::EC2::VPCEndpoint', { VpcId: 'vpc-0a', VpcEndpointType: 'Interface', ServiceName: region('com.amazonaws.${AWS::Region}.ssm', '--region') });
    const ecr = s.tf('aws_vpc_endpoint', 'ecr', { vpc_id: 'vpc-0a', vpc_endpoint_type: 'Interface', service_name: region('com.amazonaws.${data.aws_region.current.name}.ecr.dkr', 'data.aws_region.current') });
    const notebook = s.tf('aws_vpc_endpoint', 'nb', { vpc_id: 'vpc-0a', service_name: region('aws.sagemaker.${var.region}.notebook', 'var.region') });
    // The service itself from an input, or a name that is not an AWS service name: nothing is kept.
    const param = s.cfn('Any', 'AWS::EC2::VPCEndpoint', { VpcId: 'vpc-0a', ServiceName: region('com.amazonaws.${AWS::Region}.${Service}', 'parameter Service') });
    const partner = s.cfn('Partner', 'AWS::EC2::VPCEndpoint', { VpcId: 'vpc-0a', ServiceName: region('com.amazonaws.vpce.${AWS::Region}.vpce-svc-0abc', '--region') });
    const custom = s.tf('aws_vpc_endpoint', 'custom', { vpc_id: 'vpc-0a', service_name: region('${var.prefix}.ssm', 'var.prefix') });
    const { model } = s.lift();
    const e = (key: string) => model.getOf(key, 'endpoint')!;
    expect(e(ssm.key).service.known).toBe(false);
    expect(e(ssm.key).serviceSuffix).toBe('ssm');
    expect(e(ecr.key).serviceSuffix).toBe('ecr.dkr');
    expect(e(notebook.key).serviceSuffix).toBe('notebook');
    expect(e(param.key).serviceSuffix).toBeUndefined();
    expect(e(partner.key).serviceSuffix).toBeUndefined();
    expect(e(custom.key).serviceSuffix).toBeUndefined();
  });

  it('reads CloudFormation endpoints and Terraform associations', () => {
    const s = new Scan();
    const vpc = s.cfn('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const sg = s.cfn('EndpointSg', 'AWS::EC2::SecurityGroup', { GroupDescription: 'vpce', VpcId: refTo(vpc, 'Ref') });
    const logs = s.cfn('LogsEndpoint', 'AWS::EC2::VPCEndpoint', {
      VpcId: refTo(vpc, 'Ref'),
      ServiceName: 'com.amazonaws.ap-northeast-1.logs',
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      SubnetIds: ['subnet-0a', 'subnet-0b'],
      SecurityGroupIds: [refTo(sg, 'GroupId')],
    });
    const gwlb = s.cfn('Inspect', 'AWS::EC2::VPCEndpoint', { VpcId: refTo(vpc, 'Ref'), ServiceName: unknownInput('parameter GwlbService'), VpcEndpointType: 'GatewayLoadBalancer', SubnetIds: ['subnet-0c'] });
    const t = s.tf('aws_vpc_endpoint', 'kms', { vpc_id: 'vpc-0x', service_name: 'com.amazonaws.ap-northeast-1.kms', vpc_endpoint_type: 'Interface' });
    const extra = s.tf('aws_security_group', 'extra', { vpc_id: 'vpc-0x' });
    s.tf('aws_vpc_endpoint_security_group_association', 'x', { vpc_endpoint_id: refTo(t), security_group_id: refTo(extra) });
    s.tf('aws_vpc_endpoint_subnet_association', 'x', { vpc_endpoint_id: refTo(t), subnet_id: 'subnet-0d' });
    const { model } = s.lift();
    const l = model.getOf(logs.key, 'endpoint')!;
    expect(l.privateDns).toEqual({ known: true, value: true, loc: locOf(logs, 'PrivateDnsEnabled') });
    expect(l.securityGroups?.known && l.securityGroups.value.map((x) => x.known && x.value)).toEqual([sg.key]);
    expect(l.subnets.known && l.subnets.value.map((x) => x.known)).toEqual([false, false]);
    const g = model.getOf(gwlb.key, 'endpoint')!;
    expect(g.endpointType).toBe('gateway-load-balancer');
    expect(!g.service.known && g.service.cause.inputs).toEqual(['parameter GwlbService']);
    const k = model.getOf(t.key, 'endpoint')!;
    // The VPC is outside the scan, so its default group is unknown; the associated group is added to it.
    expect(k.securityGroups?.known && k.securityGroups.value.map((x) => (x.known ? x.value : 'unknown'))).toEqual(['unknown', extra.key]);
    expect(k.subnets.known && k.subnets.value).toHaveLength(1);
  });
});

describe('Network Firewall', () => {
  function firewallScan(policyBody: Record<string, unknown>, groups: Record<string, Record<string, unknown>>) {
    const s = new Scan();
    const vpc = s.tf('aws_vpc', 'inspection', { cidr_block: '10.100.0.0/16' });
    const sub = s.tf('aws_subnet', 'fw', { vpc_id: refTo(vpc), cidr_block: '10.100.0.0/28', availability_zone: 'ap-northeast-1a' });
    const made = Object.fromEntries(Object.entries(groups).map(([name, g]) => [name, s.tf('aws_networkfirewall_rule_group', name, g)]));
    const body = { ...policyBody } as Record<string, unknown>;
    if (body.stateful_rule_group_reference === 'ALL') {
      body.stateful_rule_group_reference = Object.values(made).map((g) => ({ resource_arn: refTo(g, 'arn') }));
    }
    const policy = s.tf('aws_networkfirewall_firewall_policy', 'p', { name: 'p', firewall_policy: [body] });
    const fw = s.tf('aws_networkfirewall_firewall', 'fw', {
      vpc_id: refTo(vpc),
      firewall_policy_arn: refTo(policy, 'arn'),
      subnet_mapping: [{ subnet_id: refTo(sub) }],
    });
    return { s, fw, made, sub };
  }

  const allowList = {
    type: 'STATEFUL',
    capacity: 100,
    rule_group: [
      {
        rules_source: [
          { rules_source_list: [{ generated_rules_type: 'ALLOWLIST', target_types: ['TLS_SNI', 'HTTP_HOST'], targets: ['.windowsupdate.com', 'updates.example.jp'] }] },
        ],
      },
    ],
  };

  it('folds the domain allowlist of the policy’s rule groups into the firewall', () => {
    const { s, fw, made, sub } = firewallScan(
      { stateless_default_actions: ['aws:forward_to_sfe'], stateless_fragment_default_actions: ['aws:forward_to_sfe'], stateful_rule_group_reference: 'ALL' },
      { allow: allowList },
    );
    const { model, unlifted } = s.lift();
    const f = model.getOf(fw.key, 'firewall')!;
    expect(f.domainRules.known && f.domainRules.value).toEqual([
      {
        action: 'allow',
        domains: ['.windowsupdate.com', 'updates.example.jp'],
        syntax: 'aws-network-firewall',
        targetTypes: ['TLS_SNI', 'HTTP_HOST'],
        loc: locOf(made.allow!, 'rule_group', 0, 'rules_source', 0, 'rules_source_list', 0),
        definedBy: 'aws_networkfirewall_rule_group.allow',
      },
    ]);
    // Default rule order: traffic no rule matches passes.
    expect(f.defaultDeny).toMatchObject({ known: true, value: false });
    expect(f.subnets.known && f.subnets.value.map((l) => l.known && l.value)).toEqual([sub.key]);
    expect(unlifted).toEqual([]);
  });

  it('treats strict-order drop defaults and stateless drop as default deny, and stateless pass as not', () => {
    const strict = firewallScan(
      { stateless_default_actions: ['aws:forward_to_sfe'], stateful_default_actions: ['aws:drop_established', 'aws:alert_established'], stateful_rule_group_reference: 'ALL' },
      { allow: allowList },
    );
    expect(strict.s.lift().model.getOf(strict.fw.key, 'firewall')!.defaultDeny).toMatchObject({ known: true, value: true });
    const drop = firewallScan({ stateless_default_actions: ['aws:drop'] }, {});
    expect(drop.s.lift().model.getOf(drop.fw.key, 'firewall')!.defaultDeny).toMatchObject({ value: true });
    const pass = firewallScan({ stateless_default_actions: ['aws:pass'], stateful_default_actions: ['aws:drop_strict'] }, {});
    expect(pass.s.lift().model.getOf(pass.fw.key, 'firewall')!.defaultDeny).toMatchObject({ value: false });
  });

  it('makes domain rules unknown when a rule group passes traffic by Suricata or 5-tuple rules, or is not scanned', () => {
    const suricata = firewallScan({ stateless_default_actions: ['aws:forward_to_sfe'], stateful_rule_group_reference: 'ALL' }, {
      allow: allowList,
      raw: { type: 'STATEFUL', capacity: 10, rules: 'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; content:"any.example"; sid:1;)' },
    });
    const f1 = suricata.s.lift().model.getOf(suricata.fw.key, 'firewall')!;
    expect(!f1.domainRules.known && f1.domainRules.cause.inputs).toEqual(['aws_networkfirewall_rule_group.raw']);
    const dropOnly = firewallScan({ stateless_default_actions: ['aws:forward_to_sfe'], stateful_rule_group_reference: 'ALL' }, {
      block: { type: 'STATEFUL', capacity: 10, rule_group: [{ rules_source: [{ stateful_rule: [{ action: 'DROP', header: [{ protocol: 'TCP' }] }] }] }] },
    });
    expect(dropOnly.s.lift().model.getOf(dropOnly.fw.key, 'firewall')!.domainRules).toMatchObject({ known: true, value: [] });
    const outside = firewallScan(
      {
        stateless_default_actions: ['aws:forward_to_sfe'],
        stateful_rule_group_reference: [
          { resource_arn: 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesBotnetStrictOrder' },
          { resource_arn: 'arn:aws:network-firewall:ap-northeast-1:123456789012:stateful-rulegroup/shared-allow' },
        ],
      },
      {},
    );
    const f3 = outside.s.lift().model.getOf(outside.fw.key, 'firewall')!;
    expect(!f3.domainRules.known && f3.domainRules.cause.inputs).toEqual([
      'arn:aws:network-firewall:ap-northeast-1:123456789012:stateful-rulegroup/shared-allow',
    ]);
  });

  it('reads CloudFormation firewalls, policies and deny lists', () => {
    const s = new Scan();
    const group = s.cfn('DenyGroup', 'AWS::NetworkFirewall::RuleGroup', {
      Type: 'STATEFUL',
      Capacity: 100,
      RuleGroup: { RulesSource: { RulesSourceList: { GeneratedRulesType: 'DENYLIST', TargetTypes: ['TLS_SNI'], Targets: ['.example.com'] } } },
    });
    const policy = s.cfn('Policy', 'AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicyName: 'p',
      FirewallPolicy: {
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER' },
        StatefulDefaultActions: ['aws:drop_strict'],
        StatefulRuleGroupReferences: [{ ResourceArn: refTo(group, 'Ref'), Priority: 1 }],
      },
    });
    const fw = s.cfn('Firewall', 'AWS::NetworkFirewall::Firewall', {
      FirewallName: 'fw',
      VpcId: 'vpc-0abc',
      FirewallPolicyArn: refTo(policy, 'Ref'),
      SubnetMappings: [{ SubnetId: 'subnet-0a' }],
    });
    const missing = s.cfn('Orphan', 'AWS::NetworkFirewall::Firewall', { FirewallName: 'o', VpcId: 'vpc-0abc', FirewallPolicyArn: unknownInput('parameter PolicyArn'), SubnetMappings: [] });
    const { model } = s.lift();
    const f = model.getOf(fw.key, 'firewall')!;
    expect(f.domainRules.known && f.domainRules.value.map((r) => [r.action, r.domains])).toEqual([['deny', ['.example.com']]]);
    expect(f.defaultDeny).toMatchObject({ known: true, value: true });
    const o = model.getOf(missing.key, 'firewall')!;
    expect(!o.defaultDeny.known && o.defaultDeny.cause.inputs).toEqual(['parameter PolicyArn']);
  });

  it('lets a route through a firewall endpoint name the firewall', () => {
    const { s, fw } = firewallScan({ stateless_default_actions: ['aws:forward_to_sfe'] }, {});
    const vpc = s.resources.find((r) => r.type === 'aws_vpc')!;
    const rt = s.tf('aws_route_table', 'protected', {
      vpc_id: refTo(vpc),
      route: [{ cidr_block: '0.0.0.0/0', vpc_endpoint_id: refTo(fw, 'firewall_status') }],
    });
    const table = s.lift().model.getOf(rt.key, 'route-table')!;
    expect(table.routes.find((r) => !r.platformDefault)!.target).toMatchObject({ known: true, value: { kind: 'firewall', ref: { value: fw.key } } });
  });
});
