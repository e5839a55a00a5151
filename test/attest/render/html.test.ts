import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/attest/render/html.js';
import { escapeHtml } from '../../../src/attest/render/safe-html.js';
import { chromiumSkipNote, dumpDom, hasChromium, pdfPageSizes, printToPdf } from './chromium.js';
import { sampleAttestation } from './sample-attestation.js';

/** The rows of one area's table, as [control ID, standing cell text]. */
function standingsOf(doc: string, area: number): [string, string][] {
  const section = new RegExp(`<section class="area" id="area-${area}">([\\s\\S]*?)</section>`).exec(doc)?.[1] ?? '';
  return [...section.matchAll(/<tr id="([^"]+)">[\s\S]*?<td class="standing standing-[a-z_]+">([^<]*)<\/td>/g)].map((m) => [m[1]!, m[2]!]);
}

describe('renderHtml', () => {
  const att = sampleAttestation({ tenant: 'tenant-07 "北部"' });
  const ja = renderHtml(att, 'ja');

  it('puts vendor, system, municipality with code and tenant, period, signer and the 和暦 date on the cover', () => {
    const cover = /<section class="cover">([\s\S]*?)<\/section>/.exec(ja)![1]!;
    expect(cover).toContain('株式会社サンプル情報システム');
    expect(cover).toContain('住民記録システム（標準準拠版）');
    expect(cover).toContain('みどり市（団体コード 131016）');
    expect(cover).toContain(escapeHtml('tenant-07 "北部"'));
    expect(cover).toContain('令和8年4月1日（2026年4月1日） 〜 令和9年3月31日（2027年3月31日）');
    expect(cover).toContain('鈴木 一郎（情報セキュリティ責任者）');
    // generatedAt 02:00Z is 11:00 in Japan, the same day.
    expect(cover).toContain('<dd>令和8年11月28日（2026年11月28日）</dd>');
    expect(cover).toContain('kikan 0.1.0');
    expect(cover).toContain('e'.repeat(64));
    // Incomplete evidence is said, not hidden.
    expect(cover).toContain('読み込みエラーが 1 件あり、検査は不完全です。');
    expect(cover).toContain('SHA-256 が記録されていない入力が 1 件あります。');
  });

  it('has one table per area 1–8, one row per control, with the standing in Japanese', () => {
    for (const area of att.areas) {
      const rows = standingsOf(ja, area.area);
      expect(rows.map(([id]) => id)).toEqual(area.controls.map((c) => c.id));
    }
    expect(standingsOf(ja, 1)).toEqual([
      ['LG-1.1', '未回答・未確認'],
      ['LG-1.2', '一部適合'],
    ]);
    expect(standingsOf(ja, 2)).toEqual([['LG-2.6', '不適合']]);
    expect(standingsOf(ja, 3)).toEqual([['LG-3.5', '適合']]);
    expect(standingsOf(ja, 4)).toEqual([['LG-4.1', '対象外']]);
    expect(standingsOf(ja, 5)).toEqual([]);
    expect(ja).toContain('この領域の管理策はありません。');
  });

  it('never words an unanswered question as compliant', () => {
    const row = /<tr id="LG-1\.1">([\s\S]*?)<\/tr>/.exec(ja)![1]!;
    expect(row).toContain('回答：はい（kikan-answers.yaml:12）');
    expect(row).toContain('q2 [未回答・未確認]');
    expect(row).toContain('回答：なし');
    expect(row).toContain('未確認の理由：未回答です');
    expect(row).toContain('q3 [未回答・未確認]');
    expect(row).toContain('回答：なし（kikan-answers.yaml:31）');
    expect(row).toContain('LG-1.1.q2 が未回答です');
  });

  it('shows evidence: file:line, live resource IDs, waivers with reason and expiry, inheritance, documents', () => {
    expect(ja).toContain('[不適合] envs/prod/main.tf:10 aws_s3_bucket.juminhyo_export');
    expect(ja).toContain('arn:aws:ec2:ap-northeast-1:123456789012:subnet/subnet-0abc');
    expect(ja).toContain('例外（ポリシーファイル）：理由：夜間バッチ専用、閉域接続／承認者：CISO 山田／期限：令和9年3月31日（2027年3月31日）');
    // The inline waiver expired before the attestation was built.
    expect(ja).toContain('期限：令和8年3月31日（2026年3月31日）（作成日時点で期限切れ）');
    expect(ja).toContain('継承の根拠：ガバメントクラウド共通基盤 ログ保管 仕様書 v3 §4.2');
    expect(ja).toContain('資料（q1）：責任分界表 第2版、令和8年4月1日（2026年4月1日）、https://example.jp/docs/matrix.pdf');
    expect(ja).toContain('回答：令和8年5月20日（2026年5月20日）');
    // An unknown names what would settle it; a baseline failure and a tenant are marked.
    expect(ja).toContain('判定に必要な入力：var.backup_days、live scan');
    expect(ja).toContain('ベースラインに記録済みの不適合');
    expect(ja).toContain('テナント：tenant-07');
  });

  it('lists a few findings per control and every finding in appendix A', () => {
    const big = renderHtml(sampleAttestation({ manyFindings: 40 }), 'ja');
    const row = /<tr id="LG-2\.6">([\s\S]*?)<\/tr>/.exec(big)![1]!;
    expect(row).toContain('ほか 38 件（付録A）');
    const appendix = /<section class="appendix" id="appendix-evidence">([\s\S]*?)<\/section>/.exec(big)![1]!;
    expect(appendix.match(/<tr><td>LG-2\.6<\/td>/g)).toHaveLength(43);
    // Failures come first, ordered by file with numbers read as numbers.
    expect(appendix.indexOf('envs/bulk/b2.tf:3')).toBeLessThan(appendix.indexOf('envs/bulk/b10.tf:11'));
    expect(appendix.indexOf('<td>適合</td>')).toBeGreaterThan(appendix.indexOf('envs/bulk/b39.tf:40'));
  });

  it('lists every input with its SHA-256 in the integrity appendix, and says which have none', () => {
    const appendix = /<section class="appendix" id="appendix-integrity">([\s\S]*?)<\/section>/.exec(ja)![1]!;
    for (const scan of att.scans) {
      for (const input of scan.inputs) {
        expect(appendix).toContain(escapeHtml(input.file));
        if (input.sha256) expect(appendix).toContain(input.sha256);
      }
    }
    expect(appendix).toContain(`<td>${escapeHtml('envs/<odd>&name.tf')}</td><td>terraform</td><td class="hash">（記録なし）</td>`);
    expect(appendix).toContain('入力パスの基準：infra');
    // Documents given as files with their SHA-256; a URL-only document has none to give.
    expect(appendix).toContain(`<td>LG-1.2.q1</td><td>${escapeHtml('+監査報告書 2025年度、docs/audit-2025.pdf')}</td><td class="hash">${'f'.repeat(64)}</td>`);
    expect(appendix).toContain('<td class="hash">—（ファイルなし）</td>');
    expect(appendix).not.toContain('電子署名');
    const signed = renderHtml({ ...att, signature: { algorithm: 'Ed25519', publicKeySha256: '9'.repeat(64) } }, 'ja');
    expect(signed).toContain(`Ed25519（各ファイルの .sig、公開鍵の SHA-256 ${'9'.repeat(64)}）`);
  });

  it('escapes everything the vendor wrote', () => {
    const hostile = sampleAttestation();
    hostile.header.municipality.name = '</title><script>alert(1)</script>';
    hostile.header.system = '<img src=x onerror=alert(2)>';
    hostile.areas[0]!.controls[0]!.id = 'LG-1.1" onmouseover="alert(3)';
    const doc = renderHtml(hostile, 'ja');
    expect(doc).not.toMatch(/<script/i);
    expect(doc).not.toMatch(/<img/i);
    expect(doc).not.toContain('onmouseover="');
    expect(doc).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;');
    expect(doc).toContain('<title>情報セキュリティ対策 自己点検結果報告書 — &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
  });

  it('is self-contained and prints on A4 with areas on new pages and repeated table headers', () => {
    expect(ja).not.toMatch(/<(script|link|img|iframe|object)\b/i);
    expect(ja).not.toMatch(/\bsrc=|url\(|@import/i);
    expect(ja).toMatch(/@page\s*\{[^}]*size:\s*A4/);
    expect(ja).toMatch(/thead\s*\{\s*display:\s*table-header-group/);
    expect(ja).toMatch(/tr, th, td\s*\{[^}]*break-inside:\s*avoid/);
  });

  it('writes English with --lang en', () => {
    const en = renderHtml(att, 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('28 November 2026 (Reiwa 8)');
    expect(en).toContain('1 April 2026 (Reiwa 8) to 31 March 2027 (Reiwa 9)');
    expect(standingsOf(en, 1)).toEqual([
      ['LG-1.1', 'open (unanswered or unchecked)'],
      ['LG-1.2', 'partly compliant'],
    ]);
    expect(en).not.toContain('未回答・未確認');
    expect(en).toContain('<dd>みどり市 (code 131016)</dd>');
    expect(en).toContain('fail (fail 1, suppressed 1, pass 1)');
  });

  it('says when there is no scan at all, and still renders every area', () => {
    const answersOnly = sampleAttestation();
    answersOnly.scans = [];
    for (const area of answersOnly.areas) for (const c of area.controls) delete c.code;
    const doc = renderHtml(answersOnly, 'ja');
    expect(doc).toContain('コード・稼働環境の検査結果が含まれていません。');
    expect(doc).toContain('<dd>なし（回答のみ）</dd>');
    expect(doc).toContain('検査結果はありません。');
    expect(doc).toContain('入力ファイル（0 件）');
    expect(doc.match(/<section class="area"/g)).toHaveLength(8);
  });

  it('shows a date the vendor wrote badly as written, marked, instead of failing', () => {
    const odd = sampleAttestation();
    odd.header.period = { from: '令和8年4月1日', to: '2027-02-30' };
    const doc = renderHtml(odd, 'ja');
    expect(doc).toContain('令和8年4月1日（日付として読めません） 〜 2027-02-30（日付として読めません）');
  });
});

describe(`renderHtml in headless chromium${chromiumSkipNote}`, () => {
  it.skipIf(!hasChromium)('prints to an A4 PDF: cover, summary, one page or more per area, appendices', () => {
    const att = sampleAttestation({ tenant: 'tenant-07' });
    const sizes = pdfPageSizes(printToPdf(renderHtml(att, 'ja')));
    // cover + summary + 8 areas + 2 appendices, each starting a page.
    expect(sizes.length).toBeGreaterThanOrEqual(12);
    // A4 is 595.28 × 841.89 pt (Letter 612 × 792); chromium rounds to its own device units.
    for (const { width, height } of sizes) {
      expect(Math.abs(Math.min(width, height) - 595.28)).toBeLessThan(3);
      expect(Math.abs(Math.max(width, height) - 841.89)).toBeLessThan(3);
    }
    // The cover is portrait, the area tables landscape.
    expect(sizes[0]!.height).toBeGreaterThan(sizes[0]!.width);
    expect(sizes[2]!.width).toBeGreaterThan(sizes[2]!.height);
  });

  it.skipIf(!hasChromium)('renders the vendor’s markup as text, not as elements', () => {
    const dom = dumpDom(renderHtml(sampleAttestation(), 'ja'));
    expect(dom).not.toMatch(/<script/i);
    expect(dom).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
    expect(dom.match(/<section class="area"/g)).toHaveLength(8);
    expect(dom).toContain('未回答・未確認');
  });
});
