// Resource policies of services other than S3 and KMS -> IamPolicy
// 'resource': SNS topic, SQS queue, Secrets Manager secret and ECR
// repository policies, whether written as their own resource or as an
// attribute of the resource they guard. LG-6.7 judges who they let in.
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { IamPolicy } from '../../identity.js';
import { policyTextOf } from '../../policy-document.js';
import { fact } from '../../fact.js';
import { CLOUDFORMATION, TERRAFORM } from './sources.js';

/** Type -> the attribute that holds the policy document. */
const POLICY_ATTRIBUTE: Record<string, string> = {
  aws_sns_topic_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
  aws_ecr_repository_policy: 'policy',
  aws_sns_topic: 'policy',
  aws_sqs_queue: 'policy',
  aws_secretsmanager_secret: 'policy',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
};

/** Types whose main purpose is something else: their policy is a part (`<key>#policy`) sharing their address. */
const EMBEDDED = new Set(['aws_sns_topic', 'aws_sqs_queue', 'aws_secretsmanager_secret', 'AWS::ECR::Repository']);

const resourcePolicies: LiftHandler = {
  types: Object.keys(POLICY_ATTRIBUTE),
  sources: [...TERRAFORM, ...CLOUDFORMATION],
  pass: 'entity',
  lift(r, ctx) {
    const attribute = POLICY_ATTRIBUTE[r.type];
    const v = r.attrs.fields[attribute];
    const embedded = EMBEDDED.has(r.type);
    // Optional on the guarded resource: absent or empty there means no policy.
    if (embedded && (v === undefined || (v.kind === 'known' && (v.value === null || v.value === '')))) return;
    const p: IamPolicy = {
      ...baseOf(r, ctx, undefined),
      ...(embedded ? { id: `${r.key}#${attribute}` } : {}),
      loc: v?.loc ?? r.loc,
      kind: 'iam-policy',
      policyType: 'resource',
      document: policyTextOf(v, r, attribute),
      attachedTo: fact([], r.loc),
    };
    ctx.model.add(p);
  },
};

export const resourcePolicyHandlers: LiftHandler[] = [resourcePolicies];
