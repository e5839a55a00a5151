// A CloudFormation template as parsed, before evaluation. Both the YAML and
// the JSON reader produce this tree; YAML short-form tags are already
// rewritten to their long forms (`!Ref X` is a one-entry map `Ref: X`), so the
// evaluator knows one syntax only.
import type { SourceLoc } from '../../readers/value.js';

export interface TScalar {
  t: 'scalar';
  value: string | number | boolean | null;
  loc: SourceLoc;
  endLine: number;
}

export interface TSeq {
  t: 'seq';
  items: TNode[];
  loc: SourceLoc;
  endLine: number;
}

export interface TEntry {
  key: string;
  keyLoc: SourceLoc;
  value: TNode;
}

export interface TMap {
  t: 'map';
  entries: TEntry[];
  loc: SourceLoc;
  endLine: number;
}

/** A YAML tag that is not a CloudFormation short form (`!Foo`); it evaluates to an unknown. */
export interface TUnknownTag {
  t: 'unknown-tag';
  tag: string;
  /** The tagged scalar's text (`!Rain::Module ./vpc.yml` -> `./vpc.yml`); absent for collections. */
  text?: string;
  loc: SourceLoc;
  endLine: number;
}

export type TNode = TScalar | TSeq | TMap | TUnknownTag;

/** The last entry with this key (JSON keeps the last of duplicate keys). */
export function entryOf(node: TNode | undefined, key: string): TEntry | undefined {
  if (!node || node.t !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) {
    const e = node.entries[i]!;
    if (e.key === key) return e;
  }
  return undefined;
}

export function valueOf(node: TNode | undefined, key: string): TNode | undefined {
  return entryOf(node, key)?.value;
}

/** Text of a literal scalar as CloudFormation would see it (`8.0` stays `8.0`). */
export function scalarText(node: TNode | undefined): string | undefined {
  if (!node || node.t !== 'scalar') return undefined;
  return node.value === null ? '' : String(node.value);
}
