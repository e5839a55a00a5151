// Live KMS keys (AWS::KMS::Key items): the key state, for the live part of
// LG-2.5 (a key pending deletion without an approved disposal tag). AWS
// managed keys are not the customer's to dispose of and are left out.
import { field } from '../../../readers/value.js';
import { fact, unknownFact } from '../../fact.js';
import { boolFact, numberFact, stringFact } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import type { Key } from '../../keys.js';
import { tagsValue } from '../resources/tags.js';
import { CONFIG } from './network.js';

const kmsKey: LiftHandler = {
  types: ['AWS::KMS::Key'],
  sources: CONFIG,
  pass: 'entity',
  lift(r, ctx) {
    const manager = field(r.attrs, 'keyManager');
    if (manager?.kind === 'known' && manager.value === 'AWS') return;
    const state = stringFact(field(r.attrs, 'keyState'), r, { name: 'keyState' });
    const key: Key = {
      ...baseOf(r, ctx, tagsValue(r, 'tags')),
      kind: 'key',
      keyType: 'kms-key',
      // Configuration items do not carry the key policy.
      policy: unknownFact({ inputs: ['kms:GetKeyPolicy'], detail: `the AWS Config item of ${r.address} does not include its key policy` }, r.loc),
      pendingDeletion: state.known ? fact(state.value === 'PendingDeletion' || state.value === 'PendingReplicaDeletion', state.loc) : state,
      enabled: boolFact(field(r.attrs, 'enabled'), r, { name: 'enabled', default: true }),
      // Nor whether automatic rotation is on (the managed rule cmk-backing-key-rotation-enabled asks KMS itself).
      rotationEnabled: unknownFact(
        { inputs: ['kms:GetKeyRotationStatus'], detail: `the AWS Config item of ${r.address} does not include whether automatic rotation is on` },
        r.loc,
      ),
      multiRegion: boolFact(field(r.attrs, 'multiRegion'), r, { name: 'multiRegion', default: false }),
    };
    const window = field(r.attrs, 'pendingDeletionWindowInDays');
    if (window) key.deletionWindowDays = numberFact(window, r, { name: 'pendingDeletionWindowInDays' });
    const spec = field(r.attrs, 'keySpec') ?? field(r.attrs, 'customerMasterKeySpec');
    if (spec) key.keySpec = stringFact(spec, r, { name: 'keySpec' });
    const origin = field(r.attrs, 'origin');
    if (origin) key.origin = stringFact(origin, r, { name: 'origin' });
    ctx.model.add(key);
  },
};

export const configKeyHandlers: LiftHandler[] = [kmsKey];
