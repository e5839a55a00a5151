// Syntax tree of one ARM template expression (the text between `[` and `]`),
// and its canonical printed form, which is what an unknown value shows as
// its expression.

export type ArmAst =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  /** `name(args)`; user-defined functions keep their namespace: `ns.fn`. */
  | { kind: 'call'; name: string; args: ArmAst[] }
  | { kind: 'property'; target: ArmAst; name: string }
  | { kind: 'index'; target: ArmAst; index: ArmAst };

/**
 * Print an expression without whitespace differences, so that two templates
 * writing the same expression show (and join on) the same text.
 */
export function printAst(ast: ArmAst): string {
  switch (ast.kind) {
    case 'string':
      return `'${ast.value.replace(/'/g, "''")}'`;
    case 'number':
      return String(ast.value);
    case 'call':
      return `${ast.name}(${ast.args.map(printAst).join(', ')})`;
    case 'property':
      return `${printAst(ast.target)}.${ast.name}`;
    case 'index':
      return `${printAst(ast.target)}[${printAst(ast.index)}]`;
  }
}
