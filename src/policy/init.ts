// `kikan init`: writes the commented starter kikan.yaml, never over an
// existing file unless asked to.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/usage-error.js';
import { didYouMean } from './did-you-mean.js';
import { POLICY_FILE_NAME } from './load.js';
import { PRESETS, renderStarterPolicy, type Preset } from './starter.js';

export { renderStarterPolicy };

export interface InitOptions {
  /** File to write, or a directory to write kikan.yaml in. Default: kikan.yaml in the working directory. */
  path?: string;
  /** `govcloud`: declare the ガバメントクラウド platform baseline as inherited. */
  preset?: string;
  /** Overwrite an existing file. */
  force?: boolean;
}

function parsePreset(value: string | undefined): Preset | undefined {
  if (value === undefined) return undefined;
  if ((PRESETS as readonly string[]).includes(value)) return value as Preset;
  const guess = didYouMean(value, PRESETS);
  throw new UsageError(
    `--preset: "${value}" というプリセットはありません (unknown preset "${value}"; presets: ${PRESETS.join(', ')}${guess ? `; did you mean "${guess}"?` : ''})`,
    '--preset',
  );
}

/** Writes the starter file; returns the exit code (0), or throws UsageError (exit 2). */
export function runInit(opts: InitOptions, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): number {
  const preset = parsePreset(opts.preset);
  let file = path.resolve(opts.path ?? POLICY_FILE_NAME);
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, POLICY_FILE_NAME);
  const shownName = path.relative(process.cwd(), file) || file;
  if (!existsSync(path.dirname(file))) {
    throw new UsageError(`ディレクトリがありません: ${path.dirname(file)} (directory not found)`, opts.path);
  }
  try {
    // `wx` fails if the file appeared meanwhile: never overwrite without --force.
    writeFileSync(file, renderStarterPolicy(preset), { encoding: 'utf8', flag: opts.force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${shownName} はすでにあります。上書きするには --force を付けます (${shownName} already exists; use --force to overwrite it)`, shownName);
    }
    throw new UsageError(`${shownName} を書けません (cannot write ${shownName}: ${(e as Error).message})`, shownName);
  }
  log(`${shownName} を作成しました (wrote ${shownName}${preset ? `, preset ${preset}` : ''})`);
  return 0;
}
