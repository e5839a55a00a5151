// Secrets written into a definition (LG-6.9): a known string where a
// password belongs — typed in, or a parameter/variable default. Values from
// unset inputs, Key Vault references, other resources or given from outside
// the repository (`--param`) are not literals.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { LiteralSecret } from '../../entity.js';

export function literalSecrets(r: NativeResource, values: { v: Value | undefined; name: string }[]): LiteralSecret[] | undefined {
  const out = values.flatMap(({ v, name }) =>
    v?.kind === 'known' && typeof v.value === 'string' && v.value !== '' && !v.supplied ? [{ attribute: name, loc: v.loc ?? r.loc }] : [],
  );
  return out.length ? out : undefined;
}
