// Live log groups (from the logs API, shaped like Config items) -> LogStore,
// with the same meaning as the Terraform and CloudFormation handler: no
// retention = never expire, no key = the key CloudWatch Logs manages.
import { field } from '../../../readers/value.js';
import { defaulted, mapFact } from '../../fact.js';
import { numberFact } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { kmsEncryption } from '../resources/key-reference.js';
import { registerName } from '../resources/name-index.js';
import { tagsValue } from '../resources/tags.js';
import { CONFIG } from './network.js';

const logGroup: LiftHandler = {
  types: ['AWS::Logs::LogGroup'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const retention = numberFact(field(r.attrs, 'retentionInDays'), r, { name: 'retentionInDays', default: 0 });
    ctx.model.add({
      ...baseOf(r, ctx, tagsValue(r, 'tags')),
      kind: 'log-store',
      storeType: 'cloudwatch-log-group',
      retentionDays: mapFact(retention, (d): number | null => (d === 0 ? null : d)),
      encryption: kmsEncryption(ctx, r, field(r.attrs, 'kmsKeyId'), 'kmsKeyId', defaulted({ mode: 'provider-managed' }, r.loc)),
    });
    registerName(ctx, 'log-group', field(r.attrs, 'logGroupName'), r.key, r);
  },
};

export const configLogHandlers: LiftHandler[] = [logGroup];
