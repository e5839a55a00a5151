import { describe, expect, it } from 'vitest';
import { parseJsonTemplate } from '../../../src/readers/cloudformation/json-template.js';
import { parseYamlTemplate } from '../../../src/readers/cloudformation/yaml-template.js';
import { scalarText, valueOf, type TNode } from '../../../src/eval/cloudformation/template-node.js';
import { readText } from './helpers.js';

function at(root: TNode | undefined, ...keys: string[]): TNode | undefined {
  return keys.reduce<TNode | undefined>((n, k) => valueOf(n, k), root);
}

describe('YAML front end', () => {
  it('rewrites every short form to its long form, keeping the tag line', () => {
    const text = ['R:', '  a: !Ref X', '  b: !GetAtt [A, B]', '  c: !If', '    - C', '    - 1', '    - 2', '  d: !Condition C'].join('\n');
    const { root, errors } = parseYamlTemplate('t.yaml', text);
    expect(errors).toEqual([]);
    expect(at(root, 'R', 'a')).toMatchObject({ t: 'map', entries: [{ key: 'Ref', value: { t: 'scalar', value: 'X' } }], loc: { line: 2 } });
    expect(at(root, 'R', 'b', 'Fn::GetAtt')).toMatchObject({ t: 'seq', items: [{ value: 'A' }, { value: 'B' }] });
    expect(at(root, 'R', 'c')).toMatchObject({ t: 'map', loc: { line: 4 } });
    expect(at(root, 'R', 'c', 'Fn::If')).toMatchObject({ t: 'seq', loc: { line: 5 } });
    expect(at(root, 'R', 'd', 'Condition')).toMatchObject({ t: 'scalar', value: 'C' });
  });
  it('keeps an unknown tag as such, with its text', () => {
    const { root } = parseYamlTemplate('t.yaml', 'a: !Rain::Module ./vpc.yml\n');
    expect(at(root, 'a')).toMatchObject({ t: 'unknown-tag', tag: '!Rain::Module', text: './vpc.yml' });
  });
  it('keeps numbers whose text would change as the text', () => {
    const { root } = parseYamlTemplate('t.yaml', 'account: 012345678901\nversion: 8.0\nport: 443\n');
    expect(at(root, 'account')).toMatchObject({ value: '012345678901' });
    expect(at(root, 'version')).toMatchObject({ value: '8.0' });
    expect(at(root, 'port')).toMatchObject({ value: 443 });
  });
  it('reports syntax errors with line and column, pointing at an unclosed quote', () => {
    const { root, errors } = parseYamlTemplate('t.yaml', 'a: 1\nb: "open\nc: 2\n');
    expect(root).toBeUndefined();
    expect(errors[0]).toMatchObject({ file: 't.yaml', line: 2, column: 4 });
    expect(errors[0]!.message).toMatch(/quote/);
  });
  it('reads a quoted scalar continued at its key\'s indentation, as CloudFormation does, with the values and lines of a well-indented one', () => {
    const loose = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies:',
      '        - PolicyName: mq',
      "          PolicyDocument: !Sub '{",
      '              "Statement": [{"Effect": "Allow", "Action": "mq:*", "Resource": "${Broker}"}]',
      "          }'",
      '        - PolicyName: logs',
      '          PolicyDocument: "{',
      '  \\"Version\\": \\"2012-10-17\\"',
      '}"',
      '      Path: /',
    ];
    const tight = loose.map((l, i) => ([8, 11, 12].includes(i) ? `              ${l.trimStart()}` : l));
    const a = parseYamlTemplate('t.yaml', loose.join('\n'));
    const b = parseYamlTemplate('t.yaml', tight.join('\n'));
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    const doc = (r: typeof a) => at(r.root, 'Resources', 'Role', 'Properties', 'Policies') as TNode & { t: 'seq' };
    expect(scalarText(at(doc(a).items[0], 'PolicyDocument', 'Fn::Sub'))).toBe(scalarText(at(doc(b).items[0], 'PolicyDocument', 'Fn::Sub')));
    expect(scalarText(at(doc(a).items[0], 'PolicyDocument', 'Fn::Sub'))).toBe('{ "Statement": [{"Effect": "Allow", "Action": "mq:*", "Resource": "${Broker}"}] }');
    expect(scalarText(at(doc(a).items[1], 'PolicyDocument'))).toBe('{ "Version": "2012-10-17" }');
    expect(at(a.root, 'Resources', 'Role', 'Properties', 'Path')).toMatchObject({ value: '/', loc: { line: 14 } });
  });
  it('leaves block scalars as written while indenting a quoted scalar elsewhere', () => {
    const text = ['R:', '  UserData: |', '    cat <<EOF', "      Key: '{", "    }'", '    EOF', "  Policy: '{", "  }'"].join('\n');
    const r = parseYamlTemplate('t.yaml', text);
    expect(r.errors).toEqual([]);
    expect(scalarText(at(r.root, 'R', 'UserData'))).toBe("cat <<EOF\n  Key: '{\n}'\nEOF\n");
    expect(scalarText(at(r.root, 'R', 'Policy'))).toBe('{ }');
  });
  it('still reports a quote that never closes, where it opens', () => {
    const r = parseYamlTemplate('t.yaml', ['R:', '  Other: "open', '  Last: 1'].join('\n'));
    expect(r.root).toBeUndefined();
    expect(r.errors[0]).toMatchObject({ line: 2, column: 10 });
  });
  it('rejects duplicate keys and a second document', () => {
    expect(parseYamlTemplate('t.yaml', 'a: 1\na: 2\n').errors[0]).toMatchObject({ line: 2 });
    expect(parseYamlTemplate('t.yaml', 'a: 1\n---\nb: 2\n').errors[0]!.message).toMatch(/single YAML document/);
  });
  it('expands aliases but stops a billion-laughs file', () => {
    const ok = parseYamlTemplate('t.yaml', 'base: &b {x: 1}\ncopy: *b\n');
    expect(at(ok.root, 'copy', 'x')).toMatchObject({ value: 1 });
    const lines = ['l0: &l0 [a, a, a, a, a, a, a, a, a, a]'];
    for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    const bomb = parseYamlTemplate('bomb.yaml', lines.join('\n'));
    expect(bomb.root).toBeUndefined();
    expect(bomb.errors[0]!.message).toMatch(/aliases/);
    expect(bomb.errors[0]!.line).toBeGreaterThan(1);
  });
  it('refuses nesting deeper than any template', () => {
    const deep = parseYamlTemplate('deep.yaml', `a: ${'['.repeat(400)}${']'.repeat(400)}\n`);
    expect(deep.root).toBeUndefined();
    expect(deep.errors[0]).toMatchObject({ file: 'deep.yaml', line: 1 });
  });
  it('collects comments outside strings and block scalars', () => {
    const text = ['# head', 'a: "# not a comment"', 'b: |', '  # script line', 'c: 1 # tail'].join('\n');
    const { comments } = parseYamlTemplate('t.yaml', text);
    expect(comments.map((c) => [c.line, c.ownLine])).toEqual([
      [1, true],
      [5, false],
    ]);
  });
});

