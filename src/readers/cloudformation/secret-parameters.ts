// NoEcho parameters: the inputs a template declares secret (LG-6.9), and
// where the repository writes a value for one — a parameter file under the
// scan root, else the Default. `--param` values are not in the repository.
import { scalarText, valueOf, type TMap } from '../../eval/cloudformation/template-node.js';
import type { SecretInput } from '../../model/entity.js';
import type { SourceLoc } from '../value.js';

function isTrue(text: string | undefined): boolean {
  return text?.toLowerCase() === 'true';
}

export function secretParameters(root: TMap, writtenInRepository: ReadonlyMap<string, SourceLoc>): SecretInput[] {
  const section = valueOf(root, 'Parameters');
  if (section?.t !== 'map') return [];
  const out: SecretInput[] = [];
  for (const e of section.entries) {
    if (!isTrue(scalarText(valueOf(e.value, 'NoEcho')))) continue;
    const input: SecretInput = { name: `parameter ${e.key}`, declaredAs: 'NoEcho', loc: e.keyLoc };
    const def = valueOf(e.value, 'Default');
    // An empty Default is no value; a non-scalar one is not a valid Default and not a secret either.
    const defaultLoc = def?.t === 'scalar' && (scalarText(def) ?? '') !== '' ? def.loc : undefined;
    const literal = writtenInRepository.get(e.key) ?? defaultLoc;
    if (literal) input.literal = literal;
    out.push(input);
  }
  return out;
}
