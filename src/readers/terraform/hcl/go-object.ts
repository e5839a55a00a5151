// Objects with their keys in the order hcl2json's output has them: Go's JSON
// encoder writes map keys sorted by their UTF-8 bytes, JSON.parse then builds
// the object in that order (and V8 moves integer-like keys to the front, for
// both of us alike). Sorting by UTF-16 units gives the same order unless a key
// holds a character beyond U+FFFF, which only a source with a surrogate or a
// \U escape can produce.

/** Whether keys from this source may need code point order rather than UTF-16 order. */
export function needsCodePointOrder(source: string, hasSurrogates: boolean): boolean {
  return hasSurrogates || source.includes('\\U');
}

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (U+10000 and up) sort after U+E000..U+FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

const SMALL = 16;

/**
 * The object of parallel key and value lists, keys in Go's order; of equal
 * keys the last one wins, as when Go assigns them to a map in turn.
 * Reorders the lists in place.
 */
export function goOrderedObject<T>(keys: string[], values: T[], codePointOrder: boolean): Record<string, T> {
  const n = keys.length;
  const compare = codePointOrder ? compareCodePoints : compareUnits;
  if (n > SMALL) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((i, j) => compare(keys[i]!, keys[j]!) || i - j);
    const k = order.map((i) => keys[i]!);
    const v = order.map((i) => values[i]!);
    for (let i = 0; i < n; i++) {
      keys[i] = k[i]!;
      values[i] = v[i]!;
    }
  } else {
    // Stable insertion sort: small objects are the common case.
    for (let i = 1; i < n; i++) {
      const key = keys[i]!;
      const value = values[i]!;
      let j = i - 1;
      while (j >= 0 && (codePointOrder ? compareCodePoints(keys[j]!, key) > 0 : keys[j]! > key)) {
        keys[j + 1] = keys[j]!;
        values[j + 1] = values[j]!;
        j--;
      }
      keys[j + 1] = key;
      values[j + 1] = value;
    }
  }
  const out: Record<string, T> = {};
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (i + 1 < n && keys[i + 1] === key) continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value: values[i], enumerable: true, writable: true, configurable: true });
    else out[key] = values[i]!;
  }
  return out;
}
