// The pool sends several units ahead to each worker; a worker that hangs or dies
// must cost only the unit it was reading, and every unit queued behind it must
// still be read. A small worker script stands in for the reader, so the test can
// make one unit hang and another kill its worker.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOnWorkers } from '../../src/engine/workers/pool.js';
import type { ReadUnit } from '../../src/engine/workers/work-units.js';
import { defaultReadOptions } from '../../src/readers/options.js';

const FAKE_WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ index, unit }) => {
  if (unit.text === 'hang') for (;;) {}
  if (unit.text === 'die') process.exit(3);
  parentPort.postMessage({ index, result: { resources: [], inputs: [{ file: unit.rel, kind: 'read by ' + process.pid }], errors: [], notScanned: [] } });
});
`;

function fakeWorker(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kikan-pool-')), 'worker.mjs');
  writeFileSync(file, FAKE_WORKER);
  return file;
}

const unit = (rel: string, text = 'ok'): ReadUnit => ({ kind: 'cloudformation', rel, text });

describe('worker pool', () => {
  it('gives every unit its own result, in unit order, whatever lane read it', async () => {
    const units = Array.from({ length: 23 }, (_, i) => unit(`t${i}.yaml`, 'x'.repeat(i % 5)));
    const results = await readOnWorkers(units, defaultReadOptions('/r'), 3, fakeWorker());
    expect(results.map((r) => r.inputs[0]?.file)).toEqual(units.map((u) => (u.kind === 'cloudformation' ? u.rel : '')));
  }, 30_000);

  it('fails only the unit a stuck worker was reading and reads the units queued behind it on a fresh worker', async () => {
    // One lane: the hanging unit has units queued behind it on the same worker.
    const units = [unit('big.yaml', 'hang'), unit('a.yaml'), unit('b.yaml'), unit('c.yaml'), unit('d.yaml'), unit('e.yaml')];
    const results = await readOnWorkers(units, { ...defaultReadOptions('/r'), timeLimitMs: 50 }, 1, fakeWorker());
    expect(results[0]!.errors).toEqual([{ file: 'big.yaml', message: 'reading took longer than 0.05 s: stopped, not scanned (big.yaml)' }]);
    expect(results[0]!.inputs).toEqual([]);
    for (const r of results.slice(1)) {
      expect(r.errors).toEqual([]);
      expect(r.inputs).toHaveLength(1);
    }
    expect(results.slice(1).map((r) => r.inputs[0]!.file)).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml']);
  }, 30_000);

  it('fails only the unit whose worker died and goes on with the rest', async () => {
    const units = [unit('a.yaml'), unit('dies.yaml', 'die'), unit('b.yaml'), unit('c.yaml')];
    const results = await readOnWorkers(units, defaultReadOptions('/r'), 1, fakeWorker());
    expect(results.map((r) => r.errors.map((e) => e.message))).toEqual([[], ['reader stopped (worker exit code 3), not scanned'], [], []]);
    expect(results.map((r) => r.inputs.map((i) => i.file))).toEqual([['a.yaml'], [], ['b.yaml'], ['c.yaml']]);
  }, 30_000);
});
