// Files that one input names and kikan reads on its behalf: a nested or linked
// template, a CDK cloud assembly's manifests, a file() argument. Only a regular
// file inside the scan root, of bounded size, is read: a link may lead out of
// the scan, a device or pipe is never done reading, and a huge file would be
// held whole.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isOutsideRoot, relativePath } from './paths.js';

/** Files larger than this are reported, not read (SPEC: no input may exhaust memory). */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

/** The text of `file` (relative to `root`), or why it is not read. A path written inside the root must stay there once links are resolved. */
export function readReferencedFile(root: string, file: string): { text: string } | { problem: string } {
  try {
    const real = realpathSync(path.resolve(root, file));
    if (!isOutsideRoot(file) && isOutsideRoot(relativePath(realpathSync(root), real))) return { problem: `${file} is a link to outside the scanned directory` };
    const info = statSync(real);
    if (!info.isFile()) return { problem: `${file} is not a regular file` };
    if (info.size > MAX_INPUT_BYTES) return { problem: `${file} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB` };
    return { text: readFileSync(real, 'utf8') };
  } catch (e) {
    return { problem: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}
