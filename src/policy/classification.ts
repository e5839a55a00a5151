// 機密性 levels as tags and the policy file write them: `3`, `機密性3`,
// `機密性３` (full-width digit), `3` as a number.

export type Classification = 1 | 2 | 3;

const FULL_WIDTH_DIGITS = /[０-９]/g;

export function parseClassification(value: string | number): Classification | undefined {
  const text = String(value)
    .trim()
    .replace(FULL_WIDTH_DIGITS, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/^機密性\s*/, '');
  if (text === '1' || text === '2' || text === '3') return Number(text) as Classification;
  return undefined;
}
