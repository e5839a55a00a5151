// Runs the whole engine on a fixture directory, the way `kikan scan` does.
import path from 'node:path';
import { loadCatalog } from '../../src/controls/catalog/load.js';
import { scanDefinitions } from '../../src/engine/scan.js';
import type { ScanOutcome } from '../../src/engine/scan.js';
import { loadPolicyFor } from '../../src/policy/load.js';
import { defaultReadOptions } from '../../src/readers/options.js';

export interface FixtureScanOptions {
  region?: string;
  vars?: Record<string, string>;
  params?: Record<string, string>;
  varFiles?: string[];
  paramFiles?: string[];
  config?: string;
  now?: string;
}

export async function scanFixture(dir: string, o: FixtureScanOptions = {}): Promise<ScanOutcome> {
  const root = path.resolve(dir);
  const read = defaultReadOptions(root);
  read.vars = o.vars ?? {};
  read.params = o.params ?? {};
  read.varFiles = (o.varFiles ?? []).map((f) => path.join(root, f));
  read.paramFiles = (o.paramFiles ?? []).map((f) => path.join(root, f));
  if (o.region) read.region = o.region;
  const policy = loadPolicyFor(root, o.config ? path.join(root, o.config) : undefined);
  if (!read.region && policy.region) read.region = policy.region;
  const catalog = loadCatalog();
  return scanDefinitions({
    paths: [root],
    read,
    policy,
    now: new Date(o.now ?? '2026-11-28T00:00:00+09:00'),
    severityOf: (id) => catalog.byId.get(id)?.severity ?? 'medium',
  });
}
