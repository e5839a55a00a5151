// Tokens of the ARM expression language: identifiers, single-quoted strings
// (`''` is an escaped quote), integers, and punctuation.

export type ArmTokenType = 'ident' | 'string' | 'number' | '(' | ')' | '[' | ']' | ',' | '.' | 'end';

export interface ArmToken {
  type: ArmTokenType;
  text: string;
  /** Offset in the expression text. */
  pos: number;
}

export class ArmSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.']);

export function tokenize(text: string): ArmToken[] {
  const tokens: ArmToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (PUNCTUATION.has(c)) {
      tokens.push({ type: c as ArmTokenType, text: c, pos: i });
      i++;
    } else if (c === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ArmSyntaxError('unterminated string', start);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ type: 'string', text: value, pos: start });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ type: 'number', text: m[0], pos: i });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z0-9_$]+/.exec(text.slice(i))!;
      tokens.push({ type: 'ident', text: m[0], pos: i });
      i += m[0].length;
    } else {
      throw new ArmSyntaxError(`unexpected character '${c}'`, i);
    }
  }
  tokens.push({ type: 'end', text: '', pos: text.length });
  return tokens;
}
