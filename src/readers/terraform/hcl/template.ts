// Quoted and heredoc templates as hclsyntax builds them (parser_template.go):
// first a flat list of literal / `${…}` / `%{…}` parts, with `~` whitespace
// stripping applied per literal token, `<<-` indentation removal, and
// adjacent literals joined; then `%{if}`/`%{for}` directives nested into
// conditional and for nodes.
import { type Expr, Kind } from './ast.js';
import { trimGoSpaceLeft, trimGoSpaceRight } from './go-space.js';
import type { Parser } from './parser.js';
import { decodeLiteral } from './string-literal.js';
import { HclSyntaxError } from './syntax-error.js';
import { Tok } from './tokens.js';

const enum Part {
  LITERAL,
  INTERP,
  IF,
  ELSE,
  ENDIF,
  FOR,
  ENDFOR,
}

type TemplatePart =
  | { part: Part.LITERAL; value: string }
  | { part: Part.INTERP; expr: Expr }
  | { part: Part.IF; offset: number; condition: Expr }
  | { part: Part.FOR; offset: number; keyVar: string; valueVar: string; collection: Expr }
  | { part: Part.ELSE | Part.ENDIF | Part.ENDFOR; offset: number };

const DIRECTIVE_NAME: Record<Part, string> = {
  [Part.LITERAL]: 'literal',
  [Part.INTERP]: 'interpolation',
  [Part.IF]: 'if',
  [Part.ELSE]: 'else',
  [Part.ENDIF]: 'endif',
  [Part.FOR]: 'for',
  [Part.ENDFOR]: 'endfor',
};

export interface ParsedTemplate {
  parts: Expr[];
  /** The template is a single `${…}` and stands for that expression. */
  passthrough: boolean;
}

/** After the opening quote or heredoc introducer: the template up to and including its closer. */
export function parseTemplate(p: Parser, closer: Tok, flush: boolean): ParsedTemplate {
  const parts = readParts(p, closer);
  if (flush) stripHeredocIndent(parts);
  const melded = meldLiterals(parts);
  const passthrough = melded.length === 1 && melded[0]!.part === Part.INTERP;
  const closerOffset = p.starts[p.lastRead()]!;
  return { parts: new DirectiveNester(p, melded, closerOffset).parseRoot(), passthrough };
}

function readParts(p: Parser, closer: Tok): TemplatePart[] {
  const { kinds, starts, ends, text } = p;
  const parts: TemplatePart[] = [];
  const first = p.peek(); // hclsyntax locates an unclosed `${` at the template's first token
  let trimNextLeft = false;
  let nextCanTrimPrev = false;
  for (;;) {
    const i = p.read();
    const kind = kinds[i];
    if (kind === closer) break;
    const trimLeft = trimNextLeft;
    trimNextLeft = false;
    const canTrimPrev = nextCanTrimPrev;
    nextCanTrimPrev = false;

    if (kind === Tok.QUOTED_LIT || kind === Tok.STRING_LIT) {
      const value = decodeLiteral(text, starts[i]!, ends[i]!, kind === Tok.QUOTED_LIT);
      parts.push({ part: Part.LITERAL, value: trimLeft ? trimGoSpaceLeft(value) : value });
      nextCanTrimPrev = true;
      continue;
    }
    if (kind !== Tok.TEMPLATE_INTERP && kind !== Tok.TEMPLATE_CONTROL) {
      throw p.error(i, 'Unterminated template string', 'No closing marker was found for the string.');
    }

    // `${~` and `%{~` strip trailing white space from the literal token just before.
    if (canTrimPrev && ends[i]! - starts[i]! === 3 && parts.length > 0) {
      const prev = parts[parts.length - 1]!;
      if (prev.part === Part.LITERAL) prev.value = trimGoSpaceRight(prev.value);
    }
    p.pushNewlines(false);
    if (kind === Tok.TEMPLATE_INTERP) {
      const expr = p.parseExpression();
      const close = p.peek();
      if (kinds[close] !== Tok.TEMPLATE_SEQ_END) throw interpolationNotClosed(p, first, close, closer);
      parts.push({ part: Part.INTERP, expr });
    } else {
      const directive = readDirective(p, i);
      parts.push(directive);
      const close = p.peek();
      if (kinds[close] !== Tok.TEMPLATE_SEQ_END) {
        throw p.error(
          close,
          `Extra characters in ${DIRECTIVE_NAME[directive.part]} marker`,
          'Expected a closing brace to end the sequence, but found extra characters.',
        );
      }
    }
    const close = p.read();
    if (ends[close]! - starts[close]! === 2) trimNextLeft = true; // `~}`
    p.popNewlines();
  }
  if (parts.length === 0) parts.push({ part: Part.LITERAL, value: '' });
  return parts;
}

