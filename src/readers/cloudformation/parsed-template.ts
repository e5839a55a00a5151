// What the YAML and JSON front ends hand to the reader, and the limits that
// keep a hostile file from exhausting the stack or memory.
import type { TNode } from '../../eval/cloudformation/template-node.js';
import type { ReadError } from '../native.js';

export interface CommentLine {
  line: number;
  /** The comment text including `#`. */
  text: string;
  /** True when nothing but whitespace precedes the comment on its line. */
  ownLine: boolean;
}

export interface ParsedTemplate {
  /** Absent when the file could not be parsed; `errors` then says why. */
  root?: TNode;
  comments: CommentLine[];
  errors: ReadError[];
}

/** Nesting deeper than this is not a template anyone writes. */
export const MAX_NESTING = 256;

/** Nodes after YAML alias expansion (billion laughs guard); real templates stay far below. */
export const MAX_EXPANDED_NODES = 2_000_000;

/** Thrown inside a front end when a limit is hit; becomes a ReadError at `line`. */
export class TemplateLimitError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** A parser that recursed past the JS stack gives a RangeError: report it as a limit, never crash. */
export function stackOverflowError(file: string, e: unknown): ReadError | undefined {
  return e instanceof RangeError ? { file, message: `nesting too deep to parse: ${e.message}` } : undefined;
}
