// Renders the catalog for people and tools: a terminal listing (ja/en) and
// JSON for `kikan controls`, and the Markdown that docs/controls.md is
// generated from.
import {
  answerLabel,
  evidenceLabel,
  inputLabel,
  kindLabel,
  quantityLabel,
  severityLabel,
} from './labels.js';
import type { Lang } from '../../report/lang.js';
import type { LocalText } from '../../results/finding.js';
import type { Catalog, CatalogArea, ControlChecks, ControlDefinition } from './types.js';

const HEADINGS = {
  ja: {
    version: '版',
    catalog: 'カタログ版',
    extends: (c: Catalog) =>
      `「${c.meta.source.extends.title.ja}」（${c.meta.source.extends.basis} に基づく）を ${c.meta.source.cloudStandard} で補うもの`,
    policySection: '対策基準',
    controls: (n: number) => `管理策 ${n} 件`,
    thresholds: '既定値（kikan の既定であり指針の数値ではありません。ポリシーファイルで変更できます）',
    rationale: '趣旨',
    checks: 'kikan の確認内容',
    remediation: '対処方法',
    questionnaire: '質問票（自己申告）',
    common: '共通',
  },
  en: {
    version: 'version',
    catalog: 'catalog',
    extends: (c: Catalog) =>
      `extends "${c.meta.source.extends.title.en}" (based on ${c.meta.source.extends.basis}) with ${c.meta.source.cloudStandard}`,
    policySection: '対策基準',
    controls: (n: number) => `${n} controls`,
    thresholds: 'Defaults (kikan defaults, not guideline figures; the policy file can change them)',
    rationale: 'Rationale',
    checks: 'What kikan checks',
    remediation: 'Remediation',
    questionnaire: 'Questionnaire (self-attestation)',
    common: 'All clouds',
  },
} as const;

/** The listing `kikan controls` prints: one line per control, grouped by area. */
export function renderCatalogText(catalog: Catalog, lang: Lang): string {
  const h = HEADINGS[lang];
  const out: string[] = [
    catalog.meta.source.title[lang],
    `${h.version}: ${catalog.meta.source.version}  ${h.catalog}: ${catalog.meta.catalogVersion}`,
    h.extends(catalog),
  ];
  const kindWidth = Math.max(...catalog.controls.map((c) => displayWidth(kindLabel(c.kind, lang))));
  const severityWidth = Math.max(...catalog.controls.map((c) => displayWidth(severityLabel(c.severity, lang))));
  const idWidth = Math.max(...catalog.controls.map((c) => c.id.length));
  for (const area of catalog.meta.areas) {
    const section = `${h.policySection} ${area.policySection}`;
    out.push('', `${area.area} ${area.title[lang]}${lang === 'ja' ? `（${section}）` : ` (${section})`}`);
    for (const c of controlsOf(catalog, area)) {
      out.push(
        [
          '  ' + padEnd(c.id, idWidth),
          padEnd(kindLabel(c.kind, lang), kindWidth),
          padEnd(severityLabel(c.severity, lang), severityWidth),
          c.title[lang],
        ].join('  '),
      );
    }
  }
  const thresholds = catalog.controls.flatMap((c) =>
    Object.entries(c.thresholds ?? {}).map(
      ([name, t]) => `  ${c.id} ${name} = ${quantityLabel(t.default, t.unit, lang)}`,
    ),
  );
  out.push('', h.controls(catalog.controls.length));
  if (thresholds.length > 0) out.push('', h.thresholds, ...thresholds);
  return out.join('\n') + '\n';
}

/** The whole catalog as JSON: metadata, then every control in SPEC order. */
export function renderCatalogJson(catalog: Catalog): string {
  return JSON.stringify({ ...catalog.meta, controls: catalog.controls }, null, 2) + '\n';
}

