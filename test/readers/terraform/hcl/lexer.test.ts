import { describe, expect, it } from 'vitest';
import { lex } from '../../../../src/readers/terraform/hcl/lexer.js';
import { HclSyntaxError } from '../../../../src/readers/terraform/hcl/syntax-error.js';
import { Tok } from '../../../../src/readers/terraform/hcl/tokens.js';

/** Tokens as [kind, text], without the final EOF. */
function tokens(src: string): [Tok, string][] {
  const t = lex(src);
  const out: [Tok, string][] = [];
  for (let i = 0; i < t.length - 1; i++) out.push([t.kinds[i]!, src.slice(t.starts[i], t.ends[i])]);
  expect(t.kinds[t.length - 1]).toBe(Tok.EOF);
  return out;
}

function lexError(src: string): { offset: number; message: string } {
  try {
    lex(src);
  } catch (e) {
    if (e instanceof HclSyntaxError) return { offset: e.offset, message: e.message };
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(src)}`);
}

describe('lexer: numbers', () => {
  it('takes digits, dots and exponents but never ends on a dot', () => {
    expect(tokens('1.2.3 1..2 1.e5 7')).toEqual([
      [Tok.NUMBER, '1.2.3'],
      [Tok.NUMBER, '1..2'],
      [Tok.NUMBER, '1.e5'],
      [Tok.NUMBER, '7'],
    ]);
    expect(tokens('1.x')).toEqual([
      [Tok.NUMBER, '1'],
      [Tok.DOT, '.'],
      [Tok.IDENT, 'x'],
    ]);
  });

  it('needs a digit after an exponent marker', () => {
    expect(tokens('1e 2e+ 3e-4 5E+6')).toEqual([
      [Tok.NUMBER, '1'],
      [Tok.IDENT, 'e'],
      [Tok.NUMBER, '2'],
      [Tok.IDENT, 'e'],
      [Tok.PLUS, '+'],
      [Tok.NUMBER, '3e-4'],
      [Tok.NUMBER, '5E+6'],
    ]);
  });

  it('reads a legacy index like .0.1 as one number after the dot', () => {
    expect(tokens('a.0.1')).toEqual([
      [Tok.IDENT, 'a'],
      [Tok.DOT, '.'],
      [Tok.NUMBER, '0.1'],
    ]);
  });
});

describe('lexer: identifiers', () => {
  it('allows dashes after the first character and Unicode 9 letters', () => {
    expect(tokens('my-name _x é名前 x1')).toEqual([
      [Tok.IDENT, 'my-name'],
      [Tok.IDENT, '_x'],
      [Tok.IDENT, 'é名前'],
      [Tok.IDENT, 'x1'],
    ]);
  });

  it('does not start an identifier with a dash or a digit', () => {
    expect(tokens('-a 1a')).toEqual([
      [Tok.MINUS, '-'],
      [Tok.IDENT, 'a'],
      [Tok.NUMBER, '1'],
      [Tok.IDENT, 'a'],
    ]);
  });

  it('refuses a letter that Unicode 9 did not have', () => {
    // U+0860 SYRIAC LETTER MALAYALAM NGA came with Unicode 10.
    expect(lexError('a = \u0860').message).toMatch(/^Invalid character/);
  });
});

describe('lexer: operators and punctuation', () => {
  it('prefers the longest operator', () => {
    expect(tokens('== != <= >= && || :: ... => = ! < > : .').map(([k]) => k)).toEqual([
      Tok.EQUAL_OP,
      Tok.NOT_EQUAL,
      Tok.LESS_EQ,
      Tok.GREATER_EQ,
      Tok.AND,
      Tok.OR,
      Tok.DOUBLE_COLON,
      Tok.ELLIPSIS,
      Tok.FAT_ARROW,
      Tok.EQUAL,
      Tok.BANG,
      Tok.LESS,
      Tok.GREATER,
      Tok.COLON,
      Tok.DOT,
    ]);
  });

  it('reports operators and characters HCL does not have', () => {
    expect(lexError('a = b & c')).toEqual({ offset: 6, message: expect.stringMatching(/^Unsupported operator.*"&&"/) });
    expect(lexError('a = b | c').message).toMatch(/"\|\|"/);
    expect(lexError('a = ~b').message).toMatch(/boolean NOT/);
    expect(lexError('a = b ^ c').message).toMatch(/^Unsupported operator/);
    expect(lexError("a = 'b'").message).toMatch(/Single quotes/);
    expect(lexError('a = `b`').message).toMatch(/heredoc/);
    expect(lexError('a = 1;').message).toMatch(/";"/);
    expect(lexError('a = \u201cb\u201d').message).toMatch(/Curly quotes/);
    expect(lexError('a = $b')).toEqual({ offset: 4, message: expect.stringMatching(/^Invalid character/) });
    expect(lexError('a = 1\rb = 2').offset).toBe(5);
  });
});

describe('lexer: comments and newlines', () => {
  it('turns a line comment ending in a newline into that newline and drops other comments', () => {
    expect(tokens('a # x\nb // y\r\nc /* z\n */ d #end')).toEqual([
      [Tok.IDENT, 'a'],
      [Tok.NEWLINE, '# x\n'],
      [Tok.IDENT, 'b'],
      [Tok.NEWLINE, '// y\r\n'],
      [Tok.IDENT, 'c'],
      [Tok.IDENT, 'd'],
    ]);
  });

  it('treats an unterminated /* as a slash', () => {
    expect(tokens('a /* b')).toEqual([
      [Tok.IDENT, 'a'],
      [Tok.SLASH, '/'],
      [Tok.STAR, '*'],
      [Tok.IDENT, 'b'],
    ]);
  });

  it('gets through many unterminated block comments (one search for "*/", not one each)', () => {
    const src = '/* '.repeat(200_000);
    expect(tokens(src)).toHaveLength(400_000);
  });
});

describe('lexer: quoted templates', () => {
  it('splits literals from interpolation and directive sequences', () => {
    expect(tokens('"a${b}c%{~if d~}e"')).toEqual([
      [Tok.OQUOTE, '"'],
      [Tok.QUOTED_LIT, 'a'],
      [Tok.TEMPLATE_INTERP, '${'],
      [Tok.IDENT, 'b'],
      [Tok.TEMPLATE_SEQ_END, '}'],
      [Tok.QUOTED_LIT, 'c'],
      [Tok.TEMPLATE_CONTROL, '%{~'],
      [Tok.IDENT, 'if'],
      [Tok.IDENT, 'd'],
      [Tok.TEMPLATE_SEQ_END, '~}'],
      [Tok.QUOTED_LIT, 'e'],
      [Tok.CQUOTE, '"'],
    ]);
  });

  it('keeps $${, %%{, a lone $ and an escaped quote inside the literal', () => {
    expect(tokens('"$${a} %%{b} $ % \\" \\${"')).toEqual([
      [Tok.OQUOTE, '"'],
      [Tok.QUOTED_LIT, '$${a} %%{b} $ % \\" \\${'],
      [Tok.CQUOTE, '"'],
    ]);
  });

  it('counts braces so that an object inside an interpolation does not end it', () => {
    expect(tokens('"${ {a = "}"} }"').map(([k]) => k)).toEqual([
      Tok.OQUOTE,
      Tok.TEMPLATE_INTERP,
      Tok.OBRACE,
      Tok.IDENT,
      Tok.EQUAL,
      Tok.OQUOTE,
      Tok.QUOTED_LIT,
      Tok.CQUOTE,
      Tok.CBRACE,
      Tok.TEMPLATE_SEQ_END,
      Tok.CQUOTE,
    ]);
  });

  it('ends a sequence at ~} even where a plain brace was opened, as hclsyntax does', () => {
    expect(tokens('{ a ~}').map(([k]) => k)).toEqual([Tok.OBRACE, Tok.IDENT, Tok.TEMPLATE_SEQ_END]);
  });

  it('refuses a newline in a quoted string and a backslash at its end', () => {
    expect(lexError('"a\nb"')).toEqual({ offset: 2, message: expect.stringMatching(/^Invalid multi-line string/) });
    expect(lexError('"a\\\n"')).toEqual({ offset: 2, message: expect.stringMatching(/^Invalid character/) });
  });
});

describe('lexer: heredocs', () => {
  it('emits one literal per line and the closing marker apart from its newline', () => {
    expect(tokens('<<EOT\nab\n  ${x} c\n  EOT\n')).toEqual([
      [Tok.OHEREDOC, '<<EOT\n'],
      [Tok.STRING_LIT, 'ab\n'],
      [Tok.STRING_LIT, '  '],
      [Tok.TEMPLATE_INTERP, '${'],
      [Tok.IDENT, 'x'],
      [Tok.TEMPLATE_SEQ_END, '}'],
      [Tok.STRING_LIT, ' c\n'],
      [Tok.CHEREDOC, '  EOT'],
      [Tok.NEWLINE, '\n'],
    ]);
  });

  it('closes only on a whole line that is the marker', () => {
    const t = tokens('<<-EOT\nEOTX\nx EOT\n${a}EOT\n\u00a0EOT\t\r\n');
    expect(t.map(([k]) => k)).toEqual([
      Tok.OHEREDOC,
      Tok.STRING_LIT,
      Tok.STRING_LIT,
      Tok.TEMPLATE_INTERP,
      Tok.IDENT,
      Tok.TEMPLATE_SEQ_END,
      Tok.STRING_LIT,
      Tok.CHEREDOC,
      Tok.NEWLINE,
    ]);
    expect(t.at(-2)![1]).toBe('\u00a0EOT\t');
  });

  it('is no heredoc without a newline right after the marker', () => {
    expect(tokens('<<EOT x').map(([k]) => k)).toEqual([Tok.LESS, Tok.LESS, Tok.IDENT, Tok.IDENT]);
  });

  it('refuses a carriage return that does not start a line break', () => {
    expect(lexError('<<EOT\na\rb\nEOT\n')).toEqual({ offset: 7, message: expect.stringMatching(/^Invalid character/) });
  });
});
