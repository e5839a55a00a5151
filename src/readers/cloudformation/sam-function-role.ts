// The execution role the SAM transform creates for an AWS::Serverless::Function
// that names no Role: `<LogicalId>Role`, trusted by Lambda, with the basic
// execution policy (and the VPC access policy when the function is in a VPC),
// plus what the function's `Policies` list: AWS managed policy names or ARNs,
// and inline policy documents. SAM policy templates (`DynamoDBCrudPolicy: …`)
// are scoped by SAM to the named resource and are left out.
import type { NativeResource } from '../native.js';
import { known, list, obj, type Value } from '../value.js';

const MANAGED_PREFIX = 'arn:aws:iam::aws:policy/';

function managedArn(name: string): string {
  return name.startsWith('arn:') ? name : `${MANAGED_PREFIX}${name}`;
}

/** The role SAM would create for this function, or nothing when it names its own Role. */
export function samFunctionRole(fn: NativeResource): NativeResource | undefined {
  if (fn.type !== 'AWS::Serverless::Function' || fn.attrs.fields.Role !== undefined) return undefined;
  const loc = fn.loc;
  const policies = fn.attrs.fields.Policies;
  const items = policies?.kind === 'list' ? policies.items : policies ? [policies] : [];
  const managed: Value[] = [known(`${MANAGED_PREFIX}service-role/AWSLambdaBasicExecutionRole`, loc)];
  if (fn.attrs.fields.VpcConfig !== undefined) managed.push(known(`${MANAGED_PREFIX}service-role/AWSLambdaVPCAccessExecutionRole`, loc));
  const inline: Value[] = [];
  for (const item of items) {
    if (item.kind === 'known' && typeof item.value === 'string') managed.push(known(managedArn(item.value), item.loc ?? loc));
    else if (item.kind === 'object' && item.fields.Statement !== undefined) {
      inline.push(obj({ PolicyName: known(`${fn.address}RolePolicy${inline.length}`, item.loc ?? loc), PolicyDocument: item }, item.loc ?? loc));
    } else if (item.kind !== 'object') managed.push(item);
  }
  const trust = obj(
    {
      Version: known('2012-10-17', loc),
      Statement: list([obj({ Effect: known('Allow', loc), Principal: obj({ Service: list([known('lambda.amazonaws.com', loc)], loc) }, loc), Action: list([known('sts:AssumeRole', loc)], loc) }, loc)], loc),
    },
    loc,
  );
  const fields: Record<string, Value> = { AssumeRolePolicyDocument: trust, ManagedPolicyArns: list(managed, policies?.loc ?? loc) };
  if (inline.length > 0) fields.Policies = list(inline, policies?.loc ?? loc);
  // Same place, condition and inline waivers as the function it belongs to.
  return { ...fn, type: 'AWS::IAM::Role', address: `${fn.address}Role`, key: `${fn.key}Role`, attrs: obj(fields, loc) };
}
