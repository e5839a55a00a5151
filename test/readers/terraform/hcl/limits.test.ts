import { describe, expect, it } from 'vitest';
import { parseHclNative } from '../../../../src/readers/terraform/hcl/index.js';
import { goDecimalText, isValidNumberLiteral } from '../../../../src/readers/terraform/hcl/number.js';

describe('nesting limit', () => {
  const deep: Record<string, string> = {
    brackets: `a = ${'['.repeat(20_000)}`,
    parentheses: `a = ${'('.repeat(20_000)}1${')'.repeat(20_000)}\n`,
    objects: `a = ${'{a = '.repeat(20_000)}1${'}'.repeat(20_000)}\n`,
    'unary operators': `a = ${'-'.repeat(20_000)}1\n`,
    'nested templates': `a = ${'"${'.repeat(20_000)}`,
    'template directives': `a = "${'%{if x}'.repeat(20_000)}"\n`,
    blocks: 'b {\n'.repeat(20_000),
    'full splats': `a = x${'[*]'.repeat(20_000)}\n`,
    'conditional chains': `a = ${'x ? y : '.repeat(20_000)}z\n`,
  };
  for (const [what, src] of Object.entries(deep)) {
    it(`refuses ${what} nested 20000 deep with a located error instead of overflowing the stack`, () => {
      const r = parseHclNative('t.tf', src);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.message).toMatch(/^Nesting too deep/);
      expect(r.line).toBeGreaterThanOrEqual(1);
      expect(r.column).toBeGreaterThanOrEqual(1);
    });
  }

  it('accepts nesting just below the limit', () => {
    const d = 240;
    const r = parseHclNative('t.tf', `a = ${'[{a = '.repeat(d)}1${'}]'.repeat(d)}\n`);
    expect(r.ok).toBe(true);
    let v: unknown = r.ok ? r.body.a : undefined;
    for (let i = 0; i < d; i++) v = (v as { a: unknown }[])[0]!.a;
    expect(v).toBe(1);
  });
});

describe('hostile input', () => {
  it('never throws on damaged text', () => {
    const sample = [
      'resource "x" "y" {',
      '  a = "${var.b}-%{ if c ~}d%{ endif }"',
      '  e = <<-EOT',
      '    f ${g[*].h}',
      '  EOT',
      '  i = { for k, v in j : k => v... if v != null }',
      '}',
    ].join('\n');
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = '{}[]()"$%~<-\\\n\r\t #/*.:=?!,EOT';
    for (let i = 0; i < 2000; i++) {
      const at = random(sample.length);
      const text = sample.slice(0, at) + alphabet[random(alphabet.length)] + sample.slice(at + random(3));
      const r = parseHclNative('t.tf', text);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses a number go-cty cannot hold instead of printing it', () => {
    const huge = parseHclNative('t.tf', 'a = 1e700000000\n');
    expect(huge.ok).toBe(false);
    const key = parseHclNative('t.tf', 'a = { 1e200000 = 1 }\n');
    expect(key.ok).toBe(false);
  });
});

describe('numbers as go-cty prints them', () => {
  it('accepts what big.ParseFloat accepts', () => {
    for (const ok of ['0', '007', '1.5', '1.e5', '1e+5', '1E-05', '0e99999999999']) expect(isValidNumberLiteral(ok), ok).toBe(true);
    for (const bad of ['1.2.3', '1..2', '1e5e5', '1e99999999999999999999', '1e2147483648']) expect(isValidNumberLiteral(bad), bad).toBe(false);
  });

  it('spells numbers out in plain decimal with no redundant zeros', () => {
    expect(goDecimalText('1.50')).toBe('1.5');
    expect(goDecimalText('007')).toBe('7');
    expect(goDecimalText('0.000')).toBe('0');
    expect(goDecimalText('1e21')).toBe('1000000000000000000000');
    expect(goDecimalText('12.5e-3')).toBe('0.0125');
    expect(goDecimalText('0012.500e1')).toBe('125');
    expect(goDecimalText('123456789012345678901234567890')).toBe('123456789012345678901234567890');
  });
});
