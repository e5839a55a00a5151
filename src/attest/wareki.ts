// Japanese era dates (和暦) with the Western date beside, for the attestation
// cover. Pure arithmetic on a fixed era table: Intl's Japanese calendar
// depends on the ICU data the Node build ships, so it is not used.
//
// Meiji formally starts on 1868-01-25 (Keiō 4/1/1 of the old calendar, to
// which the era was applied retroactively), but until 1872-12-31 Japan
// counted months and years in the lunisolar calendar, so a Gregorian day of
// 1868–1872 has a different month, day and sometimes year in 和暦. Without a
// lunisolar table we would be guessing, so 和暦 starts with the adoption of the
// Gregorian calendar on 1873-01-01 (明治6年1月1日); earlier dates are given in
// the Western form only.
import type { Lang } from '../report/lang.js';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface Era {
  ja: string;
  en: string;
  /** First day of the era (Gregorian). */
  start: CalendarDate;
}

/** Newest first. */
const ERAS: readonly Era[] = [
  { ja: '令和', en: 'Reiwa', start: { year: 2019, month: 5, day: 1 } },
  { ja: '平成', en: 'Heisei', start: { year: 1989, month: 1, day: 8 } },
  { ja: '昭和', en: 'Showa', start: { year: 1926, month: 12, day: 25 } },
  { ja: '大正', en: 'Taisho', start: { year: 1912, month: 7, day: 30 } },
  { ja: '明治', en: 'Meiji', start: { year: 1868, month: 1, day: 25 } },
];

/** The first day 和暦 and the Gregorian calendar share month and day. */
const GREGORIAN_ADOPTION: CalendarDate = { year: 1873, month: 1, day: 1 };

export interface WarekiDate {
  era: Era;
  /** 1 for the era's first year (元年). */
  eraYear: number;
  month: number;
  day: number;
}

const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function validDate(year: number, month: number, day: number): CalendarDate | undefined {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * An ISO date (`2026-11-28`) as written, or an ISO date-time with a zone
 * (`2026-11-28T20:00:00Z`) as the day it was in Japan (UTC+9, no DST):
 * the municipality reads the date on its own calendar. Undefined for
 * anything else, including impossible days and times without a zone.
 */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) return validDate(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) return undefined;
  if (!validDate(Number(dateTime[1]), Number(dateTime[2]), Number(dateTime[3]))) return undefined;
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) return undefined;
  const inJapan = new Date(instant + JAPAN_OFFSET_MS);
  return { year: inJapan.getUTCFullYear(), month: inJapan.getUTCMonth() + 1, day: inJapan.getUTCDate() };
}

/** Negative when a is before b, 0 on the same day. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The 和暦 of a Gregorian date; undefined before 1873-01-01 (see the file comment). */
export function toWareki(date: CalendarDate): WarekiDate | undefined {
  if (compareDates(date, GREGORIAN_ADOPTION) < 0) return undefined;
  const era = ERAS.find((e) => compareDates(date, e.start) >= 0);
  if (!era) return undefined;
  return { era, eraYear: date.year - era.start.year + 1, month: date.month, day: date.day };
}

function westernJa(date: CalendarDate): string {
  return `${date.year}年${date.month}月${date.day}日`;
}

function westernEn(date: CalendarDate): string {
  return `${date.day} ${MONTHS_EN[date.month - 1]} ${date.year}`;
}

/** `令和8年11月28日（2026年11月28日）` / `28 November 2026 (Reiwa 8)`. */
export function formatCalendarDate(date: CalendarDate, lang: Lang): string {
  const wareki = toWareki(date);
  if (lang === 'en') return wareki ? `${westernEn(date)} (${wareki.era.en} ${wareki.eraYear})` : westernEn(date);
  if (!wareki) return westernJa(date);
  const year = wareki.eraYear === 1 ? '元' : String(wareki.eraYear);
  return `${wareki.era.ja}${year}年${wareki.month}月${wareki.day}日（${westernJa(date)}）`;
}

/** Formats an ISO date or date-time (see parseCalendarDate); throws RangeError for anything else. */
export function formatWareki(text: string, lang: Lang = 'ja'): string {
  const date = parseCalendarDate(text);
  if (!date) throw new RangeError(`not an ISO date: ${JSON.stringify(text)}`);
  return formatCalendarDate(date, lang);
}
