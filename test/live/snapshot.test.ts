import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NativeResource } from '../../src/readers/native.js';
import { fromPlain, known, obj, unknown } from '../../src/readers/value.js';
import type { ObjectValue } from '../../src/readers/value.js';
import { SNAPSHOT_FORMAT, snapshotText, writeSnapshot } from '../../src/live/snapshot.js';

const loc = { file: 'aws:111122223333/ap-northeast-1', line: 1 };

function resource(id: string, body: Record<string, unknown>): NativeResource {
  return {
    source: 'aws-config',
    cloud: 'aws',
    type: 'AWS::EC2::Subnet',
    address: `arn:aws:ec2:ap-northeast-1:111122223333:subnet/${id}`,
    key: `aws:111122223333/ap-northeast-1#${id}`,
    scope: 'aws:111122223333/ap-northeast-1',
    attrs: fromPlain(body, loc) as ObjectValue,
    loc,
    ids: [id],
    region: known('ap-northeast-1', loc),
  };
}

describe('live snapshot', () => {
  it('gives the same bytes whatever order resources and keys came in', () => {
    const a = resource('subnet-0a1', { vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', tags: { Name: 'app-a' } });
    const b = resource('subnet-0b2', { cidrBlock: '10.0.2.0/24', vpcId: 'vpc-1' });
    const bReordered = resource('subnet-0b2', { vpcId: 'vpc-1', cidrBlock: '10.0.2.0/24' });
    expect(snapshotText({ resources: [a, b] })).toBe(snapshotText({ resources: [bReordered, a] }));
    const doc = JSON.parse(snapshotText({ resources: [b, a] }));
    expect(doc.format).toBe(SNAPSHOT_FORMAT);
    expect(doc.resources.map((r: { key: string }) => r.key)).toEqual([a.key, b.key]);
  });

  it('changes when a value changes', () => {
    const a = resource('subnet-0a1', { mapPublicIpOnLaunch: false });
    const a2 = resource('subnet-0a1', { mapPublicIpOnLaunch: true });
    expect(snapshotText({ resources: [a] })).not.toBe(snapshotText({ resources: [a2] }));
  });

  it('writes the resource location once and keeps locations that differ and unknown causes', () => {
    const r = resource('subnet-0a1', { vpcId: 'vpc-1' });
    const other = { file: 'aws:111122223333/ap-northeast-3', line: 1 };
    r.attrs.fields.kmsKeyId = unknown({ inputs: ['kms:GetKeyPolicy'], detail: 'denied' }, other);
    r.attrs.fields.nested = obj({ x: known(1, other) });
    const doc = JSON.parse(snapshotText({ resources: [r] }));
    const written = doc.resources[0];
    expect(written.loc).toEqual(loc);
    expect(written.attrs.loc).toBeUndefined();
    expect(written.attrs.fields.vpcId).toEqual({ kind: 'known', value: 'vpc-1' });
    expect(written.attrs.fields.kmsKeyId.cause.inputs).toEqual(['kms:GetKeyPolicy']);
    expect(written.attrs.fields.kmsKeyId.loc).toEqual(other);
    expect(written.attrs.fields.nested.fields.x.loc).toEqual(other);
  });

  it('keeps read errors and not-scanned entries sorted beside the resources', () => {
    const text = snapshotText({
      resources: [],
      errors: [
        { file: 'aws:222233334444/ap-northeast-1', message: 'config:SelectResourceConfig failed' },
        { file: 'aws:111122223333/ap-northeast-3', message: 'logs:DescribeLogGroups failed' },
      ],
      notScanned: [],
    });
    expect(JSON.parse(text).errors.map((e: { file: string }) => e.file)).toEqual([
      'aws:111122223333/ap-northeast-3',
      'aws:222233334444/ap-northeast-1',
    ]);
  });

  it('records the file with the SHA-256 of the bytes written', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kikan-snapshot-'));
    const file = path.join(dir, 'deep', 'snap.json');
    const record = writeSnapshot(file, { resources: [resource('subnet-0a1', { vpcId: 'vpc-1' })] }, 'aws-config-snapshot');
    expect(record.kind).toBe('aws-config-snapshot');
    expect(record.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(record.file.endsWith('deep/snap.json')).toBe(true);
  });
});
