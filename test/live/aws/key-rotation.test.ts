// LG-6.8 on live KMS keys: Config items do not record whether automatic
// rotation is on, so a symmetric customer key is unknown naming
// kms:GetKeyRotationStatus (it had no result at all); a key that cannot rotate
// automatically is not applicable, and AWS managed keys are not judged.
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/controls/checks/lg-6-8.js';
import type { ControlContext } from '../../../src/controls/control.js';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';

const ACCOUNT = '888899990000';
const origin = { accountId: ACCOUNT, region: 'ap-northeast-1' };

function key(id: string, keyManager: 'AWS' | 'CUSTOMER', keySpec: string, origin = 'AWS_KMS') {
  const arn = `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/${id}`;
  return {
    resourceType: 'AWS::KMS::Key',
    resourceId: id,
    arn,
    configurationItemStatus: 'OK',
    configuration: { keyId: id, arn, keyManager, keyState: 'Enabled', enabled: true, origin, keySpec, keyUsage: keySpec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY', multiRegion: false },
    tags: [{ key: 'lg:tenant', value: 'town-b' }],
  };
}

describe('LG-6.8 on live KMS keys', () => {
  it('a symmetric customer key is unknown naming the call; a signing key is not applicable; an AWS managed key is not judged', () => {
    const items = [
      key('0e0e0e0e-1111-4c4c-8d8d-000000000001', 'CUSTOMER', 'SYMMETRIC_DEFAULT'),
      key('0e0e0e0e-1111-4c4c-8d8d-000000000002', 'CUSTOMER', 'ECC_NIST_P256'),
      key('0e0e0e0e-1111-4c4c-8d8d-000000000003', 'AWS', 'SYMMETRIC_DEFAULT'),
    ];
    const natives = items.map((i) => nativeOfItem(i, origin)).filter((r): r is NativeResource => r !== undefined);
    const model = new CloudModel();
    liftAws(natives, { model, links: new LinkResolver(natives) });
    const drafts = check.check({ model } as unknown as ControlContext);
    const byKey = drafts.map((d) => [('address' in d.subject ? d.subject.address : '').slice(-1), d.status, d.unknown?.flatMap((u) => u.inputs)]);
    expect(byKey).toEqual([
      ['1', 'unknown', ['kms:GetKeyRotationStatus']],
      ['2', 'not_applicable', undefined],
    ]);
  });
});
