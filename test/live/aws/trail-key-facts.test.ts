// Live facts the live-only controls read: Trail.isLogging / deliveryError from
// the trail status Config records, Key.pendingDeletion from the key state.
import { describe, expect, it } from 'vitest';
import { nativeOfItem } from '../../../src/live/aws/to-native.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { NativeResource } from '../../../src/readers/native.js';

const origin = { accountId: '111122223333', region: 'ap-northeast-1' };

function trail(name: string, supplementary: object): NativeResource {
  return nativeOfItem(
    {
      resourceType: 'AWS::CloudTrail::Trail',
      resourceId: name,
      arn: `arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/${name}`,
      configuration: JSON.stringify({ name, s3BucketName: 'audit', isMultiRegionTrail: true, hasCustomEventSelectors: false }),
      supplementaryConfiguration: supplementary,
    },
    origin,
  )!;
}

describe('live trail and key facts', () => {
  it('reads logging, delivery errors and pending deletion, and leaves a missing status unknown naming the call', () => {
    const rs = [
      trail('on', { TrailStatus: JSON.stringify({ IsLogging: true }) }),
      trail('off', { TrailStatus: JSON.stringify({ IsLogging: false, LatestDeliveryError: 'AccessDenied' }) }),
      trail('silent', {}),
      nativeOfItem({ resourceType: 'AWS::KMS::Key', resourceId: 'k1', configuration: { keyState: 'PendingDeletion', keyManager: 'CUSTOMER' } }, origin)!,
      nativeOfItem({ resourceType: 'AWS::KMS::Key', resourceId: 'k2', configuration: { keyState: 'Enabled', keyManager: 'AWS' } }, origin)!,
    ];
    const model = new CloudModel();
    liftAws(rs, { model, links: new LinkResolver(rs) });
    const t = (n: string) => model.all('trail').find((x) => x.address.endsWith(`/${n}`))!;
    expect(t('on').isLogging).toMatchObject({ known: true, value: true });
    expect(t('on').deliveryError).toMatchObject({ known: true, value: null });
    expect(t('on').managementEvents).toMatchObject({ known: true, value: true });
    expect(t('off').isLogging).toMatchObject({ known: true, value: false });
    expect(t('off').deliveryError).toMatchObject({ known: true, value: 'AccessDenied' });
    expect(t('silent').isLogging).toMatchObject({ known: false, cause: { inputs: ['cloudtrail:GetTrailStatus'] } });
    const keys = model.all('key');
    expect(keys.map((k) => k.address)).toEqual(['AWS::KMS::Key/k1']);
    expect(keys[0]!.pendingDeletion).toMatchObject({ known: true, value: true });
  });
});
