import { describe, expect, it } from 'vitest';
import { isEvalError } from '../../../src/eval/terraform/index.js';
import type { Value } from '../../../src/readers/value.js';
import { obj, unknown } from '../../../src/readers/value.js';
import { ev, LOC, NAMES, plain, scopeWith, VAR_LOC } from './scope-fixture.js';

function inputsOf(v: Value): string[] {
  if (v.kind !== 'unknown') throw new Error(`expected unknown, got ${JSON.stringify(v)}`);
  return v.cause.inputs;
}

describe('unknown propagation', () => {
  it.each([
    ['${var.retention + 1}', ['var.retention']],
    ['${var.retention > 365}', ['var.retention']],
    ['${-var.retention}', ['var.retention']],
    ['${var.retention == null}', ['var.retention']],
    ['${"${var.region}-${var.retention}"}', ['var.region', 'var.retention']],
    ['${max(var.retention, 365)}', ['var.retention']],
    ['${upper(aws_vpc.main.id)}', ['aws_vpc.main.id (known after apply)']],
    ['${var.region == "ap-northeast-1" ? var.retention : 30}', ['var.region', 'var.retention']],
    ['${[for s in var.mixed : s if s != "a"]}', ['var.retention']],
    ['${{for s in var.mixed : s => 1}}', ['var.retention']],
    ['${data.aws_caller_identity.current.account_id}', ['data.aws_caller_identity.current']],
    ['${local.prefix}', ['var.project']],
    ['${var.retention[0]}', ['var.retention']],
    ['${var.azs[var.retention]}', ['var.retention']],
    ['${{ (var.region) = 1, b = 2 }}', ['var.region']],
    ['${[for s in var.retention : s]}', ['var.retention']],
    ['${var.retention[*].id}', ['var.retention']],
    ['${uuid()}', ['uuid() (known after apply)']],
    ['${timestamp()}', ['timestamp() (known after apply)']],
    ['${file("policy.json")}', ['file policy.json']],
    ['${provider::aws::arn_parse("x")}', ['provider::aws::arn_parse("x") (provider function)']],
  ])('%s', (s, inputs) => {
    expect(inputsOf(ev(s))).toEqual(inputs);
  });

  it('keeps the chain the scope gave', () => {
    const v = ev('${upper(var.region)}');
    expect(v.kind === 'unknown' && v.cause.chain).toEqual(['module.net: var.region']);
  });

  it('keeps known parts of a name and shows the unknown part as written', () => {
    const v = ev('sg-${var.env}-${var.region}-app');
    expect(v).toMatchObject({ kind: 'unknown', expr: 'sg-prod-${var.region}-app', loc: LOC });
    const r = ev('${aws_vpc.main.id}-rt');
    expect(r).toMatchObject({ kind: 'unknown', expr: '${aws_vpc.main.id}-rt' });
  });

  it('inlines the partial text of an unknown local into a name, otherwise shows what is written', () => {
    expect(ev('${local.prefix}-vpc')).toMatchObject({ kind: 'unknown', expr: 'kk-${var.project}-vpc' });
    const scope = scopeWith({ ...NAMES, local: obj({ upper: unknown({ inputs: ['var.y'], detail: 'unset' }, undefined, 'upper(var.y)') }) });
    expect(ev('x-${local.upper}', scope)).toMatchObject({ kind: 'unknown', expr: 'x-${local.upper}' });
  });

  it('an error elsewhere is unknown here, not an error to report again', () => {
    const v = ev('${local.broken}-x');
    expect(v.kind).toBe('unknown');
    expect(isEvalError(v)).toBe(false);
    expect(v.kind === 'unknown' && v.cause.detail).toContain('local.broken could not be evaluated');
  });
});

