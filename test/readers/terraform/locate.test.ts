import { describe, expect, it } from 'vitest';
import { locateHcl } from '../../../src/readers/terraform/locate.js';

describe('locateHcl', () => {
  it('finds blocks, labels, attributes and nested blocks with their lines', () => {
    const src = [
      '# header comment', //1
      'resource "aws_security_group" "web" {', //2
      '  name   = "web-${var.env}" # trailing', //3
      '  vpc_id = aws_vpc.main.id', //4
      '', //5
      '  ingress {', //6
      '    from_port   = 443', //7
      '    cidr_blocks = ["10.0.0.0/8",', //8
      '                   "172.16.0.0/12"]', //9
      '  }', //10
      '  dynamic "egress" {', //11
      '    for_each = var.egress', //12
      '    content { to_port = egress.value.port }', //13
      '  }', //14
      '}', //15
      'locals { a = 1 }', //16
    ].join('\n');
    const { body, comments } = locateHcl(src);
    expect(body.blocks.map((b) => [b.type, b.labels, b.line, b.endLine])).toEqual([
      ['resource', ['aws_security_group', 'web'], 2, 15],
      ['locals', [], 16, 16],
    ]);
    const sg = body.blocks[0]!.body;
    expect(sg.attributes.map((a) => [a.name, a.line, a.column])).toEqual([
      ['name', 3, 3],
      ['vpc_id', 4, 3],
    ]);
    expect(sg.blocks.map((b) => [b.type, b.labels, b.line])).toEqual([
      ['ingress', [], 6],
      ['dynamic', ['egress'], 11],
    ]);
    const ingress = sg.blocks[0]!.body;
    expect(ingress.attributes.map((a) => [a.name, a.line])).toEqual([
      ['from_port', 7],
      ['cidr_blocks', 8],
    ]);
    expect(ingress.attributes[1]!.value.tuple!.map((t) => t.line)).toEqual([8, 9]);
    const content = sg.blocks[1]!.body.blocks[0]!;
    expect([content.type, content.line, content.body.attributes[0]!.name]).toEqual(['content', 13, 'to_port']);
    expect(body.blocks[1]!.body.attributes[0]!.name).toBe('a');
    expect(comments).toEqual([
      { line: 1, text: ' header comment' },
      { line: 3, text: ' trailing' },
    ]);
  });

  it('records object keys of literal objects, not of for expressions', () => {
    const src = [
      'locals {',
      '  tags = {',
      '    "lg:segment" = "mynumber"',
      '    Name         = "x", Env = var.env',
      '    (var.k)      = 1',
      '    nested = { a = [1, 2] }',
      '  }',
      '  m = { for k, v in var.m : k => v }',
      '}',
    ].join('\n');
    const attrs = locateHcl(src).body.blocks[0]!.body.attributes;
    expect(attrs.map((a) => [a.name, a.line])).toEqual([
      ['tags', 2],
      ['m', 8],
    ]);
    expect(attrs[0]!.value.object!.map((i) => [i.key, i.line])).toEqual([
      ['lg:segment', 3],
      ['Name', 4],
      ['Env', 4],
      ['${(var.k)}', 5],
      ['nested', 6],
    ]);
    expect(attrs[0]!.value.object![4]!.value.object![0]!.key).toBe('a');
    expect(attrs[1]!.value.object).toBeUndefined();
  });

  it('is not fooled by braces and markers inside strings, heredocs and comments', () => {
    const src = [
      'resource "aws_iam_policy" "p" {', //1
      '  description = "a } b { \\" c # not a comment"', //2
      '  policy = <<-EOT', //3
      '    { "Statement": [ { "Effect": "Allow" } ] }', //4
      '    resource "fake" "block" {', //5
      '    EOT', //6
      '  /* a } block', //7
      '     comment { */', //8
      '  name = "x-${join("}", ["a"])}"', //9
      '  tags = { for k in ["a"] : k => "}" }', //10
      '}', //11
      'resource "aws_x" "y" {}', //12
    ].join('\n');
    const { body, comments } = locateHcl(src);
    expect(body.blocks.map((b) => [b.labels[1], b.line, b.endLine])).toEqual([
      ['p', 1, 11],
      ['y', 12, 12],
    ]);
    expect(body.blocks[0]!.body.attributes.map((a) => [a.name, a.line])).toEqual([
      ['description', 2],
      ['policy', 3],
      ['name', 9],
      ['tags', 10],
    ]);
    expect(comments.map((c) => c.line)).toEqual([7, 8]);
  });

  it('survives broken text without hanging', () => {
    const broken = ['resource "a" "b" {', '  x = [1, 2', '  y = {', '}}}} ] ) = = "', 'z {', '<<EOT', 'never closed'].join('\n');
    const located = locateHcl(broken);
    expect(located.body.blocks[0]!.line).toBe(1);
    const deep = '{'.repeat(100_000) + 'a = [' + '['.repeat(100_000);
    expect(() => locateHcl(deep)).not.toThrow();
    const nestedBlocks = 'a {'.repeat(20_000) + '}'.repeat(20_000);
    expect(locateHcl(nestedBlocks).body.blocks).toHaveLength(1);
  });
});
