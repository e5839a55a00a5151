// Reading a module directory: every `.tf` and `.tf.json` file, parsed,
// located and sorted into the declarations of the module. Every file read
// is recorded as an input; a file that cannot be read or parsed becomes a
// ReadError and the rest of the module is still used.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { InputRecord, ReadError } from '../native.js';
import { topLevelBlocks, type AttrConfig, type BlockConfig } from './config-body.js';
import { hclReadError, parseHcl } from './hcl-parser.js';
import { locateHcl, type LocatedComment, type LocatedHcl } from './locate.js';
import { readTfJson } from './locate-json.js';
import { applyOverride } from './override-merge.js';
import { isOutsideRoot, relativePath } from '../paths.js';
import { MAX_INPUT_BYTES } from '../referenced-file.js';
import { isConfigFile } from './config-files.js';


export interface ResourceConfig {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  block: BlockConfig;
}

export interface ModuleConfig {
  /** Absolute directory. */
  dir: string;
  variables: Map<string, BlockConfig>;
  locals: Map<string, AttrConfig>;
  outputs: Map<string, BlockConfig>;
  /** Managed resources and data sources, keyed `aws_vpc.main` / `data.aws_vpc.main`, in file and line order. */
  resources: Map<string, ResourceConfig>;
  moduleCalls: Map<string, BlockConfig>;
  providers: BlockConfig[];
  /** `terraform` blocks (`required_providers` …). */
  settings: BlockConfig[];
  /** Comments per file (scan-root-relative path), for inline waivers. */
  comments: Map<string, LocatedComment[]>;
}

/** Where the reader reports what it read and what failed. */
export interface ReadSink {
  inputs: InputRecord[];
  errors: ReadError[];
  /** Bytes of configuration parsed, for the throughput figure. */
  bytes: number;
  /** Files already listed in `inputs`. */
  recorded: Set<string>;
}

/** Lists a file read for the scan in `inputs`, with its hash, once. */
export function recordInput(sink: ReadSink, rel: string, kind: string, bytes: Uint8Array): void {
  if (sink.recorded.has(rel)) return;
  sink.recorded.add(rel);
  sink.inputs.push({ file: rel, kind, sha256: createHash('sha256').update(bytes).digest('hex') });
}

const realRoots = new Map<string, string>();

/** The scan root with its links resolved, once per root: it is asked for every file read. */
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) realRoots.set(root, (real = realpathSync(root)));
  return real;
}

/**
 * Read a file for the scan: size guard, hash, input record. Undefined when it cannot be used.
 * Synchronous: reading waits for it anyway, and an async round trip per file cost more than the read.
 */
export function readInput(abs: string, root: string, kind: string, sink: ReadSink): { rel: string; text: string } | undefined {
  const rel = relativePath(root, abs);
  try {
    // A file linked into a module is read where it points, if that is a regular file inside the scan.
    const real = realpathSync(abs);
    if (!isOutsideRoot(rel) && isOutsideRoot(relativePath(realRoot(root), real))) {
      sink.errors.push({ file: rel, message: 'a symbolic link to outside the scanned directory; not read' });
      return undefined;
    }
    const info = statSync(real);
    if (!info.isFile()) {
      sink.errors.push({ file: rel, message: 'not a regular file (a pipe, socket or device); not read' });
      return undefined;
    }
    if (info.size > MAX_INPUT_BYTES) {
      sink.errors.push({ file: rel, message: `file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; skipped` });
      return undefined;
    }
    const bytes = readFileSync(real);
    recordInput(sink, rel, kind, bytes);
    sink.bytes += bytes.length;
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { rel, text };
  } catch (e) {
    sink.errors.push({ file: rel, message: `cannot read: ${e instanceof Error ? e.message : String(e)}` });
    return undefined;
  }
}



function isOverrideFile(name: string): boolean {
  return /(^|_)override\.tf(\.json)?$/.test(name);
}

export class ModuleLoader {
  private readonly loaded = new Map<string, ModuleConfig | undefined>();

  constructor(
    private readonly root: string,
    private readonly sink: ReadSink,
  ) {}

