import { describe, expect, it } from 'vitest';
import { isEvalError } from '../../../src/eval/terraform/index.js';
import { ev, plain, scopeWith, NAMES } from './scope-fixture.js';

// Expected values are Terraform's, mostly from the examples of its function documentation.
const table = (rows: [string, unknown][]): void => {
  it.each(rows)('%s', (expr, expected) => {
    const v = ev('${' + expr + '}');
    expect(isEvalError(v), JSON.stringify(v)).toBe(false);
    expect(plain(expr)).toEqual(expected);
  });
};

describe('collection functions', () => {
  table([
    ['length("🤷‍♂️abc")', 4],
    ['length({a = 1, b = 2})', 2],
    ['concat(["a", ""], ["b", "c"])', ['a', '', 'b', 'c']],
    ['concat()', []],
    ['distinct(["a", "b", "a", "c", "d", "b"])', ['a', 'b', 'c', 'd']],
    ['flatten([["a", "b"], [], ["c"]])', ['a', 'b', 'c']],
    ['flatten([[["a", "b"], []], ["c"]])', ['a', 'b', 'c']],
    ['compact(["a", "", "b", null, "c"])', ['a', 'b', 'c']],
    ['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
    ['sort(["e", "d", "a", "x"])', ['a', 'd', 'e', 'x']],
    ['sort([10, 9])', ['10', '9']],
    ['reverse([1, 2, 3])', [3, 2, 1]],
    ['range(3)', [0, 1, 2]],
    ['range(1, 4)', [1, 2, 3]],
    ['range(1, 8, 2)', [1, 3, 5, 7]],
    ['range(1, 4, 0.5)', [1, 1.5, 2, 2.5, 3, 3.5]],
    ['range(4, 1)', [4, 3, 2]],
    ['range(10, 5, -2)', [10, 8, 6]],
    ['range(0)', []],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ['chunklist(["a", "b", "c", "d", "e"], 2)', [['a', 'b'], ['c', 'd'], ['e']]],
    ['element(["a", "b", "c"], 3)', 'a'],
    ['index(["a", "b", "c"], "b")', 1],
    ['keys({b = 1, a = 2, c = 3})', ['a', 'b', 'c']],
    ['values({b = 1, a = 2, c = 3})', [2, 1, 3]],
    ['lookup({a = "ay", b = "bee"}, "c", "what?")', 'what?'],
    ['lookup({a = "ay", b = "bee"}, "a")', 'ay'],
    ['contains(["a", "b"], "b")', true],
    ['contains(["a", "b"], "z")', false],
    ['contains({x = "a"}, "a")', true],
    ['one([])', null],
    ['one(["hello"])', 'hello'],
    ['alltrue(["true", true])', true],
    ['alltrue([])', true],
    ['anytrue([])', false],
    ['anytrue([false, "true"])', true],
    ['coalesce("", "b")', 'b'],
    ['coalesce(1, 2)', 1],
    ['coalescelist(["a", "b"], ["c", "d"])', ['a', 'b']],
    ['coalescelist([], ["c", "d"])', ['c', 'd']],
    ['merge({a = "b", c = "d"}, {e = "f", c = "z"})', { a: 'b', c: 'z', e: 'f' }],
    ['merge([{a = 1}, {b = 2}]...)', { a: 1, b: 2 }],
    ['setproduct(["development", "staging"], ["app1", "app2"])', [['development', 'app1'], ['development', 'app2'], ['staging', 'app1'], ['staging', 'app2']]],
    ['setproduct(["a"], [])', []],
    ['setunion(["b", "a"], ["b", "c"], ["d"])', ['a', 'b', 'c', 'd']],
    ['setintersection(["a", "b"], ["b", "c"], ["b", "d"])', ['b']],
    ['setsubtract(["a", "b", "c"], ["a", "c"])', ['b']],
    ['transpose({a = ["1", "2"], b = ["2", "3"]})', { '1': ['a'], '2': ['a', 'b'], '3': ['b'] }],
    ['matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])', ['i-abc', 'i-def']],
    ['list("a", "b")', ['a', 'b']],
    ['merge(var.tags, map("k", "v"))', { Owner: 'joho', 'lg:segment': 'mynumber', k: 'v' }],
    ['sum([10, 13, 6, 4.5])', 33.5],
    ['min(12, 54, 3)', 3],
    ['max([12, 54, 3]...)', 54],
  ]);
});

describe('type conversion', () => {
  table([
    ['tostring(1.5)', '1.5'],
    ['tostring(true)', 'true'],
    ['tostring(null)', null],
    ['tonumber("1.5")', 1.5],
    ['tonumber(2)', 2],
    ['tobool("true")', true],
    ['tolist(["a", 1, true])', ['a', '1', 'true']],
    ['tolist([1, 2])', [1, 2]],
    ['toset(["c", "b", "b", "a"])', ['a', 'b', 'c']],
    ['toset([3, 1, 3])', [1, 3]],
    ['tomap({a = 1, b = "x"})', { a: '1', b: 'x' }],
    ['sensitive("s")', 's'],
    ['nonsensitive(sensitive(1))', 1],
  ]);
});

describe('string functions', () => {
  table([
    ['format("Hello, %s!", "Ander")', 'Hello, Ander!'],
    ['format("There are %d lights", 4)', 'There are 4 lights'],
    ['format("%-5s|%5s|", "a", "b")', 'a    |    b|'],
    ['format("%05.2f", 3.14159)', '03.14'],
    ['format("%8.3f", -3.14159)', '  -3.142'],
    ['format("%x %X %o %b %#x", 255, 255, 8, 5, 255)', 'ff FF 10 101 0xff'],
    ['format("%+d %03d", 5, -7)', '+5 -07'],
    ['format("%e", 1234.5678)', '1.234568e+03'],
    ['format("%g %g", 1e-7, 123.5)', '1e-07 123.5'],
    ['format("%v %v %v", "x", 1.5, true)', 'x 1.5 true'],
    ['format("%#v", "x")', '"x"'],
    ['format("%v", [1, "a"])', '[1,"a"]'],
    ['format("%t", true)', 'true'],
    ['format("%[2]s %[1]s", "a", "b")', 'b a'],
    ['format("%q", "a\\"b")', '"a\\"b"'],
    ['format("%.3s", "abcdef")', 'abc'],
    ['format("100%%")', '100%'],
    ['format("%s", 10)', '10'],
    ['formatlist("Hello, %s!", ["Valentina", "Ander"])', ['Hello, Valentina!', 'Hello, Ander!']],
    ['formatlist("%s, %s", "Salutations", ["Valentina", "Ander"])', ['Salutations, Valentina', 'Salutations, Ander']],
    ['join("-", ["a"], ["b", "c"])', 'a-b-c'],
    ['join(", ", [])', ''],
    ['split(",", "a,b,c")', ['a', 'b', 'c']],
    ['split(",", "")', ['']],
    ['replace("1 + 2 + 3", "+", "-")', '1 - 2 - 3'],
    ['replace("hello world", "/w.*d/", "everybody")', 'hello everybody'],
    ['replace("abcb", "/(b)/", "[$1]")', 'a[b]c[b]'],
    ['replace("a-b", "/(?P<x>-)/", "<$${x}>")', 'a<->b'],
    ['lower("HELLO")', 'hello'],
    ['upper("hello")', 'HELLO'],
    ['title("hello world-wide web")', 'Hello World-Wide Web'],
    ['title("don\u0027t x_y 9a")', "Don'T X_y 9a"],
    ['trimspace("  x \\n")', 'x'],
    ['trim("?!hello?!", "!?")', 'hello'],
    ['trimprefix("helloworld", "hello")', 'world'],
    ['trimsuffix("helloworld", "world")', 'hello'],
    ['trimprefix("helloworld", "cat")', 'helloworld'],
    ['substr("hello world", 1, 4)', 'ello'],
    ['substr("🤔🤷", 0, 1)', '🤔'],
    ['substr("hello", -3, -1)', 'llo'],
    ['substr("hello", 2, 100)', 'llo'],
    ['strrev("hello")', 'olleh'],
    ['chomp("hello\\n\\n")', 'hello'],
    ['indent(2, "[\\n  foo,\\n]")', '[\n    foo,\n  ]'],
    ['startswith("hello world", "hello")', true],
    ['endswith("hello world", "hello")', false],
    ['strcontains("hello world", "wor")', true],
    ['regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'aaabbbccc'],
    ['regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")', ['2019', '02', '01']],
    ['regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")', { scheme: 'https', authority: 'terraform.io' }],
    ['regex("(?i)^ABC", "abcd")', 'abc'],
    ['regex("^[[:alpha:]]+", "abc123")', 'abc'],
    ['regexall("[a-z]+", "1234abcd5678efgh9")', ['abcd', 'efgh']],
    ['regexall("(a)(b)?", "a ab")', [['a', null], ['a', 'b']]],
    ['length(regexall("z", "abc")) > 0', false],
  ]);
});

describe('numeric functions', () => {
  table([
    ['abs(-12.4)', 12.4],
    ['ceil(5.1)', 6],
    ['floor(4.9)', 4],
    ['signum(-13)', -1],
    ['pow(3, 2)', 9],
    ['log(16, 2)', 4],
    ['parseint("100", 10)', 100],
    ['parseint("FF", 16)', 255],
    ['parseint("-10", 16)', -16],
    ['parseint("1011111011101111", 2)', 48879],
    ['parseint("aA", 62)', 656],
  ]);
});

describe('encoding and hashing', () => {
  table([
    ['jsonencode({hello = "world"})', '{"hello":"world"}'],
    ['jsonencode({b = 1, a = [true, null, "<x>&"]})', '{"a":[true,null,"\\u003cx\\u003e\\u0026"],"b":1}'],
    ['jsonencode(1.5)', '1.5'],
    ['jsondecode("{\\"hello\\": \\"world\\"}")', { hello: 'world' }],
    ['jsondecode("true")', true],
    ['jsondecode(jsonencode({a = [1, {b = null}]}))', { a: [1, { b: null }] }],
    ['yamlencode({a = "b", c = "d"})', '"a": "b"\n"c": "d"\n'],
    ['yamldecode("a: [1, x]")', { a: [1, 'x'] }],
    ['base64encode("Hello World")', 'SGVsbG8gV29ybGQ='],
    ['base64decode("SGVsbG8gV29ybGQ=")', 'Hello World'],
    ['urlencode("Hello World!")', 'Hello+World%21'],
    ['urlencode("☃")', '%E2%98%83'],
    ['md5("hello world")', '5eb63bbbe01eeed093cb22bb8f5acdc3'],
    ['sha1("hello world")', '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
    ['sha256("hello world")', 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'],
    ['base64sha256("hello world")', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
    ['uuidv5("dns", "www.terraform.io")', 'a5008fae-b28c-5ba5-96cd-82b4c53552d6'],
    ['uuidv5("url", "https://www.terraform.io/")', '9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5'],
  ]);

  it('an unknown inside jsonencode keeps the known shape in expr', () => {
    const v = ev('${jsonencode({Statement = [{Effect = "Allow", Resource = aws_vpc.main.arn, Action = var.retention}]})}');
    expect(v.kind).toBe('unknown');
    const shape = JSON.parse(v.kind === 'unknown' ? v.expr! : '');
    expect(shape).toEqual({ Statement: [{ Action: '${var.retention}', Effect: 'Allow', Resource: '${aws_vpc.main.arn}' }] });
    expect(v.kind === 'unknown' && v.cause.inputs).toEqual(['aws_vpc.main.arn (known after apply)', 'var.retention']);
  });
});

describe('files and paths', () => {
  const files = {
    'modules/net/policy.json': '{"Version": "2012-10-17"}',
    'modules/net/user-data.sh.tpl': '#!/bin/sh\n%{ for s in servers ~}\necho ${s} ${env}\n%{ endfor ~}\n',
    'bad.bin': '\uFFFD',
  };
  const scope = scopeWith(NAMES, files);

  it('reads files through the scope', () => {
    expect(plain('jsondecode(file("${path.module}/policy.json")).Version', scope)).toBe('2012-10-17');
    expect(plain('filebase64("modules/net/policy.json")', scope)).toBe(Buffer.from(files['modules/net/policy.json']).toString('base64'));
    expect(plain('fileexists("modules/net/policy.json")', scope)).toBe(true);
    expect(plain('filesha256("modules/net/policy.json")', scope)).toBe(plain('sha256(file("modules/net/policy.json"))', scope));
  });

  it('renders templatefile with only its variables', () => {
    expect(plain('templatefile("${path.module}/user-data.sh.tpl", {servers = ["a", "b"], env = var.env})', scope)).toBe('#!/bin/sh\necho a prod\necho b prod\n');
    const missing = ev('${templatefile("modules/net/user-data.sh.tpl", {servers = ["a"]})}', scope);
    expect(isEvalError(missing)).toBe(true);
    const unknownVar = ev('${templatefile("modules/net/user-data.sh.tpl", {servers = ["a"], env = var.region})}', scope);
    expect(unknownVar.kind === 'unknown' && unknownVar.cause.inputs).toEqual(['var.region']);
  });

  it('a file that cannot be read is unknown, naming it', () => {
    const v = ev('${file("missing.json")}', scope);
    expect(v).toMatchObject({ kind: 'unknown', cause: { inputs: ['file missing.json'] } });
    expect(ev('${templatefile("nope.tpl", {})}', scope)).toMatchObject({ kind: 'unknown', cause: { inputs: ['file nope.tpl'] } });
  });

  it('handles paths as Go does', () => {
    expect(plain('basename("foo/bar/baz.txt")')).toBe('baz.txt');
    expect(plain('basename("foo/bar/")')).toBe('bar');
    expect(plain('dirname("foo/bar/baz.txt")')).toBe('foo/bar');
    expect(plain('dirname("baz.txt")')).toBe('.');
    expect(plain('dirname("/baz")')).toBe('/');
    expect(plain('abspath("/a/b/../c")')).toBe('/a/c');
    expect(ev('${abspath(path.module)}').kind).toBe('unknown');
    expect(ev('${pathexpand("~/.ssh/id_rsa")}').kind).toBe('unknown');
    expect(plain('pathexpand("/etc/x")')).toBe('/etc/x');
  });
});
