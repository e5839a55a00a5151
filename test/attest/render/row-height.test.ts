import { describe, expect, it } from 'vitest';
import { displayWidth, MAX_ROW_HEIGHT, rowHeight, wrappedLines } from '../../../src/attest/render/row-height.js';

describe('row heights for wrapped text', () => {
  it('counts Japanese (wide) characters as a little over two column units', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('適合')).toBeCloseTo(4.2);
    expect(displayWidth('ＡＢ（全角）')).toBeCloseTo(12.6);
    // One character outside the BMP, not two halves.
    expect(displayWidth('𠮷野家')).toBeCloseTo(6.3);
    expect(displayWidth('a適b')).toBeCloseTo(4.1);
  });

  it('wraps each line of a cell at the column width', () => {
    expect(wrappedLines('short', 20)).toBe(1);
    expect(wrappedLines('', 20)).toBe(1);
    expect(wrappedLines('a\nb\nc', 20)).toBe(3);
    // 19 wide characters = 39.9 units in a 21.5-unit column (20 usable): two lines; 20 need three.
    expect(wrappedLines('あ'.repeat(19), 21.5)).toBe(2);
    expect(wrappedLines('あ'.repeat(20), 21.5)).toBe(3);
  });

  it('stores no height for one-line rows, the tallest cell otherwise, never beyond Excel’s limit', () => {
    expect(rowHeight([{ text: 'LG-1.1', width: 10 }, { text: '適合', width: 12 }])).toBeUndefined();
    const two = rowHeight([{ text: 'a\nb', width: 10 }, { text: 'x', width: 10 }])!;
    const four = rowHeight([{ text: 'a\nb', width: 10 }, { text: '1\n2\n3\n4', width: 10 }])!;
    expect(four).toBeGreaterThan(two);
    // Room for Japanese Excel's 18.75 pt lines.
    expect(two).toBeGreaterThanOrEqual(2 * 18.75);
    expect(four).toBeGreaterThanOrEqual(4 * 18.75);
    expect(rowHeight([{ text: 'あ'.repeat(40_000), width: 44 }])).toBe(MAX_ROW_HEIGHT);
  });
});
