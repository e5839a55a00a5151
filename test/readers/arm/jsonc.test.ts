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

  it('reports the first syntax error with line and column', () => {
    const p = parseJsonc('t.json', '{\n  "a": 1\n  "b": 2\n}');
    expect(p.root).toBeUndefined();
    expect(p.errors).toEqual([{ file: 't.json', line: 3, column: 3, message: 'invalid JSON: comma expected' }]);
  });

  it.each([
    ['{', '1:2 close brace expected'],
    ['{"a":1,', '1:8 property name expected'],
    ['[', '1:2 close bracket expected'],
    ['[1,', '1:4 value expected'],
    ['{"a" 1}', '1:6 colon expected'],
    ['{"a":1 b}', '1:8 invalid symbol'],
    ['{\n  "a": "x"y"\n}', '2:11 invalid symbol'],
    ['{x:1}', '1:2 invalid symbol'],
    ['{"a":1} "b"', '1:9 end of file expected'],
    ['{"a":-}', '1:6 invalid symbol'],
    ['{"a":1.}', '1:6 unexpected end of number'],
    ['{"a":"\\x"}', '1:6 invalid escape character'],
    ['{"a":"\\u12"}', '1:6 invalid unicode'],
    ['{"a":"b\u0001"}', '1:6 invalid character'],
    ['"abc', '1:1 unexpected end of string'],
    ['{"a": 1 /* open', '1:16 unexpected end of comment'],
    ['{"a":[}', '1:7 value expected'],
  ])('names the error in %j as the JSON tools do', (text, want) => {
    const e = parseJsonc('t.json', text).errors;
    expect(e.map((x) => `${x.line}:${x.column} ${x.message.replace('invalid JSON: ', '')}`)).toEqual([want]);
  });

  it('gives every list-item object its extent and start, and tells comments on their own line', () => {
    const text = '{\n  "r": [\n    { "name": "a", "p": {} }, // after a token\n    /* own */ {\n      "name": "b"\n    }\n  ]\n}\n';
    const p = parseJsonc('t.json', text);
    const r = p.root?.kind === 'object' ? p.root.fields.r : undefined;
    const [a, b] = r?.kind === 'list' ? r.items : [];
    expect(a?.kind === 'object' && p.extents.get(a)).toEqual({ start: text.indexOf('{ "name"'), end: text.indexOf('}, //') + 1, line: 3, endLine: 3 });
    // Objects that are not list items (the root, a property's value) are never resources or inline subnets.
    expect(p.root?.kind === 'object' && p.extents.get(p.root)).toBeUndefined();
    expect(a?.kind === 'object' && a.fields.p?.kind === 'object' && p.extents.get(a.fields.p)).toBeUndefined();
    expect(b?.kind === 'object' && p.extents.get(b)).toMatchObject({ line: 4, endLine: 6 });
    expect([...p.objectsAt.keys()]).toEqual(['3:5', '4:15']);
    expect(p.objectsAt.get('4:15')).toBe(b);
    expect(p.comments.map((c) => [c.text, c.line, c.ownLine])).toEqual([
      ['after a token', 3, false],
      ['own', 4, true],
    ]);
  });

  it('gives resources keyed by symbolic name (languageVersion 2.0) their extent', () => {
    const text = '{\n  "resources": {\n    "sa": {\n      "type": "x"\n    }\n  }\n}\n';
    const p = parseJsonc('t.json', text);
    const resources = p.root?.kind === 'object' ? p.root.fields.resources : undefined;
    const sa = resources?.kind === 'object' ? resources.fields.sa : undefined;
    expect(sa?.kind === 'object' && p.extents.get(sa)).toMatchObject({ line: 3, endLine: 5 });
    expect(resources?.kind === 'object' && p.extents.get(resources)).toBeUndefined();
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseJsonc('t.json', deep).errors).toEqual([{ file: 't.json', line: 1, column: 257, message: 'JSON nested deeper than 256 levels' }]);
    expect(parseJsonc('t.json', '['.repeat(200) + ']'.repeat(200)).errors).toEqual([]);
  });

  it('keeps "__proto__" keys as data', () => {
    const p = parseJsonc('t.json', '{"__proto__": {"polluted": true}}');
    expect(p.root?.kind === 'object' && Object.keys(p.root.fields)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
