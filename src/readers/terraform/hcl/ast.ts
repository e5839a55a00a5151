// The syntax tree, reduced to what hcl2json's converter looks at: literals,
// templates, tuples, objects, unary operators on literals and the template
// directives it rebuilds. Every other expression (calls, operators, indexes,
// splats, `for`, parentheses) is an OTHER node known only by its source range,
// because hcl2json prints those as `${<source>}`. Ranges are [start, end)
// offsets into the parsed text and span the expression's first to last token.

export const enum Kind {
  /** A number literal; `raw` is its source text. */
  NUMBER,
  /** `true`, `false` or `null`. */
  KEYWORD,
  /** Literal text inside a template, escapes resolved. */
  STRING,
  /** A variable and attribute/index steps with constant keys (hclsyntax ScopeTraversalExpr). */
  TRAVERSAL,
  /** A quoted or heredoc template of several parts, or of literal text only. */
  TEMPLATE,
  /** A template that is exactly one `${…}` interpolation (hclsyntax TemplateWrapExpr). */
  WRAP,
  TUPLE,
  OBJECT,
  /** `-x` or `!x`. */
  UNARY,
  /** `a ? b : c`, or a template's `%{if}` directive. */
  CONDITIONAL,
  /** A template's `%{for}` directive. */
  TEMPLATE_FOR,
  OTHER,
}

interface Ranged {
  start: number;
  end: number;
}

export interface NumberExpr extends Ranged {
  kind: Kind.NUMBER;
  raw: string;
}

export interface KeywordExpr extends Ranged {
  kind: Kind.KEYWORD;
  value: boolean | null;
}

export interface StringExpr extends Ranged {
  kind: Kind.STRING;
  value: string;
}

export interface TraversalExpr extends Ranged {
  kind: Kind.TRAVERSAL;
}

export interface TemplateExpr extends Ranged {
  kind: Kind.TEMPLATE;
  parts: Expr[];
}

export interface WrapExpr extends Ranged {
  kind: Kind.WRAP;
  inner: Expr;
}

export interface TupleExpr extends Ranged {
  kind: Kind.TUPLE;
  items: Expr[];
}

export interface ObjectExpr extends Ranged {
  kind: Kind.OBJECT;
  keys: Expr[];
  values: Expr[];
}

export interface UnaryExpr extends Ranged {
  kind: Kind.UNARY;
  negate: boolean;
  operand: Expr;
}

export interface ConditionalExpr extends Ranged {
  kind: Kind.CONDITIONAL;
  condition: Expr;
  whenTrue: Expr;
  whenFalse: Expr;
}

export interface TemplateForExpr extends Ranged {
  kind: Kind.TEMPLATE_FOR;
  keyVar: string;
  valueVar: string;
  collection: Expr;
  body: Expr;
}

export interface OtherExpr extends Ranged {
  kind: Kind.OTHER;
}

export type Expr =
  | NumberExpr
  | KeywordExpr
  | StringExpr
  | TraversalExpr
  | TemplateExpr
  | WrapExpr
  | TupleExpr
  | ObjectExpr
  | UnaryExpr
  | ConditionalExpr
  | TemplateForExpr
  | OtherExpr;

/** hclsyntax's LiteralValueExpr: a value known without evaluation. */
export function isLiteral(e: Expr): e is NumberExpr | KeywordExpr | StringExpr {
  return e.kind === Kind.NUMBER || e.kind === Kind.KEYWORD || e.kind === Kind.STRING;
}

export interface Attribute {
  nameStart: number;
  nameEnd: number;
  expr: Expr;
}

export interface Block {
  type: string;
  typeStart: number;
  labels: string[];
  body: Body;
}

export interface Body {
  attributes: Map<string, Attribute>;
  blocks: Block[];
}
