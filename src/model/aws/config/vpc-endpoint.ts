// VPC endpoint configuration items (describe shape: vpcEndpointType
// `Interface` / `Gateway`, serviceName, subnetIds, routeTableIds,
// groups[].groupId, policyDocument) -> CloudFormation properties, lifted by the
// CloudFormation endpoint handler (which names its attributes itself; only
// tags are read the Terraform way for a non-CloudFormation source).
import type { LiftHandler } from '../../lifter.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation } from './via-definitions.js';
import type { Doc } from './item-shape.js';
import { defined } from './item-shape.js';

function policy(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export function endpointProperties(item: ConfigItem): Translated {
  const groups = Array.isArray(item.groups) ? item.groups.flatMap((g) => (typeof (g as Doc)?.groupId === 'string' ? [(g as Doc).groupId] : [])) : [];
  return {
    properties: defined({
      VpcId: item.vpcId,
      ServiceName: item.serviceName,
      VpcEndpointType: item.vpcEndpointType,
      SubnetIds: item.subnetIds ?? [],
      RouteTableIds: item.routeTableIds ?? [],
      PrivateDnsEnabled: item.privateDnsEnabled,
      SecurityGroupIds: groups,
      PolicyDocument: policy(item.policyDocument),
      tags: item.tags,
    }),
  };
}

export const configEndpointHandlers: LiftHandler[] = viaCloudFormation('AWS::EC2::VPCEndpoint', endpointProperties);
