// `kikan attest init`: the answers file as a commented YAML template. Every
// question of the catalog appears once, under its guideline area, with its
// text, help, answer type and evidence requirement as comments; the values
// are left empty, so the file validates as written and every question is open.
import type { AttestAnswerType, Catalog } from '../controls/catalog/types.js';
import type { Lang } from '../report/lang.js';

const WRAP_COLUMNS = 76;

/** Columns a character takes in a terminal or editor: CJK and full-width forms take two. */
function columns(ch: string): number {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)
    ? 2
    : 1;
}

/** Comment lines of at most WRAP_COLUMNS, breaking at spaces for Latin text and anywhere in Japanese. */
function commentLines(text: string, indent: string, first: string, next: string): string[] {
  const out: string[] = [];
  let line = '';
  let width = 0;
  let prefix = first;
  const limit = () => WRAP_COLUMNS - indent.length - 2 - prefix.length;
  const flush = () => {
    // An opening bracket never ends a line: it moves on with what it opens.
    const carried = /[（「『【〔(]$/u.exec(line.trimEnd())?.[0] ?? '';
    out.push(`${indent}# ${prefix}${line.trimEnd().slice(0, line.trimEnd().length - carried.length)}`);
    prefix = next;
    line = carried;
    width = [...carried].reduce((n, ch) => n + columns(ch), 0);
  };
  for (const word of text.replace(/\s+/g, ' ').trim().split(/(?<= )|(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])/u)) {
    const w = [...word].reduce((n, ch) => n + columns(ch), 0);
    // Japanese punctuation never starts a line (禁則).
    const closing = /^[、。，．）」』】〕！？・ー]/u.test(word);
    if (width + w > limit() && line.trim() && !closing) flush();
    if (!line && word === ' ') continue;
    line += word;
    width += w;
  }
  if (line.trim() || out.length === 0) flush();
  return out;
}

const ANSWER_CHOICES: Record<AttestAnswerType, Record<Lang, string>> = {
  yesno: { ja: 'yes（はい）/ no（いいえ）/ na（該当なし）', en: 'yes / no / na (not applicable)' },
  yesno_partial: { ja: 'yes（はい）/ no（いいえ）/ partial（一部）/ na（該当なし）', en: 'yes / no / partial / na (not applicable)' },
  text: { ja: '文章で記入', en: 'free text' },
  date: { ja: '日付 YYYY-MM-DD', en: 'a date, YYYY-MM-DD' },
};

