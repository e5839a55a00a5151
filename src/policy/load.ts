// Finds and reads the policy file: `--config`, else `kikan.yaml` at the scan
// root, else kikan's defaults. Any problem with it is a UsageError (exit 2).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/usage-error.js';
import { loadCatalog } from '../controls/catalog/load.js';
import type { ControlKind } from '../controls/catalog/types.js';
import { parsePolicy } from './parse.js';
import { PolicyError } from './policy-error.js';
import type { Policy } from './types.js';
import { defaultPolicy } from './types.js';
import { displayPath } from '../readers/paths.js';

export const POLICY_FILE_NAME = 'kikan.yaml';

/** A policy file is a page or two; anything this large is not one. */
const MAX_POLICY_BYTES = 1024 * 1024;


function whole(file: string, ja: string, en: string): PolicyError {
  return new PolicyError([{ file: displayPath(file), line: 1, column: 1, message: { ja, en } }]);
}

function catalogKinds(): Map<string, ControlKind> {
  return new Map(loadCatalog().controls.map((c) => [c.id, c.kind]));
}

export function loadPolicyFor(root: string, configFlag: string | undefined): Policy {
  const file = configFlag ? path.resolve(configFlag) : path.join(root, POLICY_FILE_NAME);
  if (!existsSync(file)) {
    if (configFlag) throw new UsageError(`--config: ファイルがありません (file not found: ${configFlag})`, '--config');
    // A policy under the other extension would otherwise be ignored without a word.
    if (existsSync(path.join(root, 'kikan.yml'))) {
      throw new UsageError(`kikan.yml は読みません。kikan.yaml に名前を変えてください (kikan reads kikan.yaml, not kikan.yml: rename it)`, 'kikan.yml');
    }
    return defaultPolicy();
  }
  const stat = statSync(file);
  if (!stat.isFile()) throw whole(file, 'ファイルではありません', 'not a file');
  if (stat.size > MAX_POLICY_BYTES) throw whole(file, 'ポリシーファイルとしては大きすぎます', `too large for a policy file (${stat.size} bytes, at most ${MAX_POLICY_BYTES})`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw whole(file, 'ファイルを読めません', `cannot read the file: ${(e as Error).message}`);
  }
  return parsePolicy({
    text,
    displayFile: displayPath(file),
    locFile: path.relative(root, file).split(path.sep).join('/'),
    controls: catalogKinds(),
  });
}
