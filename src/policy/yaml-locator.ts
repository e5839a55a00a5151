// Finds where a value of the parsed policy sits in the YAML text, so that a
// schema error (an ajv instancePath) or a value error names line and column.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Segments of a JSON Pointer (`/waivers/0/expires`), unescaped. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Step {
  node: unknown;
  /** The map key the node is the value of, when it is one. */
  key?: Node;
}

export class YamlLocator {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /**
   * Where the value at `path` is written; its key when the value is empty
   * (`reason:` with nothing after it). A path that is not in the text stops
   * at its nearest written ancestor.
   */
  value(path: readonly string[]): TextPosition {
    const steps = this.walk(path);
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i]!;
      const at = this.positionOfNode(step.node) ?? this.positionOfNode(step.key);
      if (at) return at;
    }
    return { line: 1, column: 1 };
  }

  /** Where `key` of the map at `path` is written (for unknown keys). */
  key(path: readonly string[], key: string): TextPosition {
    const steps = this.walk(path);
    const map = this.resolve(steps[steps.length - 1]?.node);
    if (isMap(map)) {
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const at = pair ? this.positionOfNode(pair.key) : undefined;
      if (at) return at;
    }
    return this.value(path);
  }

  /** The nodes along `path`, from the document down to the deepest one the text has. */
  private walk(path: readonly string[]): Step[] {
    const steps: Step[] = [{ node: this.doc.contents }];
    for (const segment of path) {
      const node = this.resolve(steps[steps.length - 1]!.node);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) break;
        steps.push({ node: pair.value, key: pair.key as Node });
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        const item = node.items[Number(segment)];
        if (item === undefined) break;
        steps.push({ node: item });
      } else {
        break;
      }
    }
    return steps;
  }

  /** An alias stands for its anchored node: errors point where the value is written. */
  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private positionOfNode(node: unknown): TextPosition | undefined {
    const range = (this.resolve(node) as Node | null | undefined)?.range;
    // An empty scalar has an empty range at the end of its key: not a place to point at.
    if (!range || range[1] <= range[0]) return undefined;
    return this.positionOfOffset(range[0]);
  }

  private positionOfOffset(offset: number): TextPosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  }
}
