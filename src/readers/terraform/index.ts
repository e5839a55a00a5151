// Terraform reader entry point: every directory is a module; the ones no
// other scanned directory calls are root modules, evaluated with their
// variable files, and the modules they call are evaluated through them.
import path from 'node:path';
import { emptyReadResult, type ReadResult } from '../native.js';
import type { ReadOptions } from '../options.js';
import { ExpressionFiles } from './expression-files.js';
import { ModuleInstance } from './module-instance.js';
import { lockedProviders } from './lock-file.js';
import { ModuleLoader, type ModuleConfig, type ReadSink } from './module-loader.js';
import { relativePath } from '../paths.js';
import { isLocalSource, ModuleManifest } from './module-manifest.js';
import { RootVariables } from './root-variables.js';
import { sensitiveVariables } from './secret-variables.js';

export interface TerraformReadStats {
  /** Root modules evaluated, relative to the scan root. */
  roots: string[];
  /** Configuration and variable files read, and their size. */
  files: number;
  bytes: number;
  /** Time spent reading and parsing files, and evaluating. */
  readMs: number;
  evalMs: number;
  /** Resources of providers other than AWS and Azure, by provider prefix: counted, not emitted. */
  skippedTypes: Record<string, number>;
}

export interface TerraformReadResult extends ReadResult {
  stats: TerraformReadStats;
}

export function readTerraform(dirs: string[], opts: ReadOptions): TerraformReadResult {
  const result = emptyReadResult();
  const sink: ReadSink = { inputs: result.inputs, errors: result.errors, bytes: 0, recorded: new Set() };
  const loader = new ModuleLoader(opts.root, sink);
  const started = performance.now();

  const given = [...new Set(dirs.map((d) => path.resolve(d)))].sort();
  for (const d of given) loader.load(d);
  preloadLocalCalls(given, loader);
  const roots = rootModules(given, loader);

  const manifests = new Map<string, ModuleManifest>();
  for (const root of roots) {
    const manifest = ModuleManifest.read(root);
    manifests.set(root, manifest);
    for (const d of manifest.allDirs()) loader.load(d);
    preloadLocalCalls(manifest.allDirs(), loader);
  }
  const variables = new RootVariables(opts, sink);
  const rootVars = new Map(roots.map((r) => [r, variables.forRoot(r)] as const));
  result.secretInputs = [];
  for (const root of roots) {
    const inputs = sensitiveVariables(loader.get(root)!, variables.writtenInRepository(root));
    result.secretInputs.push({ source: 'terraform', scope: relativePath(opts.root, root), inputs });
  }
  const readDone = performance.now();

  const skippedTypes = new Map<string, number>();
  for (const root of roots) {
    const config = loader.get(root)!;
    const instance = new ModuleInstance(
      {
        opts,
        rootDir: root,
        scope: relativePath(opts.root, root),
        loader,
        manifest: manifests.get(root) ?? ModuleManifest.empty(),
        rootVars: rootVars.get(root) ?? new Map(),
        resources: result.resources,
        errors: result.errors,
        notScanned: result.notScanned,
        skippedTypes,
        files: new ExpressionFiles(opts.root, root, sink),
      },
      config,
      '',
      [],
      [root],
      undefined,
      lockedProviders(root, opts.root, sink),
      undefined,
    );
    try {
      instance.emit();
    } catch (e) {
      // A defect in the reader must not stop the scan of the other roots.
      result.errors.push({ file: relativePath(opts.root, root), message: `internal error while evaluating this module: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  return {
    ...result,
    stats: {
      roots: roots.map((r) => relativePath(opts.root, r)),
      files: result.inputs.length,
      bytes: sink.bytes,
      readMs: readDone - started,
      evalMs: performance.now() - readDone,
      skippedTypes: Object.fromEntries(skippedTypes),
    },
  };
}

/** Module directories called with a local source (`./x`, `../x`), as written. */
function localCallTargets(config: ModuleConfig): string[] {
  const targets: string[] = [];
  for (const block of config.moduleCalls.values()) {
    const source = block.attrs.find((a) => a.name === 'source')?.json;
    if (typeof source === 'string' && isLocalSource(source)) targets.push(path.resolve(config.dir, source));
  }
  return targets;
}

/** Evaluation is synchronous, so every module a call could reach is read beforehand. */
function preloadLocalCalls(start: string[], loader: ModuleLoader): void {
  const queue = [...start];
  const seen = new Set(queue);
  while (queue.length) {
    const config = loader.load(queue.shift()!);
    if (!config) continue;
    for (const target of localCallTargets(config)) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
}

/**
 * Directories no scanned directory calls. Downloaded modules (under
 * `.terraform`) are never roots. Directories that only call each other in a
 * cycle would otherwise vanish, so the first of them is taken as a root.
 */
function rootModules(given: string[], loader: ModuleLoader): string[] {
  const withConfig = given.filter((d) => loader.get(d) && !d.split(path.sep).includes('.terraform'));
  const calls = new Map<string, string[]>();
  const called = new Set<string>();
  for (const d of withConfig) {
    // Transitively: a module reached only through an unscanned intermediate is still called.
    const targets = reachableLocal(d, loader).filter((t) => t !== d);
    calls.set(d, targets);
    for (const t of targets) called.add(t);
  }
  const roots = withConfig.filter((d) => !called.has(d));
  const covered = new Set<string>();
  for (const r of roots) for (const t of [r, ...(calls.get(r) ?? [])]) covered.add(t);
  for (const d of withConfig) {
    if (covered.has(d)) continue;
    roots.push(d);
    for (const t of [d, ...(calls.get(d) ?? [])]) covered.add(t);
  }
  return roots.sort();
}

function reachableLocal(start: string, loader: ModuleLoader): string[] {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    const config = loader.get(queue.shift()!);
    if (!config) continue;
    for (const t of localCallTargets(config)) {
      if (!seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  return [...seen];
}
