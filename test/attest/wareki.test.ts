import { describe, expect, it } from 'vitest';
import { formatWareki, parseCalendarDate, toWareki } from '../../src/attest/wareki.js';

describe('formatWareki (ja)', () => {
  it('writes the era date with the Western date beside', () => {
    expect(formatWareki('2026-11-28')).toBe('令和8年11月28日（2026年11月28日）');
  });

  it.each([
    // [day before, its 和暦, first day of the new era, its 和暦]
    ['2019-04-30', '平成31年4月30日（2019年4月30日）', '2019-05-01', '令和元年5月1日（2019年5月1日）'],
    ['1989-01-07', '昭和64年1月7日（1989年1月7日）', '1989-01-08', '平成元年1月8日（1989年1月8日）'],
    ['1926-12-24', '大正15年12月24日（1926年12月24日）', '1926-12-25', '昭和元年12月25日（1926年12月25日）'],
    ['1912-07-29', '明治45年7月29日（1912年7月29日）', '1912-07-30', '大正元年7月30日（1912年7月30日）'],
  ])('era boundary: %s / %s', (before, beforeJa, first, firstJa) => {
    expect(formatWareki(before)).toBe(beforeJa);
    expect(formatWareki(first)).toBe(firstJa);
  });

  it('counts the second year of an era as 2, not 元', () => {
    expect(formatWareki('2020-01-01')).toBe('令和2年1月1日（2020年1月1日）');
    expect(formatWareki('1990-01-07')).toBe('平成2年1月7日（1990年1月7日）');
  });

  it('starts 和暦 on the Gregorian adoption day 1873-01-01 and gives earlier days in the Western form only', () => {
    expect(formatWareki('1873-01-01')).toBe('明治6年1月1日（1873年1月1日）');
    // Lunisolar calendar still in force: no era date rather than a wrong one.
    expect(formatWareki('1872-12-31')).toBe('1872年12月31日');
    expect(formatWareki('1868-01-25')).toBe('1868年1月25日');
    expect(toWareki({ year: 1872, month: 12, day: 31 })).toBeUndefined();
  });

  it('handles leap days', () => {
    expect(formatWareki('2024-02-29')).toBe('令和6年2月29日（2024年2月29日）');
    expect(() => formatWareki('2026-02-29')).toThrow(RangeError);
    expect(formatWareki('2000-02-29')).toBe('平成12年2月29日（2000年2月29日）');
    expect(() => formatWareki('1900-02-29')).toThrow(RangeError);
  });
});

describe('formatWareki (en)', () => {
  it('writes the Western date with the era year beside', () => {
    expect(formatWareki('2026-11-28', 'en')).toBe('28 November 2026 (Reiwa 8)');
    expect(formatWareki('2019-05-01', 'en')).toBe('1 May 2019 (Reiwa 1)');
    expect(formatWareki('2019-04-30', 'en')).toBe('30 April 2019 (Heisei 31)');
    expect(formatWareki('1926-12-25', 'en')).toBe('25 December 1926 (Showa 1)');
    expect(formatWareki('1912-07-29', 'en')).toBe('29 July 1912 (Meiji 45)');
    expect(formatWareki('1872-12-31', 'en')).toBe('31 December 1872');
  });
});

describe('parseCalendarDate', () => {
  it('reads a date-time as the day it was in Japan (UTC+9)', () => {
    // 15:00Z is midnight in Tokyo: the next day there.
    expect(parseCalendarDate('2026-11-28T14:59:59Z')).toEqual({ year: 2026, month: 11, day: 28 });
    expect(parseCalendarDate('2026-11-28T15:00:00Z')).toEqual({ year: 2026, month: 11, day: 29 });
    expect(parseCalendarDate('2026-11-28T00:30:00+09:00')).toEqual({ year: 2026, month: 11, day: 28 });
    expect(parseCalendarDate('2026-12-31T23:00:00.123-05:00')).toEqual({ year: 2027, month: 1, day: 1 });
    // The Heisei/Reiwa switch seen from UTC: 2019-04-30T15:00Z is already Reiwa in Japan.
    expect(formatWareki('2019-04-30T15:00:00Z')).toBe('令和元年5月1日（2019年5月1日）');
  });

  it.each(['', '2026/11/28', '2026-13-01', '2026-04-31', '0000-01-01', '2026-11-28T10:00:00', '2026-11-28T25:00:00Z', 'R8.11.28', '2026-11-28 extra'])(
    'rejects %j',
    (text) => {
      expect(parseCalendarDate(text)).toBeUndefined();
      expect(() => formatWareki(text)).toThrow(RangeError);
    },
  );
});
