import { describe, expect, it } from 'vitest';
import { parseJsonc } from '../../../src/readers/arm/jsonc.js';
import { toPlain } from '../../../src/readers/value.js';

describe('JSON with comments', () => {
  it('reads // and /* */ comments, trailing commas, and locates values', () => {
    const p = parseJsonc('t.json', '{\n  // note\n  "a": [1, 2,], /* block\n  over lines */\n  "b": { "c": true },\n}');
    expect(p.errors).toEqual([]);
    expect(toPlain(p.root)).toEqual({ a: [1, 2], b: { c: true } });
    expect(p.root?.kind === 'object' && p.root.fields.b!.loc).toEqual({ file: 't.json', line: 5, column: 8 });
    expect(p.comments.map((c) => [c.text, c.line, c.endLine, c.ownLine])).toEqual([
      ['note', 2, 2, true],
      ['block\n  over lines', 3, 4, false],
    ]);
  });

  it('accepts line breaks and tabs written inside strings, as ARM does, keeping later lines true', () => {
    const p = parseJsonc('t.json', '{\n"script": "line one\nline two // not a comment\n\tindented",\n"after": 1\n}');
    expect(p.errors).toEqual([]);
    expect(toPlain(p.root)).toEqual({ script: 'line one\nline two // not a comment\n\tindented', after: 1 });
    expect(p.comments).toEqual([]);
    expect(p.root?.kind === 'object' && p.root.fields.after!.loc?.line).toBe(5);
  });

  it('ignores a byte-order mark', () => {
    const p = parseJsonc('t.json', '\ufeff{"a": 1}');
    expect(p.errors).toEqual([]);
    expect(toPlain(p.root)).toEqual({ a: 1 });
  });

  it('reports up to five syntax errors with line and column', () => {
    const p = parseJsonc('t.json', '{\n  "a": 1\n  "b": 2\n}');
    expect(p.root).toBeUndefined();
    expect(p.errors).toEqual([{ file: 't.json', line: 3, column: 3, message: 'invalid JSON: comma expected' }]);
  });

  it('keeps "__proto__" keys as data', () => {
    const p = parseJsonc('t.json', '{"__proto__": {"polluted": true}}');
    expect(p.root?.kind === 'object' && Object.keys(p.root.fields)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
