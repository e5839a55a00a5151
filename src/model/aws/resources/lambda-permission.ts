// Lambda permissions (aws_lambda_permission, AWS::Lambda::Permission) ->
// IamPolicy 'resource'. Each permission is one statement of the function's
// resource policy; it is written here as that statement (principal, action,
// and the source and organisation it is limited to as conditions) so that
// LG-6.7 judges it as it judges every other resource policy.
import type { NativeResource } from '../../../readers/native.js';
import { known, list, obj, type Value } from '../../../readers/value.js';
import { fact } from '../../fact.js';
import type { IamPolicy } from '../../identity.js';
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { policyTextOf } from '../../policy-document.js';
import { isWritten } from '../network/written.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';

/** The permission's arguments by source: Terraform and CloudFormation name them differently. */
const ARGUMENTS = {
  terraform: { principal: 'principal', action: 'action', sourceArn: 'source_arn', sourceAccount: 'source_account', orgId: 'principal_org_id' },
  cloudformation: { principal: 'Principal', action: 'Action', sourceArn: 'SourceArn', sourceAccount: 'SourceAccount', orgId: 'PrincipalOrgID' },
} as const;

/** `*`, a service (`s3.amazonaws.com`), or an account or ARN, as a policy Principal. */
function principalOf(v: Value): Value {
  if (v.kind !== 'known' || typeof v.value !== 'string' || v.value === '*') return v;
  const kind = /\.amazonaws\.com(\.cn)?$/.test(v.value) ? 'Service' : 'AWS';
  return obj({ [kind]: v }, v.loc);
}

function statementOf(r: NativeResource, names: (typeof ARGUMENTS)[keyof typeof ARGUMENTS]): Value {
  const f = r.attrs.fields;
  const condition: Record<string, Value> = {};
  const equals: Record<string, Value> = {};
  if (isWritten(f[names.sourceArn])) condition.ArnLike = obj({ 'aws:SourceArn': f[names.sourceArn]! }, r.loc);
  if (isWritten(f[names.sourceAccount])) equals['aws:SourceAccount'] = f[names.sourceAccount]!;
  if (isWritten(f[names.orgId])) equals['aws:PrincipalOrgID'] = f[names.orgId]!;
  if (Object.keys(equals).length) condition.StringEquals = obj(equals, r.loc);
  const principal = f[names.principal] ?? known(null, r.loc);
  return obj(
    {
      Effect: known('Allow', r.loc),
      Principal: principalOf(principal),
      Action: f[names.action] ?? known('lambda:InvokeFunction', r.loc),
      Resource: known('*', r.loc),
      ...(Object.keys(condition).length ? { Condition: obj(condition, r.loc) } : {}),
    },
    r.loc,
  );
}

const lambdaPermissions: LiftHandler = {
  types: ['aws_lambda_permission', 'AWS::Lambda::Permission'],
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const names = r.type === 'aws_lambda_permission' ? ARGUMENTS.terraform : ARGUMENTS.cloudformation;
    const principal = r.attrs.fields[names.principal];
    const document = obj({ Version: known('2012-10-17', r.loc), Statement: list([statementOf(r, names)], r.loc) }, principal?.loc ?? r.loc);
    const p: IamPolicy = {
      ...baseOf(r, ctx, undefined),
      loc: principal?.loc ?? r.loc,
      kind: 'iam-policy',
      policyType: 'resource',
      document: policyTextOf(document, r, names.principal),
      attachedTo: fact([], r.loc),
    };
    ctx.model.add(p);
  },
};

export const lambdaPermissionHandlers: LiftHandler[] = [lambdaPermissions];
