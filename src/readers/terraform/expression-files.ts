// Files an expression reads (`file()`, `templatefile()`, `filebase64()` …):
// Terraform resolves their paths against the directory it runs in, the root
// module's. Only files inside the scan root are read, each once, with the
// size guard of configuration files, and listed in `inputs`.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isOutsideRoot, relativePath } from '../paths.js';
import { MAX_INPUT_BYTES } from '../referenced-file.js';
import { recordInput, type ReadSink } from './module-loader.js';

export class ExpressionFiles {
  private readonly cache = new Map<string, Uint8Array | undefined>();

  constructor(
    private readonly scanRoot: string,
    private readonly rootModuleDir: string,
    private readonly sink: ReadSink,
  ) {}

  /** The bytes of the file, or undefined when it is outside the scan, too large or unreadable. */
  read(written: string): Uint8Array | undefined {
    const abs = path.resolve(this.rootModuleDir, written);
    if (this.cache.has(abs)) return this.cache.get(abs);
    const bytes = this.load(abs);
    this.cache.set(abs, bytes);
    return bytes;
  }

  private load(abs: string): Uint8Array | undefined {
    const rel = relativePath(this.scanRoot, abs);
    if (isOutsideRoot(rel)) return undefined;
    try {
      // A link inside the scan may lead out of it.
      if (isOutsideRoot(relativePath(realpathSync(this.scanRoot), realpathSync(abs)))) return undefined;
      const info = statSync(abs);
      if (!info.isFile()) return undefined;
      if (info.size > MAX_INPUT_BYTES) {
        this.sink.errors.push({ file: rel, message: `file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; not read` });
        return undefined;
      }
      const bytes = readFileSync(abs);
      recordInput(this.sink, rel, 'terraform-file', bytes);
      return bytes;
    } catch {
      // A missing file stays an unknown value naming it.
      return undefined;
    }
  }
}
