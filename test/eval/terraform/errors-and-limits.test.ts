import { describe, expect, it } from 'vitest';
import { evaluateTfJson, evaluateTfString, isEvalError } from '../../../src/eval/terraform/index.js';
import { ev, LOC, scopeWith } from './scope-fixture.js';

describe('errors become values, never exceptions', () => {
  it.each([
    // syntax
    '${1 +}',
    '${(}',
    '${[1, 2}',
    '${{a = }}',
    '${"unterminated}',
    '${a.}',
    '${length(1,}',
    '${true ? 1}',
    '${"\\q"}',
    '${"\\u12"}',
    '${1 2}',
    '${@}',
    '${var.azs...}',
    '${f(a..., b)}',
    '${/* open}',
    '${<<EOT\nno end\n}',
    '%{if}',
    '%{ bogus }',
    '${',
    // types and values
    '${1 + "a"}',
    '${true + 1}',
    '${null + 1}',
    '${!"x"}',
    '${-"x"}',
    '${null ? 1 : 2}',
    '${[1][5]}',
    '${[1][-1]}',
    '${[1][0.5]}',
    '${{a = 1}.b}',
    '${{a = 1}["b"]}',
    '${"x"[0]}',
    '${"x".y}',
    '${null.y}',
    '${[1].y}',
    '${1 / 0}',
    '${1 % 0}',
    '${{(null) = 1}}',
    '${[for x in null : x]}',
    '${[for x in "str" : x]}',
    '${[for x in [1] : x if "maybe"]}',
    '${undeclared}',
    // functions
    '${nosuch()}',
    '${length()}',
    '${length(1, 2)}',
    '${length(null)}',
    '${length(1)}',
    '${tonumber("x")}',
    '${tobool(1)}',
    '${jsondecode("{")}',
    '${element([], 0)}',
    '${element([1], -1)}',
    '${regex("(", "x")}',
    '${regex("z", "abc")}',
    '${regex("(?P<a>x)(y)", "xy")}',
    '${base64decode("!!")}',
    '${lookup({}, "a")}',
    '${one([1, 2])}',
    '${coalesce(null, "")}',
    '${coalescelist([], [])}',
    '${merge(1)}',
    '${concat([1], "a")}',
    '${zipmap(["a"], [])}',
    '${slice([1, 2], 1, 5)}',
    '${range(1, 2, 0)}',
    '${range(5, 1, 1)}',
    '${index(["a"], "z")}',
    '${sum([])}',
    '${format("%d", 1.5)}',
    '${format("%s")}',
    '${format("%s", "a", "b")}',
    '${format("%y", 1)}',
    '${format("%s", [1])}',
    '${formatlist("%s", ["a"], ["b", "c"])}',
    '${parseint("12", 1)}',
    '${parseint("g", 16)}',
    '${try(nosuch(), also_missing())}',
    '${can(1, 2)}',
    '${max()}',
    '${upper([1])}',
    '${join(",", [null])}',
    '${transpose({a = "x"})}',
    '${chunklist([1], -1)}',
    '${uuidv5("nope", "x")}',
  ])('%s', (s) => {
    const v = evaluateTfString(s, scopeWith());
    expect(isEvalError(v), JSON.stringify(v)).toBe(true);
    expect(v.loc).toEqual(LOC);
    expect(v.kind === 'unknown' && v.cause.detail.length).toBeGreaterThan('error: '.length);
  });

  it('messages say what is wrong', () => {
    const detail = (s: string): string => {
      const v = ev(s);
      return v.kind === 'unknown' ? v.cause.detail : '';
    };
    expect(detail('${nosuch(1)}')).toBe('error: call to unknown function "nosuch"');
    expect(detail('${length(1, 2)}')).toBe('error: length: expects 1 arguments, got 2');
    expect(detail('${var.settings.missing}')).toContain('attribute named "missing"');
    expect(detail('${lookup({}, "a")}')).toContain('lookup:');
  });

  it('a scope that throws does not stop the evaluation', () => {
    const v = evaluateTfString('${var.x}', {
      loc: LOC,
      lookup: () => {
        throw new TypeError('reader bug');
      },
    });
    expect(isEvalError(v)).toBe(true);
    expect(v.kind === 'unknown' && v.cause.detail).toContain('reader bug');
  });

  it('functions Terraform has but kikan does not evaluate are unknown, not errors', () => {
    const v = ev('${formatdate("YYYY", "2024-01-01T00:00:00Z")}');
    expect(v.kind).toBe('unknown');
    expect(isEvalError(v)).toBe(false);
  });
});

