// Values for a template's parameters: parameter files (`--param-file`, and by
// convention `<name>.parameters.json` beside the template), and `--param`.
// Later sources win: convention file, then --param-file in order, then --param.
import path from 'node:path';
import type { ReadError } from '../native.js';
import type { UnknownValue, Value } from '../value.js';
import { unknown } from '../value.js';
import { parseJsonc } from './jsonc.js';
import { lookupField } from '../../eval/arm/values.js';

export type SuppliedParameter =
  /** A JSON value from a parameter file, taken as written (parameter files are not evaluated). */
  | { kind: 'value'; value: Value }
  /** `--param name=text`, converted by the parameter's declared type. */
  | { kind: 'text'; text: string }
  /** A Key Vault reference: the value is read at deployment. */
  | { kind: 'unknown'; value: UnknownValue };

/** Supplied values by lower-case parameter name (ARM names are case-insensitive). */
export type SuppliedParameters = Map<string, SuppliedParameter>;

export interface ArmParameterFile {
  /** Path relative to the scan root, `/`-separated. */
  file: string;
  text: string;
}

/**
 * The parameter files discovery should pass with a template, by convention:
 * `azuredeploy.json` -> `azuredeploy.parameters.json`, `main.json` ->
 * `main.parameters.json`, and the portal's export pair `template.json` ->
 * `parameters.json`. Environment-specific files (`*.parameters.dev.json`)
 * are not paired: which one applies is the user's choice (`--param-file`).
 */
export function armParameterFileNames(templateFile: string): string[] {
  const dir = path.posix.dirname(templateFile);
  const base = path.posix.basename(templateFile).replace(/\.jsonc?$/i, '');
  const names = [`${base}.parameters.json`];
  if (base.toLowerCase() === 'template') names.push('parameters.json');
  return names.map((n) => (dir === '.' ? n : `${dir}/${n}`));
}

/** Read one parameter file: `{ "parameters": { name: { "value": … } | { "reference": … } } }` or the bare inner object. */
export function readParameterFile(p: ArmParameterFile): { values: SuppliedParameters; errors: ReadError[] } {
  const values: SuppliedParameters = new Map();
  const parsed = parseJsonc(p.file, p.text);
  if (!parsed.root) return { values, errors: parsed.errors };
  const root = parsed.root;
  const errors: ReadError[] = [];
  const wrapper = root.kind === 'object' ? lookupField(root, 'parameters') : undefined;
  const params = wrapper?.kind === 'object' ? wrapper : root;
  if (params.kind !== 'object') {
    errors.push({ file: p.file, line: root.loc?.line ?? 1, message: 'not an ARM parameter file: expected an object of parameters' });
    return { values, errors };
  }
  for (const [name, entry] of Object.entries(params.fields)) {
    if (name.startsWith('$') || entry.kind !== 'object') continue;
    const value = lookupField(entry, 'value');
    const reference = lookupField(entry, 'reference');
    if (value !== undefined) {
      values.set(name.toLowerCase(), { kind: 'value', value });
    } else if (reference !== undefined) {
      values.set(name.toLowerCase(), {
        kind: 'unknown',
        value: unknown(
          { inputs: [`parameter ${name}`], detail: `${p.file} takes it from a Key Vault secret, read at deployment` },
          entry.loc,
          `[parameters('${name}')]`,
        ),
      });
    } else {
      errors.push({ file: p.file, line: entry.loc?.line ?? 1, message: `parameter '${name}' has neither "value" nor "reference"` });
    }
  }
  return { values, errors };
}

/** Layer parameter sources; later ones win. */
export function mergeSupplied(...layers: SuppliedParameters[]): SuppliedParameters {
  const out: SuppliedParameters = new Map();
  for (const layer of layers) for (const [k, v] of layer) out.set(k, v);
  return out;
}

export function cliParameters(params: Record<string, string>): SuppliedParameters {
  const out: SuppliedParameters = new Map();
  for (const [k, v] of Object.entries(params)) out.set(k.toLowerCase(), { kind: 'text', text: v });
  return out;
}
