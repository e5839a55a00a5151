// `.terraform/modules/modules.json`, written by `terraform init`: where each
// module call (keyed by call names joined with ".") was downloaded. The
// reader uses these copies and never fetches a module itself.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export class ModuleManifest {
  private constructor(private readonly dirs: Map<string, string>) {}

  static empty(): ModuleManifest {
    return new ModuleManifest(new Map());
  }

  /** Read the manifest of a root module; an absent or unreadable one is empty (modules not downloaded). */
  static read(rootDir: string): ModuleManifest {
    const dirs = new Map<string, string>();
    try {
      const text = readFileSync(path.join(rootDir, '.terraform', 'modules', 'modules.json'), 'utf8');
      const doc = JSON.parse(text) as { Modules?: unknown };
      for (const m of Array.isArray(doc?.Modules) ? doc.Modules : []) {
        const entry = m as { Key?: unknown; Dir?: unknown };
        if (typeof entry.Key !== 'string' || typeof entry.Dir !== 'string' || entry.Key === '') continue;
        dirs.set(entry.Key, path.resolve(rootDir, entry.Dir));
      }
    } catch {
      // No manifest: remote modules are reported as not available.
    }
    return new ModuleManifest(dirs);
  }

  /** The downloaded directory of the module reached through these call names. */
  dirOf(callNames: string[]): string | undefined {
    return this.dirs.get(callNames.join('.'));
  }

  allDirs(): string[] {
    return [...new Set(this.dirs.values())];
  }
}

/** `./x`, `../x`: a module in this repository, resolved from the calling module's directory. */
export function isLocalSource(source: string): boolean {
  return /^\.\.?[\\/]/.test(source);
}
