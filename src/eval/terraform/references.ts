// The names an expression refers to, for the reader: `count`/`for_each`
// dependencies, module outputs, and which input is root-most. Symbols bound
// by `for` expressions are not references; splat elements are not either.
import type { TemplatePart, TfNode } from './ast.js';

/**
 * The traversal a reference starts with, as far as it is static:
 * `aws_instance.web[0].id` gives ['aws_instance', 'web'] (the index ends it),
 * `var.x` gives ['var', 'x'].
 */
function staticTraversal(node: TfNode): string[] | undefined {
  const steps: string[] = [];
  let cur: TfNode = node;
  for (;;) {
    if (cur.type === 'getattr') {
      steps.unshift(cur.name);
      cur = cur.target;
    } else if (cur.type === 'index' || cur.type === 'splat') {
      steps.length = 0;
      cur = cur.type === 'index' ? cur.target : cur.source;
    } else if (cur.type === 'variable') {
      return [cur.name, ...steps];
    } else {
      return undefined;
    }
  }
}

export function collectReferences(root: TfNode | TemplatePart[], out: string[][]): void {
  const seen = new Set(out.map((r) => r.join('.')));
  const add = (r: string[]): void => {
    const key = r.join('.');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  };
  // Explicit stack: trees can be deep, and bound names are tracked per node.
  const stack: { node: TfNode | TemplatePart; bound: ReadonlySet<string> }[] = [];
  const push = (node: TfNode | TemplatePart | undefined, bound: ReadonlySet<string>): void => {
    if (node) stack.push({ node, bound });
  };
  const none: ReadonlySet<string> = new Set();
  if (Array.isArray(root)) for (let i = root.length - 1; i >= 0; i--) push(root[i], none);
  else push(root, none);
  while (stack.length > 0) {
    const { node, bound } = stack.pop()!;
    const bind = (...names: (string | undefined)[]): ReadonlySet<string> => new Set([...bound, ...names.filter((n): n is string => n !== undefined)]);
    if ('kind' in node) {
      switch (node.kind) {
        case 'literal':
          break;
        case 'interp':
          push(node.expr, bound);
          break;
        case 'if':
          push(node.cond, bound);
          for (const p of [...node.then, ...node.else]) push(p, bound);
          break;
        case 'for': {
          push(node.collection, bound);
          const inner = bind(node.keyVar, node.valueVar);
          for (const p of node.body) push(p, inner);
          break;
        }
      }
      continue;
    }
    switch (node.type) {
      case 'variable':
      case 'getattr':
      case 'index': {
        const t = staticTraversal(node);
        if (t) {
          if (!bound.has(t[0]!)) add(t);
          // Index keys can hold references of their own.
          let cur: TfNode = node;
          while (cur.type === 'getattr' || cur.type === 'index') {
            if (cur.type === 'index') push(cur.key, bound);
            cur = cur.target;
          }
        } else if (node.type === 'getattr') {
          push(node.target, bound);
        } else if (node.type === 'index') {
          push(node.target, bound);
          push(node.key, bound);
        }
        break;
      }
      case 'splat':
        push(node.source, bound);
        push(node.each, bound);
        break;
      case 'literal':
      case 'splatItem':
        break;
      case 'template':
        for (const p of node.parts) push(p, bound);
        break;
      case 'tuple':
        for (const i of node.items) push(i, bound);
        break;
      case 'object':
        for (const i of node.items) {
          push(i.key, bound);
          push(i.value, bound);
        }
        break;
      case 'call':
        for (const a of node.args) push(a, bound);
        break;
      case 'unary':
        push(node.operand, bound);
        break;
      case 'binary':
        push(node.left, bound);
        push(node.right, bound);
        break;
      case 'conditional':
        push(node.cond, bound);
        push(node.then, bound);
        push(node.else, bound);
        break;
      case 'for': {
        push(node.collection, bound);
        const inner = bind(node.keyVar, node.valueVar);
        push(node.keyExpr, inner);
        push(node.valueExpr, inner);
        push(node.cond, inner);
        break;
      }
      case 'paren':
        push(node.expr, bound);
        break;
    }
  }
}
