// The bundled sample environment, scanned as `npm start` does: the
// violations a reviewer would find, and the approved path as an exception.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFixture } from '../support/scan-fixture.js';

const SAMPLE = path.resolve(import.meta.dirname, '../../fixtures/sample');

describe('sample environment', async () => {
  const { findings, errors, inputs } = await scanFixture(SAMPLE, { config: 'kikan.yaml' });
  const find = (id: string, address: string) => findings.filter((f) => f.controlId === id && f.resource.address === address);

  it('reads every file without error and lists the policy file as such', () => {
    expect(errors).toEqual([]);
    const sha256 = createHash('sha256').update(readFileSync(path.join(SAMPLE, 'kikan.yaml'))).digest('hex');
    // The policy decides results, so an attestation must be able to recheck it like any definition.
    expect(inputs.filter((i) => i.file === 'kikan.yaml')).toEqual([{ file: 'kikan.yaml', kind: 'policy', sha256 }]);
  });
  it('reports the approved patch path as an exception, never a pass, and the egress subnet itself as a failure', () => {
    expect(find('LG-3.2', 'module.network.aws_subnet.app["a"]').map((f) => f.status)).toEqual(['exception']);
    expect(find('LG-3.2', 'module.network.aws_subnet.egress[0]').map((f) => f.status)).toEqual(['fail']);
  });
  it('finds RDP open to the internet in the My Number segment at the rule', () => {
    const [f] = find('LG-3.5', 'module.app.aws_security_group.app');
    expect(f).toMatchObject({ status: 'fail', severity: 'critical', location: { file: 'terraform/modules/app/main.tf', line: 16 } });
  });
  it('judges log retention from the root variable default (90 days < 365)', () => {
    const [f] = find('LG-6.2', 'module.logging.aws_cloudwatch_log_group.app');
    expect(f?.status).toBe('fail');
    expect(f?.evidence).toMatchObject({ retentionDays: 90 });
  });
  it('takes the platform baseline as inherited and the customer key as passing', () => {
    expect(findings.filter((f) => f.controlId === 'LG-7.3').map((f) => f.status)).toEqual(['inherited']);
    expect(find('LG-2.3', 'module.database.aws_rds_cluster.this').map((f) => f.status)).toEqual(['pass']);
    expect(find('LG-2.3', 'module.database.aws_s3_bucket.exports').map((f) => f.status)).toEqual(['fail']);
  });
});
