// The target of the scanned (root) deployment: nothing about it is known
// before deployment except the region, when the user gives `--location`.
import type { SourceLoc, Value } from '../../readers/value.js';
import { known, unknown } from '../../readers/value.js';
import { ROOT_MANAGEMENT_GROUP_EXPR, ROOT_RESOURCE_GROUP_EXPR, ROOT_SUBSCRIPTION_EXPR } from './resource-id.js';
import type { ArmDeploymentScope, ArmDeploymentTarget } from './scope.js';

export function rootDeploymentTarget(scope: ArmDeploymentScope, region: string | undefined, loc?: SourceLoc): ArmDeploymentTarget {
  const location: Value =
    region !== undefined
      ? known(region, loc)
      : unknown(
          { inputs: ['--location'], detail: "resourceGroup().location: the resource group's region is not given" },
          loc,
          '[resourceGroup().location]',
        );
  return {
    scope,
    subscriptionId: unknown({ inputs: ['subscription()'], detail: 'the subscription is chosen at deployment' }, loc, ROOT_SUBSCRIPTION_EXPR),
    resourceGroupName: unknown({ inputs: ['resourceGroup()'], detail: 'the resource group is chosen at deployment' }, loc, ROOT_RESOURCE_GROUP_EXPR),
    resourceGroupLocation: location,
    managementGroupName: unknown(
      { inputs: ['managementGroup()'], detail: 'the management group is chosen at deployment' },
      loc,
      ROOT_MANAGEMENT_GROUP_EXPR,
    ),
    deploymentName: unknown({ inputs: ['deployment()'], detail: 'the deployment name is chosen at deployment' }, loc, '[deployment().name]'),
  };
}
