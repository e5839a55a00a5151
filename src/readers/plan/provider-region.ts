// The region of an AWS resource in a plan: its provider configuration's
// `region`, when constant or set from a root variable the plan records.
import type { SourceLoc, Value } from '../value.js';
import { known, unknown } from '../value.js';
import { referencesOf } from './configuration.js';
import { objectAt, stringAt, type JsonObject } from './plan-shape.js';

export function providerRegion(doc: JsonObject, cfg: JsonObject | undefined, loc: SourceLoc): Value | undefined {
  const providers = objectAt(objectAt(doc, 'configuration'), 'provider_config');
  const key = stringAt(cfg, 'provider_config_key') ?? 'aws';
  const provider = objectAt(providers, key) ?? objectAt(providers, key.slice(key.lastIndexOf(':') + 1));
  const region = objectAt(objectAt(provider, 'expressions'), 'region');
  // Nothing written: the engine applies --region.
  if (!provider || !region) return undefined;
  const constant = region.constant_value;
  if (typeof constant === 'string') return known(constant, loc);
  const refs = referencesOf(region);
  const vars = refs.filter((r) => r.startsWith('var.'));
  const inRoot = stringAt(provider, 'module_address') === undefined;
  if (inRoot && refs.length > 0 && vars.length === refs.length) {
    const names = new Set(vars.map((r) => r.split('.')[1]!));
    if (names.size === 1) {
      const value = objectAt(objectAt(doc, 'variables'), [...names][0]!)?.value;
      if (typeof value === 'string') return known(value, loc);
    }
  }
  const name = stringAt(provider, 'name') ?? key;
  return unknown({ inputs: refs.length ? refs : [`provider ${name} region`], detail: `the ${key} provider region is an expression the plan does not resolve` }, loc);
}
