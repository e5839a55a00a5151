// aws_s3_account_public_access_block -> AccountService
// 's3-account-public-access-block'. Settings (Fact<boolean> each, false when
// not written): blockPublicAcls, blockPublicPolicy, ignorePublicAcls,
// restrictPublicBuckets. `enabled` = all four on. finishS3 applies them to
// the buckets of the same scope.
import type { LiftHandler } from '../../lifter.js';
import { boolFact } from '../../lift-values.js';
import { accountService } from './account-service.js';
import { allTrue } from './fact-logic.js';
import { TERRAFORM } from './sources.js';

export const s3AccountHandlers: LiftHandler[] = [
  {
    types: ['aws_s3_account_public_access_block'],
    sources: TERRAFORM,
    pass: 'entity',
    lift(r, ctx) {
      const flag = (name: string) => boolFact(r.attrs.fields[name], r, { name, default: false });
      const settings = {
        blockPublicAcls: flag('block_public_acls'),
        blockPublicPolicy: flag('block_public_policy'),
        ignorePublicAcls: flag('ignore_public_acls'),
        restrictPublicBuckets: flag('restrict_public_buckets'),
      };
      ctx.model.add(accountService(r, ctx, 's3-account-public-access-block', allTrue(Object.values(settings), r.loc), settings));
    },
  },
];
