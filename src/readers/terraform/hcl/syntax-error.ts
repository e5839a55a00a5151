// The one way the lexer, parser and converter give up: the offset of the
// offending source text and hclsyntax's wording ("Summary; Detail"), so a
// message reads like the hcl2json one it replaces.

export class HclSyntaxError extends Error {
  constructor(
    readonly offset: number,
    summary: string,
    detail?: string,
  ) {
    super(detail === undefined ? summary : `${summary}; ${detail}`);
  }
}

/** Deeper nesting than this is refused rather than risking the call stack. */
export const MAX_NESTING = 500;

export function nestingError(offset: number): HclSyntaxError {
  return new HclSyntaxError(offset, 'Nesting too deep', `Expressions, blocks and templates may nest at most ${MAX_NESTING} levels deep.`);
}
