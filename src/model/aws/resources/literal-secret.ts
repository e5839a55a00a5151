// Secrets written into a definition (LG-6.9): a known string where a
// password or token belongs. Dynamic references (`{{resolve:...}}`), values
// from unset inputs or other resources, and values given from outside the
// repository (`--var`, `--param`) are not literals.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { LiteralSecret } from '../../entity.js';

export function literalSecret(v: Value | undefined, r: NativeResource, attribute: string): LiteralSecret | undefined {
  if (!v || v.kind !== 'known' || typeof v.value !== 'string' || v.value === '' || v.supplied) return undefined;
  if (v.value.includes('{{resolve:')) return undefined;
  return { attribute, loc: v.loc ?? r.loc };
}

/** The literal secrets among several attributes, or undefined when there are none. */
export function literalSecrets(r: NativeResource, attributes: readonly string[]): LiteralSecret[] | undefined {
  const out = attributes.flatMap((a) => literalSecret(r.attrs.fields[a], r, a) ?? []);
  return out.length ? out : undefined;
}
