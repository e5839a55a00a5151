import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/controls/catalog/load.js';
import { renderCatalogJson, renderCatalogMarkdown, renderCatalogText } from '../../../src/controls/catalog/render.js';
import type { Catalog, CatalogMeta, ControlDefinition } from '../../../src/controls/catalog/types.js';

const catalog = loadCatalog();

describe('text listing', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`lists every control with its ${lang} title under its area`, () => {
      const text = renderCatalogText(catalog, lang);
      const lines = text.split('\n');
      for (const c of catalog.controls) {
        const line = lines.find((l) => l.trimStart().startsWith(c.id + ' '));
        expect(line, c.id).toBeDefined();
        expect(line!.endsWith(c.title[lang])).toBe(true);
        const areaLine = lines.findIndex((l) => l.startsWith(`${c.area} ${catalog.meta.areas[c.area - 1]!.title[lang]}`));
        expect(areaLine).toBeGreaterThanOrEqual(0);
        expect(lines.indexOf(line!)).toBeGreaterThan(areaLine);
      }
      expect(text).toContain(catalog.meta.source.title[lang]);
    });
  }

  it('uses Japanese labels in ja and English ones in en', () => {
    const lg32 = (lang: 'ja' | 'en') =>
      renderCatalogText(catalog, lang).split('\n').find((l) => l.includes('LG-3.2 '))!;
    expect(lg32('ja')).toMatch(/コード\s+重大/);
    expect(lg32('en')).toMatch(/code\s+critical/);
    expect(renderCatalogText(catalog, 'ja')).toContain('8 評価・見直し（対策基準 9）');
    expect(renderCatalogText(catalog, 'en')).toContain('8 Evaluation and review (対策基準 9)');
  });

  it('shows thresholds from the data, marked as kikan defaults', () => {
    const changed = structuredClone(catalog) as Catalog;
    const lg62 = changed.controls.find((c) => c.id === 'LG-6.2')!;
    lg62.thresholds!.logRetentionDays!.default = 400;
    expect(renderCatalogText(changed, 'ja')).toContain('LG-6.2 logRetentionDays = 400日');
    expect(renderCatalogText(changed, 'en')).toContain('LG-6.2 logRetentionDays = 400 days');
    expect(renderCatalogText(changed, 'en')).toContain('not guideline figures');
  });
});

describe('JSON', () => {
  it('holds the whole catalog and every control in SPEC order', () => {
    const json = JSON.parse(renderCatalogJson(catalog)) as CatalogMeta & { controls: ControlDefinition[] };
    expect(json).toEqual({ ...catalog.meta, controls: catalog.controls });
    expect(json.controls.map((c) => c.id)).toEqual(catalog.controls.map((c) => c.id));
    expect(Object.keys(json)).toEqual(['catalogVersion', 'source', 'policySections', 'areas', 'controls']);
  });
});

describe('Markdown', () => {
  const markdown = renderCatalogMarkdown(catalog);

  it('has a section for every control and lists every question', () => {
    for (const c of catalog.controls) {
      expect(markdown).toContain(`\n### ${c.id} `);
      for (const q of c.attest ?? []) expect(markdown).toContain(`\`${q.id}\``);
    }
  });

  it('links each summary row to a distinct anchor of its control', () => {
    const anchors = [...markdown.matchAll(/\| \[(LG-[\d.]+)\]\(#([^)]+)\)/g)];
    expect(anchors.map((m) => m[1])).toEqual(catalog.controls.map((c) => c.id));
    expect(new Set(anchors.map((m) => m[2])).size).toBe(anchors.length);
    for (const [, id, anchor] of anchors) expect(anchor!.startsWith(id!.toLowerCase().replace(/\./g, '') + '-')).toBe(true);
  });

  it('escapes prose so that `Principal "*"` is not read as emphasis', () => {
    expect(markdown).toContain('Principal "\\*"');
    const prose = markdown.replace(/<!--.*-->/g, '').replace(/\*\*[^*\n]+\*\*/g, '');
    expect(prose).not.toMatch(/(?<!\\)\*/);
    expect(markdown).toContain('aws_s3_bucket_public_access_block');
  });

  it('is what docs/controls.md holds (regenerate with `npx vitest run test/controls/catalog -u`)', async () => {
    await expect(markdown).toMatchFileSnapshot('../../../docs/controls.md');
  });
});
