// Workloads that run in subnets: Auto Scaling groups, ECS services and
// Lambda functions attached to a VPC.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { field } from '../../../readers/value.js';
import type { Compute } from '../../compute.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { boolFact, itemsOf, numberFact, stringListFact } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { groupsOrDefault } from './default-groups.js';
import type { LaunchState } from './launch-state.js';
import { recordLaunch } from './launch-state.js';
import { linksTo } from './references.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';
import { tagsOf } from './tags.js';
import { hasItems } from './written.js';

interface GroupNames {
  subnets: string;
  zones: string;
  minSize: string;
  template: string;
  templateId: string;
  templateName: string;
  mixedTemplate: string[];
  mixedTemplateId: string;
  mixedTemplateName: string;
  launchConfiguration: string;
}

const TF_ASG: GroupNames = {
  subnets: 'vpc_zone_identifier',
  zones: 'availability_zones',
  minSize: 'min_size',
  template: 'launch_template',
  templateId: 'id',
  templateName: 'name',
  mixedTemplate: ['mixed_instances_policy', 'launch_template', 'launch_template_specification'],
  mixedTemplateId: 'launch_template_id',
  mixedTemplateName: 'launch_template_name',
  launchConfiguration: 'launch_configuration',
};

const CFN_ASG: GroupNames = {
  subnets: 'VPCZoneIdentifier',
  zones: 'AvailabilityZones',
  minSize: 'MinSize',
  template: 'LaunchTemplate',
  templateId: 'LaunchTemplateId',
  templateName: 'LaunchTemplateName',
  mixedTemplate: ['MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification'],
  mixedTemplateId: 'LaunchTemplateId',
  mixedTemplateName: 'LaunchTemplateName',
  launchConfiguration: 'LaunchConfigurationName',
};

/** Follows a path through single nested blocks (Terraform lists them, CloudFormation nests objects). */
function nested(v: Value | undefined, steps: string[]): Value | undefined {
  let cur = v;
  for (const s of steps) cur = itemsOf(field(cur, s))[0];
  return cur;
}

/**
 * Instances go to the subnets of `vpc_zone_identifier`, else to the default
 * subnets of the listed zones (not in the scanned code). Instance settings
 * come from the launch template or configuration.
 */
function autoScalingGroup(types: string[], sources: LiftHandler['sources'], n: GroupNames): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const subnets = field(r.attrs, n.subnets);
      const zones = field(r.attrs, n.zones);
      const compute: Compute = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'compute',
        computeType: 'autoscaling-group',
        subnets: hasItems(subnets)
          ? linksTo(subnets, r, ctx, n.subnets)
          : unknownFact({ inputs: [n.subnets], detail: `${r.address} launches into the default subnets of its zones` }, r.loc),
        minSize: numberFact(field(r.attrs, n.minSize), r, { name: n.minSize }),
      };
      if (hasItems(zones)) compute.zones = stringListFact(zones, r, { name: n.zones });
      const state: LaunchState = {
        compute,
        native: r,
        interfaces: [],
        unset: { subnets: false, securityGroups: true, imds: true, profile: true, publicIp: true },
      };
      const direct = nested(r.attrs, [n.template]);
      const spec = direct ?? nested(r.attrs, n.mixedTemplate);
      const id = field(spec, direct ? n.templateId : n.mixedTemplateId);
      const name = field(spec, direct ? n.templateName : n.mixedTemplateName);
      const configuration = field(r.attrs, n.launchConfiguration);
      if (hasItems(id)) state.template = { value: id, attribute: n.templateId };
      else if (hasItems(name)) state.template = { value: name, attribute: n.templateName };
      else if (hasItems(configuration)) state.template = { value: configuration, attribute: n.launchConfiguration };
      ctx.model.add(compute);
      recordLaunch(ctx, state);
    },
  };
}

interface ServiceNames {
  config: string[];
  subnets: string;
  groups: string;
  publicIp: string;
  desired: string;
  /** Desired count when the definition leaves it out. */
  desiredDefault: number;
}

