// `.terraform.lock.hcl`, written by `terraform init` and usually committed:
// the exact provider versions the root module was initialised with. They
// settle defaults that changed between provider versions the way an exact
// `required_providers` constraint would.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hclReadError, parseHcl } from './hcl-parser.js';
import { isRecord } from './config-body.js';
import { readInput, type ReadSink } from './module-loader.js';
import type { ProviderTable } from './providers.js';

/** Provider configurations holding the locked versions (`= 4.14.0`) by provider name; empty without a lock file. */
export function lockedProviders(rootDir: string, scanRoot: string, sink: ReadSink): ProviderTable {
  const table: ProviderTable = new Map();
  const abs = path.join(rootDir, '.terraform.lock.hcl');
  if (!existsSync(abs)) return table;
  const input = readInput(abs, scanRoot, 'terraform-lock', sink);
  if (!input) return table;
  const r = parseHcl('.terraform.lock.hcl', input.text);
  if (!r.ok) {
    sink.errors.push(hclReadError(input.rel, r));
    return table;
  }
  const providers = r.body.provider;
  if (!isRecord(providers)) return table;
  // `provider "registry.terraform.io/hashicorp/azurerm" { version = "4.14.0" … }`
  for (const [address, bodies] of Object.entries(providers)) {
    const body = Array.isArray(bodies) ? bodies[0] : bodies;
    const version = isRecord(body) ? body.version : undefined;
    const name = address.split('/').pop();
    if (name && typeof version === 'string' && /^\d+(\.\d+)*$/.test(version)) table.set(name, { versions: [`= ${version}`] });
  }
  return table;
}
