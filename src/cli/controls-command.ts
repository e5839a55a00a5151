// `kikan controls`: the control catalog as text, JSON or Markdown.
import { loadCatalog } from '../controls/catalog/load.js';
import { renderCatalogJson, renderCatalogMarkdown, renderCatalogText } from '../controls/catalog/render.js';
import { parseChoice, parseLang } from './parse-flags.js';

export async function runControls(opts: Record<string, unknown>): Promise<number> {
  const format = parseChoice('--format', String(opts.format), ['text', 'json', 'markdown'] as const);
  const lang = parseLang(String(opts.lang));
  const catalog = loadCatalog();
  const out =
    format === 'json' ? renderCatalogJson(catalog) : format === 'markdown' ? renderCatalogMarkdown(catalog) : renderCatalogText(catalog, lang);
  process.stdout.write(out.endsWith('\n') ? out : out + '\n');
  return 0;
}
