import { describe, expect, it } from 'vitest';
import { convertToType, parseTypeSpec } from '../../../src/readers/terraform/variable-type.js';
import { known, list, obj, ref, toPlain } from '../../../src/readers/value.js';

describe('parseTypeSpec', () => {
  it('reads hcl2json renderings of type constraints', () => {
    expect(parseTypeSpec('${string}')).toEqual({ kind: 'string' });
    expect(parseTypeSpec('${list(map(number))}')).toEqual({ kind: 'list', element: { kind: 'map', element: { kind: 'number' } } });
    expect(parseTypeSpec('${tuple([string, bool])}')).toEqual({ kind: 'tuple', elements: [{ kind: 'string' }, { kind: 'bool' }] });
    const o = parseTypeSpec('${object({ name = string, tier = optional(string, "app"), ports = optional(list(number)) })}');
    expect(o.kind).toBe('object');
    if (o.kind !== 'object') return;
    expect(o.attributes.get('name')).toEqual({ type: { kind: 'string' }, optional: false });
    expect(o.attributes.get('tier')).toEqual({ type: { kind: 'string' }, optional: true, defaultText: '"app"' });
    expect(o.attributes.get('ports')).toEqual({ type: { kind: 'list', element: { kind: 'number' } }, optional: true });
  });

  it('skips comments inside the type, as hcl2json keeps them', () => {
    const t = parseTypeSpec('${map(object({\n    name = optional(string) # falls back to the key\n    // the ports\n    ports = list(number) /* at least one */\n  }))}');
    expect(t.kind === 'map' && t.element.kind === 'object' && [...t.element.attributes.keys()]).toEqual(['name', 'ports']);
  });

  it('falls back to any for what it does not understand', () => {
    expect(parseTypeSpec(undefined)).toEqual({ kind: 'any' });
    expect(parseTypeSpec('${list(string}')).toEqual({ kind: 'any' });
    expect(parseTypeSpec('${frobnicate}')).toEqual({ kind: 'any' });
    expect(parseTypeSpec(`\${${'list('.repeat(5000)}string${')'.repeat(5000)}}`)).toEqual({ kind: 'any' });
  });
});

describe('convertToType', () => {
  it('converts primitives the way Terraform assigns them', () => {
    expect(convertToType(known('30'), { kind: 'number' })).toEqual(known(30));
    expect(convertToType(known('true'), { kind: 'bool' })).toEqual(known(true));
    expect(convertToType(known(8080), { kind: 'string' })).toEqual(known('8080'));
    expect(convertToType(known('abc'), { kind: 'number' })).toEqual(known('abc'));
    expect(convertToType(known(null), { kind: 'number' })).toEqual(known(null));
  });

  it('fills optional object attributes with null, drops undeclared ones, converts nested values', () => {
    const t = parseTypeSpec('${map(object({ cidr = string, az = optional(string), port = optional(number) }))}');
    const v = obj({ a: obj({ cidr: known('10.0.0.0/24'), port: known('443'), extra: known(1) }) });
    expect(toPlain(convertToType(v, t))).toEqual({ a: { cidr: '10.0.0.0/24', az: null, port: 443 } });
  });

  it('keeps a whole resource usable: undeclared-but-typed attributes become refs', () => {
    const t = parseTypeSpec('${object({ id = string, cidr_block = string })}');
    const vpc = obj({ cidr_block: known('10.0.0.0/16') });
    vpc.refTarget = '.#aws_vpc.main';
    const converted = convertToType(vpc, t);
    expect(converted.kind === 'object' && converted.refTarget).toBe('.#aws_vpc.main');
    expect(converted.kind === 'object' && converted.fields.id).toEqual(ref('.#aws_vpc.main', 'id'));
    expect(toPlain(convertToType(list([known(1)]), { kind: 'list', element: { kind: 'string' } }))).toEqual(['1']);
  });
});
