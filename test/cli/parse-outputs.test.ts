import { describe, expect, it } from 'vitest';
import { parseOutputs } from '../../src/cli/parse-outputs.js';
import { REPORT_FORMATS } from '../../src/report/render.js';

describe('--output', () => {
  it('takes FORMAT=FILE', () => {
    expect(parseOutputs(['sarif=out/kikan.sarif', 'csv=a=b.csv'], REPORT_FORMATS)).toEqual([
      { format: 'sarif', file: 'out/kikan.sarif' },
      { format: 'csv', file: 'a=b.csv' },
    ]);
  });
  it.each([
    ['report.json', 'json'],
    ['REPORT.SARIF', 'sarif'],
    ['kikan.sarif.json', 'sarif'],
    ['junit.xml', 'junit'],
    ['pr.md', 'markdown'],
    ['out/findings.csv', 'csv'],
    ['report.txt', 'text'],
    ['dir=x/report.json', 'json'],
  ])('takes a bare file %s as %s from its extension', (file, format) => {
    expect(parseOutputs([file], REPORT_FORMATS)).toEqual([{ format, file }]);
  });
  it.each([['json'], ['report.html'], ['sarif=']])('refuses %s, naming the flag', (v) => {
    expect(() => parseOutputs([v], REPORT_FORMATS)).toThrow(/--output/);
  });
});
