// How a read unit is named when it could not be read: its file, or its Terraform directories.
import type { ReadResult } from '../../readers/native.js';
import { emptyReadResult } from '../../readers/native.js';
import { relativePath } from '../../readers/paths.js';
import type { ReadUnit } from './work-units.js';

export function unitLabel(unit: ReadUnit, root: string): string {
  return unit.kind === 'terraform' ? unit.dirs.map((d) => relativePath(root, d)).join(', ') : unit.rel;
}

/** A unit's whole result replaced by one read error. */
export function unitFailed(unit: ReadUnit, root: string, message: string): ReadResult {
  const r = emptyReadResult();
  r.errors.push({ file: unit.kind === 'terraform' ? relativePath(root, unit.dirs[0]!) : unit.rel, message });
  return r;
}
