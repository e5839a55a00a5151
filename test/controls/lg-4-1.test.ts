import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-4-1.js';
import { defaulted } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { only, run } from './data-controls-support.js';
import { compute, loadBalancer, sibling } from './resilience-support.js';

function twoZones(b: ModelBuilder, zoneB: string | { inputs: string[]; detail: string } = 'ap-northeast-1c'): string[] {
  b.vpc('vpc');
  b.subnet('app-a', 'vpc', { zone: 'ap-northeast-1a' });
  if (typeof zoneB === 'string') b.subnet('app-c', 'vpc', { zone: zoneB });
  else {
    b.subnet('app-c', 'vpc');
    b.model.getOf('app-c', 'subnet')!.zone = b.fact<string>(zoneB);
  }
  return ['app-a', 'app-c'];
}

describe('LG-4.1', () => {
  it('a scaling group passes across two zones of its subnets and fails in one, at the subnet list', () => {
    const b = new ModelBuilder();
    const subnets = twoZones(b);
    compute(b, 'spread', 'autoscaling-group', { subnets: b.links(subnets), minSize: b.fact(2) });
    const one = compute(b, 'single-zone', 'autoscaling-group', { subnets: b.links(['app-a']), minSize: b.fact(2) });
    const drafts = run(check, b);
    expect(only(drafts, 'spread').status).toBe('pass');
    expect(only(drafts, 'spread').message.en).toBe('the Auto Scaling group spans 2 zones (ap-northeast-1a, ap-northeast-1c)');
    const d = only(drafts, 'single-zone');
    expect(d.status).toBe('fail');
    expect(d.message.en).toBe('the Auto Scaling group is in one availability zone only (ap-northeast-1a)');
    expect(d.location).toEqual(one.subnets.loc);
  });

  it('two known zones decide even when another subnet zone is unknown; one known zone does not', () => {
    const b = new ModelBuilder();
    twoZones(b);
    b.subnet('app-x', 'vpc');
    b.model.getOf('app-x', 'subnet')!.zone = b.fact<string>(cause('var.third_zone'));
    compute(b, 'decided', 'autoscaling-group', { subnets: b.links(['app-a', 'app-c', 'app-x']), minSize: b.fact(3) });
    compute(b, 'open', 'autoscaling-group', { subnets: b.links(['app-a', 'app-x']), minSize: b.fact(3) });
    const drafts = run(check, b);
    expect(only(drafts, 'decided').status).toBe('pass');
    const open = only(drafts, 'open');
    expect(open.status).toBe('unknown');
    expect(open.unknown?.[0]?.inputs).toEqual(['var.third_zone']);
    expect(open.message.en).toContain('(known: ap-northeast-1a only)');
  });

  it('a single running instance fails even across zones; a count of zero is left to scaling', () => {
    const b = new ModelBuilder();
    const subnets = twoZones(b);
    const asg = compute(b, 'asg', 'autoscaling-group', { subnets: b.links(subnets), minSize: b.fact(1) });
    compute(b, 'svc', 'ecs-service', { subnets: b.links(subnets), minSize: defaulted(0, b.loc()) });
    compute(b, 'cfn-svc', 'ecs-service', { subnets: b.links(subnets), minSize: defaulted(1, b.loc()) });
    const drafts = run(check, b);
    const d = only(drafts, 'asg');
    expect(d.status).toBe('fail');
    expect(d.location).toEqual(asg.minSize!.loc);
    expect(only(drafts, 'svc').status).toBe('pass');
    expect(only(drafts, 'cfn-svc').message.en).toBe('the ECS service spans 2 zones (ap-northeast-1a, ap-northeast-1c) but may run a single instance (minimum 1, the default when unset), which stops the service when it fails');
  });

  it('CloudFormation !GetAZs picks count as distinct zones', () => {
    const b = new ModelBuilder();
    compute(b, 'asg', 'autoscaling-group', { zones: b.fact(['[GetAZs:0]', '[GetAZs:1]']), minSize: b.fact(2) });
    expect(only(run(check, b), 'asg').status).toBe('pass');
  });

  it('an ECS service without awsvpc networking is unknown, naming what would place it', () => {
    const b = new ModelBuilder();
    compute(b, 'svc', 'ecs-service', { subnets: b.links(cause('network_configuration')), minSize: b.fact(2) });
    expect(only(run(check, b), 'svc').unknown?.[0]?.inputs).toEqual(['network_configuration']);
  });

  it('AWS load balancers by their subnets; Azure ones by zone redundancy, defaults named', () => {
    const b = new ModelBuilder();
    const subnets = twoZones(b);
    loadBalancer(b, 'alb', 'application', { subnets: b.links(subnets) });
    const drafts = run(check, b);
    expect(only(drafts, 'alb').status).toBe('pass');

    const z = new ModelBuilder('azure', 'main.json');
    const lb = loadBalancer(z, 'lb', 'azure-load-balancer', { zoneRedundant: defaulted(false, z.loc()) });
    loadBalancer(z, 'agw', 'azure-application-gateway', { zones: z.fact(['1', '2', '3']), zoneRedundant: z.fact(true) });
    loadBalancer(z, 'lb-unread', 'azure-load-balancer');
    const az = run(check, z);
    expect(only(az, 'lb').message.en).toBe('the load balancer is not zone redundant (the default when unset)');
    expect(only(az, 'lb').location).toEqual(lb.zoneRedundant!.loc);
    expect(only(az, 'agw').message.en).toBe('the application gateway is zone redundant (1, 2, 3)');
    expect(only(az, 'lb-unread').unknown?.[0]?.inputs).toEqual(['lb-unread zone redundancy']);
  });

  it('App Service plans carry zone redundancy; an app is judged only when its plan is not scanned', () => {
    const b = new ModelBuilder('azure', 'main.json');
    compute(b, 'plan', 'app-service-plan', { zoneRedundant: b.fact(true) });
    compute(b, 'app', 'app-service', { plan: b.link('plan'), zoneRedundant: b.fact(true) });
    compute(b, 'orphan', 'app-service', { plan: b.link(cause('var.plan_id')), zoneRedundant: b.fact<boolean>(cause('var.plan_id')) });
    const drafts = run(check, b);
    expect(only(drafts, 'plan').status).toBe('pass');
    expect(drafts.filter((d) => 'address' in d.subject && d.subject.address === 'app')).toEqual([]);
    expect(only(drafts, 'orphan').status).toBe('unknown');
  });

  it('machines of one definition must span zones; a machine defined alone is not judged', () => {
    const b = new ModelBuilder();
    twoZones(b);
    const web0 = compute(b, 'aws_instance.web[0]', 'ec2-instance', { zones: b.fact(['ap-northeast-1a']) });
    sibling(b, web0, 'aws_instance.web[1]', { zones: b.fact(['ap-northeast-1c']) });
    const batch0 = compute(b, 'aws_instance.batch["a"]', 'ec2-instance', { zones: b.fact(['ap-northeast-1a']) });
    sibling(b, batch0, 'aws_instance.batch["b"]', { zones: b.fact(['ap-northeast-1a']) });
    compute(b, 'aws_instance.bastion', 'ec2-instance', { zones: b.fact(['ap-northeast-1a']) });
    const drafts = run(check, b);
    expect(only(drafts, 'aws_instance.web[1]').message.en).toBe('the 2 instances of this definition are spread over 2 zones (ap-northeast-1a, ap-northeast-1c)');
    expect(only(drafts, 'aws_instance.batch["b"]').status).toBe('fail');
    expect(only(drafts, 'aws_instance.batch["a"]').message.en).toContain('are all in zone ap-northeast-1a');
    expect(only(drafts, 'aws_instance.bastion').status).toBe('not_applicable');
  });

  it('a module called once per role makes different services, not siblings', () => {
    const b = new ModelBuilder('azure', 'main.tf');
    const dc = compute(b, 'module.dc.azurerm_windows_virtual_machine.this', 'azure-vm', { source: 'terraform', zones: b.fact<string[]>([]), availabilitySet: b.fact<string | null>(null) });
    sibling(b, dc, 'module.sql.azurerm_windows_virtual_machine.this');
    const drafts = run(check, b);
    expect(only(drafts, 'module.dc.azurerm_windows_virtual_machine.this').status).toBe('not_applicable');
    expect(only(drafts, 'module.sql.azurerm_windows_virtual_machine.this').status).toBe('not_applicable');
  });

  it('VMs in an availability set pass; siblings without zones or set fail; an unknown set is unknown', () => {
    const b = new ModelBuilder('azure', 'main.json');
    compute(b, 'avset', 'azure-vm');
    const set = compute(b, 'vm-set', 'azure-vm', { zones: b.fact<string[]>([]), availabilitySet: b.fact<string | null>('avset') });
    const a = compute(b, 'Microsoft.Compute/virtualMachines/app-0', 'azure-vm', { zones: b.fact<string[]>([]), availabilitySet: b.fact<string | null>(null) });
    sibling(b, a, 'Microsoft.Compute/virtualMachines/app-1');
    compute(b, 'vm-open', 'azure-vm', { zones: b.fact<string[]>([]), availabilitySet: b.fact<string | null>(cause('parameter avSetId')) });
    const drafts = run(check, b);
    expect(only(drafts, 'vm-set').message.en).toBe('it is in the availability set avset');
    expect(only(drafts, 'vm-set').location).toEqual(set.availabilitySet!.loc);
    expect(only(drafts, 'Microsoft.Compute/virtualMachines/app-1').message.en).toContain('placed with no zone and no availability set');
    expect(only(drafts, 'vm-open').unknown?.[0]?.inputs).toEqual(['parameter avSetId']);
  });

  it('a scale set without zones fails; with zones passes', () => {
    const b = new ModelBuilder('azure', 'main.json');
    compute(b, 'vmss', 'azure-vmss', { zones: defaulted<string[]>([], b.loc()), minSize: b.fact(2) });
    compute(b, 'vmss-z', 'azure-vmss', { zones: b.fact(['1', '2']), minSize: b.fact(2) });
    const drafts = run(check, b);
    expect(only(drafts, 'vmss').message.en).toBe('the VM scale set names no availability zones, so it does not span zones');
    expect(only(drafts, 'vmss-z').status).toBe('pass');
  });
});
