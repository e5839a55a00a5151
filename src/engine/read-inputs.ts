// Hands each discovered input to its reader and gathers what they return.
import { looksLikeArmParameters, looksLikeArmTemplate } from '../readers/arm/index.js';
import { looksLikeCloudFormation } from '../readers/cloudformation/index.js';
import type { ReadResult } from '../readers/native.js';
import { looksLikeTerraformPlan } from '../readers/plan/index.js';
import { emptyReadResult, UNLOADED_VARS_KIND } from '../readers/native.js';
import type { ReadOptions } from '../readers/options.js';
import type { Discovery, FileKind } from './discover.js';
import { readOnWorkers } from './workers/pool.js';
import { readUnit } from './workers/read-unit.js';
import { relativePath } from '../readers/paths.js';
import { readUnits, type ReadUnit } from './workers/work-units.js';
import { unitFailed, unitLabel } from './workers/unit-label.js';

/**
 * Resources one scan holds at most. Each unit is bounded by its instance
 * limit, but many small files can each expand close to it; past this, later
 * units are given up (in unit order, so the outcome does not depend on jobs).
 */
export const MAX_SCAN_RESOURCES = 100_000;

/** What a structured file is, by content. */
export function sniffFile(text: string, rel: string): FileKind | undefined {
  if (looksLikeTerraformPlan(text, rel)) return 'terraform-plan';
  if (looksLikeArmTemplate(text, rel)) return 'arm';
  if (looksLikeArmParameters(text, rel)) return 'arm-parameters';
  if (looksLikeCloudFormation(text, rel)) return 'cloudformation';
  return undefined;
}

/** Gathers read results; a parameter file shared by several templates is one input, and its errors are reported once. */
class Merged {
  readonly out = emptyReadResult();
  private readonly inputKeys = new Set<string>();
  private readonly errorKeys = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly maxResources: number,
  ) {}

  /** Adds a unit's result, or an error in its place once the scan would hold more resources than it may. */
  addUnit(unit: ReadUnit, r: ReadResult): void {
    if (this.out.resources.length + r.resources.length <= this.maxResources) return this.add(r);
    const why = `the scan would hold more than ${this.maxResources} resources: stopped, not scanned (${unitLabel(unit, this.root)}); scan fewer directories at once`;
    const failed = unitFailed(unit, this.root, why);
    failed.timing = r.timing;
    this.add(failed);
  }

  private add(r: ReadResult): void {
    // Loops, not push(...): a spread of a few hundred thousand items overflows the call stack.
    for (const x of r.resources) this.out.resources.push(x);
    for (const i of r.inputs) {
      const key = `${i.file}\u0000${i.kind}`;
      if (this.inputKeys.has(key)) continue;
      this.inputKeys.add(key);
      this.out.inputs.push(i);
    }
    for (const e of r.errors) {
      const key = `${e.file}\u0000${e.line}\u0000${e.message}`;
      if (this.errorKeys.has(key)) continue;
      this.errorKeys.add(key);
      this.out.errors.push(e);
    }
    for (const x of r.notScanned) this.out.notScanned.push(x);
    if (r.secretInputs) for (const x of r.secretInputs) (this.out.secretInputs ??= []).push(x);
    if (r.scopeAccounts) for (const x of r.scopeAccounts) (this.out.scopeAccounts ??= []).push(x);
    if (r.timing) {
      const t = (this.out.timing ??= { readMs: 0, parseMs: 0 });
      t.readMs += r.timing.readMs;
      t.parseMs += r.timing.parseMs;
    }
  }
}

const LINKED = /^(arm) \(linked from (.+)\)$|^(cloudformation) \(nested in (.+)\)$/;

/**
 * A template that another scanned template links by `relativePath` (ARM) or nests by a local TemplateURL
 * (CloudFormation) is judged where it is linked, with the parameters the deployment passes. Read on its own as
 * well, its parameters are unset and it lacks the resource group or stack tags the link gives it: each resource
 * would be reported twice, once without the segment the link gives it.
 */
function dropStandaloneLinked(out: ReadResult): void {
  const linked = new Map<string, string>();
  for (const i of out.inputs) {
    const m = LINKED.exec(i.kind);
    const [source, from] = m ? [m[1] ?? m[3]!, m[2] ?? m[4]!] : [];
    if (source !== undefined && from !== i.file) linked.set(i.file, source);
  }
  if (linked.size === 0) return;
  const standalone = (source: string, scope: string) => linked.get(scope) === source;
  out.resources = out.resources.filter((r) => !standalone(r.source, r.scope));
  out.notScanned = out.notScanned.filter((n) => !linked.has(n.scope));
  if (out.secretInputs) out.secretInputs = out.secretInputs.filter((s) => !standalone(s.source, s.scope));
  for (const i of out.inputs) {
    if (linked.get(i.file) === i.kind) i.kind = `${i.kind} (judged where it is ${i.kind === 'arm' ? 'linked' : 'nested'})`;
  }
}

/**
 * Reads every input. Independent units (template files, groups of Terraform
 * directories joined by local module calls) run on `jobs` worker threads when
 * jobs > 1; results are merged in unit order, so they do not depend on jobs.
 */
export async function readDiscovered(found: Discovery, opts: ReadOptions, jobs = 1): Promise<ReadResult> {
  const merged = new Merged(opts.root, opts.maxScanResources ?? MAX_SCAN_RESOURCES);
  const out = merged.out;
  const { units, pairedParams, coveredByPlan } = readUnits(found);
  if (jobs > 1 && units.length > 1) {
    const results = await readOnWorkers(units, opts, jobs);
    units.forEach((unit, i) => merged.addUnit(unit, results[i]!));
  } else {
    for (const unit of units) merged.addUnit(unit, readUnit(unit, opts));
  }
  dropStandaloneLinked(out);
  for (const [dir, plan] of coveredByPlan) {
    out.inputs.push({ file: relativePath(opts.root, dir), kind: `terraform (judged through the plan ${plan})` });
  }
  // A file a reader took in (a policy read by Terraform's file(), say) is listed as what it was read as.
  const listed = new Set(out.inputs.map((i) => i.file));
  for (const f of found.files) {
    // Parameter files not paired with a template are listed, so nothing read goes unreported.
    if (f.kind === 'arm-parameters' && !pairedParams.has(f.rel)) out.inputs.push({ file: f.rel, kind: 'arm-parameters (unpaired)' });
    else if (f.kind === 'other' && !listed.has(f.rel)) out.inputs.push({ file: f.rel, kind: 'not a definition' });
    // Per-environment variable files (envs/prod.tfvars) count only when given: say so, or their values pass unnoticed.
    else if (f.kind === 'terraform-vars' && !listed.has(f.rel)) out.inputs.push({ file: f.rel, kind: UNLOADED_VARS_KIND });
  }
  // The same report from the same files, whatever order readers met them in.
  out.inputs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return out;
}
