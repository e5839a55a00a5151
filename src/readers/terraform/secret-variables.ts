// Variables a root module marks `sensitive = true`: the inputs it declares
// secret (LG-6.9), and where the repository writes a value for one — a
// variable file under the scan root, else a literal default. `--var` values
// are not in the repository.
import type { SecretInput } from '../../model/entity.js';
import { isWrittenValue, type SourceLoc } from '../value.js';
import { evaluateAttr } from './body-eval.js';
import { attrOf } from './config-body.js';
import type { ModuleConfig } from './module-loader.js';
import type { Env } from './tf-eval.js';

// A default cannot refer to anything; an expression that tries is not a literal.
const NO_NAMES: Env = { lookup: () => undefined };

export function sensitiveVariables(config: ModuleConfig, writtenInRepository: ReadonlyMap<string, SourceLoc>): SecretInput[] {
  const out: SecretInput[] = [];
  for (const [name, decl] of config.variables) {
    if (attrOf(decl, 'sensitive')?.json !== true) continue;
    const input: SecretInput = { name: `var.${name}`, declaredAs: 'sensitive', loc: decl.loc };
    const defaultAttr = attrOf(decl, 'default');
    const byDefault = defaultAttr ? evaluateAttr(defaultAttr, NO_NAMES) : undefined;
    const literal = writtenInRepository.get(name) ?? (byDefault && isWrittenValue(byDefault) ? (byDefault.loc ?? defaultAttr!.loc) : undefined);
    if (literal) input.literal = literal;
    out.push(input);
  }
  return out;
}
