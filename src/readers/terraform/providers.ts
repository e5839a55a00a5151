// Provider configurations as a module instance sees them: its own `provider`
// blocks, the caller's defaults or the ones named in `providers = {}`, and
// what the reader needs from the AWS provider (region, default_tags).
import { obj, type SourceLoc, type Value } from '../value.js';
import { evaluateAttr } from './body-eval.js';
import { attrOf, blocksOf, isRecord, type AttrConfig, type BlockConfig } from './config-body.js';
import { lazyValue, type Lazy } from './lazy.js';
import type { ResourceConfig } from './module-loader.js';
import { exprText, type Env } from './tf-eval.js';

export interface ProviderConfig {
  region?: Lazy<Value>;
  defaultTags?: Lazy<Value>;
  /** Version constraints written in `required_providers`, by this module and its callers. */
  versions?: string[];
}

/** Keyed `aws` (default) or `aws.osaka` (alias). */
export type ProviderTable = Map<string, ProviderConfig>;

/** Add a `provider` block of this module; its expressions are evaluated in `env`. */
export function declareProvider(table: ProviderTable, block: BlockConfig, env: Env): void {
  const name = block.labels[0] ?? '';
  const alias = attrOf(block, 'alias')?.json;
  const key = typeof alias === 'string' && alias ? `${name}.${alias}` : name;
  const versions = table.get(key)?.versions;
  const config: ProviderConfig = versions ? { versions } : {};
  const region = attrOf(block, 'region');
  if (region) config.region = lazyValue(`provider ${key} region`, () => evaluateAttr(region, env));
  const tags =
    blocksOf(block, 'default_tags')
      .map((b) => attrOf(b, 'tags'))
      .find((a): a is AttrConfig => a !== undefined) ?? defaultTagsFromJson(block);
  if (tags) config.defaultTags = lazyValue(`provider ${key} default_tags`, () => evaluateAttr(tags, env));
  table.set(key, config);
}

/** Adds this module's `required_providers` version constraints to the configurations of each provider. */
export function declareRequiredVersions(table: ProviderTable, settings: BlockConfig[]): void {
  const entries: { name: string; json: unknown }[] = [];
  for (const s of settings) {
    for (const rp of blocksOf(s, 'required_providers')) entries.push(...rp.attrs);
    // `.tf.json` writes the block as an object.
    const asObject = attrOf(s, 'required_providers')?.json;
    const objects = Array.isArray(asObject) ? asObject : [asObject];
    for (const o of objects) if (isRecord(o)) for (const [name, json] of Object.entries(o)) entries.push({ name, json });
  }
  for (const { name, json } of entries) {
    // `azurerm = "~> 2.0"` (Terraform 0.12) or `azurerm = { source = …, version = "~> 4.0" }`.
    const v = typeof json === 'string' ? json : isRecord(json) ? json.version : undefined;
    if (typeof v !== 'string' || v.includes('${')) continue;
    if (!table.has(name)) table.set(name, {});
    for (const [key, config] of table) {
      if (key === name || key.startsWith(`${name}.`)) table.set(key, { ...config, versions: [...(config.versions ?? []), v] });
    }
  }
}

/** The provider configurations a child sees: `providers = {…}` or the caller's defaults. */
export function providersForCall(caller: ProviderTable, call: BlockConfig): ProviderTable {
  const mapping = attrOf(call, 'providers')?.json;
  const table: ProviderTable = new Map();
  if (isRecord(mapping)) {
    for (const [childKey, parentRef] of Object.entries(mapping)) {
      const config = caller.get(providerName(parentRef));
      if (config) table.set(childKey, config);
    }
    return table;
  }
  for (const [key, config] of caller) if (!key.includes('.')) table.set(key, config);
  return table;
}

/** The configuration a resource or data source uses: its `provider` argument or its type's default. */
export function providerOf(table: ProviderTable, rc: ResourceConfig): ProviderConfig | undefined {
  const explicit = attrOf(rc.block, 'provider')?.json;
  if (explicit !== undefined) return table.get(providerName(explicit));
  return table.get(rc.type.split('_')[0] ?? '');
}

/** `${aws.osaka}` in HCL, `"aws.osaka"` in JSON. */
function providerName(json: unknown): string {
  return exprText(json).replace(/^"|"$/g, '');
}

/** In `.tf.json`, `default_tags` is an object rather than a list of blocks. */
function defaultTagsFromJson(block: BlockConfig): AttrConfig | undefined {
  const attr = attrOf(block, 'default_tags');
  if (!attr) return undefined;
  const json = Array.isArray(attr.json) ? attr.json[0] : attr.json;
  if (!isRecord(json) || !('tags' in json)) return undefined;
  return { name: 'tags', json: json.tags, loc: attr.loc };
}

/** The provider's `default_tags` under the resource's `tags`, as Terraform computes `tags_all`. */
export function mergeTags(defaults: Value, tags: Value | undefined, loc: SourceLoc): Value {
  if (tags === undefined || (tags.kind === 'known' && tags.value === null)) return { ...defaults, loc: defaults.loc ?? loc };
  if (defaults.kind !== 'object') return defaults;
  if (tags.kind !== 'object') return tags;
  return obj({ ...defaults.fields, ...tags.fields }, tags.loc ?? loc);
}
