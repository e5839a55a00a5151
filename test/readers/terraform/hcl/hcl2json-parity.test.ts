import { describe, expect, it } from 'vitest';
import { parseWithHcl2json } from '../../../../src/bench/hcl2json-oracle.js';
import { parseHclNative } from '../../../../src/readers/terraform/hcl/index.js';

// Every case is parsed by @cdktf/hcl2json (through the module the reader uses
// today) and by our parser; they must agree on accepting it, on the JSON
// (compared as text, so key order counts), and on where the first error is.
async function expectParity(src: string): Promise<void> {
  const theirs = await parseWithHcl2json('t.tf', src);
  const ours = parseHclNative('t.tf', src);
  if (theirs.ok) {
    expect(ours.ok ? JSON.stringify(ours.body) : ours).toBe(JSON.stringify(theirs.body));
    return;
  }
  expect(ours.ok, `hcl2json rejects: ${theirs.message}`).toBe(false);
  if (ours.ok || theirs.line === undefined) return; // conversion errors carry no position in hcl2json
  expect([ours.line, ours.column]).toEqual([theirs.line, theirs.column]);
}

function cases(title: string, inputs: string[]): void {
  describe(title, () => {
    for (const src of inputs) it(JSON.stringify(src), () => expectParity(src));
  });
}

cases('bodies, blocks and attributes', [
  '',
  '\n\n# only a comment\n',
  'a = 1\nb = "x"\n',
  'a = 1',
  'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n',
  'resource "aws_s3_bucket" "a" {}\nresource "aws_s3_bucket" "b" {}\nresource "aws_iam_role" "a" {}\n',
  'locals {\n  a = 1\n}\nlocals {\n  b = 2\n}\n',
  'b "x" lbl "y" {\n}\n',
  'b "with \\"escapes\\" \\u00e9" {\n}\n',
  'b { c = 1 }\n',
  'b { /* c */ c = [1,\n 2] }\n',
  'outer {\n  inner {\n    deep "l" {\n      v = true\n    }\n  }\n  inner {}\n}\n',
  'b {}\nb = 1\n',
  'b "x" {}\nb = { k = "v" }\n',
  'provider "aws" {\n  alias = "east"\n}\nprovider "aws" {\n  alias = "west"\n}\n',
  'a = 1 # trailing\nb = 2 // also\nc = 3 /* block */\n',
  'a = 1\r\nb {\r\n  c = "d"\r\n}\r\n',
  '\ufeffa = 1\n',
  'z = 1\nB = 2\n_ = 3\n10 = 4\n',
  'é = 1\n名前 = "値"\n',
]);

cases('literals and unary operators', [
  'a = 0\nb = 42\nc = -7\nd = 1.50\ne = 1e3\nf = 1E-2\ng = 007\nh = 1.e5\n',
  'a = 12345678901234567890123\nb = 0.1\nc = 1e21\nd = 1e400\n',
  'a = -0\nb = - 1\nc = -1.5e2\n',
  'a = true\nb = false\nc = null\nd = !true\ne = !false\n',
  'a = -x\nb = !x\nc = --1\nd = -(1)\ne = !!true\n',
  'a = -true\n',
  'a = !1\n',
  'a = -null\n',
  'a = !null\n',
  'a = 1.2.3\n',
  'a = 1e5e5\n',
  'a = 1e2147483648\n',
]);

cases('strings and escapes', [
  'a = "plain"\nb = ""\nc = " spaced "\n',
  'a = "tab\\there\\nnewline\\r\\"quoted\\" back\\\\slash"\n',
  'a = "\\u00e9\\U0001F600\\u0041"\n',
  'a = "$${literal} %%{directive} $$ %% $ % 100%"\n',
  'a = "\\u0024{not interpolated}"\n',
  'a = "$$${x}"\n',
  'a = "e\u0301 composed"\n',
  'a = "\\$"\n',
  'a = "\\q"\n',
  'a = "\\u12"\n',
  'a = "\\uD800"\n',
  'a = "\\U00110000"\n',
  'a = "unterminated\n',
  'a = "abc',
  'a = "line\\\n"\n',
]);

