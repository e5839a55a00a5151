// A KMS key a live resource names by ARN. A template that writes a key ARN
// means a customer key; live, AWS names the AWS managed key (aws/rds,
// aws/ebs …) by ARN too, so only the key's own configuration item tells which
// it is. Without that item the key stays unknown: never taken as a customer key.
import { field } from '../../../readers/value.js';
import type { UnknownCause } from '../../../readers/value.js';
import type { LiftContext } from '../../lifter.js';

/** An alias names its key by name, never by an ARN the item would resolve: `alias/aws/*` is AWS managed, any other alias a customer's. */
const ALIAS = /^(arn:[^:]+:kms:[^:]*:\d*:)?alias\//;

export type LiveKey = { text: string } | { unknown: UnknownCause } | undefined;

export function liveKey(ctx: LiftContext, keyId: unknown, awsAlias: string): LiveKey {
  if (typeof keyId !== 'string' || !keyId) return undefined;
  if (ALIAS.test(keyId)) return { text: keyId };
  const item = ctx.links.byIdentity(keyId);
  if (!item || item.type !== 'AWS::KMS::Key') {
    return {
      unknown: {
        inputs: [`AWS::KMS::Key ${keyId}`],
        detail: `the key ${keyId} is not among the configuration items read, so whether it is AWS managed (${awsAlias}) or a customer key is not known: record AWS::KMS::Key in AWS Config`,
      },
    };
  }
  const manager = field(item.attrs, 'keyManager');
  return { text: manager?.kind === 'known' && manager.value === 'AWS' ? awsAlias : keyId };
}
