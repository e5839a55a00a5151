// When the plan's configuration is beside it, resources point at their
// `.tf` lines. An adapter over the Terraform reader's locator: module call
// paths map to directories through local `source`s or the module manifest
// `terraform init` writes.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { locateHcl } from '../terraform/locate.js';
import { isLocalSource, ModuleManifest } from '../terraform/module-manifest.js';
import type { SourceLoc } from '../value.js';
import type { ConfigModule } from './configuration.js';
import { relativePath } from '../paths.js';
import { readReferencedFile } from '../referenced-file.js';

export interface TfBlockLocation {
  loc: SourceLoc;
  /** Top-level attributes and nested blocks by name: the first line each is written on. */
  attributes: Map<string, SourceLoc>;
}

export class TfLocations {
  private readonly dirs = new Map<string, Map<string, TfBlockLocation>>();
  private readonly manifest: ModuleManifest;

  private constructor(
    private readonly root: string,
    private readonly rootModuleDir: string,
  ) {
    // An unreadable manifest only costs `.tf` locations; the plan's own lines remain.
    this.manifest = ModuleManifest.read(rootModuleDir);
  }

  /** The root module is the plan's directory or the scan root, whichever holds `.tf` files. */
  static beside(planAbs: string, scanRoot: string): TfLocations | undefined {
    for (const dir of [path.dirname(planAbs), scanRoot]) if (tfFiles(dir).length) return new TfLocations(scanRoot, dir);
    return undefined;
  }

  /** Where `type.name` (or `data.type.name`) of the module at `modulePath` is written. */
  block(configRoot: ConfigModule, modulePath: string[], configAddress: string): TfBlockLocation | undefined {
    const dir = this.moduleDir(configRoot, modulePath);
    return dir === undefined ? undefined : this.blocksIn(dir).get(configAddress);
  }

  private moduleDir(configRoot: ConfigModule, modulePath: string[]): string | undefined {
    let dir = this.rootModuleDir;
    let cur: ConfigModule | undefined = configRoot;
    for (let i = 0; i < modulePath.length; i++) {
      cur = cur?.calls.get(modulePath[i]!);
      const source = cur?.source;
      if (source === undefined) return undefined;
      if (isLocalSource(source)) dir = path.resolve(dir, source);
      else {
        const installed = this.manifest.dirOf(modulePath.slice(0, i + 1));
        if (installed === undefined) return undefined;
        dir = installed;
      }
    }
    return dir;
  }

  private blocksIn(dir: string): Map<string, TfBlockLocation> {
    const cached = this.dirs.get(dir);
    if (cached) return cached;
    const blocks = new Map<string, TfBlockLocation>();
    this.dirs.set(dir, blocks);
    for (const name of tfFiles(dir)) {
      const file = relativePath(this.root, path.join(dir, name));
      // A file that cannot be read (a pipe, a link out of the scan, one too large) only costs its lines: the plan's own remain.
      const read = readReferencedFile(this.root, file);
      if (!('text' in read)) continue;
      const text = read.text;
      for (const b of locateHcl(text).body.blocks) {
        if ((b.type !== 'resource' && b.type !== 'data') || b.labels.length < 2) continue;
        const address = `${b.type === 'data' ? 'data.' : ''}${b.labels[0]}.${b.labels[1]}`;
        if (blocks.has(address)) continue;
        const attributes = new Map<string, SourceLoc>();
        for (const a of b.body.attributes) attributes.set(a.name, { file, line: a.line, column: a.column });
        for (const nb of b.body.blocks) if (!attributes.has(nb.type)) attributes.set(nb.type, { file, line: nb.line, column: nb.column });
        blocks.set(address, { loc: { file, line: b.line, column: b.column }, attributes });
      }
    }
    return blocks;
  }
}

function tfFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.tf'))
      .sort();
  } catch {
    return [];
  }
}