function header(catalog: Catalog, lang: Lang, tenants: number): string[] {
  const ja = lang === 'ja';
  const lines = ja
    ? [
        '# kikan 自己申告（セルフアテステーション）の回答ファイル',
        `# 管理策カタログ ${catalog.version}: ${catalog.source}`,
        '#',
        '# このファイルを回答で埋め、kikan attest --answers <このファイル> で申告書（XLSX・HTML・JSON）を作ります。',
        '#   answer:      質問ごとに示す値で答えます。空欄は「未回答」として扱い、適合とはみなしません。',
        '#   explanation: no（いいえ）・partial（一部）・na（該当なし）と答えたときは理由を必ず書きます。',
        '#   evidence:    根拠の文書を並べます。証拠が「必須」の質問は、証拠がないと「未確認」のままです。',
        '#                - document: 責任分界表 第2版       # 文書名',
        '#                  date: 2026-04-01                # 文書の版の日付',
        '#                  file: evidence/sekinin.pdf      # このファイルからの相対パス、または url: https://...',
        '# 日付はすべて YYYY-MM-DD（西暦）で書きます。申告書の表紙には和暦を添えて表示します。',
        'version: 1',
        '',
        '# 提供事業者（標準準拠アプリケーション提供事業者）',
        'vendor:',
        '  name:         # 例: 株式会社きかんシステム',
        '  code:         # 事業者の識別子（任意）',
        'system:         # 標準準拠システムの名称（例: 住民記録システム）',
      ]
    : [
        '# kikan self-attestation answers file',
        `# Control catalog ${catalog.version}: ${catalog.source}`,
        '#',
        '# Fill in the answers and run kikan attest --answers <this file> to build the attestation (XLSX, HTML, JSON).',
        '#   answer:      one of the values given for the question. Empty means unanswered, never compliant.',
        '#   explanation: required when the answer is no, partial or na.',
        '#   evidence:    the documents the answer rests on. A question that requires evidence stays open without it.',
        '#                - document: Responsibility matrix v2   # document name',
        '#                  date: 2026-04-01                    # date of that version',
        '#                  file: evidence/matrix.pdf           # relative to this file, or url: https://...',
        '# Write every date as YYYY-MM-DD; the cover shows the Japanese era beside it.',
        'version: 1',
        '',
        '# The vendor of the standard-compliant application',
        'vendor:',
        '  name:',
        '  code:         # your own identifier (optional)',
        'system:         # name of the standard-compliant system',
      ];
  if (tenants > 1) {
    lines.push(
      ja ? '# 団体（共同利用方式: 団体ごとに申告書を作ります。tenant は各団体の資源に付けた lg:tenant タグの値）' : '# Municipalities (shared use: one attestation each; tenant is the lg:tenant tag value on its resources)',
      'municipalities:',
    );
    for (let i = 1; i <= tenants; i++) {
      lines.push(
        `  - name:       ${ja ? `# 団体 ${i} の名称` : `# municipality ${i}`}`,
        `    code:       ${ja ? '# 全国地方公共団体コード 6 桁、引用符で囲む（例: "131016"）' : '# six-digit municipality code, quoted ("131016")'}`,
        `    tenant: tenant-${i}   ${ja ? '# lg:tenant タグの値に書き換えます' : '# replace with its lg:tenant tag value'}`,
      );
    }
  } else {
    lines.push(
      ja ? '# 団体（共同利用方式で他の団体と環境を共有するときは tenant に lg:tenant タグの値を書きます）' : '# The municipality (in shared use, set tenant to its lg:tenant tag value)',
      'municipality:',
      '  name:',
      `  code:         ${ja ? '# 全国地方公共団体コード 6 桁、引用符で囲む（例: "131016"）' : '# six-digit municipality code, quoted ("131016")'}`,
      '  # tenant:',
    );
  }
  lines.push(
    ja ? '# 申告の対象期間' : '# Period the attestation covers',
    'period:',
    '  from:         # YYYY-MM-DD',
    '  to:           # YYYY-MM-DD',
    ja ? '# 申告者' : '# Who signs it',
    'signer:',
    '  name:',
    `  title:        ${ja ? '# 役職' : '# job title'}`,
    '',
    'answers:',
  );
  return lines;
}

export interface QuestionnaireOptions {
  lang: Lang;
  /** Municipalities sharing the environment (共同利用方式); 1 writes a single `municipality:`. */
  tenants: number;
}

export function renderQuestionnaire(catalog: Catalog, o: QuestionnaireOptions): string {
  const ja = o.lang === 'ja';
  const lines = header(catalog, o.lang, o.tenants);
  for (const area of catalog.meta.areas) {
    const controls = catalog.controls.filter((c) => c.area === area.area && c.attest?.length);
    lines.push('', `  # ==== ${area.area}. ${area.title[o.lang]} ====`);
    if (controls.length === 0) {
      lines.push(ja ? '  # この区分の管理策はすべてコードと稼働環境の検査で判定します（質問はありません）。' : '  # Every control of this area is judged from code and live scans (no questions).');
      continue;
    }
    for (const control of controls) {
      const kind = control.kind === 'attest' ? (ja ? '組織的管理策' : 'organisational control') : ja ? 'コード検査に加えて確認する部分' : 'attest part of a checked control';
      lines.push('', `  # ---- ${control.id} ${control.title[o.lang]}${ja ? `（${kind}）` : ` (${kind})`} ----`);
      for (const q of control.attest ?? []) {
        lines.push(...commentLines(q.text[o.lang], '  ', ja ? '質問: ' : 'Q: ', '      '));
        lines.push(...commentLines(q.help[o.lang], '  ', ja ? '補足: ' : 'Help: ', '      '));
        const evidence = q.evidence === 'required' ? (ja ? '証拠: 必須' : 'evidence: required') : ja ? '証拠: 任意' : 'evidence: optional';
        lines.push(`  # ${ja ? '回答' : 'answer'}: ${ANSWER_CHOICES[q.answer][o.lang]}${ja ? ' ／ ' : '; '}${evidence}`);
        lines.push(`  - id: ${q.id}`, '    answer:', '    explanation:', '    evidence:');
      }
    }
  }
  return lines.join('\n') + '\n';
}