describe('precision: what stays known despite unknown parts', () => {
  it.each([
    ['true ? 1 : var.retention', 1],
    ['false ? var.retention : "x"', 'x'],
    ['var.retention > 1 ? "same" : "same"', 'same'],
    ['false && var.retention > 1', false],
    ['var.retention > 1 && false', false],
    ['true || var.retention > 1', true],
    ['var.retention > 1 || true', true],
    ['length(var.mixed)', 3],
    ['length([aws_vpc.main.id, var.retention])', 2],
    ['length(module.net.subnet_ids)', 2],
    ['concat(var.mixed, ["d"])[3]', 'd'],
    ['concat(var.mixed, ["d"])[0]', 'a'],
    ['element(var.mixed, 2)', 'c'],
    ['var.mixed[0]', 'a'],
    ['merge({a = var.retention}, {b = 1}).b', 1],
    ['merge({a = var.retention, b = 1}, {a = 2})', { a: 2, b: 1 }],
    ['merge(null, {a = 1})', { a: 1 }],
    ['lookup({a = var.retention, b = 2}, "b", 0)', 2],
    ['lookup({a = 1}, "z", "dflt")', 'dflt'],
    ['coalesce(null, "", "x", var.retention)', 'x'],
    ['coalescelist([], var.mixed)[0]', 'a'],
    ['contains(var.mixed, "c")', true],
    ['keys({b = var.retention, a = 1})', ['a', 'b']],
    ['try(var.settings.retention, 30)', 400],
    ['try(var.settings.missing, 30)', 30],
    ['try(var.nothing.x, var.subnets.none, "last")', 'last'],
    ['can(var.settings.kms.alias)', true],
    ['can(var.settings.missing)', false],
    ['can(aws_vpc.main.id)', true],
    ['alltrue([true, var.retention > 1, false])', false],
    ['anytrue([var.retention > 1, true])', true],
    ['one([var.mixed])[2]', 'c'],
    ['zipmap(["a", "b"], [var.retention, 2]).b', 2],
    ['[for s in var.mixed : "x"]', ['x', 'x', 'x']],
    ['reverse(var.mixed)[0]', 'c'],
    ['slice(var.mixed, 2, 3)', ['c']],
    ['formatlist("%s!", var.mixed)[2]', 'c!'],
  ])('%s', (expr, expected) => {
    expect(plain(expr)).toEqual(expected);
  });

  it('a ternary on an unknown condition is unknown, naming the condition first', () => {
    const v = ev('${var.region == "x" ? var.retention : 1}');
    expect(v.kind === 'unknown' && v.cause.inputs).toEqual(['var.region', 'var.retention']);
  });

  it.each([
    'coalesce(var.retention, 30)',
    'contains(var.mixed, "b")',
    'index(var.mixed, "c")',
    'alltrue([true, var.retention > 1])',
    'compact(var.mixed)',
    'flatten(var.mixed)',
    'distinct(var.mixed)',
    'toset(var.mixed)',
    'can(var.retention)',
    'try(var.retention, 1)',
    'jsonencode(var.mixed)',
    'join(",", var.mixed)',
  ])('%s stays unknown', (expr) => {
    const v = ev('${' + expr + '}');
    expect(v.kind).toBe('unknown');
    expect(isEvalError(v)).toBe(false);
  });
});

