// Maps a path into parsed YAML data (as a JSON Schema validator reports it)
// back to a line of the YAML file, so catalog errors name file and line.
import { isMap, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

export interface LocatableYaml {
  doc: Document;
  lineCounter: LineCounter;
}

/** Segments of an ajv `instancePath` (`/attest/0/text/ja`), JSON Pointer unescaped. */
export function pointerSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * 1-based line of the deepest node that exists along `segments`. A map entry
 * is located at its key (so `title:` for an error about the title object), a
 * sequence item at the item itself. Unresolvable paths fall back to the
 * nearest existing ancestor, and to line 1 for the document itself.
 */
export function lineOfPath(yaml: LocatableYaml, segments: readonly string[]): number {
  let node: unknown = yaml.doc.contents;
  let line = 1;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      line = lineAt(yaml, pair.key as Node) ?? line;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = /^[0-9]+$/.test(segment) ? node.items[Number(segment)] : undefined;
      if (item === undefined) break;
      line = lineAt(yaml, item as Node) ?? line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function lineAt(yaml: LocatableYaml, node: Node | null | undefined): number | undefined {
  const start = node?.range?.[0];
  if (start === undefined) return undefined;
  return Math.max(1, yaml.lineCounter.linePos(start).line);
}