  /** Read a module directory once; undefined when it holds no configuration files. */
  load(dir: string): ModuleConfig | undefined {
    const key = path.resolve(dir);
    if (!this.loaded.has(key)) this.loaded.set(key, this.read(key));
    return this.loaded.get(key);
  }

  /** A directory already loaded (evaluation is synchronous, so modules are loaded beforehand). */
  get(dir: string): ModuleConfig | undefined {
    return this.loaded.get(path.resolve(dir));
  }

  private read(dir: string): ModuleConfig | undefined {
    let names: string[];
    try {
      const entries = readdirSync(dir, { withFileTypes: true });
      // Links and special files too: readInput reads a link's regular file and reports what it cannot read.
      names = entries.filter((e) => !e.isDirectory() && isConfigFile(e.name)).map((e) => e.name);
    } catch {
      return undefined;
    }
    if (names.length === 0) return undefined;
    names.sort();
    const config: ModuleConfig = {
      dir,
      variables: new Map(),
      locals: new Map(),
      outputs: new Map(),
      resources: new Map(),
      moduleCalls: new Map(),
      providers: [],
      settings: [],
      comments: new Map(),
    };
    // Terraform reads override files after all others and merges them in.
    const ordered = [...names.filter((n) => !isOverrideFile(n)), ...names.filter(isOverrideFile)];
    for (const name of ordered) {
      const blocks = this.readFile(path.join(dir, name), config);
      if (!blocks) continue;
      if (isOverrideFile(name)) applyOverride(config, blocks, this.sink);
      else this.declare(config, blocks);
    }
    return config;
  }

  private readFile(abs: string, config: ModuleConfig): BlockConfig[] | undefined {
    const input = readInput(abs, this.root, 'terraform', this.sink);
    if (!input) return undefined;
    let json: Record<string, unknown>;
    let located: LocatedHcl;
    if (abs.endsWith('.json')) {
      const r = readTfJson(input.text);
      if (!r.ok) {
        this.sink.errors.push({ file: input.rel, line: r.line, column: r.column, message: r.message });
        return undefined;
      }
      json = r.body;
      located = r.located;
    } else {
      const r = parseHcl(path.basename(abs), input.text);
      if (!r.ok) {
        this.sink.errors.push(hclReadError(input.rel, r));
        return undefined;
      }
      json = r.body;
      located = locateHcl(input.text);
    }
    config.comments.set(input.rel, [...located.comments].sort((a, b) => a.line - b.line));
    return topLevelBlocks(json, located.body, input.rel);
  }

  private declare(config: ModuleConfig, blocks: BlockConfig[]): void {
    for (const b of blocks) {
      const [first = '', second = ''] = b.labels;
      switch (b.type) {
        case 'variable':
          this.once(config.variables, first, b, `variable "${first}"`);
          break;
        case 'output':
          this.once(config.outputs, first, b, `output "${first}"`);
          break;
        case 'module':
          this.once(config.moduleCalls, first, b, `module "${first}"`);
          break;
        case 'provider':
          config.providers.push(b);
          break;
        case 'terraform':
          config.settings.push(b);
          break;
        case 'locals':
          for (const a of b.attrs) this.once(config.locals, a.name, a, `local value "${a.name}"`);
          break;
        case 'resource':
        case 'data': {
          const mode = b.type === 'data' ? 'data' : 'managed';
          const key = mode === 'data' ? `data.${first}.${second}` : `${first}.${second}`;
          this.once(config.resources, key, { mode, type: first, name: second, block: b }, `${b.type} "${first}" "${second}"`);
          break;
        }
        default:
          break;
      }
    }
  }

  /** Terraform rejects a second declaration of a name; keep the first and say where both are. */
  private once<T extends { loc: BlockConfig['loc'] } | ResourceConfig>(map: Map<string, T>, key: string, value: T, what: string): void {
    const existing = map.get(key);
    if (!existing) {
      map.set(key, value);
      return;
    }
    const first = 'block' in existing ? existing.block.loc : existing.loc;
    const again = 'block' in value ? value.block.loc : value.loc;
    this.sink.errors.push({ file: again.file, line: again.line, message: `duplicate ${what}; the first one (${first.file}:${first.line}) is used` });
  }
}
