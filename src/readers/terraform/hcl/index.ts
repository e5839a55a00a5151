// Our own parser for HCL native syntax (.tf, .tfvars), a synchronous drop-in
// for @cdktf/hcl2json: the same JSON for every file hcl2json accepts and a
// located error for every file it rejects. src/bench/hcl-diff.ts checks both
// claims against hcl2json on real code.
import type { HclParseResult } from '../hcl-parser.js';
import { lex } from './lexer.js';
import { Parser, lineColumnOf } from './parser.js';
import { HclSyntaxError } from './syntax-error.js';
import { bodyToJson } from './to-json.js';
import { TokenList } from './tokens.js';

const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATES = /\p{Cs}/gu;

/** Token storage shared by successive parses (they are synchronous); a huge one is not kept. */
let scratch = new TokenList(1 << 12);
const KEEP_AT_MOST = 1 << 20;

export function parseHclNative(fileName: string, text: string): HclParseResult {
  // hcl2json receives the text as UTF-8, where a lone surrogate becomes U+FFFD,
  // and skips a byte order mark.
  const hasSurrogates = SURROGATE.test(text);
  let source = hasSurrogates ? text.replace(LONE_SURROGATES, '\ufffd') : text;
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  try {
    const body = new Parser(source, lex(source, scratch), fileName).parseFile();
    return { ok: true, body: bodyToJson(source, body, hasSurrogates) };
  } catch (e) {
    if (e instanceof HclSyntaxError) return { ok: false, ...lineColumnOf(source, e.offset), message: e.message };
    return { ok: false, message: `HCL parser failure: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    if (scratch.capacity > KEEP_AT_MOST) scratch = new TokenList(1 << 12);
  }
}
