// The control fixture tester: every directory fixtures/LG-x.y/<case>/ holds
// the definitions of one case and a case.yaml saying which results the
// control must give. Adding a case is adding a directory.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/controls/catalog/load.js';
import type { Finding, Status } from '../../src/results/finding.js';
import type { FixtureScanOptions } from '../support/scan-fixture.js';
import { scanFixture } from '../support/scan-fixture.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

interface Expectation {
  address: string;
  status: Status;
  line?: number;
  file?: string;
  /** For unknown: inputs the finding must name. */
  inputs?: string[];
  /** Substring the message (English) must contain. */
  message?: string;
}

interface CaseFile {
  description: string;
  scan?: FixtureScanOptions;
  expect: Expectation[];
  /** Default true: every fail/exception of the control in this case must be expected. */
  exhaustive?: boolean;
}

function controlDirs(): string[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES).filter((d) => /^LG-\d+\.\d+$/.test(d)).sort();
}

function casesOf(control: string): string[] {
  const dir = path.join(FIXTURES, control);
  return readdirSync(dir)
    .filter((c) => statSync(path.join(dir, c)).isDirectory() && existsSync(path.join(dir, c, 'case.yaml')))
    .sort();
}

function formatOf(f: Finding): string {
  return f.resource.source;
}

describe('fixture coverage', () => {
  it('every implemented code control has a fixture directory', () => {
    // Live-only controls cannot be shown by definitions; their cases are served by the fake live services.
    const catalog = loadCatalog();
    const checks = readdirSync(path.resolve(import.meta.dirname, '../../src/controls/checks'))
      .filter((f) => /^lg-[\d-]+\.ts$/.test(f))
      .map((f) => f.replace(/^lg-(\d+)-(\d+)\.ts$/, 'LG-$1.$2'))
      .filter((id) => catalog.byId.get(id)?.kind === 'code');
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.filter((id) => !controlDirs().includes(id))).toEqual([]);
  });
});

const seen = new Map<string, { formats: Map<string, Set<Status>>; statuses: Set<Status> }>();

for (const control of controlDirs()) {
  describe(control, () => {
    for (const c of casesOf(control)) {
      it(c, async () => {
        const dir = path.join(FIXTURES, control, c);
        const spec = parse(readFileSync(path.join(dir, 'case.yaml'), 'utf8')) as CaseFile;
        const { findings: all, errors } = await scanFixture(dir, spec.scan);
        const mine = all.filter((f) => f.controlId === control);
        const cov = seen.get(control) ?? { formats: new Map(), statuses: new Set() };
        seen.set(control, cov);
        for (const e of spec.expect) {
          const hits = mine.filter((f) => f.resource.address === e.address);
          const shown = mine.map((f) => `${f.resource.address}=${f.status}`).join(', ');
          expect(hits.map((h) => h.status), `${e.address} in [${shown}]; read errors: ${JSON.stringify(errors)}`).toContain(e.status);
          const hit = hits.find((h) => h.status === e.status)!;
          if (e.line !== undefined) expect(hit.location?.line, `${e.address} line`).toBe(e.line);
          if (e.file !== undefined) expect(hit.location?.file, `${e.address} file`).toBe(e.file);
          if (e.message !== undefined) expect(hit.message.en).toContain(e.message);
          for (const input of e.inputs ?? []) {
            expect((hit.unknown ?? []).flatMap((u) => u.inputs), `${e.address} unknown inputs`).toContain(input);
          }
          cov.statuses.add(e.status);
          const fmt = formatOf(hit);
          if (!cov.formats.has(fmt)) cov.formats.set(fmt, new Set());
          cov.formats.get(fmt)!.add(e.status);
        }
        if (spec.exhaustive !== false) {
          const unexpected = mine.filter(
            (f) =>
              (f.status === 'fail' || f.status === 'exception') &&
              !spec.expect.some((e) => e.address === f.resource.address && e.status === f.status),
          );
          expect(unexpected.map((f) => `${f.resource.address}: ${f.message.en}`)).toEqual([]);
        }
      });
    }
    it('has passing and failing cases for every format, and an unknown case', () => {
      const cov = seen.get(control);
      expect(cov, 'no case ran').toBeDefined();
      // A live control's definition cases only show that definitions give it no result.
      if (loadCatalog().byId.get(control)?.kind === 'live') return;
      expect([...cov!.statuses], 'statuses covered').toEqual(expect.arrayContaining(['pass', 'fail', 'unknown']));
      for (const [fmt, statuses] of cov!.formats) {
        expect([...statuses], `${fmt} covers pass and fail`).toEqual(expect.arrayContaining(['pass', 'fail']));
      }
    });
  });
}
