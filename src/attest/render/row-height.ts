// Row heights for wrapped text. Excel fits rows without a stored height when
// it opens a file, but LibreOffice and other readers keep them one line high
// and the text overlaps; so the workbook stores an estimate, a little generous
// rather than short (extra space is harmless, cut text is not).

/**
 * Points per wrapped line: Japanese Excel lays 11 pt Japanese text out at
 * 18.75 pt a line (LibreOffice tighter), and a cut line is worse than space.
 */
const LINE_HEIGHT = 18.75;
/** An 11 pt full-width glyph (14.7 px) in digit widths of 11 pt Calibri (7 px). */
const WIDE_GLYPH = 2.1;
const PADDING = 4;
/** Excel's largest row height. */
export const MAX_ROW_HEIGHT = 409;

/** East Asian wide and fullwidth characters take about two digit widths of a column (WIDE_GLYPH). */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Width of a text in column units (the width of a digit). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? WIDE_GLYPH : 1;
  return width;
}

/** Lines a text takes when wrapped in a column `width` units wide. */
export function wrappedLines(text: string, width: number): number {
  // Cell padding and word breaks leave a little less than the full width.
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/** Height in points for a row of wrapped cells; undefined when one line is enough. */
export function rowHeight(cells: { text: string; width: number }[]): number | undefined {
  const lines = Math.max(1, ...cells.map((c) => wrappedLines(c.text, c.width)));
  if (lines === 1) return undefined;
  return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + PADDING);
}
