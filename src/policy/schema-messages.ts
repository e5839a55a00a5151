// Turns ajv's schema errors into bilingual messages that say what to write
// instead, with the place in the file they concern.
import type { ErrorObject } from 'ajv';
import type { LocalText } from '../results/finding.js';
import { didYouMean } from './did-you-mean.js';
import { CONTROL_ID_PATTERN, DATE_PATTERN, NOT_BLANK_PATTERN, WAIVER_CONTROL_PATTERN } from './schema.js';
import { pointerSegments } from './yaml-locator.js';

export interface SchemaProblem {
  /** Path of the value in the parsed file. */
  path: string[];
  /** Set when the problem is a key of the map at `path` rather than its value. */
  key?: string;
  message: LocalText;
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

const TYPE_NAMES: Record<string, LocalText> = {
  string: { ja: '文字列', en: 'a string' },
  integer: { ja: '整数', en: 'an integer' },
  number: { ja: '数値', en: 'a number' },
  boolean: { ja: 'true か false', en: 'true or false' },
  array: { ja: 'リスト（"- " で始まる項目）', en: 'a list' },
  object: { ja: 'キーと値の組（マップ）', en: 'a map of keys and values' },
  null: { ja: '空', en: 'empty' },
};

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A value as a message quotes it, cut short so a huge value cannot flood the terminal. */
export function shown(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Where each property name of the schema may be written, for "belongs under" hints. */
function propertyHomes(schema: SchemaNode): Map<string, string[]> {
  const homes = new Map<string, string[]>();
  const visit = (node: SchemaNode, where: string) => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      homes.set(name, [...(homes.get(name) ?? []), where]);
      visit(child, where ? `${where}.${name}` : name);
    }
    if (node.items) visit(node.items, `${where}[]`);
  };
  visit(schema, '');
  return homes;
}

/** `approvedPaths[]` -> `each item of "approvedPaths"`. */
function describeHome(home: string): string {
  return home.endsWith('[]') ? `each item of "${home.slice(0, -2)}"` : `"${home}"`;
}

export class SchemaMessages {
  private readonly homes: Map<string, string[]>;

  constructor(
    schema: object,
    /** Control IDs of the catalog, for suggestions on a misspelt ID. */
    private readonly controlIds: readonly string[],
  ) {
    this.homes = propertyHomes(schema as SchemaNode);
  }

  describe(e: ErrorObject): SchemaProblem {
    const path = pointerSegments(e.instancePath);
    switch (e.keyword) {
      case 'additionalProperties':
        return this.unknownKey(path, String(e.params.additionalProperty), e.parentSchema as SchemaNode | undefined);
      case 'required': {
        const key = String(e.params.missingProperty);
        const hint = key === 'version' ? { ja: '（先頭に version: 1 と書きます）', en: '; start the file with "version: 1"' } : { ja: '', en: '' };
        return { path, message: { ja: `必須のキー "${key}" がありません${hint.ja}`, en: `missing required key "${key}"${hint.en}` } };
      }
      case 'type':
        return { path, message: this.wrongType(String(e.params.type), e.data) };
      case 'const':
        return {
          path,
          message: {
            ja: `${shown(e.params.allowedValue)} を書きます（この kikan が読むポリシーファイルの形式）`,
            en: `must be ${shown(e.params.allowedValue)} (the policy file format this kikan reads), got ${shown(e.data)}`,
          },
        };
      case 'enum': {
        const allowed = (e.params.allowedValues as unknown[]).map(String);
        const guess = typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined;
        return {
          path,
          message: {
            ja: `${allowed.join(', ')} のいずれかを書きます`,
            en: `${shown(e.data)} is not one of ${allowed.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`,
          },
        };
      }
      case 'pattern':
        return { path, message: this.patternMismatch(String(e.params.pattern), e.data) };
      case 'minimum':
      case 'maximum': {
        const limit = Number(e.params.limit);
        const [ja, en] = e.keyword === 'minimum' ? ['以上', 'at least'] : ['以下', 'at most'];
        return { path, message: { ja: `${limit} ${ja}の値を書きます`, en: `must be ${en} ${limit}, got ${shown(e.data)}` } };
      }
      case 'minItems': {
        const n = Number(e.params.limit);
        return { path, message: { ja: `少なくとも ${n} 個の項目を書きます`, en: `needs at least ${n} item${n === 1 ? '' : 's'}` } };
      }
      case 'uniqueItems': {
        // ajv scans from the end: `j` is the later duplicate, `i` the earlier one.
        const earlier = Number(e.params.i);
        const later = Number(e.params.j);
        return {
          path: [...path, String(later)],
          message: {
            ja: `同じ値が ${earlier + 1} 番目にもあります`,
            en: `duplicate of item ${earlier + 1}`,
          },
        };
      }
      default:
        return { path, message: { ja: '値が正しくありません', en: e.message ?? 'invalid value' } };
    }
  }

  private unknownKey(path: string[], key: string, parent: SchemaNode | undefined): SchemaProblem {
    const here = Object.keys(parent?.properties ?? {});
    const guess = didYouMean(key, here);
    let hint = guess ? `; did you mean "${guess}"?` : '';
    if (!guess) {
      // A key written at the wrong level ("logRetentionDays" at the top) or misspelt there.
      const name = this.homes.has(key) ? key : didYouMean(key, this.homes.keys());
      const home = name === undefined ? undefined : this.homes.get(name)![0]!;
      if (home === '') hint = `; "${name}" is a top-level key`;
      else if (home !== undefined) hint = `; "${name}" belongs under ${describeHome(home)}`;
    }
    return { path, key, message: { ja: `不明なキー "${key}"`, en: `unknown key "${key}"${hint}` } };
  }

  private wrongType(expected: string, got: unknown): LocalText {
    const want = expected.split(',').map((t) => TYPE_NAMES[t] ?? { ja: t, en: t });
    const ja = want.map((t) => t.ja).join('または');
    const en = want.map((t) => t.en).join(' or ');
    if (got === null || got === undefined) return { ja: `値がありません（${ja}を書きます）`, en: `has no value; expected ${en}` };
    const had = TYPE_NAMES[typeOf(got)]!;
    return { ja: `${ja}を書きます（${had.ja}が書かれています）`, en: `must be ${en}, got ${had.en} ${shown(got)}` };
  }

  private patternMismatch(pattern: string, value: unknown): LocalText {
    if (pattern === NOT_BLANK_PATTERN) return { ja: '空にはできません', en: 'must not be empty' };
    if (pattern === DATE_PATTERN) {
      return { ja: '日付は YYYY-MM-DD（例: 2026-03-31）で書きます', en: `${shown(value)} is not a date written YYYY-MM-DD (e.g. 2026-03-31)` };
    }
    if (pattern === CONTROL_ID_PATTERN || pattern === WAIVER_CONTROL_PATTERN) {
      const guess = typeof value === 'string' ? didYouMean(value, this.controlIds, 0) : undefined;
      const star = pattern === WAIVER_CONTROL_PATTERN ? { ja: '、またはすべての管理策を表す *', en: ', or * for every control' } : { ja: '', en: '' };
      return {
        ja: `管理策 ID（LG-3.2 の形${star.ja}）を書きます`,
        en: `${shown(value)} is not a control ID like LG-3.2${star.en}${guess ? `; did you mean "${guess}"?` : ''}`,
      };
    }
    return { ja: '値の形が正しくありません', en: `${shown(value)} does not match ${pattern}` };
  }
}
