import { WorkingDayCalendar } from '#domain';
import { between } from './demo-random.js';

/** `date` (YYYY-MM-DD) plus `n` calendar days. */
export function plusDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

let calendar: WorkingDayCalendar | undefined;
/** China's working days: weekends, 2020's holidays and its make-up working days from the package data. */
export function isWorkingDay(date: string): boolean {
  return (calendar ??= new WorkingDayCalendar()).isWorkingDay(date);
}

/** The first working day on or after `date`. */
export function workingDayFrom(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = plusDays(d, 1);
  return d;
}

/** A working day of 2020 (in `month`, or any): decisions are signed and inspections made on working days. */
export function workingDay2020(r: () => number, month = between(r, 1, 12)): string {
  return workingDayFrom(`2020-${String(month).padStart(2, '0')}-${String(between(r, 1, 28)).padStart(2, '0')}`);
}

/** The `n`-th working day after `date`. */
export function workingDaysAfter(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = plusDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/**
 * The working days of the `days` calendar days before `today` on which a decision can have been
 * signed and already published (its first working day after it is not after `today`).
 */
export function recentDecisionDays(today: string, days: number): string[] {
  const out: string[] = [];
  for (let d = plusDays(today, -days); d < today; d = plusDays(d, 1)) {
    if (isWorkingDay(d) && workingDaysAfter(d, 1) <= today) out.push(d);
  }
  return out;
}

/** A 公示日期 `n` working days after `decision`, brought back to the last working day that is not after `today`. */
export function publishedBy(decision: string, n: number, today: string): string {
  for (let k = n; k > 1; k--) {
    const date = workingDaysAfter(decision, k);
    if (date <= today) return date;
  }
  return workingDaysAfter(decision, 1);
}
