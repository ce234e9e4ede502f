import { todayInShanghai } from '#domain';

/**
 * Calendar dates in China ('YYYY-MM-DD'). China Standard Time is UTC+8 all year, so the date of an
 * instant is a fixed-offset computation: no server time zone can shift it.
 */
const DAY_MS = 86_400_000;

/** The calendar date in China at `instant` (the domain's rule, under the name this app uses). */
export function chinaDate(instant: Date): string {
  return todayInShanghai(instant);
}

/** `date` moved by `days` calendar days. */
export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}
