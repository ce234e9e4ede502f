/**
 * 无事不扰: how often a firm was inspected, across departments, in the last 12 months
 * (docs/planning.md "Inspection burden", docs/regulations.md). Pure rules shared by planning (the
 * directory's counts and a task's exclusion at announce time) and the portal (the firm page), so the
 * officer and the citizen see the same number for the same day.
 */
import { addCalendarDays, assertIsoDate, daysInMonth, type IsoDate } from '../calendar/iso-date.js';
import { isValidUscc } from '../check-digits/uscc.js';
import { invalid } from '../errors.js';

/** A window of calendar days, both ends inclusive. */
export interface DateWindow {
  from: IsoDate;
  to: IsoDate;
}

/** Months the burden looks back. */
export const BURDEN_MONTHS = 12;

/**
 * The date `months` months before `date`: the corresponding day, or the last day of the month when
 * it has none (31 March − 1 month = 28/29 February; 29 February − 12 months = 28 February).
 */
export function subtractMonthsClamped(date: IsoDate, months: number): IsoDate {
  assertIsoDate(date);
  if (!Number.isInteger(months) || months < 0) throw invalid(`months must be a non-negative integer, got ${months}`);
  const index = Number(date.slice(0, 4)) * 12 + (Number(date.slice(5, 7)) - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The last `months` months up to and including `today` (China's calendar date): from the day after
 * the corresponding day `months` months earlier, to today. So on 2026-11-20 the last 12 months are
 * 2025-11-21..2026-11-20, and an inspection of 2025-11-20 has just dropped out. Where the earlier
 * month has no corresponding day the month's last day stands in (民法典 Art. 202, read backwards):
 * on 2028-02-29 the window starts 2027-03-01.
 */
export function trailingMonthsWindow(today: IsoDate, months = BURDEN_MONTHS): DateWindow {
  return { from: addCalendarDays(subtractMonthsClamped(today, months), 1), to: today };
}

/** True when `date` lies in `window` (ends included). */
export function inWindow(date: IsoDate, window: DateWindow): boolean {
  return date >= window.from && date <= window.to;
}

/**
 * Kinds of target whose inspections are tallied: those identified by their own 统一社会信用代码.
 * Sites and projects are places (their code, if any, is the operator's and optional); natural persons
 * are never tallied, so no ID number is ever stored.
 */
export const TALLIED_TARGET_KINDS: readonly string[] = ['organisation', 'individual_business'];

/**
 * Kinds the portal shows: organisations only. An individual business (个体工商户) is run by a natural
 * person and is often named after them, so its inspection history is not put on a public page.
 */
export const PUBLIC_TALLIED_TARGET_KINDS: readonly string[] = ['organisation'];

/**
 * The one outcome that does not count: the inspectors could not reach the firm at its registered
 * address (通过登记的住所（经营场所）无法联系), so it bore no inspection. Every other confirmed
 * result, random or ad hoc, counts once.
 */
export const NOT_AN_INSPECTION_OUTCOMES: readonly string[] = ['通过登记的住所（经营场所）无法联系'];

/** What the tally keeps of a confirmed result (ResultRecorded's fields of the same names). */
export interface TallySource {
  targetKind: string;
  targetCode?: string | null;
  outcome: string;
}

/**
 * The credit code under which a result is tallied, or null when it is not tallied: the kind must be
 * one of `kinds` and the code a valid 统一社会信用代码 (check character included; an ID number
 * fails it, so a mislabelled natural person is still never stored).
 */
export function tallyCreditCode(result: TallySource, kinds: readonly string[] = TALLIED_TARGET_KINDS): string | null {
  if (!kinds.includes(result.targetKind)) return null;
  const code = result.targetCode?.trim().toUpperCase();
  return code && isValidUscc(code) ? code : null;
}

/** Whether a result with this outcome counts as an inspection the firm bore. */
export function countsAsInspection(outcome: string): boolean {
  return !NOT_AN_INSPECTION_OUTCOMES.includes(outcome);
}

/**
 * Whether a target inspected `count` times in the window is left out of a draw whose task sets
 * `excludeInspectedAtLeast` (null or undefined: nobody is left out).
 */
export function isOverBurdened(count: number, excludeInspectedAtLeast: number | null | undefined): boolean {
  return excludeInspectedAtLeast != null && count >= excludeInspectedAtLeast;
}