cases('templates', [
  'a = "${x}"\nb = "${1}"\nc = "${true}"\nd = "${"inner"}"\ne = "${[1, 2]}"\nf = "${{k = 1}}"\n',
  'a = "pre-${var.x}-post"\nb = "${a}${b}"\nc = "${ spaced . attr }"\n',
  'a = "n${1.50}b${true}${null}"\nb = "${"a"}${"$${b}"}"\n',
  'a = "x${a ? "y" : "z"}w"\nb = "x${a ? "y" : ""}"\nc = "x${a ? b : c}"\n',
  'a = "%{if c}yes%{else}no%{endif}"\nb = "%{if c}only%{endif}"\nc = "%{ if c ~} trimmed %{~ endif }"\n',
  'a = "%{for v in list}${v},%{endfor}"\nb = "%{for k, v in map}${k}=${v} %{endfor}"\n',
  'a = "x%{if c}${null}%{endif}"\nb = "x%{if c}a%{else}${null}%{endif}"\nc = "x%{if c}${1.0}%{endif}"\n',
  'a = "x%{for v in c}${null}%{endfor}"\n',
  'a = "  ${~ x ~}  "\nb = "a  ${~x}"\nc = "${x~}  \\n  b"\n',
  'a = "%{if a}%{if b}ab%{else}a%{endif}%{endif}"\n',
  'a = "${x"\n',
  'a = "${x y}"\n',
  'a = "${x:y}"\n',
  'a = "%{if x}"\n',
  'a = "%{endif}"\n',
  'a = "%{if x}a%{else}b%{else}c%{endif}"\n',
  'a = "%{for x in y}a%{else}b%{endfor}"\n',
  'a = "%{bogus}"\n',
  'a = "%{ for in x}%{endfor}"\n',
  'a = "%{ if x y }a%{endif}"\n',
]);

cases('heredocs', [
  'a = <<EOT\nhello\nworld\nEOT\n',
  'a = <<EOT\n  indented ${x}\n  EOT\n',
  'a = <<-EOT\n    four\n      six\n\n    four\n  EOT\n',
  'a = <<-EOT\n\t\ttabs\n\t  mixed\nEOT\n',
  'a = <<-EOT\n  \u0301mark after the indent\n  \u00a0\u0301\n\t\u0301x\n   deeper\u0301\n  EOT\n',
  'a = <<-EOT\n    ${x}\n      y\n  EOT\n',
  'a = <<-EOT\n      a\n    %{ if c ~}\n      b\n    %{~ endif }\n  EOT\n',
  'a = <<EOT\n${x ~}   \n   next\nEOT\n',
  'a = <<EOT\nEOT\n',
  'a = <<EOT\nnot EOT\nEOT x\n  EOT  \n',
  'a = <<EOT\nhi $\n%\n$${x}\nEOT\n',
  'a = <<EOT\r\nwindows\r\nEOT\r\n',
  'a = [<<A, <<B]\nfirst\nA\nsecond\nB\n',
  'a = <<EOT\nnested ${<<INNER\ninner\nINNER\n} done\nEOT\n',
  'a = "${<<EOT\nin a quoted string\nEOT\n}"\n',
  'a = {\n  k = <<EOT\nx\nEOT\n  j = 1\n}\n',
  'a = f(<<EOT\nx\nEOT\n)\n',
  'a = <<EOT\nhi\nEOT',
  'a = <<EOT\nno end\n',
  'a = <<EOT\na\rb\nEOT\n',
  'a = <<EOT \nx\nEOT\n',
]);

