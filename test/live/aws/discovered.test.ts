// Types advanced queries cannot select, read with ListDiscoveredResources +
// BatchGetResourceConfig through the real SDK client against the fake
// endpoint: paged listing, batches of at most 100 keys, unprocessed keys
// asked again, and keys that stay unprocessed named as not read.
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterEach, describe, expect, it } from 'vitest';
import { readDiscovered } from '../../../src/live/aws/discovered.js';
import { liftAws } from '../../../src/model/aws/lift.js';
import { LinkResolver } from '../../../src/model/link-resolver.js';
import { CloudModel } from '../../../src/model/model.js';
import type { FakeAws, FakeAwsOptions } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ACCOUNT = '111122223333';

/** A BatchGetResourceConfig item: configuration and supplementary values as JSON text, no tags or relationships. */
function profile(n: number) {
  const name = `kyufu-app-${String(n).padStart(3, '0')}`;
  const id = `AIPARZ3EXAMPLE${String(n).padStart(6, '0')}`;
  return {
    version: '1.3',
    accountId: ACCOUNT,
    configurationItemCaptureTime: 1763690400.123,
    configurationItemStatus: 'ResourceDiscovered',
    configurationStateId: String(1763690400123 + n),
    arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`,
    resourceType: 'AWS::IAM::InstanceProfile',
    resourceId: id,
    resourceName: name,
    awsRegion: 'global',
    availabilityZone: 'Not Applicable',
    configuration: JSON.stringify({ Path: '/', InstanceProfileName: name, Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`, Roles: ['kyufu-app-role'] }),
    supplementaryConfiguration: {},
  };
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function read(o: Partial<FakeAwsOptions>) {
  fake = await startFakeAws({ account: ACCOUNT, items: [], ...o });
  const client = new ConfigServiceClient({ region: 'ap-northeast-1', endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
  return readDiscovered(client, ACCOUNT, 'ap-northeast-1', ['AWS::IAM::InstanceProfile']);
}

describe('ListDiscoveredResources + BatchGetResourceConfig', () => {
  it('reads every listed key in batches of 100 and asks again for unprocessed keys', async () => {
    const items = Array.from({ length: 205 }, (_, i) => profile(i));
    const out = await read({ discovered: items, unprocessed: { once: [items[3]!.resourceId, items[150]!.resourceId] } });
    expect(out.errors).toEqual([]);
    expect(out.resources).toHaveLength(205);
    expect(new Set(out.resources.map((r) => r.key)).size).toBe(205);
    expect(Math.max(...fake!.batchSizes)).toBe(100);
    // Three batches, two of which had one key held back and asked for again.
    expect(fake!.batchSizes).toEqual([100, 1, 100, 1, 5]);
    // Listing came in pages of 50.
    expect(fake!.calls.filter((c) => c.target.endsWith('ListDiscoveredResources'))).toHaveLength(5);
    // IAM items recorded as `global` belong to the scope that read them.
    expect(out.resources[0]!.scope).toBe(`aws:${ACCOUNT}/ap-northeast-1`);
  });

  it('names the keys that stay unprocessed and keeps the rest', async () => {
    const items = [profile(1), profile(2), profile(3)];
    const out = await read({ discovered: items, unprocessed: { always: [items[1]!.resourceId] } });
    expect(out.resources.map((r) => r.ids?.[0])).toEqual([items[0]!.resourceId, items[2]!.resourceId]);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.message).toMatch(/BatchGetResourceConfig left 1 keys unprocessed after 3 retries; not read: AWS::IAM::InstanceProfile AIPARZ3EXAMPLE000002/);
  });

  it('names a denied listing', async () => {
    const out = await read({ discovered: [profile(1)], deniedActions: ['config:ListDiscoveredResources'] });
    expect(out.resources).toEqual([]);
    expect(out.errors[0]!.message).toMatch(/config:ListDiscoveredResources failed for AWS::IAM::InstanceProfile \(AccessDeniedException/);
  });

  it('lifts an instance profile read this way with the role it holds', async () => {
    const out = await read({ discovered: [profile(7)] });
    const model = new CloudModel();
    liftAws(out.resources, { model, links: new LinkResolver(out.resources) });
    const p = model.all('iam-role').find((r) => r.roleType === 'instance-profile');
    expect(p?.address).toBe(`arn:aws:iam::${ACCOUNT}:instance-profile/kyufu-app-007`);
    expect(p?.roles?.known && p.roles.value.length).toBe(1);
  });
});