function interpolationNotClosed(p: Parser, first: number, close: number, closer: Tok): HclSyntaxError {
  const kind = p.kinds[close];
  if (kind === Tok.EOF) {
    return p.error(
      first,
      'Unclosed template interpolation sequence',
      'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
    );
  }
  if (kind === Tok.COLON) {
    return p.error(
      close,
      'Extra characters after interpolation expression',
      'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
    );
  }
  if ((kind === Tok.CQUOTE || kind === Tok.OQUOTE) && closer === Tok.CQUOTE) {
    return p.error(
      first,
      'Unclosed template interpolation sequence',
      'There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.',
    );
  }
  return p.error(
    close,
    'Extra characters after interpolation expression',
    'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
  );
}

/** The keyword and arguments of a `%{…}` sequence, up to (not including) its `}`. */
function readDirective(p: Parser, open: number): TemplatePart {
  const offset = p.starts[open]!;
  const kw = p.peek();
  if (p.kinds[kw] !== Tok.IDENT) {
    throw p.error(kw, 'Invalid template directive', 'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.');
  }
  p.read();
  const word = p.tokenText(kw);
  switch (word) {
    case 'if':
      return { part: Part.IF, offset, condition: p.parseExpression() };
    case 'else':
      return { part: Part.ELSE, offset };
    case 'endif':
      return { part: Part.ENDIF, offset };
    case 'endfor':
      return { part: Part.ENDFOR, offset };
    case 'for': {
      const invalid = (detail: string): HclSyntaxError => p.error(p.peek(), "Invalid 'for' directive", detail);
      if (p.peekKind() !== Tok.IDENT) throw invalid("For directive requires variable name after 'for'.");
      let keyVar = '';
      let valueVar = p.tokenText(p.read());
      if (p.peekKind() === Tok.COMMA) {
        p.read();
        if (p.peekKind() !== Tok.IDENT) throw invalid('For directive requires value variable name after comma.');
        keyVar = valueVar;
        valueVar = p.tokenText(p.read());
      }
      if (!p.isKeyword(p.peek(), 'in')) throw invalid("For directive requires 'in' keyword after names.");
      p.read();
      return { part: Part.FOR, offset, keyVar, valueVar, collection: p.parseExpression() };
    }
    default:
      throw p.error(kw, 'Invalid template control keyword', `${JSON.stringify(word)} is not a valid template control keyword.`);
  }
}

/**
 * `<<-` heredocs: remove from every line the smallest indentation of any
 * non-blank line. Only line-leading literal tokens count; a line that starts
 * with `${` makes the indentation zero.
 */
