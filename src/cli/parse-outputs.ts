// `-o/--output`: `FORMAT=FILE`, or just `FILE` with the format taken from its
// extension, the way a user who typed `-o report.sarif` means it.
import path from 'node:path';
import { UsageError } from './usage-error.js';

const BY_EXTENSION: Record<string, string> = {
  '.txt': 'text',
  '.json': 'json',
  '.sarif': 'sarif',
  '.xml': 'junit',
  '.md': 'markdown',
  '.csv': 'csv',
};

export function parseOutputs<T extends string>(values: readonly string[], formats: readonly T[]): { format: T; file: string }[] {
  return values.map((v) => {
    const i = v.indexOf('=');
    const prefix = i > 0 ? v.slice(0, i) : undefined;
    if (prefix !== undefined && (formats as readonly string[]).includes(prefix)) {
      const file = v.slice(i + 1);
      if (!file) throw new UsageError(`--output: no file after "${prefix}="`, '--output');
      return { format: prefix as T, file };
    }
    const name = v.toLowerCase();
    const format = name.endsWith('.sarif.json') ? 'sarif' : BY_EXTENSION[path.extname(name)];
    if (format === undefined || !(formats as readonly string[]).includes(format)) {
      throw new UsageError(
        `--output expects FORMAT=FILE (FORMAT: ${formats.join(', ')}) or a file ending in ${Object.keys(BY_EXTENSION).join(', ')}; got "${v}"`,
        '--output',
      );
    }
    return { format: format as T, file: v };
  });
}
