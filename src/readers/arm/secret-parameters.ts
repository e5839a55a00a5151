// secureString / secureObject parameters: the inputs a template declares
// secret (LG-6.9), and where the repository writes a value for one — a
// parameter file under the scan root, else a literal defaultValue. Key Vault
// references and `--param` values are not written in the repository.
import { lookupField } from '../../eval/arm/values.js';
import type { SecretInput } from '../../model/entity.js';
import { isWrittenValue, type ObjectValue, type SourceLoc } from '../value.js';

const SECURE_TYPES: Record<string, string> = { securestring: 'secureString', secureobject: 'secureObject' };

/** `[…]` is an expression computed at deployment (`[newGuid()]`); `[[` escapes a literal bracket. */
const isArmExpression = (text: string) => text.startsWith('[') && !text.startsWith('[[');

export function secureParameters(template: ObjectValue, writtenInRepository: ReadonlyMap<string, SourceLoc>): SecretInput[] {
  const section = lookupField(template, 'parameters');
  if (section?.kind !== 'object') return [];
  const out: SecretInput[] = [];
  for (const [name, decl] of Object.entries(section.fields)) {
    if (decl.kind !== 'object') continue;
    const type = lookupField(decl, 'type');
    const declaredAs = type?.kind === 'known' && typeof type.value === 'string' ? SECURE_TYPES[type.value.toLowerCase()] : undefined;
    if (!declaredAs || !decl.loc) continue;
    const input: SecretInput = { name: `parameter ${name}`, declaredAs, loc: decl.loc };
    const def = lookupField(decl, 'defaultValue');
    const literal = writtenInRepository.get(name.toLowerCase()) ?? (def && isWrittenValue(def, isArmExpression) ? (def.loc ?? decl.loc) : undefined);
    if (literal) input.literal = literal;
    out.push(input);
  }
  return out;
}
