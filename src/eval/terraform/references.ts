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

type Item = TfNode | TemplatePart;

/** The sub-expressions of a node, in source order, with the names bound inside them. */
function children(node: Item, bound: ReadonlySet<string>): [Item | undefined, ReadonlySet<string>][] {
  const bind = (...names: (string | undefined)[]): ReadonlySet<string> => new Set([...bound, ...names.filter((n): n is string => n !== undefined)]);
  const all = (items: (Item | undefined)[], b = bound): [Item | undefined, ReadonlySet<string>][] => items.map((i) => [i, b]);
  if ('kind' in node) {
    switch (node.kind) {
      case 'literal':
        return [];
      case 'interp':
        return all([node.expr]);
      case 'if':
        return all([node.cond, ...node.then, ...node.else]);
      case 'for':
        return [[node.collection, bound], ...all(node.body, bind(node.keyVar, node.valueVar))];
    }
  }
  switch (node.type) {
    case 'variable':
    case 'literal':
    case 'splatItem':
      return [];
    case 'getattr':
      return all([node.target]);
    case 'index':
      return all([node.target, node.key]);
    case 'splat':
      return all([node.source, node.each]);
    case 'template':
      return all(node.parts);
    case 'tuple':
      return all(node.items);
    case 'object':
      return all(node.items.flatMap((i) => [i.key, i.value]));
    case 'call':
      return all(node.args);
    case 'unary':
      return all([node.operand]);
    case 'binary':
      return all([node.left, node.right]);
    case 'conditional':
      return all([node.cond, node.then, node.else]);
    case 'for': {
      const inner = bind(node.keyVar, node.valueVar);
      return [[node.collection, bound], ...all([node.keyExpr, node.valueExpr, node.cond], inner)];
    }
    case 'paren':
      return all([node.expr]);
  }
}

/** Add the references of `root` to `out`, in source order, without duplicates. */
export function collectReferences(root: TfNode | TemplatePart[], out: string[][]): void {
  const seen = new Set(out.map((r) => r.join('.')));
  const none: ReadonlySet<string> = new Set();
  // Explicit stack: trees can be deep.
  const stack: [Item | undefined, ReadonlySet<string>][] = Array.isArray(root) ? root.map((p) => [p, none]) : [[root, none]];
  stack.reverse();
  while (stack.length > 0) {
    const [node, bound] = stack.pop()!;
    if (!node) continue;
    if (!('kind' in node) && (node.type === 'variable' || node.type === 'getattr' || node.type === 'index')) {
      const t = staticTraversal(node);
      if (t) {
        const key = t.join('.');
        if (!bound.has(t[0]!) && !seen.has(key)) {
          seen.add(key);
          out.push(t);
        }
        // Index keys along the traversal can hold references of their own.
        const keys: TfNode[] = [];
        for (let cur: TfNode = node; cur.type === 'getattr' || cur.type === 'index'; cur = cur.target) {
          if (cur.type === 'index') keys.unshift(cur.key);
        }
        for (let i = keys.length - 1; i >= 0; i--) stack.push([keys[i], bound]);
        continue;
      }
    }
    const next = children(node, bound);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
}