/** `assign_public_ip` (bool) or `AssignPublicIp` (`ENABLED` / `DISABLED`); off by default. */
function publicIpOf(v: Value | undefined, r: NativeResource, name: string) {
  if (v?.kind === 'known' && typeof v.value === 'string' && /^(ENABLED|DISABLED)$/i.test(v.value)) {
    return fact(v.value.toUpperCase() === 'ENABLED', v.loc ?? r.loc);
  }
  return boolFact(v, r, { name, default: false });
}

/**
 * An ECS service with `awsvpc` networking names its subnets; one without
 * (bridge or host networking) runs on the cluster's container instances,
 * whose subnets the service does not show.
 */
function ecsService(types: string[], sources: LiftHandler['sources'], n: ServiceNames): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const config = nested(r.attrs, n.config);
      const compute: Compute = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'compute',
        computeType: 'ecs-service',
        subnets: config
          ? linksTo(field(config, n.subnets), r, ctx, n.subnets)
          : unknownFact({ inputs: [n.config[0]!], detail: `${r.address} has no awsvpc network configuration: its tasks run on the cluster's instances` }, r.loc),
        minSize: numberFact(field(r.attrs, n.desired), r, { name: n.desired, default: n.desiredDefault }),
      };
      if (config) {
        // Tasks without groups get the VPC's default group.
        compute.securityGroups = groupsOrDefault(field(config, n.groups), r, ctx, n.groups);
        compute.publicIp = publicIpOf(field(config, n.publicIp), r, n.publicIp);
      }
      ctx.model.add(compute);
    },
  };
}

/** A function outside a VPC has no subnets; one inside takes the zones of its subnets. */
function lambdaFunction(types: string[], sources: LiftHandler['sources'], configAttr: string, subnetsAttr: string, groupsAttr: string): LiftHandler {
  return {
    types,
    sources,
    pass: 'entity',
    lift(r, ctx) {
      const config = itemsOf(field(r.attrs, configAttr))[0];
      const subnets = field(config, subnetsAttr);
      const compute: Compute = {
        ...baseOf(r, ctx, tagsOf(r)),
        kind: 'compute',
        computeType: 'lambda-function',
        subnets: hasItems(subnets) ? linksTo(subnets, r, ctx, subnetsAttr) : defaulted([], r.loc),
      };
      if (hasItems(subnets)) compute.securityGroups = linksTo(field(config, groupsAttr), r, ctx, groupsAttr);
      ctx.model.add(compute);
    },
  };
}

export const serviceHandlers: LiftHandler[] = [
  autoScalingGroup(['aws_autoscaling_group'], TERRAFORM, TF_ASG),
  autoScalingGroup(['AWS::AutoScaling::AutoScalingGroup'], CLOUDFORMATION, CFN_ASG),
  // Terraform's desired_count defaults to 0; CloudFormation starts one task when DesiredCount is left out.
  ecsService(['aws_ecs_service'], TERRAFORM, {
    config: ['network_configuration'],
    subnets: 'subnets',
    groups: 'security_groups',
    publicIp: 'assign_public_ip',
    desired: 'desired_count',
    desiredDefault: 0,
  }),
  ecsService(['AWS::ECS::Service'], CLOUDFORMATION, {
    config: ['NetworkConfiguration', 'AwsvpcConfiguration'],
    subnets: 'Subnets',
    groups: 'SecurityGroups',
    publicIp: 'AssignPublicIp',
    desired: 'DesiredCount',
    desiredDefault: 1,
  }),
  lambdaFunction(['aws_lambda_function'], TERRAFORM, 'vpc_config', 'subnet_ids', 'security_group_ids'),
  // A SAM function deploys as a Lambda function with the same VpcConfig (Globals merged by the reader).
  lambdaFunction(['AWS::Lambda::Function', 'AWS::Serverless::Function'], CLOUDFORMATION, 'VpcConfig', 'SubnetIds', 'SecurityGroupIds'),
];
