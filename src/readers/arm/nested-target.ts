// Where a nested deployment (`Microsoft.Resources/deployments`) deploys: the
// inner template's `$schema` gives the scope kind, the deployment's own
// `subscriptionId`, `resourceGroup` and `scope` name the target, and anything
// not named is inherited from the enclosing deployment.
import type { ArmDeploymentScope, ArmDeploymentTarget, ArmScope } from '../../eval/arm/scope.js';
import { evaluateTemplateValue } from '../../eval/arm/template-value.js';
import { displayText } from '../../eval/arm/unknowns.js';
import { lookupField } from '../../eval/arm/values.js';
import type { ObjectValue, Value } from '../value.js';
import { known, unknown } from '../value.js';

export function scopeKindOfSchema(schema: Value | undefined): ArmDeploymentScope | undefined {
  if (schema?.kind !== 'known' || typeof schema.value !== 'string') return undefined;
  const s = schema.value.toLowerCase();
  if (s.includes('subscriptiondeploymenttemplate')) return 'subscription';
  if (s.includes('managementgroupdeploymenttemplate')) return 'managementGroup';
  if (s.includes('tenantdeploymenttemplate')) return 'tenant';
  if (s.includes('deploymenttemplate')) return 'resourceGroup';
  return undefined;
}

export interface NestedTargetInput {
  deployment: ObjectValue;
  template: ObjectValue;
  /** Scope the deployment resource's own fields are evaluated in. */
  scope: ArmScope;
  /** Where the enclosing deployment deploys. */
  outer: ArmDeploymentTarget;
  name: Value;
  /** Locations of resource groups the scanned templates create, by lower-case name. */
  resourceGroupLocations: Map<string, Value>;
}

export function nestedTarget(input: NestedTargetInput): ArmDeploymentTarget {
  const { deployment, scope, outer } = input;
  const field = (name: string): Value | undefined => {
    const raw = lookupField(deployment, name);
    return raw === undefined ? undefined : evaluateTemplateValue(raw, scope);
  };
  const subscriptionId = field('subscriptionId');
  const resourceGroup = field('resourceGroup');
  const scopeField = field('scope');
  const kind = scopeKindOfSchema(lookupField(input.template, '$schema')) ?? (resourceGroup ? 'resourceGroup' : outer.scope);

  let managementGroupName = outer.managementGroupName;
  if (scopeField?.kind === 'known' && typeof scopeField.value === 'string') {
    const m = /managementGroups\/([^/]+)$/i.exec(scopeField.value);
    if (m) managementGroupName = known(m[1]!, scopeField.loc);
  }

  let resourceGroupName = outer.resourceGroupName;
  let resourceGroupLocation = outer.resourceGroupLocation;
  if (resourceGroup) {
    resourceGroupName = resourceGroup;
    const named = resourceGroup.kind === 'known' ? input.resourceGroupLocations.get(String(resourceGroup.value).toLowerCase()) : undefined;
    resourceGroupLocation =
      named ??
      unknown(
        {
          inputs: [`location of resource group ${displayText(resourceGroup)}`],
          detail: 'the nested deployment targets a resource group the scanned templates do not create',
        },
        resourceGroup.loc,
        '[resourceGroup().location]',
      );
  } else if (kind === 'resourceGroup' && outer.scope !== 'resourceGroup') {
    resourceGroupName = unknown({ inputs: [], detail: 'the nested deployment names no resource group' }, deployment.loc, '[missing resourceGroup]');
  }

  return {
    scope: kind,
    subscriptionId: subscriptionId ?? outer.subscriptionId,
    resourceGroupName,
    resourceGroupLocation,
    managementGroupName,
    deploymentName: input.name,
  };
}
