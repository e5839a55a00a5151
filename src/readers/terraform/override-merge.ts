// Override files (`override.tf`, `*_override.tf`) change blocks declared
// elsewhere in the module: an attribute replaces the one of the same name, a
// nested block type replaces all nested blocks of that type, a local replaces
// the local. A block with nothing to override is an error in Terraform.
import type { BlockConfig } from './config-body.js';
import type { ModuleConfig, ReadSink } from './module-loader.js';

export function applyOverride(config: ModuleConfig, blocks: BlockConfig[], sink: ReadSink): void {
  for (const over of blocks) {
    const [first = '', second = ''] = over.labels;
    let target: BlockConfig | undefined;
    switch (over.type) {
      case 'variable':
        target = config.variables.get(first);
        break;
      case 'output':
        target = config.outputs.get(first);
        break;
      case 'module':
        target = config.moduleCalls.get(first);
        break;
      case 'resource':
        target = config.resources.get(`${first}.${second}`)?.block;
        break;
      case 'data':
        target = config.resources.get(`data.${first}.${second}`)?.block;
        break;
      case 'provider':
        target = config.providers.find((p) => p.labels[0] === first && aliasOf(p) === aliasOf(over));
        break;
      case 'locals':
        for (const a of over.attrs) {
          if (config.locals.has(a.name)) config.locals.set(a.name, a);
          else missing(sink, over, `local value "${a.name}"`);
        }
        continue;
      default:
        continue;
    }
    if (target) mergeInto(target, over);
    else missing(sink, over, `${over.type} ${over.labels.map((l) => `"${l}"`).join(' ')}`);
  }
}

function mergeInto(target: BlockConfig, over: BlockConfig): void {
  for (const a of over.attrs) {
    const i = target.attrs.findIndex((t) => t.name === a.name);
    if (i >= 0) target.attrs[i] = a;
    else target.attrs.push(a);
  }
  const replaced = new Set(over.blocks.map(nestedName));
  target.blocks = [...target.blocks.filter((b) => !replaced.has(nestedName(b))), ...over.blocks];
}

function nestedName(b: BlockConfig): string {
  return b.type === 'dynamic' ? (b.labels[0] ?? '') : b.type;
}

function aliasOf(b: BlockConfig): string {
  const a = b.attrs.find((x) => x.name === 'alias');
  return typeof a?.json === 'string' ? a.json : '';
}

function missing(sink: ReadSink, over: BlockConfig, what: string): void {
  sink.errors.push({ file: over.loc.file, line: over.loc.line, message: `override of ${what}, which is not declared in the module` });
}
