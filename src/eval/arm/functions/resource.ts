// Resource functions: the resourceId family builds IDs in kikan's scheme
// (see resource-id.ts); reference(), list*() and the like read the state of
// deployed resources and are unknown, except the outputs of a nested
// deployment the reader can evaluate.
import type { Value } from '../../../readers/value.js';
import { unknown } from '../../../readers/value.js';
import {
  appendResource,
  idValue,
  resourceGroupBase,
  scopeBase,
  segmentText,
  subscriptionBase,
  type IdPart,
} from '../resource-id.js';
import { unknownFrom } from '../unknowns.js';
import { ArmEvalError } from '../values.js';
import { arity, deployTimeValue, values, type ArmFunction, type CallInfo } from './types.js';

interface TypedArgs {
  prefix: Value[];
  type: string;
  names: Value[];
}

/** Split `[prefix..., type, names...]`: the type is the first known argument with a `/`. */
function typedArgs(name: string, vs: Value[], maxPrefix: number): TypedArgs | Value[] {
  let unknownBefore = false;
  for (let i = 0; i <= Math.min(maxPrefix, vs.length - 2); i++) {
    const v = vs[i]!;
    if (v.kind === 'known' && typeof v.value === 'string' && v.value.includes('/')) {
      return { prefix: vs.slice(0, i), type: v.value, names: vs.slice(i + 1) };
    }
    if (v.kind !== 'known') unknownBefore = true;
  }
  // An unknown argument might have been the type.
  if (unknownBefore) return vs;
  throw new ArmEvalError(`${name}: no resource type argument`);
}

function build(name: string, base: IdPart, t: TypedArgs, call: CallInfo): Value {
  const id = appendResource(base, t.type, t.names);
  if (!id) throw new ArmEvalError(`${name}: ${t.names.length} name(s) do not fit the type '${t.type}'`);
  return idValue(id, call.loc);
}

const resourceId: ArmFunction = (args, call) => {
  arity('resourceId', args, 2, Infinity);
  const vs = values('resourceId', args);
  const t = typedArgs('resourceId', vs, 2);
  if (Array.isArray(t)) return unknownFrom(t, call.expr, call.loc);
  const target = call.scope.target;
  let base: IdPart;
  if (t.prefix.length === 2) base = resourceGroupBase(t.prefix[0]!, t.prefix[1]!);
  else if (t.prefix.length === 1) base = resourceGroupBase(target.subscriptionId, t.prefix[0]!);
  else base = scopeBase(target);
  return build('resourceId', base, t, call);
};

const subscriptionResourceId: ArmFunction = (args, call) => {
  arity('subscriptionResourceId', args, 2, Infinity);
  const vs = values('subscriptionResourceId', args);
  const t = typedArgs('subscriptionResourceId', vs, 1);
  if (Array.isArray(t)) return unknownFrom(t, call.expr, call.loc);
  const base = subscriptionBase(t.prefix[0] ?? call.scope.target.subscriptionId);
  return build('subscriptionResourceId', base, t, call);
};

const tenantResourceId: ArmFunction = (args, call) => {
  arity('tenantResourceId', args, 2, Infinity);
  const vs = values('tenantResourceId', args);
  const t = typedArgs('tenantResourceId', vs, 0);
  if (Array.isArray(t)) return unknownFrom(t, call.expr, call.loc);
  return build('tenantResourceId', { values: [], text: '' }, t, call);
};

const managementGroupResourceId: ArmFunction = (args, call) => {
  arity('managementGroupResourceId', args, 2, Infinity);
  const vs = values('managementGroupResourceId', args);
  const t = typedArgs('managementGroupResourceId', vs, 1);
  if (Array.isArray(t)) return unknownFrom(t, call.expr, call.loc);
  const mg = t.prefix[0] ?? call.scope.target.managementGroupName;
  const base = { values: [mg], text: `/providers/Microsoft.Management/managementGroups/${segmentText(mg)}` };
  return build('managementGroupResourceId', base, t, call);
};

const extensionResourceId: ArmFunction = (args, call) => {
  arity('extensionResourceId', args, 3, Infinity);
  const [scope, ...rest] = values('extensionResourceId', args);
  const t = typedArgs('extensionResourceId', rest, 0);
  if (Array.isArray(t)) return unknownFrom([scope!, ...t], call.expr, call.loc);
  return build('extensionResourceId', { values: [scope!], text: segmentText(scope!) }, t, call);
};

const reference: ArmFunction = (args, call) => {
  arity('reference', args, 1, 3);
  const [target] = values('reference', args);
  const resolved = call.scope.reference(target!);
  if (resolved) return resolved;
  return unknown({ inputs: [call.expr.slice(1, -1)], detail: 'the state of a deployed resource is known only after deployment' }, call.loc, call.expr);
};

export const RESOURCE_FUNCTIONS: Record<string, ArmFunction> = {
  resourceid: resourceId,
  subscriptionresourceid: subscriptionResourceId,
  tenantresourceid: tenantResourceId,
  managementgroupresourceid: managementGroupResourceId,
  extensionresourceid: extensionResourceId,
  reference,
  providers: deployTimeValue('resource provider metadata is read from Azure at deployment'),
  pickzones: deployTimeValue('the zones a region offers are read from Azure at deployment'),
};

