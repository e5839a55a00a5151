// Structured clone gives objects an ordinary prototype; ObjectValue.fields is
// built with a null prototype so that a field named `constructor` or
// `toString` is only ever a field. Results from a worker are rebuilt that way.
import type { NativeResource, ReadResult } from '../../readers/native.js';
import type { Value } from '../../readers/value.js';

function reviveValue(v: Value, seen: Set<Value>): void {
  if (seen.has(v)) return;
  seen.add(v);
  if (v.kind === 'list') for (const item of v.items) reviveValue(item, seen);
  else if (v.kind === 'object') {
    const fields: Record<string, Value> = Object.create(null);
    for (const [k, f] of Object.entries(v.fields)) {
      reviveValue(f, seen);
      fields[k] = f;
    }
    v.fields = fields;
  }
}

export function reviveReadResult(r: ReadResult): ReadResult {
  const seen = new Set<Value>();
  for (const res of r.resources as NativeResource[]) {
    reviveValue(res.attrs, seen);
    if (res.region) reviveValue(res.region, seen);
  }
  return r;
}
