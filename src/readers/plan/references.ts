// A plan knows resource IDs only after apply, so links between resources
// come from the configuration's `references`. A reference becomes a RefValue
// only when its target instance is unambiguous; otherwise the value stays
// unknown and names what it refers to.
import type { UnknownCause, SourceLoc, Value } from '../value.js';
import { ref, unknown } from '../value.js';
import { findModule, referencesOf, type ConfigModule } from './configuration.js';
import { moduleCallPath, objectAt, type PlannedInstance } from './plan-shape.js';

interface ResourceReference {
  /** `type.name` within the referencing module. */
  resource: string;
  index?: string | number;
  attribute?: string;
}

const NOT_RESOURCES = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self', 'data']);
const REFERENCE = /^([A-Za-z][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(?:([0-9]+)|"((?:[^"\\]|\\.)*)")\])?(?:\.([A-Za-z_][A-Za-z0-9_-]*))?/;

function parseReference(text: string): ResourceReference | undefined {
  const m = REFERENCE.exec(text);
  if (!m || NOT_RESOURCES.has(m[1]!)) return undefined;
  const r: ResourceReference = { resource: `${m[1]}.${m[2]}` };
  if (m[3] !== undefined) r.index = Number(m[3]);
  else if (m[4] !== undefined) r.index = JSON.parse(`"${m[4]}"`) as string;
  if (m[5] !== undefined) r.attribute = m[5];
  return r;
}

/** Instances of the plan grouped by module instance and configuration address. */
export class InstanceIndex {
  private readonly byConfig = new Map<string, PlannedInstance[]>();

  constructor(
    instances: PlannedInstance[],
    private readonly keyOf: (address: string) => string,
    configAddressOf: (i: PlannedInstance) => string,
  ) {
    for (const i of instances) {
      const k = `${i.moduleAddress}\u0000${configAddressOf(i)}`;
      const list = this.byConfig.get(k);
      if (list) list.push(i);
      else this.byConfig.set(k, [i]);
    }
  }

  instancesOf(moduleAddress: string, resource: string): PlannedInstance[] {
    return this.byConfig.get(`${moduleAddress}\u0000${resource}`) ?? [];
  }

  key(i: PlannedInstance): string {
    return this.keyOf(i.address);
  }
}

export interface ReferenceContext {
  instance: PlannedInstance;
  /** References of the resource's for_each expression, for `each.value`. */
  forEachReferences: string[];
  index: InstanceIndex;
  config: ConfigModule;
}

// Module nesting deeper than this is not followed for `var.x` arguments.
const MAX_ARGUMENT_HOPS = 16;

/**
 * The value of an attribute known only after apply: a ref when `references`
 * name exactly one target instance, else an unknown naming the attribute.
 */
export function afterApplyValue(ctx: ReferenceContext, attrPath: string, references: string[], loc: SourceLoc): Value {
  const target = singleTarget(ctx, references);
  if (target) return ref(target.key, target.attribute, loc);
  return unknown(afterApplyCause(ctx.instance.address, attrPath, references), loc);
}

export function afterApplyCause(address: string, attrPath: string, references: string[]): UnknownCause {
  const cause: UnknownCause = { inputs: [`${address}.${attrPath} (known after apply)`], detail: 'known only after apply' };
  if (references.length) cause.detail += `; the configuration refers to ${references.join(', ')}`;
  return cause;
}

function singleTarget(ctx: ReferenceContext, references: string[], hops = 0): { key: string; attribute: string } | undefined {
  const viaArgument = throughModuleArgument(ctx, references, hops);
  if (viaArgument !== 'not an argument') return viaArgument;
  const viaOutput = throughModuleOutput(ctx, references, hops);
  if (viaOutput !== 'not an output') return viaOutput;
  const resources: ResourceReference[] = [];
  const others = new Set<string>();
  for (const text of references) {
    const r = parseReference(text);
    if (r) resources.push(r);
    else others.add(text);
  }
  const self = ctx.instance;
  // `for_each = aws_subnet.app` with `each.value.id`: the instance of the for_each target with the same key.
  if (resources.length === 0 && self.index !== undefined && [...others].every((o) => o === 'each.value' || o.startsWith('each.value.'))) {
    const valueAttr = [...others].map((o) => o.split('.')[2]).find((a) => a !== undefined);
    const over = ctx.forEachReferences.map(parseReference).filter((r): r is ResourceReference => r !== undefined);
    if (over.length === 0 || new Set(over.map((r) => r.resource)).size !== 1 || over.some((r) => r.index !== undefined || r.attribute !== undefined)) return undefined;
    if (ctx.forEachReferences.some((t) => !parseReference(t))) return undefined;
    const target = ctx.index.instancesOf(self.moduleAddress, over[0]!.resource).find((c) => c.index === self.index);
    return target ? { key: ctx.index.key(target), attribute: valueAttr ?? 'id' } : undefined;
  }
  for (const o of others) if (o !== 'count.index' && o !== 'each.key') return undefined;
  if (new Set(resources.map((r) => r.resource)).size !== 1) return undefined;
  const attributes = new Set(resources.map((r) => r.attribute).filter((a) => a !== undefined));
  const indexes = new Set(resources.map((r) => r.index).filter((i) => i !== undefined));
  if (attributes.size > 1 || indexes.size > 1) return undefined;
  const attribute = [...attributes][0] ?? 'id';
  const candidates = ctx.index.instancesOf(self.moduleAddress, resources[0]!.resource);
  let target: PlannedInstance | undefined;
  if (indexes.size === 1) {
    const want = [...indexes][0];
    target = candidates.find((c) => c.index === want);
  } else if (candidates.length === 1 && candidates[0]!.index === undefined) {
    target = candidates[0];
  } else if (self.index !== undefined && others.has(typeof self.index === 'number' ? 'count.index' : 'each.key')) {
    // Same index only when both resources are expanded over the same keys.
    const own = ctx.index.instancesOf(self.moduleAddress, configOf(self)).map((i) => i.index);
    const theirs = candidates.map((c) => c.index);
    if (sameKeys(own, theirs)) target = candidates.find((c) => c.index === self.index);
  }
  return target ? { key: ctx.index.key(target), attribute } : undefined;
}

