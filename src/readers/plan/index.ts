// The Terraform plan reader: `terraform show -json` of a saved plan (or of
// state) to native resources. Values come from `planned_values` merged with
// `resource_changes[].change.after` / `after_unknown`; links between
// resources, which a plan only knows after apply, come from the
// configuration's references. Resources point at their `.tf` lines when the
// configuration is beside the plan, else at their entry in the plan.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../terraform/line-index.js';
import type { Cloud, NativeResource, ReadResult } from '../native.js';
import { emptyReadResult } from '../native.js';
import type { ReadOptions } from '../options.js';
import type { Value } from '../value.js';
import { configModules, findModule } from './configuration.js';
import { PlanJsonLocations } from './json-locations.js';
import { plannedAttributes } from './planned-values.js';
import { arrayAt, configAddress, isObject, moduleCallPath, objectAt, plannedInstances, stringAt, type Json, type JsonObject, type PlannedInstance } from './plan-shape.js';
import { InstanceIndex } from './references.js';
import { providerRegion } from './provider-region.js';
import { TfLocations } from './tf-locations.js';
import { timeParse } from '../parse-time.js';

export interface PlanReadResult extends ReadResult {
  /** Resources of providers other than AWS and Azure, by type prefix: counted, not emitted. */
  skippedTypes: Record<string, number>;
}

