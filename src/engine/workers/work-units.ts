// Splits discovered inputs into units that read independently of each other:
// each template or plan file (an ARM template with its parameter files), and each
// group of Terraform directories joined by local module calls.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { armParameterFileNames } from '../../readers/arm/index.js';
import type { ArmParameterFile } from '../../readers/arm/index.js';
import type { Discovery } from '../discover.js';
import { MAX_INPUT_BYTES } from '../../readers/referenced-file.js';
import { isConfigFile } from '../../readers/terraform/config-files.js';

export type ReadUnit =
  | { kind: 'terraform'; dirs: string[] }
  | { kind: 'cloudformation'; rel: string; text: string }
  | { kind: 'terraform-plan'; rel: string; text: string }
  | { kind: 'arm'; rel: string; text: string; params: ArmParameterFile[] };

/** `source = "./x"` in HCL or `"source": "../x"` in JSON: the only way one directory reaches another's configuration. */
const LOCAL_SOURCE = /["]?source["]?\s*[=:]\s*"(\.\.?\/[^"]*)"/g;

/** Local module directories a directory's files name, over-approximated (a commented call still joins): joining too much is safe. */
function localTargets(dir: string): string[] {
  const targets: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter(isConfigFile);
  } catch {
    return targets;
  }
  for (const name of names) {
    let text: string;
    try {
      // Only regular files: a pipe is never done reading. The module loader reports what it cannot read.
      const file = path.join(dir, name);
      const info = statSync(file);
      if (!info.isFile() || info.size > MAX_INPUT_BYTES) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(LOCAL_SOURCE)) targets.push(path.resolve(dir, m[1]!));
  }
  return targets;
}

/**
 * Terraform directories grouped so that no local module call crosses groups;
 * a called directory outside the scan still joins the directories that call it.
 */
export function terraformGroups(dirs: readonly string[]): string[][] {
  const parent = new Map<string, string>();
  const find = (d: string): string => {
    if (!parent.has(d)) parent.set(d, d);
    let r = d;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(d, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const given = [...new Set(dirs.map((d) => path.resolve(d)))].sort();
  const seen = new Set<string>(given);
  const queue = [...given];
  for (let next = 0; next < queue.length; next++) {
    const d = queue[next]!;
    for (const t of localTargets(d)) {
      union(d, t);
      if (!seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const d of given) {
    const r = find(d);
    const group = groups.get(r);
    if (group) group.push(d);
    else groups.set(r, [d]);
  }
  return [...groups.values()];
}

/** Every independent read of a discovery, in a fixed order: Terraform groups, then files as discovered. */
export function readUnits(found: Discovery): { units: ReadUnit[]; pairedParams: Set<string>; coveredByPlan: Map<string, string> } {
  // A plan is the evaluated form of the root module beside it: reading both would judge every resource twice.
  const planDirs = new Map<string, string>();
  for (const f of found.files) if (f.kind === 'terraform-plan') planDirs.set(path.dirname(f.abs), f.rel);
  const coveredByPlan = new Map<string, string>();
  const units: ReadUnit[] = [];
  for (const dirs of terraformGroups(found.terraformDirs)) {
    const plan = dirs.map((d) => planDirs.get(d)).find((p) => p !== undefined);
    if (plan) for (const d of dirs) coveredByPlan.set(d, plan);
    else units.push({ kind: 'terraform', dirs });
  }
  const byRel = new Map(found.files.map((f) => [f.rel, f]));
  const pairedParams = new Set<string>();
  for (const f of found.files) {
    if (f.kind === 'cloudformation' || f.kind === 'terraform-plan') units.push({ kind: f.kind, rel: f.rel, text: f.text });
    else if (f.kind === 'arm') {
      const params: ArmParameterFile[] = [];
      for (const name of armParameterFileNames(f.rel)) {
        const p = byRel.get(name);
        if (p && p.kind === 'arm-parameters') {
          params.push({ file: p.rel, text: p.text });
          pairedParams.add(p.rel);
        }
      }
      units.push({ kind: 'arm', rel: f.rel, text: f.text, params });
    }
  }
  return { units, pairedParams, coveredByPlan };
}
