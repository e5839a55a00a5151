// Adapter over the expression evaluator (src/eval/terraform): the reader
// calls expressions only through here, so a change of the evaluator's API
// touches one file, and nothing the evaluator throws can stop a scan.
import { evaluateTfJson, evaluateTfString } from '../../eval/terraform/index.js';
import type { TfScope } from '../../eval/terraform/scope.js';
import { unknown, type SourceLoc, type Value } from '../value.js';

/** Names the reader resolves; everything else is unknown to this module. */
export interface Env {
  lookup(name: string): Value | undefined;
  /** The bytes of a file `file()` and its kin name, relative to the root module; absent: files are not read. */
  readFile?(path: string): Uint8Array | undefined;
}

function scopeAt(env: Env, loc: SourceLoc): TfScope {
  const scope: TfScope = { lookup: (name) => env.lookup(name), loc };
  if (env.readFile) scope.readFile = (p) => env.readFile!(p);
  return scope;
}

/** Evaluate hcl2json output (literals, `${…}` strings, arrays, objects). */
export function evalJson(json: unknown, env: Env, loc: SourceLoc): Value {
  try {
    return evaluateTfJson(json, scopeAt(env, loc));
  } catch (e) {
    return failed(e, loc, json);
  }
}

/** Evaluate one `${…}` template string. */
export function evalString(text: string, env: Env, loc: SourceLoc): Value {
  try {
    return evaluateTfString(text, scopeAt(env, loc));
  } catch (e) {
    return failed(e, loc, text);
  }
}

function failed(e: unknown, loc: SourceLoc, source: unknown): Value {
  const message = e instanceof Error ? e.message : String(e);
  return unknown({ inputs: [], detail: `error: ${message}` }, loc, typeof source === 'string' ? source : undefined);
}

/** The expression text inside a whole-string template `${…}`, for messages and chains. */
export function exprText(json: unknown): string {
  if (typeof json === 'string') {
    const m = /^\$\{([\s\S]*)\}$/.exec(json);
    if (m && !m[1]!.includes('${')) return m[1]!.trim();
    return JSON.stringify(json);
  }
  return JSON.stringify(json) ?? 'null';
}