/** `terraform show -json` output: a plan (`planned_values` / `resource_changes`) or state (`values.root_module`). */
export function looksLikeTerraformPlan(text: string, _file: string): boolean {
  const head = text.slice(0, 2048);
  if (!/^\uFEFF?\s*\{/.test(head) || !/"format_version"\s*:/.test(head)) return false;
  return text.includes('"planned_values"') || text.includes('"resource_changes"') || /"values"\s*:\s*\{\s*"root_module"/.test(text);
}

function cloudOf(type: string): Cloud | undefined {
  if (type.startsWith('aws_')) return 'aws';
  if (type.startsWith('azurerm_') || type.startsWith('azapi_')) return 'azure';
  return undefined;
}

/** Read one plan JSON file (`file` relative to opts.root). Never throws: problems become read errors. */
export function readTerraformPlan(file: string, text: string, opts: ReadOptions): PlanReadResult {
  const result: PlanReadResult = { ...emptyReadResult(), skippedTypes: {} };
  result.inputs.push({ file, kind: 'terraform-plan', sha256: createHash('sha256').update(text, 'utf8').digest('hex') });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^(\uFFFD\uFFFD|\u0000|.\u0000)/s.test(body)) {
    // `terraform show -json > plan.json` in Windows PowerShell writes UTF-16.
    result.errors.push({ file, line: 1, message: 'the plan is not UTF-8 (UTF-16 from a PowerShell redirect?): save it as UTF-8' });
    return result;
  }
  let doc: unknown;
  try {
    doc = timeParse(() => JSON.parse(body) as unknown);
  } catch {
    result.errors.push(syntaxError(file, body));
    return result;
  }
  if (!isObject(doc)) {
    result.errors.push({ file, line: 1, message: 'not a Terraform plan: the document is not a JSON object' });
    return result;
  }
  try {
    readDocument(file, body, doc, opts, result);
  } catch (e) {
    // A defect in the reader must not stop the scan of the other inputs.
    result.errors.push({ file, message: `internal error while reading this plan: ${e instanceof Error ? e.message : String(e)}` });
  }
  return result;
}

function syntaxError(file: string, text: string): { file: string; line: number; column: number; message: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  const at = new LineIndex(text).at(first ? first.offset : 0);
  return { file, ...at, message: `invalid JSON: ${first ? printParseErrorCode(first.error) : 'unexpected content'}` };
}

function readDocument(file: string, text: string, doc: JsonObject, opts: ReadOptions, result: PlanReadResult): void {
  const planned = objectAt(objectAt(doc, 'planned_values'), 'root_module');
  const stateRoot = planned ? undefined : objectAt(objectAt(doc, 'values'), 'root_module');
  const changes = new Map<string, JsonObject>();
  for (const rc of arrayAt(doc, 'resource_changes')) {
    const address = stringAt(rc, 'address');
    // A deposed object is the old instance being replaced, not the planned one.
    if (address && isObject(rc) && rc.deposed === undefined && !changes.has(address)) changes.set(address, rc);
  }
  const instances = planned || stateRoot ? plannedInstances(planned ?? stateRoot) : instancesFromChanges(changes);
  const config = configModules(objectAt(doc, 'configuration'));
  const jsonLocs = new PlanJsonLocations(file, text, planned ? 'planned_values' : stateRoot ? 'values' : 'resource_changes');
  const tfLocs = TfLocations.beside(path.resolve(opts.root, file), opts.root);
  const index = new InstanceIndex(instances, (a) => `${file}#${a}`, (i) => configAddress(i.address, i.moduleAddress));
  const skipped = new Map<string, number>();

  for (const inst of instances) {
    if (inst.mode !== 'managed') continue;
    const cloud = cloudOf(inst.type);
    if (!cloud) {
      const prefix = inst.type.split('_')[0]!;
      skipped.set(prefix, (skipped.get(prefix) ?? 0) + 1);
      continue;
    }
    const modulePath = moduleCallPath(inst.moduleAddress);
    const cfgAddress = configAddress(inst.address, inst.moduleAddress);
    const module = findModule(config, modulePath);
    const cfg = module?.resources.get(cfgAddress);
    const tf = tfLocs?.block(config, modulePath, cfgAddress);
    const loc = tf?.loc ?? jsonLocs.locate(inst.address);
    const change = objectAt(changes.get(inst.address), 'change');
    const after: Json | undefined = change && change.after !== undefined && change.after !== null ? change.after : inst.values;
    const attrs = plannedAttributes(after, change?.after_unknown, change ? change.after_sensitive : inst.sensitive, {
      refs: { instance: inst, index, forEachReferences: referencesOfForEach(cfg), config },
      config: cfg,
      locOf: (attribute) => tf?.attributes.get(attribute) ?? loc,
    });
    const native: NativeResource = {
      source: 'terraform-plan',
      cloud,
      type: inst.type,
      address: inst.address,
      key: `${file}#${inst.address}`,
      scope: file,
      attrs,
      loc,
    };
    const ids = knownStrings(attrs.fields.id, attrs.fields.arn);
    if (ids.length) native.ids = ids;
    if (cloud === 'aws') {
      const region = instanceRegion(attrs.fields.region) ?? providerRegion(doc, cfg, loc);
      if (region) native.region = region;
    }
    result.resources.push(native);
  }
  result.skippedTypes = Object.fromEntries(skipped);
}

/** A plan without `planned_values`: the instances `resource_changes` will leave in place. */
function instancesFromChanges(changes: Map<string, JsonObject>): PlannedInstance[] {
  const out: PlannedInstance[] = [];
  for (const [address, rc] of changes) {
    const type = stringAt(rc, 'type');
    const after = objectAt(rc, 'change')?.after;
    if (!type || after === undefined || after === null) continue;
    const inst: PlannedInstance = { address, mode: stringAt(rc, 'mode') ?? 'managed', type, moduleAddress: stringAt(rc, 'module_address') ?? '', values: after };
    if (typeof rc.index === 'string' || typeof rc.index === 'number') inst.index = rc.index;
    out.push(inst);
  }
  return out;
}

function referencesOfForEach(cfg: JsonObject | undefined): string[] {
  return arrayAt(objectAt(cfg, 'for_each_expression'), 'references').filter((r): r is string => typeof r === 'string');
}

function knownStrings(...values: (Value | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values) if (v?.kind === 'known' && typeof v.value === 'string' && v.value) out.push(v.value);
  return out;
}

/** AWS provider v6 lets a resource set its own `region`; left unset it is computed from the provider's, so only a known one counts. */
function instanceRegion(own: Value | undefined): Value | undefined {
  return own?.kind === 'known' && typeof own.value === 'string' ? own : undefined;
}

