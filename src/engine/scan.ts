// One scan of definitions, end to end: discover -> read -> lift -> graph ->
// controls -> findings. The live scans reuse everything from lift onwards.
import path from 'node:path';
import type { ControlContext } from '../controls/control.js';
import { loadChecks } from '../controls/registry.js';
import { buildGraph } from '../graph/build.js';
import { liftAws } from '../model/aws/lift.js';
import { liftAzure, withAzureSpelling } from '../model/azure/lift.js';
import { LinkResolver } from '../model/link-resolver.js';
import { CloudModel } from '../model/model.js';
import type { ScanScope } from '../model/model.js';
import type { Policy } from '../policy/types.js';
import type { InputRecord, NativeResource, NotScanned, ReadError, ScopeAccount, ScopeSecretInputs } from '../readers/native.js';
import type { ReadOptions } from '../readers/options.js';
import { completeDraft } from '../results/complete.js';
import type { Finding, Severity } from '../results/finding.js';
import { discover } from './discover.js';
import { readDiscovered, sniffFile } from './read-inputs.js';
import { StageTimer } from './stage-timer.js';

export interface ScanRequest {
  paths: string[];
  read: ReadOptions;
  policy: Policy;
  now: Date;
  /** Default severity of each control (from the catalog). */
  severityOf: (controlId: string) => Severity;
  onProgress?: (message: string) => void;
  /** Worker threads for reading (1: in-process). */
  jobs?: number;
}

export interface ScanOutcome {
  findings: Finding[];
  inputs: InputRecord[];
  errors: ReadError[];
  notScanned: NotScanned[];
  model: CloudModel;
  stages: StageTimer;
}

/** Builds the model from native resources and runs every control on it. */
export async function evaluate(
  resources: readonly NativeResource[],
  model: CloudModel,
  policy: Policy,
  now: Date,
  severityOf: (id: string) => Severity,
  stages: StageTimer,
  defaultRegion?: string,
  /** Where a control that could not finish is reported; the other controls still run. */
  errors: ReadError[] = [],
): Promise<Finding[]> {
  stages.start('lift');
  const native = withAzureSpelling(resources);
  const ctx = { model, links: new LinkResolver(native), ...(defaultRegion ? { defaultRegion } : {}) };
  // A loop, not push(...): an estate can leave hundreds of thousands unlifted, past what a spread can pass.
  for (const r of [liftAws(native, ctx), liftAzure(native, ctx)].flat()) model.unlifted.push(r);
  stages.start('graph');
  const graph = buildGraph(model, policy);
  stages.start('controls');
  const cctx: ControlContext = { model, graph, policy, now };
  const findings: Finding[] = [];
  for (const check of await loadChecks()) {
    let drafts;
    try {
      drafts = check.check(cctx);
    } catch (e) {
      // A bug on one unusual estate must not take the whole scan down: say so, and the exit code says incomplete.
      errors.push({ file: `(control ${check.id})`, message: `${check.id} could not be evaluated: ${(e as Error).message}` });
      continue;
    }
    for (const d of drafts) findings.push(completeDraft(check.id, d, severityOf(check.id), cctx));
  }
  stages.stop();
  return findings;
}

export async function scanDefinitions(req: ScanRequest): Promise<ScanOutcome> {
  const stages = new StageTimer();
  stages.start('discover');
  req.onProgress?.('discover');
  const found = await discover(req.paths, req.read.root, sniffFile);
  stages.start('read');
  req.onProgress?.(`read ${found.files.length + found.terraformDirs.length} inputs`);
  const read = await readDiscovered(found, req.read, req.jobs ?? 1);
  if (read.timing) {
    // Summed over units (and workers): with --jobs > 1 these add up to more than the read stage's wall time.
    stages.add('parse', read.timing.parseMs);
    stages.add('evaluate', read.timing.readMs - read.timing.parseMs);
  }
  recordPolicyInput(read.inputs, req.policy);
  const model = new CloudModel();
  for (const s of scopesOf(read.resources, read.secretInputs ?? [], read.scopeAccounts ?? [])) model.addScope(s);
  req.onProgress?.(`evaluate ${read.resources.length} resources`);
  const controlErrors: ReadError[] = [];
  const findings = await evaluate(
    read.resources,
    model,
    req.policy,
    req.now,
    req.severityOf,
    stages,
    req.read.region,
    controlErrors,
  );
  return {
    findings,
    inputs: read.inputs,
    errors: [...found.errors, ...read.errors, ...controlErrors],
    notScanned: [...found.notScanned, ...read.notScanned],
    model,
    stages,
  };
}

/**
 * The policy file is read by the policy loader, not as a definition, but it
 * decides results (approvals, waivers, inheritance): list it with its hash,
 * also when --config names a file outside the scanned paths.
 */
function recordPolicyInput(inputs: InputRecord[], policy: Policy): void {
  if (policy.file === undefined) return;
  const record: InputRecord = { file: policy.file, kind: 'policy', ...(policy.fileSha256 ? { sha256: policy.fileSha256 } : {}) };
  const at = inputs.findIndex((i) => i.file === policy.file);
  if (at >= 0) inputs[at] = record;
  else inputs.push(record);
}

/**
 * The scopes an account-level control reports against when its resources are
 * absent: every Terraform root module and template file that yielded resources,
 * with the inputs its reader found declared secret.
 */
function scopesOf(resources: readonly NativeResource[], secretInputs: readonly ScopeSecretInputs[], scopeAccounts: readonly ScopeAccount[]) {
  const declared = new Map(secretInputs.map((s) => [`${s.source}:${s.scope}`, s.inputs]));
  const accounts = new Map(scopeAccounts.map((s) => [`${s.source}:${s.scope}`, s]));
  const seen = new Map<string, ScanScope>();
  for (const r of resources) {
    const id = `${r.source}:${r.cloud}:${r.scope}`;
    if (seen.has(id)) continue;
    const scope: ScanScope = { id, scope: r.scope, cloud: r.cloud, source: r.source, label: r.scope.split(path.sep).join('/') };
    const inputs = declared.get(`${r.source}:${r.scope}`);
    if (inputs) scope.secretInputs = inputs;
    const account = accounts.get(`${r.source}:${r.scope}`);
    if (account) {
      scope.account = account.account;
      if (account.region) scope.region = account.region;
    }
    seen.set(id, scope);
  }
  return [...seen.values()];
}
