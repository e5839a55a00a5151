import { describe, expect, it } from 'vitest';
import { displayWidth, MAX_ROW_HEIGHT, rowHeight, wrappedLines } from '../../../src/attest/render/row-height.js';

describe('row heights for wrapped text', () => {
  it('counts Japanese (wide) characters as two column units', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('適合')).toBe(4);
    expect(displayWidth('ＡＢ（全角）')).toBe(12);
    expect(displayWidth('𠮷野家')).toBe(6);
  });

  it('wraps each line of a cell at the column width', () => {
    expect(wrappedLines('short', 20)).toBe(1);
    expect(wrappedLines('', 20)).toBe(1);
    expect(wrappedLines('a\nb\nc', 20)).toBe(3);
    // 20 wide characters = 40 units in a 21.5-unit column (20 usable): two lines.
    expect(wrappedLines('あ'.repeat(20), 21.5)).toBe(2);
    expect(wrappedLines('あ'.repeat(21), 21.5)).toBe(3);
  });

  it('stores no height for one-line rows, the tallest cell otherwise, never beyond Excel’s limit', () => {
    expect(rowHeight([{ text: 'LG-1.1', width: 10 }, { text: '適合', width: 12 }])).toBeUndefined();
    const two = rowHeight([{ text: 'a\nb', width: 10 }, { text: 'x', width: 10 }])!;
    const four = rowHeight([{ text: 'a\nb', width: 10 }, { text: '1\n2\n3\n4', width: 10 }])!;
    expect(four).toBeGreaterThan(two);
    expect(two).toBeGreaterThanOrEqual(30);
    expect(rowHeight([{ text: 'あ'.repeat(40_000), width: 44 }])).toBe(MAX_ROW_HEIGHT);
  });
});
