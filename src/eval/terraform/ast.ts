// Syntax tree of an HCL expression or template. Every node keeps the source
// text it was parsed from, so an unknown result can show its expression.

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

interface Base {
  /** Source text of the node as written. */
  text: string;
}

export interface LiteralNode extends Base {
  type: 'literal';
  value: string | number | boolean | null;
}

export interface TemplateNode extends Base {
  type: 'template';
  parts: TemplatePart[];
}

export interface TupleNode extends Base {
  type: 'tuple';
  items: TfNode[];
}

export interface ObjectItem {
  /** Set when the key was written as a bare identifier (`name = …`). */
  name?: string;
  /** The key expression when it was not a bare identifier. */
  key?: TfNode;
  value: TfNode;
}

export interface ObjectNode extends Base {
  type: 'object';
  items: ObjectItem[];
}

export interface VariableNode extends Base {
  type: 'variable';
  name: string;
}

export interface GetAttrNode extends Base {
  type: 'getattr';
  target: TfNode;
  name: string;
}

export interface IndexNode extends Base {
  type: 'index';
  target: TfNode;
  key: TfNode;
}

/** `source[*].rest` or `source.*.rest`: `each` is evaluated once per element with SplatItemNode bound to it. */
export interface SplatNode extends Base {
  type: 'splat';
  source: TfNode;
  each: TfNode;
}

export interface SplatItemNode extends Base {
  type: 'splatItem';
}

export interface CallNode extends Base {
  type: 'call';
  /** Function name; provider functions keep their `provider::ns::` prefix. */
  name: string;
  args: TfNode[];
  /** The last argument was written with `...` and is expanded. */
  expandLast: boolean;
}

export interface UnaryNode extends Base {
  type: 'unary';
  op: '!' | '-';
  operand: TfNode;
}

export interface BinaryNode extends Base {
  type: 'binary';
  op: BinaryOp;
  left: TfNode;
  right: TfNode;
}

export interface ConditionalNode extends Base {
  type: 'conditional';
  cond: TfNode;
  then: TfNode;
  else: TfNode;
}

export interface ForNode extends Base {
  type: 'for';
  keyVar?: string;
  valueVar: string;
  collection: TfNode;
  /** Present for object `for` expressions (`{for … : k => v}`). */
  keyExpr?: TfNode;
  valueExpr: TfNode;
  cond?: TfNode;
  /** `k => v...`: values with the same key are grouped into lists. */
  group: boolean;
}

export interface ParenNode extends Base {
  type: 'paren';
  expr: TfNode;
}

export type TfNode =
  | LiteralNode
  | TemplateNode
  | TupleNode
  | ObjectNode
  | VariableNode
  | GetAttrNode
  | IndexNode
  | SplatNode
  | SplatItemNode
  | CallNode
  | UnaryNode
  | BinaryNode
  | ConditionalNode
  | ForNode
  | ParenNode;

export type TemplatePart =
  | { kind: 'literal'; value: string }
  | { kind: 'interp'; expr: TfNode; text: string }
  | { kind: 'if'; cond: TfNode; then: TemplatePart[]; else: TemplatePart[]; text: string }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: TfNode; body: TemplatePart[]; text: string };