cases('collections and keys', [
  'a = []\nb = [1, "two", [3], {four = 4}]\nc = [1,2,]\nd = [\n  1,\n  2\n]\n',
  'a = {}\nb = {x = 1, y = 2}\nc = {\n  x = 1\n  y = 2\n}\nd = {x: 1, "y": 2}\n',
  'a = { 1.50 = 1, true = 2, null = 3, a.b = 4, (c) = 5, -1 = 6, "q" = 7, 1e21 = 8, 10 = 9, 2 = 10 }\n',
  'a = { "${x}" = 1, "a${x}" = 2, x[0] = 3, x["k"] = 4, f(x) = 5, a ? "b" : "c" = 6 }\n',
  'a = { "$${x}" = 1, "%%{y}" = 2 }\n',
  'a = { k = 1, k = 2 }\n',
  'a = { "z" = 1, "é" = 2, "a" = 3, "\uffff" = 4, "\ud83d\ude00" = 5, "__proto__" = 6 }\n',
  'a = { "\\U0001F600" = 1, "\\uFFFF" = 2, "\\uE000" = 3 }\nb "\\U0001F600" {}\nb "\\uFFFF" {}\n',
  'a = { 1.0 = "one", 1 = "uno", "1" = "ichi" }\n',
  'a = { for = 1 }\n',
  'a = [for]\n',
  'a = { k = 1 m = 2 }\n',
  'a = { k }\n',
  'a = { k 1 }\n',
  'a = [1 2]\n',
  'a = [1, 2\n',
  'a = { k = 1\n',
]);

cases('other expressions kept as source', [
  'a = var.x\nb = local.y[0].z\nc = x.0.y\nd = x[*].y\ne = x.*.y[0]\nf = x["k"]\ng = x[y]\n',
  'a = f(x)\nb = f(\n  1, # comment\n  2\n)\nc = f(x...)\nd = f(1,2,)\ne = provider::aws::arn_parse(x)\n',
  'a = 1 + 2 * 3\nb = (1 + 2) * 3\nc = x == y && !z || w\nd = x ? y : z\ne = x >= 1 ? "a" : "b"\n',
  'a = [for v in x : v if v]\nb = {for k, v in x : k => v...}\nc = {\n  for k, v in x : k => v\n}\n',
  'a = (b)\nc = {k = (v)}\n',
  'a = true.x\nb = null[0]\nc = "s".x\n',
  'a = x.0.1\n',
  'a = x.*.*\n',
  'a = x[*\n]\n',
  'a = f(1 2)\n',
  'a = f(x...,)\n',
  'a = f(\n',
  'a = provider::\n',
  'a = x ? y\n',
  'a = (1\n',
  'a = [for x in y : x => x]\n',
  'a = {for x in y : x}\n',
  'a = [for v in x : v...]\n',
  'a = [for x y : x]\n',
]);

cases('syntax errors', [
  'a = 1\na = 2\n',
  'b {\n  a = 1\n  a = 2\n}\n',
  'b {\n',
  'b {\n  c {\n}\n',
  'a\n',
  'a = \n',
  'a = 1 b = 2\n',
  'a = 1, b = 2\n',
  'a = 1 /* c\n*/ b = 2\n',
  '"a" = 1\n',
  '} \n',
  'b = {\n',
  'b "x" = {}\n',
  'b "x"\n{}\n',
  'b 1 {}\n',
  'b { c {} }\n',
  'b { c = 1, }\n',
  'b { c = 1\n}\n',
  'b { c = 1 d }\n',
  'b {\n}x\n',
  'b "${x}" {}\n',
  'a = 1;\n',
  'a = \'x\'\n',
  'a = `x`\n',
  'a = x & y\n',
  'a = x | y\n',
  'a = ~x\n',
  'a = x ^ y\n',
  'a = x ** y\n',
  'a = \u201cx\u201d\n',
  'a = @x\n',
  'a = $x\n',
  'a = 1\r',
  'a = 1 /* unterminated',
  'a = x.\n',
  'a = x.[0]\n',
  'a = 1 +\n 2\n',
]);

describe('input that is not text-clean', () => {
  it('reads a lone surrogate the way hcl2json receives it, as U+FFFD', () => expectParity('a = "\ud800x"\nb = 1\n'));
  it('rejects control characters outside strings', () => expectParity('a = 1\u0000\n'));
  it('keeps control characters inside strings', () => expectParity('a = "x\u0001y"\n'));
});
