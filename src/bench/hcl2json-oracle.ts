// @cdktf/hcl2json (tmccombs/hcl2json on hashicorp/hcl, compiled to WASM): the
// reference our HCL parser is held to (src/bench/hcl-diff.ts and the parity
// tests). The scanner itself no longer uses it (docs/hcl-parser.md).
import { createRequire } from 'node:module';
import type { HclParseResult } from '../readers/terraform/hcl-parser.js';

type ParseFn = (filename: string, contents: string) => Promise<Record<string, unknown>>;

let parser: Promise<ParseFn> | undefined;

/** The WASM module starts itself when loaded, so load it on first use and only once. */
function loadParser(): Promise<ParseFn> {
  parser ??= Promise.resolve().then(() => {
    const require = createRequire(import.meta.url);
    const mod = require('@cdktf/hcl2json') as { parse: ParseFn };
    return mod.parse;
  });
  return parser;
}

/** Parse with hcl2json, in the shape of our parser's result. Never throws. */
export async function parseWithHcl2json(fileName: string, text: string): Promise<HclParseResult> {
  const parse = await loadParser();
  // The parser echoes the name in its diagnostics; a plain name keeps them parseable.
  const safeName = fileName.replace(/[^A-Za-z0-9._-]/g, '_') || 'input.tf';
  try {
    const body = await parse(safeName, text);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: true, body: {} };
    return { ok: true, body };
  } catch (e) {
    return { ok: false, ...diagnosticOf(e instanceof Error ? e.message : String(e), safeName) };
  }
}

/**
 * hcl2json reports `parse config: [b.tf:1,14-15: Unclosed configuration block; There is no …]`;
 * take the first position and the text after it.
 */
function diagnosticOf(raw: string, fileName: string): { line?: number; column?: number; message: string } {
  const inner = raw.replace(/^parse config: \[/, '').replace(/\]$/, '');
  const escaped = fileName.replace(/[.]/g, '\\.');
  const m = new RegExp(`${escaped}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `).exec(inner);
  if (!m) return { message: inner.trim() || 'HCL parse error' };
  const message = inner.slice(m.index + m[0].length).trim();
  return { line: Number(m[1]), column: Number(m[2]), message: message || 'HCL parse error' };
}