/** docs/controls.md: both languages, every field of every control. */
export function renderCatalogMarkdown(catalog: Catalog): string {
  const out: string[] = [
    '# kikan 管理策カタログ / Control catalog',
    '',
    '<!-- Generated from controls/*.yaml by renderCatalogMarkdown (src/controls/catalog/render.ts); do not edit by hand. -->',
    '',
    `- 出典 / Source: ${md(catalog.meta.source.title.ja)}（${md(catalog.meta.source.version)}）`,
    `  — ${md(catalog.meta.source.title.en)}`,
    `- ${md(HEADINGS.ja.extends(catalog))}`,
    `- ${HEADINGS.ja.catalog} / Catalog version: ${catalog.meta.catalogVersion}`,
    '',
    md(catalog.meta.source.note.ja),
    '',
    md(catalog.meta.source.note.en),
    '',
    '## 区分と対策基準 / Areas and 対策基準 sections',
    '',
    '| 区分 / Area | 名称 / Title | 対策基準 / Policy section | 骨子案の見出し / Headings in the draft |',
    '|---|---|---|---|',
    ...catalog.meta.areas.map((a) => {
      const section = catalog.meta.policySections.find((s) => s.section === a.policySection);
      return row([
        String(a.area),
        `${a.title.ja} / ${a.title.en}`,
        section ? `${section.section} ${section.title.ja} / ${section.title.en}` : a.policySection,
        a.headings.map((x) => `○${x}`).join('<br>'),
      ]);
    }),
    '',
    '## 一覧 / Summary',
    '',
    '| ID | 種別 / Kind | 重大度 / Severity | 名称 | Title | 入力 / Inputs |',
    '|---|---|---|---|---|---|',
    ...catalog.controls.map((c) =>
      row([
        `[${c.id}](#${anchor(c)})`,
        `${kindLabel(c.kind, 'ja')} / ${c.kind}`,
        `${severityLabel(c.severity, 'ja')} / ${c.severity}`,
        md(c.title.ja),
        md(c.title.en),
        c.inputs.length > 0 ? c.inputs.join(', ') : '—',
      ]),
    ),
  ];
  for (const area of catalog.meta.areas) {
    out.push(
      '',
      `## ${area.area}. ${md(area.title.ja)} / ${md(area.title.en)}（対策基準 ${area.policySection}）`,
    );
    for (const c of controlsOf(catalog, area)) out.push('', ...controlMarkdown(catalog, c));
  }
  return out.join('\n') + '\n';
}

function controlMarkdown(catalog: Catalog, c: ControlDefinition): string[] {
  const section = catalog.meta.policySections.find((s) => s.section === c.policySection.split('.')[0]);
  const out = [
    `### ${c.id} ${md(c.title.ja)} / ${md(c.title.en)}`,
    '',
    `- 種別 / Kind: ${kindLabel(c.kind, 'ja')} / ${c.kind}`,
    `- 重大度 / Severity: ${severityLabel(c.severity, 'ja')} / ${c.severity}`,
    `- 対策基準 / Policy section: ${c.policySection}${section ? ` ${section.title.ja} / ${section.title.en}` : ''}`,
    `- 出典 / Guideline: ${md(c.refs.guideline)}`,
    `- JIS Q 27017: ${c.refs.jisq27017.join(', ')}`,
    `- 入力 / Inputs: ${c.inputs.length > 0 ? c.inputs.map((i) => inputLabel(i, 'en')).join(', ') : '— (質問票 / questionnaire)'}`,
  ];
  for (const lang of ['ja', 'en'] as const) {
    const h = HEADINGS[lang];
    out.push('', `#### ${lang === 'ja' ? '日本語' : 'English'}`, '');
    out.push(`**${h.rationale}**: ${md(c.rationale[lang])}`, '');
    out.push(`**${h.checks}**:`, '', ...checkLines(c.checks, lang), '');
    out.push(`**${h.remediation}**: ${md(c.remediation[lang])}`);
    const thresholds = Object.entries(c.thresholds ?? {});
    if (thresholds.length > 0) {
      out.push('', `**${h.thresholds}**:`, '');
      for (const [name, t] of thresholds) {
        out.push(`- \`${name}\` = ${quantityLabel(t.default, t.unit, lang)}: ${md(t.note[lang])}`);
      }
    }
    if (c.attest) {
      out.push('', `**${h.questionnaire}**:`, '');
      for (const q of c.attest) {
        const answer = `${answerLabel(q.answer, lang)}${lang === 'ja' ? '、' : ', '}${evidenceLabel(q.evidence, lang)}`;
        out.push(
          `- \`${q.id}\` ${md(q.text[lang])}${lang === 'ja' ? `（${answer}）` : ` (${answer})`}`,
          `  ${md(q.help[lang])}`,
        );
      }
    }
  }
  return out;
}

function checkLines(checks: ControlChecks, lang: Lang): string[] {
  const parts: [string, LocalText | undefined][] = [
    [HEADINGS[lang].common, checks.common],
    ['AWS', checks.aws],
    ['Azure', checks.azure],
  ];
  return parts.filter(([, text]) => text).map(([label, text]) => `- ${label}: ${md(text![lang])}`);
}

function controlsOf(catalog: Catalog, area: CatalogArea): ControlDefinition[] {
  return catalog.controls.filter((c) => c.area === area.area);
}

/** GitHub's heading anchor for `### LG-3.2 …`: lower case, dots and spaces dropped or dashed. */
function anchor(c: ControlDefinition): string {
  return `${c.id} ${c.title.ja} / ${c.title.en}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/**
 * Escapes what Markdown would otherwise interpret in catalog prose: `*` in
 * `Principal "*"`, brackets, backticks, angle brackets, and `_` where it could
 * open emphasis (intraword underscores, as in aws_s3_bucket, never do).
 */
function md(text: string): string {
  return text
    .replace(/[\\*`<>[\]]/g, (ch) => `\\${ch}`)
    .replace(/(^|[^\p{L}\p{N}])_|_(?=$|[^\p{L}\p{N}])/gu, (m) => m.replace('_', '\\_'));
}

/** Terminal columns: East Asian wide and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
