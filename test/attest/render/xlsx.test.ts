import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx, spreadsheetText } from '../../../src/attest/render/xlsx.js';
import type { Attestation } from '../../../src/attest/attestation.js';
import { finding, sampleAttestation } from './sample-attestation.js';

async function load(att: Attestation, lang: 'ja' | 'en' = 'ja'): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(att, lang)) as unknown as ExcelJS.Buffer);
  return wb;
}

function text(cell: ExcelJS.Cell): string {
  return cell.value === null || cell.value === undefined ? '' : String(cell.value);
}

/** The rows under a header row, as header → text, until the first empty row. */
function table(ws: ExcelJS.Worksheet, headerRow: number): Record<string, string>[] {
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) break;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, text(row.getCell(i + 1))])));
  }
  return rows;
}

describe('renderXlsx', () => {
  const att = sampleAttestation({ tenant: 'tenant-07', manyFindings: 25 });

  it('has a summary sheet, one sheet per area and an evidence sheet, with valid names', async () => {
    const wb = await load(att);
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names[0]).toBe('概要');
    expect(names.at(-1)).toBe('証跡');
    expect(names.slice(1, -1)).toEqual([
      '領域1 組織体制',
      '領域2 情報資産の分類と管理',
      '領域3 情報システム全体の強靭性の向上',
      '領域4 物理的セキュリティ',
      '領域5 人的セキュリティ',
      '領域6 技術的セキュリティ',
      '領域7 運用',
      '領域8 業務委託と外部サービスの利用',
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it('makes sheet names Excel accepts from any area title, and keeps them unique', async () => {
    const odd = sampleAttestation();
    odd.areas[0]!.title = { ja: "'[試験]: a/b\\c*d?e 長い長い長い長い長い長い長い長い長い長い長い", en: 'x' };
    odd.areas[1]!.title = odd.areas[0]!.title;
    odd.areas[1]!.area = 1;
    // A character outside the BMP where the name is cut: never half of it.
    odd.areas[2]!.title = { ja: `${'あ'.repeat(26)}𠮷`, en: 'x' };
    const wb = await load(odd);
    expect(wb.worksheets[3]!.name).toBe(`領域3 ${'あ'.repeat(26)}`);
    const names = wb.worksheets.map((ws) => ws.name);
    // Forbidden characters become ・, apostrophes ’, the name is cut to 31, the second gets a number.
    expect(names[1]).toBe('領域1 ’・試験・・ a・b・c・d・e 長い長い長い長い長い');
    expect(names[1]).toHaveLength(31);
    expect(names[2]).toBe('領域1 ’・試験・・ a・b・c・d・e 長い長い長い (2)');
    expect(names[2]).toHaveLength(31);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    // Both sheets keep their own rows and print titles that name them.
    expect(table(wb.worksheets[2]!, 2).map((r) => r['管理策ID'])).toEqual(['LG-2.6']);
    expect(wb.worksheets[2]!.pageSetup.printTitlesRow).toBe('1:2');
  });

  it('has one row per control with the right status words, and open never reads as compliant', async () => {
    const wb = await load(att);
    for (const area of att.areas) {
      const ws = wb.worksheets[area.area]!;
      const rows = table(ws, 2);
      expect(rows.map((r) => r['管理策ID'])).toEqual(area.controls.map((c) => c.id));
    }
    const area1 = table(wb.worksheets[1]!, 2);
    expect(area1.map((r) => [r['管理策ID'], r['判定'], r['回答状況']])).toEqual([
      ['LG-1.1', '未回答・未確認', '未回答・未確認 2、適合 1（全 3 問）'],
      ['LG-1.2', '一部適合', '一部適合 1（全 1 問）'],
    ]);
    expect(area1[0]!['質問と回答']).toContain('q2 [未回答・未確認]');
    expect(area1[0]!['質問と回答']).toContain('回答：なし');
    expect(area1[0]!['質問と回答']).toContain('回答：なし（kikan-answers.yaml:31）');
    expect(area1[0]!['未対応事項']).toBe('・LG-1.1.q2 が未回答です\n・LG-1.1.q3 が未回答です');
    const standings = att.areas.flatMap((a) => table(wb.worksheets[a.area]!, 2).map((r) => r['判定']));
    expect(new Set(standings)).toEqual(new Set(['適合', '不適合', '一部適合', '未回答・未確認', '対象外']));
    const area2 = table(wb.worksheets[2]!, 2)[0]!;
    expect(area2['コード・稼働環境の検査']).toBe('不適合（不適合 26、除外 1、適合 1）');
    // Eight findings, failures first, without their messages (those are on the evidence sheet).
    expect(area2['証跡'].split('\n').slice(0, 3)).toEqual([
      '[不適合] envs/bulk/b0.tf:1 aws_s3_bucket.bulk_0',
      '[不適合] envs/bulk/b1.tf:2 aws_s3_bucket.bulk_1',
      '[不適合] envs/bulk/b2.tf:3 aws_s3_bucket.bulk_2',
    ]);
    expect(area2['証跡']).toContain('ほか 20 件（証跡シート）');
    // The shortened list fits under Excel's 409 pt row limit, so nothing is cut.
    expect(wb.worksheets[2]!.getRow(3).height).toBeLessThan(409);
  });

  it('puts every finding, document and input hash on the evidence sheet', async () => {
    const wb = await load(att);
    const rows = table(wb.getWorksheet('証跡')!, 1);
    const findings = att.areas.flatMap((a) => a.controls).flatMap((c) => c.code?.findings ?? []);
    expect(rows.filter((r) => r['区分'] === '検査結果')).toHaveLength(findings.length);
    const inputs = att.scans.flatMap((s) => s.inputs);
    const inputRows = rows.filter((r) => r['区分'] === '入力ファイル');
    expect(inputRows.map((r) => [r['ファイル'], r['SHA-256']])).toEqual(inputs.map((i) => [i.file, i.sha256 ?? '（記録なし）']));
    expect(rows.find((r) => r['区分'] === '回答ファイル')!['SHA-256']).toBe(att.answers.sha256);
    const waived = rows.find((r) => r['リソース'] === 'azurerm_mssql_server.batch')!;
    expect(waived['結果']).toBe('承認済み例外');
    expect(waived['例外・継承・補足']).toBe('例外（ポリシーファイル）：理由：夜間バッチ専用、閉域接続／承認者：CISO 山田／期限：令和9年3月31日（2027年3月31日）');
    const unknown = rows.find((r) => r['リソース'] === 'aws_backup_plan.daily')!;
    expect(unknown['結果']).toBe('判定不能');
    expect(unknown['例外・継承・補足']).toBe('判定に必要な入力：var.backup_days、live scan');
    expect(rows.find((r) => r['リソース'] === 'aws_s3_bucket.juminhyo_export')!['例外・継承・補足']).toBe('ベースラインに記録済みの不適合\nテナント：tenant-07');
    const documents = rows.filter((r) => r['区分'] === '提出資料');
    expect(documents.map((r) => r['SHA-256'])).toEqual(['', 'f'.repeat(64), '']);
    const live = rows.find((r) => r['リソース'].startsWith('arn:aws:ec2'))!;
    expect(live['ファイル']).toBe('');
    expect(rows.filter((r) => r['区分'] === '提出資料').map((r) => r['範囲・検査・質問'])).toEqual(['LG-1.1.q1', 'LG-1.2.q1', 'LG-7.1.q2']);
    // Areas and line numbers are numbers, so they sort and filter as numbers.
    const ws = wb.getWorksheet('証跡')!;
    const firstFinding = ws.getRow(rows.findIndex((r) => r['区分'] === '検査結果') + 2);
    expect(typeof firstFinding.getCell(2).value).toBe('number');
    expect(typeof firstFinding.getCell(7).value).toBe('number');
  });

  it('sets filters, widths, frozen headers and A4 landscape fit-to-width print setup with repeated headers', async () => {
    const wb = await load(att);
    for (const ws of wb.worksheets.slice(1)) {
      const headerRow = ws.name === '証跡' ? 1 : 2;
      const lastColumn = ws.getRow(headerRow).cellCount;
      expect(ws.autoFilter).toBeDefined();
      expect(String(ws.autoFilter)).toMatch(new RegExp(`^A${headerRow}:[A-Z]+\\d+$`));
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printTitlesRow).toBe(headerRow === 1 ? '1:1' : '1:2');
      for (let c = 1; c <= lastColumn; c++) expect(ws.getColumn(c).width).toBeGreaterThan(5);
      if (table(ws, headerRow).length) expect(ws.getRow(headerRow + 1).getCell(2).alignment?.wrapText).toBe(true);
    }
    const summary = wb.worksheets[0]!;
    expect(summary.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(String(summary.autoFilter)).toMatch(/^A\d+:H\d+$/);
  });

  it('stores row heights so that wrapped text shows in readers that do not fit rows', async () => {
    const wb = await load(att);
    const area1 = wb.worksheets[1]!;
    // LG-1.1 has two questions with answers: many lines.
    expect(area1.getRow(3).height).toBeGreaterThan(100);
    const evidence = wb.getWorksheet('証跡')!;
    const inputRow = table(evidence, 1).findIndex((r) => r['区分'] === '入力ファイル') + 2;
    // A SHA-256 wraps to two lines in its column.
    expect(evidence.getRow(inputRow).height).toBeGreaterThanOrEqual(30);
  });

  it('summarises per area with the cover fields in 和暦', async () => {
    const wb = await load(att);
    const ws = wb.worksheets[0]!;
    const cover = new Map<string, string>();
    let r = 4;
    for (; text(ws.getRow(r).getCell(1)); r++) cover.set(text(ws.getRow(r).getCell(1)), text(ws.getRow(r).getCell(2)));
    expect(cover.get('提出先団体')).toBe('みどり市（団体コード 131016）');
    expect(cover.get('共同利用テナント')).toBe('tenant-07');
    expect(cover.get('作成日')).toBe('令和8年11月28日（2026年11月28日）');
    expect(cover.get('対象期間')).toBe('令和8年4月1日（2026年4月1日） 〜 令和9年3月31日（2027年3月31日）');
    expect(cover.get('注意')).toBeDefined();
    const headerRow = Number(/^A(\d+):/.exec(String(ws.autoFilter))![1]);
    const rows = table(ws, headerRow);
    expect(rows.slice(0, 8).map((row) => row['領域'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(rows[0]).toMatchObject({ 名称: '組織体制', 未回答・未確認: '1', 一部適合: '1', 計: '2' });
    expect(rows[8]).toMatchObject({ 領域: '合計', 不適合: String(att.summary.non_compliant), 計: '9' });
  });

  it('never writes a formula: text that starts like one gets an apostrophe', async () => {
    const hostile = sampleAttestation();
    hostile.header.vendor.name = '=cmd|\' /C calc\'!A0';
    hostile.header.municipality.tenant = '@SUM(1+1)';
    hostile.areas[1]!.controls[0]!.code!.findings.push(
      finding('fail', '=HYPERLINK("http://evil.example","x")', { message: { ja: '-2+3', en: '-2+3' }, location: { file: '+cmd.tf', line: 1 } }),
    );
    hostile.areas[0]!.controls[0]!.open.push({ ja: '＝全角の等号', en: '＝full-width' });
    const wb = await load(hostile);
    let strings = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeFalsy();
          if (typeof cell.value === 'string') {
            strings++;
            expect(cell.value).not.toMatch(/^[=+\-@\uff1d]/);
          }
        }),
      );
    }
    expect(strings).toBeGreaterThan(100);
    const evidence = table(wb.getWorksheet('証跡')!, 1);
    const row = evidence.find((r) => r['リソース'].includes('HYPERLINK'))!;
    expect(row['リソース']).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(row['内容']).toBe("'-2+3");
    expect(row['ファイル']).toBe("'+cmd.tf");
    const summary = wb.worksheets[0]!;
    const values = summary.getColumn(2).values.filter((v) => v !== undefined).map(String);
    expect(values).toContain("'=cmd|' /C calc'!A0（識別子 V-0042）");
    expect(values).toContain("'@SUM(1+1)");
  });

  it('keeps characters XML cannot carry and overlong text from breaking the file', async () => {
    const odd = sampleAttestation();
    odd.areas[0]!.controls[0]!.questions[0]!.answer!.explanation = `bell\u0007 and NUL\u0000 and lone \ud800 surrogate`;
    odd.areas[7]!.controls[0]!.questions[0]!.answer!.explanation = 'あ'.repeat(40_000);
    const wb = await load(odd);
    const area1 = table(wb.worksheets[1]!, 2)[0]!;
    expect(area1['質問と回答']).toContain('bell\ufffd and NUL\ufffd and lone \ufffd surrogate');
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    // Both parities, so that one of them puts the cut inside a surrogate pair.
    for (const lead of ['', 'a']) {
      const cutInPair = sampleAttestation();
      cutInPair.areas[7]!.controls[0]!.questions[0]!.answer!.explanation = lead + '𠮷'.repeat(20_000);
      const pairCell = table((await load(cutInPair)).worksheets[8]!, 2)[0]!['質問と回答'];
      expect(pairCell.length).toBeLessThanOrEqual(32_767);
      // Half a pair would reach the reader as U+FFFD (or a lone surrogate).
      expect(pairCell).not.toMatch(lone);
      expect(pairCell).not.toContain('\ufffd');
    }
    const area8 = table(wb.worksheets[8]!, 2)[0]!;
    expect(area8['質問と回答'].length).toBeLessThanOrEqual(32_767);
    expect(area8['質問と回答']).toMatch(/以下 \d+ 文字中の残りを省略）$/);
  });

  it('keeps characters outside the BMP (𠮷) intact wherever they fall in a large workbook', async () => {
    const big = sampleAttestation();
    const findings = big.areas[1]!.controls[0]!.code!.findings;
    // Odd-length addresses so that some pair straddles every 16K-character block of the XML.
    for (let i = 0; i < 1500; i++) findings.push(finding('fail', `𠮷野家_${i}${'x'.repeat(i % 2)}`));
    const wb = await load(big);
    const addresses = table(wb.getWorksheet('証跡')!, 1)
      .map((r) => r['リソース'])
      .filter((a) => a.startsWith('𠮷'));
    expect(addresses).toHaveLength(1500);
    for (const address of addresses) expect(address).toMatch(/^𠮷野家_\d+x?$/);
    expect(new Set(addresses).size).toBe(1500);
    expect(addresses.every((a) => !a.includes('\ufffd'))).toBe(true);
  });

  it('keeps the answers file hash on the evidence sheet when there is no scan', async () => {
    const answersOnly = sampleAttestation();
    answersOnly.scans = [];
    for (const area of answersOnly.areas) for (const c of area.controls) delete c.code;
    const wb = await load(answersOnly);
    const rows = table(wb.getWorksheet('証跡')!, 1);
    expect(rows.map((r) => r['区分'])).toEqual(['提出資料', '提出資料', '提出資料', '回答ファイル']);
    expect(table(wb.worksheets[2]!, 2)[0]!['コード・稼働環境の検査']).toBe('—（質問票のみ）');
  });

  it('writes English headers and words with --lang en, and records kikan and the build time', async () => {
    const wb = await load(att, 'en');
    expect(wb.worksheets.map((ws) => ws.name)).toContain('Evidence');
    const area1 = table(wb.worksheets[1]!, 2);
    expect(area1.map((r) => [r['Control'], r['Standing']])).toEqual([
      ['LG-1.1', 'open (unanswered or unchecked)'],
      ['LG-1.2', 'partly compliant'],
    ]);
    expect(wb.worksheets.every((ws) => ws.name.length <= 31)).toBe(true);
    expect(wb.creator).toBe('kikan');
    expect(wb.created.toISOString()).toBe('2026-11-28T02:00:00.000Z');
  });
});

describe('spreadsheetText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+81-3-1234-5678', "'+81-3-1234-5678"],
    ['-', "'-"],
    ['@here', "'@here"],
    ['\tx', "'\tx"],
    ['＋全角', "'＋全角"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(spreadsheetText(input, 'ja')).toBe(expected);
  });
});
