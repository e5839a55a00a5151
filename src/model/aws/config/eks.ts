// EKS cluster configuration items -> CloudFormation properties, lifted by the
// CloudFormation EKS handler. Config records the cluster in CloudFormation's
// shape (`ResourcesVpcConfig` with `SubnetIds`, `EndpointPublicAccess`,
// `PublicAccessCidrs`), so the VPC configuration passes through as it is.
import type { LiftHandler } from '../../lifter.js';
import type { ConfigItem, Translated } from './via-definitions.js';
import { viaCloudFormation } from './via-definitions.js';
import { defined } from './item-shape.js';

export function clusterProperties(item: ConfigItem): Translated {
  return { properties: defined({ Name: item.Name, ResourcesVpcConfig: item.ResourcesVpcConfig, tags: item.tags }) };
}

export const configEksHandlers: LiftHandler[] = viaCloudFormation('AWS::EKS::Cluster', clusterProperties);
