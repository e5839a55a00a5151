// Elastic Load Balancing v2 configuration items. Load balancers (camelCase
// describe shape: scheme, type, availabilityZones[].subnetId,
// securityGroups[]) go through the Terraform handler, the network layer's
// reading of a non-CloudFormation source; listeners (CloudFormation schema
// shape: Port, Protocol, SslPolicy, DefaultActions) through the
// CloudFormation one. The item carries no load balancer attributes, so
// deletion protection and where access logs go stay unknown
// (DescribeLoadBalancerAttributes).
import type { NativeResource } from '../../../readers/native.js';
import type { LiftHandler } from '../../lifter.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation, viaTerraform } from './via-definitions.js';
import { defined, doc } from './item-shape.js';

/** Lists Config writes either as strings or as `{value}` wrappers. */
function strings(v: unknown, name?: string): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => (typeof x === 'string' ? [x] : typeof doc(x)?.[name ?? 'value'] === 'string' ? [doc(x)![name ?? 'value'] as string] : []));
}

export function loadBalancerArguments(item: ConfigItem, r: NativeResource): Translated {
  return {
    type: 'aws_lb',
    properties: defined({
      name: item.loadBalancerName,
      load_balancer_type: item.type,
      internal: item.scheme === 'internal',
      subnets: strings(item.availabilityZones, 'subnetId'),
      security_groups: strings(item.securityGroups),
      tags: item.tags,
    }),
    unknowns: {
      enable_deletion_protection: {
        inputs: ['elasticloadbalancing:DescribeLoadBalancerAttributes'],
        detail: `the AWS Config item of ${r.address} does not include its attributes (deletion protection)`,
      },
      // One unknown for both kinds of logs the attributes would name (access and connection logs).
      access_logs: {
        inputs: ['elasticloadbalancing:DescribeLoadBalancerAttributes'],
        detail: `the AWS Config item of ${r.address} does not include its attributes (whether and where access and connection logs are written)`,
      },
    },
  };
}

export function listenerProperties(item: ConfigItem): Translated {
  return {
    properties: defined({
      LoadBalancerArn: item.LoadBalancerArn,
      Port: item.Port,
      Protocol: item.Protocol,
      SslPolicy: item.SslPolicy,
      Certificates: item.Certificates,
      DefaultActions: item.DefaultActions,
    }),
  };
}

export const configElbHandlers: LiftHandler[] = [
  ...viaTerraform('AWS::ElasticLoadBalancingV2::LoadBalancer', loadBalancerArguments),
  ...viaCloudFormation('AWS::ElasticLoadBalancingV2::Listener', listenerProperties),
];
