import { describe, expect, it } from 'vitest';
import { printAst } from '../../../../src/eval/arm/ast.js';
import { MAX_EXPRESSION_DEPTH, parseArmExpression } from '../../../../src/eval/arm/parser.js';
import { classifyTemplateString } from '../../../../src/eval/arm/template-string.js';

function parse(text: string) {
  const r = parseArmExpression(text);
  if (!r.ok) throw new Error(`${r.message} at ${r.pos}`);
  return r.ast;
}

describe('ARM expression parser', () => {
  it('parses calls, property access and indexes into a tree', () => {
    const ast = parse("parameters('subnets')[0].properties.addressPrefix");
    expect(ast).toMatchObject({
      kind: 'property',
      name: 'addressPrefix',
      target: { kind: 'property', name: 'properties', target: { kind: 'index', index: { kind: 'number', value: 0 } } },
    });
  });

  it("reads '' inside a string as one quote and prints it back escaped", () => {
    const ast = parse("concat('it''s', ' fine')");
    expect(ast).toMatchObject({ kind: 'call', args: [{ kind: 'string', value: "it's" }, { kind: 'string', value: ' fine' }] });
    expect(printAst(ast)).toBe("concat('it''s', ' fine')");
  });

  it('prints without the whitespace differences of the source', () => {
    expect(printAst(parse("  resourceId( 'Microsoft.Network/virtualNetworks' ,parameters( 'vnet' ) )"))).toBe(
      "resourceId('Microsoft.Network/virtualNetworks', parameters('vnet'))",
    );
  });

  it('keeps the namespace of user-defined functions and accepts negative numbers', () => {
    expect(parse('__bicep.joinArray(createArray(-1, 2), 3)')).toMatchObject({ kind: 'call', name: '__bicep.joinArray' });
    expect(parse('add(-1, 2)')).toMatchObject({ args: [{ kind: 'number', value: -1 }, { kind: 'number', value: 2 }] });
  });

  it('treats any Unicode space between tokens as whitespace', () => {
    expect(printAst(parse("concat('a',\u00a0'b')"))).toBe("concat('a', 'b')");
  });

  it('reports a syntax error with its position instead of throwing', () => {
    const r = parseArmExpression("concat('a' 'b')");
    expect(r).toMatchObject({ ok: false, pos: 11 });
    expect(parseArmExpression("concat('open")).toMatchObject({ ok: false, message: 'unterminated string' });
    expect(parseArmExpression('concat(1,)')).toMatchObject({ ok: false });
    expect(parseArmExpression('a.b')).toMatchObject({ ok: false });
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    const deep = 'not('.repeat(MAX_EXPRESSION_DEPTH + 5) + 'true()' + ')'.repeat(MAX_EXPRESSION_DEPTH + 5);
    expect(parseArmExpression(deep)).toMatchObject({ ok: false, message: 'expression nested too deeply' });
    const ok = 'not('.repeat(50) + 'true()' + ')'.repeat(50);
    expect(parseArmExpression(ok).ok).toBe(true);
  });
});

describe('template strings', () => {
  it('tells expressions from literals and unescapes [[', () => {
    expect(classifyTemplateString("[parameters('x')]")).toEqual({ kind: 'expression', text: "parameters('x')" });
    expect(classifyTemplateString('[[not an expression]')).toEqual({ kind: 'literal', value: '[not an expression]' });
    expect(classifyTemplateString('10.0.0.0/16')).toEqual({ kind: 'literal', value: '10.0.0.0/16' });
    expect(classifyTemplateString("[concat('a')] ")).toEqual({ kind: 'literal', value: "[concat('a')] " });
  });
});