describe('JSON front end', () => {
  it('locates keys and values by line and column', () => {
    const text = '{\n  "Resources": {\n    "Q": { "Type": "AWS::SQS::Queue" }\n  }\n}';
    const { root, errors } = parseJsonTemplate('t.json', text);
    expect(errors).toEqual([]);
    const resources = valueOf(root, 'Resources');
    expect(resources?.t === 'map' && resources.entries[0]!.keyLoc).toEqual({ file: 't.json', line: 3, column: 5 });
    expect(at(root, 'Resources', 'Q', 'Type')).toMatchObject({ value: 'AWS::SQS::Queue', loc: { line: 3, column: 20 } });
  });
  it('reports syntax errors with line and column and does not accept comments', () => {
    const bad = parseJsonTemplate('t.json', '{\n  "a": 1,\n  "b": \n}');
    expect(bad.root).toBeUndefined();
    expect(bad.errors[0]).toMatchObject({ file: 't.json', line: 4 });
    expect(parseJsonTemplate('t.json', '{ // c\n "a": 1 }').errors[0]).toMatchObject({ line: 1 });
  });
  it('reads a file with a byte order mark', () => {
    const { root } = parseJsonTemplate('t.json', '\uFEFF{"a": 8.0}');
    expect(at(root, 'a')).toMatchObject({ value: '8.0' });
  });
  it('says nesting was too deep when YAML flow collections exhaust the parser stack', () => {
    const text = `Resources:\n  B:\n    Properties:\n      Name: ${'{"Fn::Join": ["", ['.repeat(3000)}"x"${']]}'.repeat(3000)}\n`;
    const r = parseYamlTemplate('deep.yaml', text);
    expect(r.root).toBeUndefined();
    expect(r.errors[0]).toMatchObject({ file: 'deep.yaml', line: 4, message: expect.stringMatching(/^nesting too deep to parse/) });
  });
  it('survives nesting past the parser stack', () => {
    const r = parseJsonTemplate('deep.json', `{"a": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    expect(r.root).toBeUndefined();
    expect(r.errors[0]!.file).toBe('deep.json');
  });
});

describe('reader never throws', () => {
  it('reports empty, scalar and resource-less documents', () => {
    for (const text of ['', 'just text', 'AWSTemplateFormatVersion: 2010-09-09\n', '[1, 2]']) {
      const r = readText(text);
      expect(r.resources).toEqual([]);
      expect(r.errors.length).toBeGreaterThan(0);
      expect(r.errors[0]!.file).toBe('inline.yaml');
    }
  });
  it('evaluates a long chain of attributes that each use the previous one twice', () => {
    const lines = ['Resources:', '  S0:', '    Type: AWS::EC2::Subnet', '    Properties:', '      CidrBlock: 10.0.0.0/24'];
    for (let i = 1; i <= 60; i++) {
      lines.push(`  S${i}:`, '    Type: AWS::EC2::Subnet', '    Properties:');
      lines.push(`      CidrBlock: !Select [0, [!GetAtt S${i - 1}.CidrBlock, !GetAtt S${i - 1}.CidrBlock]]`);
    }
    const r = readText(lines.join('\n'));
    expect(r.resources).toHaveLength(61);
    expect(r.resources[60]!.attrs.fields['CidrBlock']).toMatchObject({ kind: 'known', value: '10.0.0.0/24' });
  });
  it('reports a resource without Type and reads the others', () => {
    const r = readText('Resources:\n  Bad:\n    Properties: {}\n  Good:\n    Type: AWS::SQS::Queue\n');
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('Bad') })]);
    expect(r.resources.map((x) => x.address)).toEqual(['Good']);
  });
});
