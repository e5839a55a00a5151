import { describe, expect, it } from 'vitest';
import { isEvalError } from '../../../src/eval/terraform/index.js';
import { ev, plain } from './scope-fixture.js';

describe('literals, operators and collections', () => {
  it.each([
    ['1', 1],
    ['1.5e3', 1500],
    ['-2', -2],
    ['true', true],
    ['null', null],
    ['"a\\"b\\\\c\\n\\t\\u00e9\\U0001F600"', 'a"b\\c\n\té😀'],
    ['"$${literal} %%{x}"', '${literal} %{x}'],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 / 4', 2.5],
    ['7 % 3', 1],
    ['-7 % 3', -1],
    ['2 - 3 - 4', -5],
    ['"3" + 4', 7],
    ['1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4', false],
    ['1 == 1 && "a" != "b"', true],
    ['1 == "1"', false],
    ['[1, "a"] == [1, "a"]', true],
    ['{a = 1} == {a = 1, b = 2}', false],
    ['!true || !!true', true],
    ['true || false && false', true],
    ['false ? 1 : true ? 2 : 3', 2],
    ['1 + 1 == 2 ? "yes" : "no"', 'yes'],
    ['[1, 2, 3,]', [1, 2, 3]],
    ['[]', []],
    ['{}', {}],
    ['{ a = 1, "b c" = 2, (var.env) = 3, "${var.env}-x" = 4, 5 = "n" }', { a: 1, 'b c': 2, prod: 3, 'prod-x': 4, '5': 'n' }],
    ['{ a: 1, b: 2 }', { a: 1, b: 2 }],
    ['{\n  a = 1\n  b = [\n    2,\n  ]\n  # comment\n  c = 3 // trailing\n  /* block */\n}', { a: 1, b: [2], c: 3 }],
    ['var.tags["lg:segment"]', 'mynumber'],
    ['var.azs[1]', 'ap-northeast-1c'],
    ['var.azs["1"]', 'ap-northeast-1c'],
    ['var.azs.0', 'ap-northeast-1a'],
    ['var.subnets.app.cidr', '10.20.1.0/24'],
    ['var.settings.kms.alias', 'alias/logs'],
    ['count.index + 1', 2],
    ['each.value.cidr', '10.20.1.0/24'],
    ['path.module', 'modules/net'],
  ])('%s', (expr, expected) => {
    expect(plain(expr)).toEqual(expected);
  });

  it('keeps HCL identifiers with dashes whole', () => {
    const v = ev('${var.env-1}');
    expect(isEvalError(v)).toBe(true);
    expect(v.kind === 'unknown' && v.cause.detail).toContain('env-1');
  });
});

describe('for expressions and splats', () => {
  it.each([
    ['[for s in var.azs : upper(s)]', ['AP-NORTHEAST-1A', 'AP-NORTHEAST-1C']],
    ['[for i, s in var.azs : "${i}:${s}"]', ['0:ap-northeast-1a', '1:ap-northeast-1c']],
    ['[for s in var.azs : s if s != "ap-northeast-1a"]', ['ap-northeast-1c']],
    ['{for k, v in var.subnets : k => v.cidr}', { app: '10.20.1.0/24', db: '10.20.2.0/24' }],
    ['{for k, v in var.subnets : v.az => k}', { a: 'app', c: 'db' }],
    ['{for s in ["a", "b", "a"] : s => s...}', { a: ['a', 'a'], b: ['b'] }],
    ['[for k, v in {b = 1, a = 2} : k]', ['a', 'b']],
    ['[for x in [[1, 2], [3]] : [for y in x : y * 10]]', [[10, 20], [30]]],
    ['[for s in var.azs : s][1]', 'ap-northeast-1c'],
    ['var.settings[*].retention', [400]],
    ['var.nothing[*]', []],
    ['[{a = 1}, {a = 2}][*].a', [1, 2]],
    ['[{a = [1, 2]}, {a = [3, 4]}][*].a[1]', [2, 4]],
    ['[{a = {b = 1}}, {a = {b = 2}}].*.a.b', [1, 2]],
    ['[{a = [1, 2]}, {a = [3, 4]}].*.a[1]', [3, 4]],
    ['[[{a = 1}], [{a = 2}, {a = 3}]][*][*].a', [[1], [2, 3]]],
  ])('%s', (expr, expected) => {
    expect(plain(expr)).toEqual(expected);
  });

  it('rejects duplicate keys unless grouping', () => {
    const v = ev('${{for s in ["a", "a"] : s => 1}}');
    expect(isEvalError(v)).toBe(true);
  });

  it('does not leak for symbols outside their expression', () => {
    expect(isEvalError(ev('${[[for s in var.azs : s], s]}'))).toBe(true);
  });

  it('lets an inner for shadow an outer symbol', () => {
    expect(plain('[for s in [1, 2] : [for s in ["x"] : s]]')).toEqual([['x'], ['x']]);
  });
});

describe('templates as hcl2json hands them over', () => {
  it.each([
    ['plain text', 'plain text'],
    ['', ''],
    ['$', '$'],
    ['100%', '100%'],
    ['a\\b', 'a\\b'],
    ['${1 + 1}', 2],
    ['${true}', true],
    [' ${1 + 1}', ' 2'],
    ['${var.env}-${count.index}', 'prod-1'],
    ['x-${"y-${var.env}"}', 'x-y-prod'],
    ['%{if var.enabled}on%{else}off%{endif}', 'on'],
    ['%{if !var.enabled}on%{endif}!', '!'],
    ['%{for i, az in var.azs}${i}=${az};%{endfor}', '0=ap-northeast-1a;1=ap-northeast-1c;'],
    ['%{for k, v in var.subnets}[${k}]%{endfor}', '[app][db]'],
    ['a %{~ if true ~} b %{~ endif ~} c', 'abc'],
    ['a\n  ${~ var.env ~}  \nb', 'aprodb'],
    ['${ 1.0 }/${0.5}/${1e21}', '1/0.5/1000000000000000000000'],
    ['${true}-${false}', 'true-false'],
    ['${<<EOT\nline ${var.env}\n  two\nEOT\n}', 'line prod\n  two\n'],
    ['${<<-EOT\n    indented ${var.env}\n      more\n    EOT\n}', 'indented prod\n  more\n'],
    ['${jsonencode(<<EOT\n{"a": 1}\nEOT\n)}', '"{\\"a\\": 1}\\n"'],
    ['${"a" == "a" ? <<EOT\nyes\nEOT\n: "no"}', 'yes\n'],
  ])('%j', (s, expected) => {
    const v = ev(s);
    expect(v.kind, JSON.stringify(v)).toBe('known');
    expect(v.kind === 'known' && v.value).toEqual(expected);
  });

  it('refuses lists and nulls inside a string', () => {
    expect(isEvalError(ev('a-${var.azs}'))).toBe(true);
    expect(isEvalError(ev('a-${var.nothing}'))).toBe(true);
  });

  it('reports unbalanced directives', () => {
    expect(isEvalError(ev('%{if true}x'))).toBe(true);
    expect(isEvalError(ev('%{endif}'))).toBe(true);
    expect(isEvalError(ev('%{for x in [1]}x%{endif}'))).toBe(true);
  });
});
