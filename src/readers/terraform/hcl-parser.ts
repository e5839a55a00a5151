// The one place that knows which HCL parser we use: our own
// (src/readers/terraform/hcl/), which gives the JSON shape of @cdktf/hcl2json
// (SPEC §1) for every file hcl2json accepts, about ten times faster and
// synchronously; docs/hcl-parser.md says how that identity is checked.
import type { ReadError } from '../native.js';
import { timeParse } from '../parse-time.js';
import { parseHclNative } from './hcl/index.js';

export type HclParseResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; line?: number; column?: number; message: string };

/**
 * Parse HCL native syntax (`.tf`, `.tfvars`) into hcl2json's JSON shape:
 * blocks as arrays of bodies, expressions as `${…}` template strings.
 * Never throws: a rejected file becomes a located message.
 */
export function parseHcl(fileName: string, text: string): HclParseResult {
  return timeParse(() => parseHclNative(fileName, text));
}

/** A rejected file as the read error to report, at the parser's position when it gives one. */
export function hclReadError(file: string, r: Extract<HclParseResult, { ok: false }>): ReadError {
  return { file, ...(r.line !== undefined ? { line: r.line } : {}), ...(r.column !== undefined ? { column: r.column } : {}), message: r.message };
}