function configOf(i: PlannedInstance): string {
  const rest = i.moduleAddress ? i.address.slice(i.moduleAddress.length + 1) : i.address;
  const b = rest.indexOf('[');
  return b < 0 ? rest : rest.slice(0, b);
}

function sameKeys(a: (string | number | undefined)[], b: (string | number | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((k) => k !== undefined && set.has(k));
}

/**
 * `[aws_security_group.a.id, aws_security_group.b.id]`: one reference per
 * element, each to a single-instance resource, in the order written. Returns
 * the per-element references when the list can be matched that way.
 */
export function perElementReferences(references: string[], length: number): string[][] | undefined {
  const parsed = references.map(parseReference);
  if (parsed.some((r) => r === undefined)) return undefined;
  const byResource = new Map<string, string[]>();
  for (let i = 0; i < references.length; i++) {
    const r = parsed[i]!;
    if (r.index !== undefined) return undefined;
    const list = byResource.get(r.resource);
    if (list) list.push(references[i]!);
    else byResource.set(r.resource, [references[i]!]);
  }
  if (byResource.size !== length) return undefined;
  return [...byResource.values()];
}

/**
 * `kms_key_id = var.kms_key_id` inside a module: the reference the module
 * call passes as that argument, resolved in the calling module. Instance keys
 * of the module call are not matched, so only unambiguous targets come out.
 */
function throughModuleArgument(ctx: ReferenceContext, references: string[], hops: number): { key: string; attribute: string } | undefined | 'not an argument' {
  const self = ctx.instance;
  const names = new Set(references.filter((r) => r.startsWith('var.')).map((r) => r.split('.')[1]!));
  if (!self.moduleAddress || references.length === 0 || names.size !== 1 || references.some((r) => !r.startsWith('var.'))) return 'not an argument';
  if (hops >= MAX_ARGUMENT_HOPS) return undefined;
  const callPath = moduleCallPath(self.moduleAddress);
  const call = findModule(ctx.config, callPath);
  const argument = objectAt(call?.callExpressions, [...names][0]!);
  const passed = referencesOf(argument);
  if (!argument || passed.length === 0) return undefined;
  const lastCall = self.moduleAddress.lastIndexOf('module.');
  const parentAddress = lastCall > 0 ? self.moduleAddress.slice(0, lastCall - 1) : '';
  const caller: PlannedInstance = { address: self.moduleAddress, mode: 'managed', type: '', moduleAddress: parentAddress, values: null };
  return singleTarget({ ...ctx, instance: caller, forEachReferences: [] }, passed, hops + 1);
}

/**
 * `subnet_id = module.net.subnet_id`: the reference the called module's
 * output makes, resolved inside that module. A module call expanded with
 * count or for_each has no instance at the bare address, so it stays unknown.
 */
function throughModuleOutput(ctx: ReferenceContext, references: string[], hops: number): { key: string; attribute: string } | undefined | 'not an output' {
  const outputs = new Set<string>();
  for (const r of references) {
    const m = /^module\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?/.exec(r);
    if (!m) return 'not an output';
    if (m[2] !== undefined) outputs.add(`${m[1]}.${m[2]}`);
  }
  if (outputs.size !== 1) return outputs.size === 0 && references.length > 0 ? undefined : 'not an output';
  if (hops >= MAX_ARGUMENT_HOPS) return undefined;
  const [call, output] = [...outputs][0]!.split('.') as [string, string];
  const module = findModule(ctx.config, [...moduleCallPath(ctx.instance.moduleAddress), call]);
  const passed = referencesOf(module?.outputs.get(output));
  if (passed.length === 0) return undefined;
  const childAddress = `${ctx.instance.moduleAddress ? ctx.instance.moduleAddress + '.' : ''}module.${call}`;
  const inside: PlannedInstance = { address: childAddress, mode: 'managed', type: '', moduleAddress: childAddress, values: null };
  return singleTarget({ ...ctx, instance: inside, forEachReferences: [] }, passed, hops + 1);
}
