/**
 * Calendar dates as 'YYYY-MM-DD' strings.
 *
 * Deadlines and display periods are about calendar days in China, not instants. Passing strings
 * around (and doing arithmetic on UTC midnights internally) means no server timezone, DST rule or
 * `new Date('2026-10-01')` parsing quirk can shift a date by one day.
 */

import { invalid } from '../errors.js';

/** A calendar date written as 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** China Standard Time is UTC+8 all year; the PRC has not observed daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** True when `value` is a real calendar date in 'YYYY-MM-DD' form (e.g. not '2026-02-30'). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Throws DomainError ('invalid', a 4xx for the HTTP layer) naming `what` unless `value` is a valid 'YYYY-MM-DD' date. */
export function assertIsoDate(value: unknown, what = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw invalid(`${what} must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

/** Number of days in a month (1–12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtcMs(date: IsoDate): number {
  assertIsoDate(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` calendar days after (or, if negative, before) `date`. */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw invalid(`days must be an integer, got ${days}`);
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** The year of a 'YYYY-MM-DD' date. */
export function yearOf(date: IsoDate): number {
  assertIsoDate(date);
  return Number(date.slice(0, 4));
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  assertIsoDate(a);
  assertIsoDate(b);
  // Zero-padded ISO dates sort lexicographically in calendar order.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The end of a period of `months` months that starts on `start`, by 民法典 Art. 201–202: the
 * start day itself is not counted, the period ends on the corresponding day of the last month,
 * and where that month has no corresponding day (31 Jan + 1 month) it ends on the month's last day.
 */
export function addMonthsClamped(start: IsoDate, months: number): IsoDate {
  assertIsoDate(start, 'start');
  if (!Number.isInteger(months) || months < 0) {
    throw invalid(`months must be a non-negative integer, got ${months}`);
  }
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  const day = Number(start.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
}

/** Calendar date in China (Asia/Shanghai, UTC+8) at the instant `now`. */
export function todayInShanghai(now: Date): IsoDate {
  return fromUtcMs(now.getTime() + SHANGHAI_OFFSET_MS);
}
