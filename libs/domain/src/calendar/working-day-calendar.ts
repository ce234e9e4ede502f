import { invalid } from '../errors.js';
import type { HolidayArrangements } from './holiday-data.js';
import { HolidayOverridesError, NO_HOLIDAY_OVERRIDES, type HolidayOverrides } from './holiday-overrides.js';
import { addCalendarDays, assertIsoDate, compareIsoDates, isWeekend, yearOf, type IsoDate } from './iso-date.js';
import { packageHolidayArrangements } from './package-holiday-data.js';

/** A date computed from the calendar, and whether it rests on assumptions. */
export interface WorkingDayResult {
  readonly date: IsoDate;
  /**
   * True when some day counted lies in a year without an official arrangement (neither the
   * package nor the overrides know it): such days were treated as "Monday–Friday work", which
   * the State Council's notice for that year may still change.
   */
  readonly provisional: boolean;
}

/** Why a day is or is not a working day. */
export type DayKind = 'holiday' | 'make-up-workday' | 'weekend' | 'weekday';

/** One day as the calendar sees it. */
export interface DayInfo {
  readonly date: IsoDate;
  readonly working: boolean;
  readonly kind: DayKind;
  /** True when the day's year has no official arrangement, so `working` is a weekday guess. */
  readonly provisional: boolean;
}

/** Options for {@link WorkingDayCalendar}. */
export interface WorkingDayCalendarOptions {
  /** Official arrangements to start from; defaults to the `chinese-days` package data. */
  readonly base?: HolidayArrangements;
  /** The bureau's overrides, applied on top of `base` date by date. */
  readonly overrides?: HolidayOverrides;
}

// Deadlines are days to weeks; a bound keeps a typo (n = 1e9) from hanging a request.
const MAX_WORKING_DAYS = 3660;

/**
 * China's working-day calendar (工作日): Monday to Friday, except statutory holidays, plus the
 * weekend days the State Council declares working days (调休 上班).
 *
 * Immutable: {@link withOverrides} returns a new calendar, so a reloaded override file never
 * changes a calculation half-way through.
 *
 * Override semantics: a date listed in an override year's `holidays` is a day off and a date in
 * its `workdays` is a working day, whatever the package says; other dates keep the package's
 * answer. A year is "known" when the package covers it or the overrides list it.
 */
export class WorkingDayCalendar {
  private readonly daysOff = new Map<IsoDate, 'holiday'>();
  private readonly daysOn = new Set<IsoDate>();
  private readonly known: ReadonlySet<number>;

  constructor(private readonly options: WorkingDayCalendarOptions = {}) {
    const base = options.base ?? packageHolidayArrangements();
    const overrides = options.overrides ?? NO_HOLIDAY_OVERRIDES;
    for (const arrangement of base.values()) {
      for (const date of arrangement.holidays) this.daysOff.set(date, 'holiday');
      for (const date of arrangement.workdays) this.daysOn.add(date);
    }
    const problems: string[] = [];
    for (const [year, arrangement] of overrides.years) {
      if (!base.has(year) && arrangement.holidays.length === 0) {
        // Without a single holiday this cannot be a year's official arrangement.
        problems.push(`years.${year}: a year the package does not cover needs its full list of holidays`);
      }
      for (const date of arrangement.holidays) {
        this.daysOn.delete(date);
        this.daysOff.set(date, 'holiday');
      }
      for (const date of arrangement.workdays) {
        this.daysOff.delete(date);
        this.daysOn.add(date);
      }
    }
    if (problems.length > 0) throw new HolidayOverridesError(problems);
    this.known = new Set([...base.keys(), ...overrides.years.keys()]);
  }

  /** A calendar with the same base data and `overrides` in place of the current ones. */
  withOverrides(overrides: HolidayOverrides): WorkingDayCalendar {
    return new WorkingDayCalendar({ ...this.options, overrides });
  }

  /** Years with an official arrangement (package years and override years), ascending. */
  knownYears(): number[] {
    return [...this.known].sort((a, b) => a - b);
  }

  /** True when `year` has an official arrangement, so its dates are not provisional. */
  isKnownYear(year: number): boolean {
    return this.known.has(year);
  }

  /** How the calendar classifies `date`. */
  describeDay(date: IsoDate): DayInfo {
    assertIsoDate(date);
    const provisional = !this.known.has(yearOf(date));
    if (this.daysOn.has(date)) {
      return { date, working: true, kind: isWeekend(date) ? 'make-up-workday' : 'weekday', provisional };
    }
    if (this.daysOff.has(date)) return { date, working: false, kind: 'holiday', provisional };
    if (isWeekend(date)) return { date, working: false, kind: 'weekend', provisional };
    return { date, working: true, kind: 'weekday', provisional };
  }

  /** True when `date` is a working day (for an unknown year: Monday to Friday). */
  isWorkingDay(date: IsoDate): boolean {
    return this.describeDay(date).working;
  }

  /**
   * The `n`th working day after `date`. Counting starts the day after `date` (the decision day
   * itself never counts, whether or not it is a working day), so `n = 0` returns `date` itself.
   * `provisional` is true when any day examined lies in a year the calendar does not know.
   */
  addWorkingDays(date: IsoDate, n: number): WorkingDayResult {
    assertIsoDate(date);
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
      throw invalid(`working days must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
    }
    let current = date;
    let provisional = false;
    let remaining = n;
    while (remaining > 0) {
      current = addCalendarDays(current, 1);
      const day = this.describeDay(current);
      provisional ||= day.provisional;
      if (day.working) remaining--;
    }
    return { date: current, provisional };
  }

  /**
   * Working days after `from` up to and including `to` (0 when `to` is not after `from`); used
   * e.g. to say how late a publication was.
   */
  countWorkingDays(from: IsoDate, to: IsoDate): { count: number; provisional: boolean } {
    assertIsoDate(from, 'from');
    assertIsoDate(to, 'to');
    let count = 0;
    let provisional = false;
    for (let d = addCalendarDays(from, 1); compareIsoDates(d, to) <= 0; d = addCalendarDays(d, 1)) {
      const day = this.describeDay(d);
      provisional ||= day.provisional;
      if (day.working) count++;
    }
    return { count, provisional };
  }
}

let standard: WorkingDayCalendar | undefined;

/** The package-data calendar without overrides (shared; calendars are immutable). */
export function packageWorkingDayCalendar(): WorkingDayCalendar {
  return (standard ??= new WorkingDayCalendar());
}