describe('references to resources', () => {
  it('an attribute the configuration does not set is a reference', () => {
    expect(ev('${aws_vpc.main.id}')).toEqual({ kind: 'ref', target: 'net#aws_vpc.main', attribute: 'id', loc: LOC });
    expect(plain('aws_vpc.main.cidr_block')).toBe('10.20.0.0/16');
  });

  it('an attribute set to null is computed by the provider, so it is a reference too', () => {
    expect(ev('${aws_vpc.main.ipv6_cidr_block}')).toMatchObject({ kind: 'ref', target: 'net#aws_vpc.main', attribute: 'ipv6_cidr_block' });
    expect(ev('${aws_vpc.main["ipv6_cidr_block"]}')).toMatchObject({ kind: 'ref', attribute: 'ipv6_cidr_block' });
    expect(plain('var.nothing')).toBeNull();
  });

  it('paths below a resource extend the reference', () => {
    expect(ev('${aws_instance.web.root_block_device[0].volume_id}')).toMatchObject({
      kind: 'ref',
      target: 'net#aws_instance.web',
      attribute: 'root_block_device[0].volume_id',
    });
    expect(plain('aws_instance.web.root_block_device[0].volume_size')).toBe(20);
    expect(ev('${aws_vpc.main.tags.Owner}')).toMatchObject({ kind: 'ref', attribute: 'tags.Owner' });
    expect(ev('${aws_instance.web.network_interface[0].id}')).toMatchObject({ kind: 'ref', attribute: 'network_interface[0].id' });
    expect(ev('${aws_vpc.main.ipv6_cidr_block_association["x y"]}')).toMatchObject({ kind: 'ref', attribute: 'ipv6_cidr_block_association["x y"]' });
  });

  it('count and for_each instances keep their own targets', () => {
    expect(ev('${aws_subnet.app[1].id}')).toMatchObject({ kind: 'ref', target: 'net#aws_subnet.app[1]', attribute: 'id' });
    expect(ev('${aws_subnet.each["c"].arn}')).toMatchObject({ kind: 'ref', target: 'net#aws_subnet.each["c"]', attribute: 'arn' });
  });

  it('a splat over instances is a list of references', () => {
    const v = ev('${aws_subnet.app[*].id}');
    expect(v.kind).toBe('list');
    expect(v.kind === 'list' && v.items.map((i) => i.kind === 'ref' && i.target)).toEqual(['net#aws_subnet.app[0]', 'net#aws_subnet.app[1]']);
    const legacy = ev('${aws_subnet.app.*.id}');
    expect(legacy).toEqual(v);
    const each = ev('${values(aws_subnet.each)[*].id}');
    expect(each.kind === 'list' && each.items.map((i) => i.kind === 'ref' && i.target)).toEqual(['net#aws_subnet.each["a"]', 'net#aws_subnet.each["c"]']);
    expect(plain('[for s in aws_subnet.app : s.cidr_block]')).toEqual(['10.20.1.0/24', '10.20.2.0/24']);
  });

  it('a splat on a reference stays a reference to the same resource', () => {
    expect(ev('${aws_instance.web.ebs_block_device[*].volume_id}')).toMatchObject({
      kind: 'ref',
      target: 'net#aws_instance.web',
      attribute: 'ebs_block_device[*].volume_id',
    });
  });

  it('identity references count as present, distinct values', () => {
    const c = ev('${compact([aws_vpc.main.id, "", null])}');
    expect(c.kind === 'list' && c.items).toHaveLength(1);
    expect(ev('${coalesce(var.nothing, aws_vpc.main.arn)}')).toMatchObject({ kind: 'ref', attribute: 'arn' });
    const s = ev('${toset([aws_subnet.app[0].id, aws_subnet.app[1].id, aws_subnet.app[0].id])}');
    expect(s.kind === 'list' && s.items).toHaveLength(2);
  });

  it('undeclared resources and attributes of plain objects are errors', () => {
    expect(isEvalError(ev('${aws_vpc.missing.id}'))).toBe(true);
    expect(isEvalError(ev('${aws_nat_gateway.x.id}'))).toBe(true);
    expect(isEvalError(ev('${var.settings.missing}'))).toBe(true);
  });

  it('a value read from elsewhere keeps its own location', () => {
    expect(ev('${var.env}')).toEqual({ kind: 'known', value: 'prod', loc: VAR_LOC });
    expect(ev('${var.azs}').loc).toEqual(VAR_LOC);
    expect(ev('${element(var.azs, 3)}').loc).toEqual(VAR_LOC);
    expect(ev('${"x"}').loc).toEqual(LOC);
    const merged = ev('${merge(var.tags, {Name = "n"})}');
    expect(merged.loc).toEqual(LOC);
    expect(merged.kind === 'object' && merged.fields.Owner!.loc).toEqual(VAR_LOC);
    expect(merged.kind === 'object' && merged.fields.Name!.loc).toEqual(LOC);
  });
});
