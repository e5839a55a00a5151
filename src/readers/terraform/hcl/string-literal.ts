// The text of a template literal token with its escapes resolved, as
// hclsyntax's ParseStringLiteralToken does: `$${` and `%%{` everywhere, and
// in quoted strings the backslash escapes \n \r \t \" \\ \uNNNN \UNNNNNNNN
// (anything else after a backslash is an error).
import { HclSyntaxError } from './syntax-error.js';

const BACKSLASH = 0x5c;
const DOLLAR = 0x24;
const PERCENT = 0x25;
const LBRACE = 0x7b;

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function invalidEscape(offset: number, detail: string): HclSyntaxError {
  return new HclSyntaxError(offset, 'Invalid escape sequence', detail);
}

/** Decode text[start, end) of a literal token; `quoted` enables backslash escapes. */
export function decodeLiteral(text: string, start: number, end: number, quoted: boolean): string {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === DOLLAR || c === PERCENT || (quoted && c === BACKSLASH)) break;
    i++;
  }
  if (i === end) return text.slice(start, end);

  let out = text.slice(start, i);
  let runStart = i;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === DOLLAR || c === PERCENT) {
      if (text.charCodeAt(i + 1) === c && i + 2 < end && text.charCodeAt(i + 2) === LBRACE) {
        out += text.slice(runStart, i + 1) + '{';
        i += 3;
        runStart = i;
      } else i++;
      continue;
    }
    if (!quoted || c !== BACKSLASH) {
      i++;
      continue;
    }
    out += text.slice(runStart, i);
    const selector = text.charCodeAt(i + 1);
    switch (selector) {
      case 0x6e: // n
        out += '\n';
        i += 2;
        break;
      case 0x72: // r
        out += '\r';
        i += 2;
        break;
      case 0x74: // t
        out += '\t';
        i += 2;
        break;
      case 0x22: // "
        out += '"';
        i += 2;
        break;
      case BACKSLASH:
        out += '\\';
        i += 2;
        break;
      case 0x75: // u
      case 0x55: {
        // U
        const want = selector === 0x75 ? 4 : 8;
        let j = i + 2;
        while (j < end && j - (i + 2) < want && isHex(text.charCodeAt(j))) j++;
        if (j - (i + 2) !== want) {
          throw invalidEscape(
            i,
            selector === 0x75
              ? 'The \\u escape sequence must be followed by four hexadecimal digits.'
              : 'The \\U escape sequence must be followed by eight hexadecimal digits.',
          );
        }
        const cp = parseInt(text.slice(i + 2, j), 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          throw invalidEscape(i, `Cannot encode character U+${cp.toString(16).padStart(4, '0')} in UTF-8.`);
        }
        out += String.fromCodePoint(cp);
        i = j;
        break;
      }
      default: {
        const symbol = String.fromCodePoint(text.codePointAt(i + 1)!);
        throw invalidEscape(i, `The symbol ${JSON.stringify(symbol)} is not a valid escape sequence selector.`);
      }
    }
    runStart = i;
  }
  return out + text.slice(runStart, end);
}
