// TLS versions as the model writes them (`1.2`), from the spellings Azure
// services and azurerm use: `TLS1_2` (storage), `1.2` (SQL, Redis), `Tls12`
// (Cosmos DB), `TLSv1.2` (database server parameters). `None`/`Disabled`
// mean no minimum: null.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';

export function tlsVersionOf(text: string): string | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'none' || t === 'disabled' || t === '0') return null;
  // MySQL's tls_version names TLS 1.0 `TLSv1`.
  if (t === 'tlsv1') return '1.0';
  const m = /^(?:tls)?_?v?(1)[._]?([0-3])$/.exec(t);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** The minimum TLS version a setting gives; `platform` is what the service uses when it is absent. */
export function tlsFact(v: Value | undefined, r: NativeResource, name: string, platform: string | null): Fact<string | null> {
  if (v === undefined || (v.kind === 'known' && (v.value === null || v.value === ''))) return defaulted(platform, r.loc);
  if (v.kind !== 'known') return unknownFact(causeOf(v, r, name), v.loc ?? r.loc);
  const t = tlsVersionOf(String(v.value));
  if (t === undefined) return unknownFact({ inputs: [], detail: `${name} = ${JSON.stringify(v.value)} is not a TLS version` }, v.loc ?? r.loc);
  return fact(t, v.loc ?? r.loc);
}
