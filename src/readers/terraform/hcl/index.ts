// Our own parser for HCL native syntax (.tf, .tfvars), a synchronous drop-in
// for @cdktf/hcl2json: the same JSON for every file hcl2json accepts and a
// located error for every file it rejects. src/bench/hcl-diff.ts checks both
// claims against hcl2json on real code.
import type { HclParseResult } from '../hcl-parser.js';
import { lex } from './lexer.js';
import { Parser, lineColumnOf } from './parser.js';
import { HclSyntaxError } from './syntax-error.js';
import { bodyToJson } from './to-json.js';

const LONE_SURROGATE = /\p{Cs}/u;

export function parseHclNative(fileName: string, text: string): HclParseResult {
  // hcl2json receives the text as UTF-8, where a lone surrogate becomes U+FFFD,
  // and skips a byte order mark.
  let source = LONE_SURROGATE.test(text) ? text.replace(/\p{Cs}/gu, '\ufffd') : text;
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  try {
    const body = new Parser(source, lex(source), fileName).parseFile();
    return { ok: true, body: bodyToJson(source, body) };
  } catch (e) {
    if (e instanceof HclSyntaxError) return { ok: false, ...lineColumnOf(source, e.offset), message: e.message };
    return { ok: false, message: `HCL parser failure: ${e instanceof Error ? e.message : String(e)}` };
  }
}
