// The check: a live scan of what a Terraform configuration deployed
// fails the same controls on the same resources as the Terraform itself.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanAws } from '../../../src/cli/scan-aws-command.js';
import { loadCatalog } from '../../../src/controls/catalog/load.js';
import { scanDefinitions } from '../../../src/engine/scan.js';
import { loadPolicyFor } from '../../../src/policy/load.js';
import type { FakeAws } from './fake-aws.js';
import { startFakeAws } from './fake-aws.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/live/aws');
const ITEMS = JSON.parse(readFileSync(path.join(FIXTURES, 'juki-network-items.json'), 'utf8')) as object[];

/** Terraform address -> live resource ID of the same object. */
const SAME = {
  'aws_vpc.juki': 'vpc-0c3f9a1e2b4d5a6f7',
  'aws_subnet.public_a': 'subnet-0a11b22c33d44e55f',
  'aws_subnet.app_c': 'subnet-0f66e77d88c99b00a',
  'aws_internet_gateway.igw': 'igw-05e4d3c2b1a09f8e7',
  'aws_route_table.public': 'rtb-0fedc0ba987654321',
  'aws_security_group.bastion': 'sg-0aa11bb22cc33dd44',
  'aws_security_group.app': 'sg-0ee55ff66aa77bb88',
};

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({ account: '111122223333', items: ITEMS, pageSize: 50 });
});
afterAll(() => fake.close());

function named(address: string): string | undefined {
  for (const [tf, id] of Object.entries(SAME)) if (address === tf || address.endsWith(`/${id}`)) return tf;
  return undefined;
}

describe('live AWS against its Terraform', () => {
  it('fails the same controls on the same resources', async () => {
    const catalog = loadCatalog();
    const severityOf = (id: string) => catalog.byId.get(id)?.severity ?? 'medium';
    const tf = await scanDefinitions({
      paths: [path.join(FIXTURES, 'juki-network-tf')],
      read: { root: path.join(FIXTURES, 'juki-network-tf'), vars: {}, varFiles: [], params: {}, paramFiles: [] },
      policy: loadPolicyFor(path.join(FIXTURES, 'juki-network-tf'), undefined),
      now: new Date(),
      severityOf,
    });
    let out = '';
    await runScanAws(
      { region: ['ap-northeast-1'], format: 'json', lang: 'en', quiet: true },
      { stdout: (t) => (out += t), stderr: () => undefined },
      { credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, endpoint: fake.endpoint },
    );
    type Result = { controlId: string; status: string; resource: { address: string; type: string } };
    const live = (JSON.parse(out) as { findings: Result[] }).findings;
    // Account-level results differ by design: code leaves an absent service unknown, a live account without it fails.
    const failures = (fs: Result[]) =>
      fs
        .filter((f) => f.status === 'fail' && f.resource.type !== 'scope')
        .map((f) => `${f.controlId} ${named(f.resource.address) ?? f.resource.address}`)
        .sort();
    const tfFails = failures(tf.findings);
    expect(tfFails.some((f) => f.includes('aws_security_group.bastion'))).toBe(true);
    expect(failures(live)).toEqual(tfFails);
    const accountLevel = (fs: Result[], status: string) =>
      fs.filter((f) => f.resource.type === 'scope' && f.status === status).map((f) => f.controlId).sort();
    expect(accountLevel(live, 'fail')).toEqual(['LG-1.2', 'LG-6.1', 'LG-6.10', 'LG-6.10']);
    expect(accountLevel(tf.findings, 'unknown')).toEqual(expect.arrayContaining(['LG-1.2', 'LG-6.1', 'LG-6.10', 'LG-6.10']));
  });
});
