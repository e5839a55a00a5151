// Functions that read the template's inputs and the deployment's target:
// parameters, variables, copyIndex, resourceGroup, subscription,
// managementGroup, tenant, deployment, environment, deployer.
import type { Value } from '../../../readers/value.js';
import { known, obj, unknown } from '../../../readers/value.js';
import { resourceGroupBase, segmentText, subscriptionBase } from '../resource-id.js';
import { unknownFrom, unknownIn } from '../unknowns.js';
import { ArmEvalError } from '../values.js';
import { arity, asString, values, type ArmFunction, type CallInfo } from './types.js';

function nameArg(name: string, args: Parameters<ArmFunction>[0]): string | Value {
  arity(name, args, 1);
  const [v] = values(name, args);
  if (v!.kind !== 'known') return v!;
  return asString(name, v!.value);
}

const parameters: ArmFunction = (args, call) => {
  const n = nameArg('parameters', args);
  if (typeof n !== 'string') return unknownFrom([n], call.expr, call.loc);
  const v = call.scope.parameter(n);
  if (v === undefined) throw new ArmEvalError(`parameter '${n}' is not declared`);
  return v;
};

const variables: ArmFunction = (args, call) => {
  const n = nameArg('variables', args);
  if (typeof n !== 'string') return unknownFrom([n], call.expr, call.loc);
  const v = call.scope.variable(n);
  if (v === undefined) throw new ArmEvalError(`variable '${n}' is not declared`);
  return v;
};

/** copyIndex(), copyIndex(offset), copyIndex('loop'), copyIndex('loop', offset). */
const copyIndex: ArmFunction = (args, call) => {
  arity('copyIndex', args, 0, 2);
  const vs = values('copyIndex', args);
  let loop: string | undefined;
  let offset: Value = known(0, call.loc);
  if (vs[0]?.kind === 'known' && typeof vs[0].value === 'string') {
    loop = vs[0].value;
    if (vs[1]) offset = vs[1];
  } else if (vs[0]) {
    offset = vs[0];
  }
  const index = call.scope.copyIndex(loop);
  if (index === undefined) throw new ArmEvalError(loop ? `copy loop '${loop}' does not enclose this expression` : 'copyIndex() outside a copy loop');
  // Keep the call's own text for unknown indexes: a name shows as `vm-[copyIndex(1)]`.
  const u = unknownIn([index, offset], call.expr, call.loc);
  if (u) return u;
  if (index.kind !== 'known' || offset.kind !== 'known' || typeof index.value !== 'number' || typeof offset.value !== 'number')
    throw new ArmEvalError('copyIndex offset must be an integer');
  return known(index.value + offset.value, call.loc);
};

function idOrUnknown(values: Value[], text: string, call: CallInfo): Value {
  return unknownIn(values, text, call.loc) ?? known(text, call.loc);
}

const resourceGroup: ArmFunction = (args, call) => {
  arity('resourceGroup', args, 0);
  const t = call.scope.target;
  if (t.scope !== 'resourceGroup') throw new ArmEvalError(`resourceGroup() is not available in a ${t.scope} deployment`);
  const base = resourceGroupBase(t.subscriptionId, t.resourceGroupName);
  const unknownState = unknown({ inputs: ['resourceGroup()'], detail: 'set on the resource group, outside the template' }, call.loc);
  return obj(
    {
      id: idOrUnknown(base.values, base.text, call),
      name: t.resourceGroupName,
      type: known('Microsoft.Resources/resourceGroups', call.loc),
      location: t.resourceGroupLocation,
      tags: unknownState,
      managedBy: unknownState,
      properties: obj({ provisioningState: known('Succeeded', call.loc) }, call.loc),
    },
    call.loc,
  );
};

const subscription: ArmFunction = (args, call) => {
  arity('subscription', args, 0);
  const t = call.scope.target;
  const base = subscriptionBase(t.subscriptionId);
  const tenantUnknown = unknown({ inputs: ['tenant()'], detail: 'the Entra ID tenant is chosen at deployment' }, call.loc);
  return obj(
    {
      id: idOrUnknown(base.values, base.text, call),
      subscriptionId: t.subscriptionId,
      tenantId: tenantUnknown,
      displayName: unknown({ inputs: ['subscription()'], detail: 'the subscription is chosen at deployment' }, call.loc),
    },
    call.loc,
  );
};

const managementGroup: ArmFunction = (args, call) => {
  arity('managementGroup', args, 0, 1);
  const t = call.scope.target;
  const name = t.managementGroupName;
  const text = `/providers/Microsoft.Management/managementGroups/${segmentText(name)}`;
  return obj(
    {
      id: idOrUnknown([name], text, call),
      name,
      type: known('Microsoft.Management/managementGroups', call.loc),
      properties: unknown({ inputs: ['managementGroup()'], detail: 'set on the management group, outside the template' }, call.loc),
    },
    call.loc,
  );
};

const deployment: ArmFunction = (args, call) => {
  arity('deployment', args, 0);
  return obj(
    {
      name: call.scope.target.deploymentName,
      properties: unknown({ inputs: ['deployment()'], detail: 'set by whoever starts the deployment' }, call.loc),
      location: unknown({ inputs: ['deployment()'], detail: 'set by whoever starts the deployment' }, call.loc),
    },
    call.loc,
  );
};

/** Whole objects that depend on the Azure cloud or the caller, chosen at deployment. */
function deployTimeObject(name: string, detail: string): ArmFunction {
  return (args, call) => {
    arity(name, args, 0);
    return unknown({ inputs: [`${name}()`], detail }, call.loc, call.expr);
  };
}

export const DEPLOYMENT_FUNCTIONS: Record<string, ArmFunction> = {
  parameters,
  variables,
  copyindex: copyIndex,
  resourcegroup: resourceGroup,
  subscription,
  managementgroup: managementGroup,
  deployment,
  tenant: deployTimeObject('tenant', 'the Entra ID tenant is chosen at deployment'),
  environment: deployTimeObject('environment', 'the Azure cloud (global, China, US Government) is chosen at deployment'),
  deployer: deployTimeObject('deployer', 'the identity that runs the deployment'),
};
