import { describe, expect, it } from 'vitest';
import { readJsonVars, readTfJson } from '../../../src/readers/terraform/locate-json.js';

describe('readTfJson', () => {
  it('brings Terraform JSON to hcl2json shape with positions', () => {
    const text = [
      '{',
      '  "resource": {',
      '    "aws_vpc": {',
      '      "main": {',
      '        "cidr_block": "10.0.0.0/16",',
      '        "tags": { "Name": "main" }',
      '      }',
      '    }',
      '  },',
      '  "provider": { "aws": [ { "region": "ap-northeast-1" }, { "alias": "osaka", "region": "ap-northeast-3" } ] },',
      '  "locals": { "a": 1 }',
      '}',
    ].join('\n');
    const r = readTfJson(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.body).toEqual({
      resource: { aws_vpc: { main: [{ cidr_block: '10.0.0.0/16', tags: { Name: 'main' } }] } },
      provider: { aws: [{ region: 'ap-northeast-1' }, { alias: 'osaka', region: 'ap-northeast-3' }] },
      locals: [{ a: 1 }],
    });
    const [vpc, p1, p2, locals] = r.located.body.blocks;
    expect([vpc!.type, vpc!.labels, vpc!.line, vpc!.endLine]).toEqual(['resource', ['aws_vpc', 'main'], 4, 7]);
    expect(vpc!.body.attributes.map((a) => [a.name, a.line])).toEqual([
      ['cidr_block', 5],
      ['tags', 6],
    ]);
    expect(vpc!.body.attributes[1]!.value.object![0]).toMatchObject({ key: 'Name', line: 6 });
    expect([p1!.labels, p2!.labels, p1!.line]).toEqual([['aws'], ['aws'], 10]);
    expect(locals!.body.attributes[0]!.name).toBe('a');
  });

  it('turns absurd nesting into an error instead of a crash', () => {
    const deep = `{"locals": {"a": ${'['.repeat(200_000)}${']'.repeat(200_000)}}}`;
    expect(readTfJson(deep).ok).toBe(false);
    expect(readJsonVars(`{"a": ${'{"b": '.repeat(100_000)}1${'}'.repeat(100_000)}}`).ok).toBe(false);
  });

  it('reports invalid JSON with its line', () => {
    const r = readTfJson('{\n  "resource": {\n    "x": ,\n}');
    expect(r).toMatchObject({ ok: false, line: 3 });
  });
});

describe('readJsonVars', () => {
  it('keeps values literal and located', () => {
    const r = readJsonVars('{\n  "env": "${not_a_template}",\n  "cidrs": ["10.0.0.0/8"]\n}');
    if (!r.ok) throw new Error(r.message);
    expect(r.values).toEqual({ env: '${not_a_template}', cidrs: ['10.0.0.0/8'] });
    expect(r.located.map((a) => [a.name, a.line])).toEqual([
      ['env', 2],
      ['cidrs', 3],
    ]);
  });
});