describe('big and deep inputs', () => {
  const isLimited = (s: string): void => {
    const v = evaluateTfString(s, scopeWith());
    expect(v.kind).toBe('unknown');
    expect(isEvalError(v)).toBe(true);
  };

  it('deep nesting is refused, not a stack overflow', () => {
    const n = 20_000;
    isLimited('${' + '['.repeat(n) + ']'.repeat(n) + '}');
    isLimited('${' + '('.repeat(n) + '1' + ')'.repeat(n) + '}');
    isLimited('${' + '!'.repeat(n) + 'true}');
    isLimited('${' + '{a = '.repeat(n) + '1' + '}'.repeat(n) + '}');
    isLimited('${' + Array(n).fill('1').join(' + ') + '}');
    isLimited('${x' + '[0]'.repeat(n) + '}');
    isLimited('${x' + '.a'.repeat(n) + '}');
    isLimited('${' + '"${'.repeat(n) + '1' + '}"'.repeat(n) + '}');
    isLimited('${' + 'f('.repeat(n) + ')'.repeat(n) + '}');
    isLimited('${jsondecode("' + '['.repeat(n) + ']'.repeat(n) + '")}');
  });

  it('moderate nesting still works', () => {
    const n = 50;
    expect(ev('${' + '['.repeat(n) + '1' + ']'.repeat(n) + '}').kind).toBe('list');
    expect(ev('${' + Array(100).fill('1').join(' + ') + '}')).toMatchObject({ value: 100 });
  });

  it('huge collections are refused quickly', () => {
    isLimited('${range(1000000000)}');
    isLimited('${length(range(100000000))}');
    isLimited('${[for i in range(100000) : [for j in range(100000) : j]]}');
    isLimited('${setproduct(range(1000), range(1000), range(1000))}');
    isLimited('${join("", [for i in range(100000) : join("", [for j in range(1000) : "xxxxxxxxxx"])])}');
    isLimited('${cidrsubnets("10.0.0.0/8", [for i in range(100000) : 16]...)}');
  });

  it('set operations on many structured elements finish', () => {
    expect(ev('${length(distinct([for i in range(50000) : {a = i % 10, b = [i % 2]}]))}')).toMatchObject({ value: 10 });
    expect(ev('${length(setsubtract([for i in range(50000) : [i]], [for i in range(25000) : [i]]))}')).toMatchObject({ value: 25000 });
  });

  it('patterns that could backtrack forever are refused', () => {
    isLimited('${regex("(a+)+$", "' + 'a'.repeat(40) + 'b")}');
    isLimited('${replace("' + 'a'.repeat(40) + '", "/(\\\\w*\\\\s?)*$/", "")}');
  });

  it('huge sources are refused', () => {
    isLimited('${"' + 'x'.repeat(2_000_000) + '"}');
  });

  it('deep JSON subtrees become error values in place', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const v = evaluateTfJson({ ok: 'x', deep }, scopeWith());
    expect(v.kind).toBe('object');
    let cur = v.kind === 'object' ? v.fields.deep! : v;
    while (cur.kind === 'list') cur = cur.items[0]!;
    expect(isEvalError(cur)).toBe(true);
  });
});
