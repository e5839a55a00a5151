// Paths in reports and messages: relative, `/`-separated, whatever the platform.
import path from 'node:path';

/** `abs` relative to the scan root; the root itself is `.`. */
export function relativePath(root: string, abs: string): string {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

/** Whether a path is outside the scan root (relative paths are `/`-separated from the root). */
export function isOutsideRoot(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel);
}

/** A file as a person at the terminal would open it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