function stripHeredocIndent(parts: TemplatePart[]): void {
  let minSpaces = Infinity;
  let atLineStart = true;
  const adjust: { part: Part.LITERAL; value: string }[] = [];
  for (const t of parts) {
    if (atLineStart) {
      atLineStart = false;
      let spaces = 0;
      if (t.part === Part.LITERAL) {
        const trimmed = trimGoSpaceLeft(t.value);
        if (trimmed.length === 0 && t.value.endsWith('\n')) {
          spaces = Infinity; // a blank line does not count
        } else {
          spaces = t.value.length - trimmed.length;
          adjust.push(t);
        }
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (t.part === Part.LITERAL && t.value.endsWith('\n')) atLineStart = true;
  }
  for (const t of adjust) t.value = t.value.slice(indentLength(t.value, minSpaces));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Length of the first `count` grapheme clusters of a line that starts with at
 * least `count` white space characters: one character each, except that the
 * last takes along the combining marks right after it (HCL removes clusters).
 */
function indentLength(value: string, count: number): number {
  // Only characters from U+0300 on can extend a cluster.
  if (count === 0 || !(value.charCodeAt(count) >= 0x300)) return count;
  const first = graphemes.segment(value.slice(count - 1))[Symbol.iterator]().next().value;
  return count - 1 + (first ? first.segment.length : 1);
}

/** Join adjacent literal parts, in place. */
function meldLiterals(parts: TemplatePart[]): TemplatePart[] {
  let kept = 0;
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i]!;
    const prev = kept > 0 ? parts[kept - 1]! : undefined;
    if (t.part === Part.LITERAL && prev?.part === Part.LITERAL) prev.value += t.value;
    else parts[kept++] = t;
  }
  parts.length = kept;
  return parts;
}


/** hclsyntax's templateParser: nests `%{if}`…`%{endif}` and `%{for}`…`%{endfor}`. */
class DirectiveNester {
  private pos = 0;

  constructor(
    private readonly p: Parser,
    private readonly parts: TemplatePart[],
    /** Where the template ends, for unclosed directives. */
    private readonly endOffset: number,
  ) {}

  parseRoot(): Expr[] {
    const exprs: Expr[] = [];
    while (this.pos < this.parts.length) exprs.push(this.parseItem());
    return exprs;
  }

  private parseItem(): Expr {
    const t = this.parts[this.pos]!;
    switch (t.part) {
      case Part.LITERAL:
        this.pos++;
        return stringPart(t.value);
      case Part.INTERP:
        this.pos++;
        return t.expr;
      case Part.IF:
        return this.parseIf(t);
      case Part.FOR:
        return this.parseFor(t);
      default:
        throw new HclSyntaxError(t.offset, `Unexpected ${DIRECTIVE_NAME[t.part]} directive`, 'The control directives within this template are unbalanced.');
    }
  }

  private parseIf(open: { offset: number; condition: Expr }): Expr {
    this.pos++;
    this.p.enter(open.offset);
    const ifExprs: Expr[] = [];
    const elseExprs: Expr[] = [];
    let current = ifExprs;
    for (;;) {
      const t = this.parts[this.pos];
      if (t === undefined) {
        throw new HclSyntaxError(this.endOffset, 'Unexpected end of template', 'The if directive is missing its corresponding endif directive.');
      }
      if (t.part === Part.ELSE || t.part === Part.ENDIF || t.part === Part.ENDFOR) {
        this.pos++;
        if (t.part === Part.ENDIF) break;
        if (t.part === Part.ELSE && current === ifExprs) {
          current = elseExprs;
          continue;
        }
        throw new HclSyntaxError(
          t.offset,
          `Unexpected ${DIRECTIVE_NAME[t.part]} directive`,
          t.part === Part.ELSE ? 'Already in the else clause for the if.' : 'Expecting an endif directive for the if.',
        );
      }
      current.push(this.parseItem());
    }
    this.p.leave();
    return {
      kind: Kind.CONDITIONAL,
      start: open.offset,
      end: open.offset,
      condition: open.condition,
      whenTrue: templateOf(ifExprs),
      whenFalse: templateOf(elseExprs),
    };
  }

  private parseFor(open: { offset: number; keyVar: string; valueVar: string; collection: Expr }): Expr {
    this.pos++;
    this.p.enter(open.offset);
    const body: Expr[] = [];
    for (;;) {
      const t = this.parts[this.pos];
      if (t === undefined) {
        throw new HclSyntaxError(this.endOffset, 'Unexpected end of template', 'The for directive is missing its corresponding endfor directive.');
      }
      if (t.part === Part.ELSE || t.part === Part.ENDIF || t.part === Part.ENDFOR) {
        this.pos++;
        if (t.part === Part.ENDFOR) break;
        throw new HclSyntaxError(
          t.offset,
          `Unexpected ${DIRECTIVE_NAME[t.part]} directive`,
          t.part === Part.ELSE ? 'An else clause is not expected for a for directive.' : 'Expecting an endfor directive corresponding to the for directive.',
        );
      }
      body.push(this.parseItem());
    }
    this.p.leave();
    return {
      kind: Kind.TEMPLATE_FOR,
      start: open.offset,
      end: open.offset,
      keyVar: open.keyVar,
      valueVar: open.valueVar,
      collection: open.collection,
      body: templateOf(body),
    };
  }
}

/** Code points from U+0300 on may change under NFC; text below it is already normalized. */
const MAY_NEED_NFC = /[\u0300-\uffff]/;

/** A literal part; cty.StringVal stores strings in Unicode NFC, so hcl2json prints them so. */
function stringPart(value: string): Expr {
  return { kind: Kind.STRING, start: 0, end: 0, value: MAY_NEED_NFC.test(value) ? value.normalize('NFC') : value };
}

/** A directive's branch as a template; an empty branch is one empty literal. */
function templateOf(parts: Expr[]): Expr {
  return { kind: Kind.TEMPLATE, start: 0, end: 0, parts: parts.length > 0 ? parts : [stringPart('')] };
}
