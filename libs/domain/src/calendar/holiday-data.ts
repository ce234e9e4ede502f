import type { IsoDate } from './iso-date.js';

/**
 * One year's official arrangement (the State Council's 部分节假日安排 notice): the days off that are
 * not ordinary weekends-only, and the weekend days that are working days (调休 make-up days).
 */
export interface YearHolidayArrangement {
  /** Days off by the arrangement (statutory holidays and the weekdays swapped into them). */
  readonly holidays: readonly IsoDate[];
  /** Saturdays or Sundays that are working days (调休 上班). */
  readonly workdays: readonly IsoDate[];
  /** Where the dates come from, e.g. the notice's 文号 or URL. Informational only. */
  readonly source?: string;
}

/** Arrangements keyed by year. */
export type HolidayArrangements = ReadonlyMap<number, YearHolidayArrangement>;
