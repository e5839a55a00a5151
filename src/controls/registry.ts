// Finds the control checks: every module in ./checks exports `check`, one
// per catalog ID, so adding a control is adding a file.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ControlCheck } from './control.js';

const CHECKS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'checks');

let cache: Promise<ControlCheck[]> | undefined;

export function loadChecks(): Promise<ControlCheck[]> {
  cache ??= (async () => {
    const files = readdirSync(CHECKS_DIR)
      .filter((f) => /^lg-[\d-]+\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
      .sort();
    const checks: ControlCheck[] = [];
    for (const f of files) {
      const mod = (await import(pathToFileURL(path.join(CHECKS_DIR, f)).href)) as { check?: ControlCheck };
      if (!mod.check) throw new Error(`control module ${f} exports no \`check\``);
      checks.push(mod.check);
    }
    const ids = new Set<string>();
    for (const c of checks) {
      if (ids.has(c.id)) throw new Error(`two control modules check ${c.id}`);
      ids.add(c.id);
    }
    return checks.sort((a, b) => compareControlIds(a.id, b.id));
  })();
  return cache;
}

/** Orders `LG-3.10` after `LG-3.9`. */
export function compareControlIds(a: string, b: string): number {
  const pa = a.replace(/^LG-/, '').split('.').map(Number);
  const pb = b.replace(/^LG-/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
