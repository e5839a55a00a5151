import { describe, expect, it } from 'vitest';
import { containsUnknown, fromPlain, known, list, obj, path, ref, toPlain, unknown } from '../../src/readers/value.js';

describe('value helpers', () => {
  it('round-trips plain JSON', () => {
    const plain = { a: [1, 'x', true, null], b: { c: 'd' } };
    expect(toPlain(fromPlain(plain))).toEqual(plain);
  });
  it('follows paths through objects and lists', () => {
    const v = obj({ a: list([known(1), obj({ b: known('x') })]) });
    expect(path(v, 'a', 1, 'b')).toEqual(known('x'));
    expect(path(v, 'a', 5)).toBeUndefined();
    expect(path(v, 'toString')).toBeUndefined();
  });
  it('sees unknowns and refs nested anywhere', () => {
    expect(containsUnknown(obj({ a: list([known(1)]) }))).toBe(false);
    expect(containsUnknown(obj({ a: list([ref('k', 'id')]) }))).toBe(true);
    expect(containsUnknown(unknown({ inputs: ['var.x'], detail: 'unset' }))).toBe(true);
  });
});

describe('plain JSON with hostile keys', () => {
  it('keeps __proto__ as a data key', () => {
    const v = fromPlain(JSON.parse('{"__proto__": {"x": 1}, "a": 2}'));
    expect(v.kind).toBe('object');
    expect(Object.keys((v as { fields: object }).fields)).toEqual(['__proto__', 'a']);
    expect(toPlain(path(v, '__proto__'))).toEqual({ x: 1 });
  });
});
