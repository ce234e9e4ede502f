import { invalid } from '../errors.js';
import type { IsoDate } from '../calendar/iso-date.js';
import { compareIsoDates } from '../calendar/iso-date.js';
import type { WorkingDayCalendar, WorkingDayResult } from '../calendar/working-day-calendar.js';

/** Each kind of disclosure duty with a deadline in working days. */
export type DeadlineKind =
  | 'licence-decision'
  | 'penalty-decision'
  | 'other-enforcement-decision'
  | 'spot-check-result'
  | 'withdrawal'
  | 'correction';

/** Working days allowed for each duty. */
export type DeadlineConfig = Readonly<Record<DeadlineKind, number>>;

/**
 * Defaults from docs/regulations.md §5: licence and penalty decisions within 7 working days of the decision
 * (国办发〔2018〕118号); other enforcement decisions and spot-check results within 20; withdrawal
 * or correction of a revoked or changed decision within 3 (行政处罚法 Art. 48; some provinces: 5).
 */
export const DEFAULT_DEADLINE_CONFIG: DeadlineConfig = Object.freeze({
  'licence-decision': 7,
  'penalty-decision': 7,
  'other-enforcement-decision': 20,
  'spot-check-result': 20,
  withdrawal: 3,
  correction: 3,
});

/** The event each deadline counts from, for messages and documentation. */
export const DEADLINE_STARTS_FROM: Readonly<Record<DeadlineKind, string>> = Object.freeze({
  'licence-decision': '许可决定日期',
  'penalty-decision': '处罚决定日期',
  'other-enforcement-decision': '决定日期',
  'spot-check-result': '检查结果形成日期',
  withdrawal: '决定被撤销、确认违法或无效的日期',
  correction: '决定被变更的日期',
});

/**
 * Merges `overrides` (e.g. a province's 5 days for withdrawal) into the defaults; throws a
 * DomainError ('invalid') for anything but a whole number of working days from 1 to 60.
 */
export function deadlineConfig(overrides: Partial<Record<DeadlineKind, number>> = {}): DeadlineConfig {
  const config: Record<string, number> = { ...DEFAULT_DEADLINE_CONFIG };
  for (const [kind, days] of Object.entries(overrides)) if (days !== undefined) config[kind] = days;
  for (const [kind, days] of Object.entries(config)) {
    if (!(kind in DEFAULT_DEADLINE_CONFIG)) throw invalid(`unknown deadline kind "${kind}"`);
    if (!Number.isInteger(days) || days < 1 || days > 60) {
      throw invalid(`deadline for ${kind} must be 1–60 working days, got ${days}`);
    }
  }
  return Object.freeze(config) as DeadlineConfig;
}

/**
 * The last day to meet a disclosure duty: `from` (the decision, result, revocation or change
 * date) plus the configured number of working days, counted from the next day. The result is
 * `provisional` when it depends on a year whose holiday arrangement is not yet known.
 */
export function dueDate(
  kind: DeadlineKind,
  from: IsoDate,
  calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>,
  config: Partial<Record<DeadlineKind, number>> = {},
): WorkingDayResult {
  const days = deadlineConfig(config)[kind];
  if (days === undefined) throw invalid(`unknown deadline kind "${kind}"`);
  return calendar.addWorkingDays(from, days);
}

/** Publication deadline of a licence or penalty decision, or of a spot-check result. */
export function publicationDueDate(
  kind: 'licence' | 'penalty' | 'spot-check-result',
  decisionOrResultDate: IsoDate,
  calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>,
  config: Partial<Record<DeadlineKind, number>> = {},
): WorkingDayResult {
  const deadlineKind: DeadlineKind =
    kind === 'licence' ? 'licence-decision' : kind === 'penalty' ? 'penalty-decision' : 'spot-check-result';
  return dueDate(deadlineKind, decisionOrResultDate, calendar, config);
}

/** Deadline to withdraw a published notice after its decision was revoked. */
export function withdrawalDueDate(
  revocationDate: IsoDate,
  calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>,
  config: Partial<Record<DeadlineKind, number>> = {},
): WorkingDayResult {
  return dueDate('withdrawal', revocationDate, calendar, config);
}

/** Deadline to correct a published notice after its decision was changed. */
export function correctionDueDate(
  changeDate: IsoDate,
  calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>,
  config: Partial<Record<DeadlineKind, number>> = {},
): WorkingDayResult {
  return dueDate('correction', changeDate, calendar, config);
}

/** Where a duty stands: done in time, done late, still open, or open past its due date. */
export type DeadlineStatus = 'met' | 'late' | 'pending' | 'overdue';

/**
 * The status of a duty due on `due`, done on `doneOn` (if done), seen on `today`. The due date
 * itself is still in time.
 */
export function deadlineStatus(due: IsoDate, today: IsoDate, doneOn?: IsoDate): DeadlineStatus {
  if (doneOn !== undefined) return compareIsoDates(doneOn, due) <= 0 ? 'met' : 'late';
  return compareIsoDates(today, due) <= 0 ? 'pending' : 'overdue';
}
