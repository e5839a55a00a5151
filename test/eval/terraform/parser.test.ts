import { describe, expect, it } from 'vitest';
import type { TfNode } from '../../../src/eval/terraform/ast.js';
import { parseTfExpression, parseTfTemplate } from '../../../src/eval/terraform/index.js';

function node(src: string): TfNode {
  const r = parseTfExpression(src);
  if (!r.ok) throw new Error(r.error);
  return r.node;
}

/** A compact rendering of the tree that shows grouping. */
function shape(n: TfNode): string {
  switch (n.type) {
    case 'literal':
      return JSON.stringify(n.value);
    case 'variable':
      return n.name;
    case 'splatItem':
      return '@';
    case 'getattr':
      return `${shape(n.target)}.${n.name}`;
    case 'index':
      return `${shape(n.target)}[${shape(n.key)}]`;
    case 'splat':
      return `splat(${shape(n.source)} => ${shape(n.each)})`;
    case 'unary':
      return `(${n.op}${shape(n.operand)})`;
    case 'binary':
      return `(${shape(n.left)} ${n.op} ${shape(n.right)})`;
    case 'conditional':
      return `(${shape(n.cond)} ? ${shape(n.then)} : ${shape(n.else)})`;
    case 'call':
      return `${n.name}(${n.args.map(shape).join(', ')}${n.expandLast ? '...' : ''})`;
    case 'paren':
      return shape(n.expr);
    case 'tuple':
      return `[${n.items.map(shape).join(', ')}]`;
    default:
      return n.type;
  }
}

describe('expression parser', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['a || b && c', '(a || (b && c))'],
    ['a == b && c != d', '((a == b) && (c != d))'],
    ['a < b == c > d', '((a < b) == (c > d))'],
    ['!a == b', '((!a) == b)'],
    ['-a.b * 2', '((-a.b) * 2)'],
    ['a % b + c / d', '((a % b) + (c / d))'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['a ? b ? c : d : e', '(a ? (b ? c : d) : e)'],
    ['a.b[*].c[0]', 'splat(a.b => @.c[0])'],
    ['a.*.b[0]', 'splat(a => @.b)[0]'],
    ['a[*][*].b', 'splat(a => splat(@ => @.b))'],
    ['a.0.1.b', 'a[0][1].b'],
    ['a["k"].b', 'a[template].b'],
    ['f(a, b...)', 'f(a, b...)'],
    ['f(\n  a,\n  b,\n)', 'f(a, b)'],
    ['provider::aws::arn_parse(x)', 'provider::aws::arn_parse(x)'],
    ['(a + b) * c', '((a + b) * c)'],
    ['[a, [b]]', '[a, [b]]'],
    ['true', 'true'],
    ['null', 'null'],
  ])('%s', (src, expected) => {
    expect(shape(node(src))).toBe(expected);
  });

  it('keeps the source text of every node', () => {
    const n = node('merge(local.tags, {Name = "x-${var.env}"})');
    expect(n.text).toBe('merge(local.tags, {Name = "x-${var.env}"})');
    expect(n.type === 'call' && n.args.map((a) => a.text)).toEqual(['local.tags', '{Name = "x-${var.env}"}']);
  });

  it('parses for expressions with all their parts', () => {
    const n = node('{for k, v in var.m : upper(k) => v... if v != null}');
    expect(n).toMatchObject({ type: 'for', keyVar: 'k', valueVar: 'v', group: true });
    expect(n.type === 'for' && [n.collection.text, n.keyExpr?.text, n.valueExpr.text, n.cond?.text]).toEqual(['var.m', 'upper(k)', 'v', 'v != null']);
  });

  it('parses template directives into nested parts', () => {
    const r = parseTfTemplate('a%{if x}b%{else}c%{endif}%{for i in l}${i}%{endfor}');
    expect(r.ok).toBe(true);
    const parts = r.ok && r.node.type === 'template' ? r.node.parts : [];
    expect(parts.map((p) => p.kind)).toEqual(['literal', 'if', 'for']);
    expect(parts[1]).toMatchObject({ kind: 'if', then: [{ kind: 'literal', value: 'b' }], else: [{ kind: 'literal', value: 'c' }] });
  });

  it('reports where the syntax breaks', () => {
    const r = parseTfExpression('a + (b * ]');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe('expected an expression but found "]" at offset 9');
  });
});
