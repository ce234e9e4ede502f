import { invalid } from '#domain';
import { RECTIFICATION_ORDER_OUTCOMES, type RectificationOutcome, type ResultOutcome } from '#contracts';
import { isCalendarDate, plusDays } from '../../common/china-time.js';
import type { ItemFinding } from './findings.js';

export const ORDER_OUTCOMES = RECTIFICATION_ORDER_OUTCOMES;

/** How far ahead of the inspection a follow-up date (followUpBy) may lie. */
export const MAX_FOLLOW_UP_DAYS = 366;

/**
 * How far back the scan looks: an order whose deadline passed longer ago than this gets no automatic
 * follow-up (results recorded before follow-ups existed, historical imports such as the 2020 demo, or
 * a scan stopped for half a year); officers open a 即时检查 for such a case instead.
 */
export const FOLLOW_UP_LOOKBACK_DAYS = 180;

/** The earliest deadline the scan still follows up on `today`. */
export function earliestFollowedUpDeadline(today: string): string {
  return plusDays(today, -FOLLOW_UP_LOOKBACK_DAYS);
}

/** How long the team has for the follow-up inspection once it appears in the worklist (calendar days). */
export const FOLLOW_UP_DUE_DAYS = 15;

/** The outcome a follow-up result must carry for each rectification outcome. */
export const RECTIFICATION_OUTCOME_OF: Readonly<Record<RectificationOutcome, ResultOutcome>> = {
  整改到位: '未发现问题',
  逾期未整改: '发现问题待后续处理',
};

/**
 * The rectification deadline (整改期限) of a result, or null when its outcome carries no order.
 *
 * - 发现问题已责令改正: the LATEST rectificationDeadline of its non-compliant check points. The
 *   follow-up checks every ordered correction at once; on the earliest date a later-due point would
 *   still be within its own period and could not fairly be found 逾期未整改 (《行政处罚法》第二十八条:
 *   the party is owed the whole period the order gave). A followUpBy is refused: the order's dates say it.
 * - 发现问题待后续处理: `followUpBy` (the date the matter is to be followed up), else the latest
 *   rectificationDeadline of its check points; one of them is required (400 otherwise).
 * - any other outcome: null, and a followUpBy is refused.
 *
 * Throws an `invalid` DomainError with every problem.
 */
export function rectificationDeadlineOf(input: { outcome: ResultOutcome; findings: ItemFinding[]; followUpBy?: string; inspectionDate: string }): string | null {
  const { outcome, findings, followUpBy, inspectionDate } = input;
  const itemDeadlines = findings.flatMap((f) => f.checkPoints.filter((p) => !p.compliant && p.rectificationDeadline).map((p) => p.rectificationDeadline!));
  const latest = itemDeadlines.length ? itemDeadlines.reduce((a, b) => (b > a ? b : a)) : null;
  if (outcome === '发现问题待后续处理') {
    if (followUpBy !== undefined) {
      if (!isCalendarDate(followUpBy)) throw invalid(`followUpBy ${followUpBy} is not a calendar date`);
      if (followUpBy < inspectionDate) throw invalid(`followUpBy ${followUpBy} is before the inspection date ${inspectionDate}`);
      if (followUpBy > plusDays(inspectionDate, MAX_FOLLOW_UP_DAYS)) throw invalid(`followUpBy must lie within ${MAX_FOLLOW_UP_DAYS} days of the inspection date ${inspectionDate}`);
      return followUpBy;
    }
    if (latest) return latest;
    throw invalid('outcome 发现问题待后续处理 needs a follow-up date: give followUpBy (YYYY-MM-DD) or a rectificationDeadline on the non-compliant check points');
  }
  if (followUpBy !== undefined) {
    throw invalid(
      outcome === '发现问题已责令改正'
        ? 'followUpBy is only for 发现问题待后续处理: the follow-up of 发现问题已责令改正 falls due on the latest rectificationDeadline of its check points'
        : `followUpBy is only for 发现问题待后续处理, not for ${outcome}`,
    );
  }
  return outcome === '发现问题已责令改正' ? latest : null;
}

/** The items a follow-up re-inspects: those with at least one non-compliant check point. */
export function itemsWithProblems<T extends { code: string }>(items: T[], findings: ItemFinding[]): T[] {
  const bad = new Set(findings.filter((f) => f.checkPoints.some((p) => !p.compliant)).map((f) => f.itemCode));
  const chosen = items.filter((i) => bad.has(i.code));
  // A result with an order always has a problem item; should the items have changed, re-inspect them all.
  return chosen.length ? chosen : items;
}

/**
 * Whether a confirmed result now calls for its follow-up: the assignment is not itself a follow-up,
 * the result in force still carries the order, and its deadline (a date in China) is over, i.e.
 * today is after it (the target has the whole deadline day), and not by more than the look-back.
 */
export function followUpDue(input: { kind: string; outcome: ResultOutcome; rectificationDeadline: string | null; today: string }): boolean {
  const { kind, outcome, rectificationDeadline, today } = input;
  return (
    kind !== 'follow-up' &&
    ORDER_OUTCOMES.includes(outcome) &&
    rectificationDeadline !== null &&
    rectificationDeadline < today &&
    rectificationDeadline >= earliestFollowedUpDeadline(today)
  );
}

/** The dates of a follow-up created on `today` for an order due on `deadline`. */
export function followUpDates(deadline: string, today: string): { notBefore: string; dueDate: string } {
  return { notBefore: plusDays(deadline, 1), dueDate: plusDays(today, FOLLOW_UP_DUE_DAYS) };
}

/**
 * Checks the rectification field of a submission: required on a follow-up assignment, refused on
 * any other, and consistent with the outcome (整改到位 → 未发现问题, 逾期未整改 → 发现问题待后续处理).
 */
export function assertRectificationConsistent(input: { isFollowUp: boolean; outcome: ResultOutcome; rectification?: RectificationOutcome; followUpBy?: string }): void {
  const { isFollowUp, outcome, rectification, followUpBy } = input;
  if (!isFollowUp) {
    if (rectification !== undefined) throw invalid('rectification (整改到位/逾期未整改) is only for a follow-up inspection (整改复查)');
    return;
  }
  const problems: string[] = [];
  if (rectification === undefined) problems.push('a follow-up inspection (整改复查) needs rectification: 整改到位 or 逾期未整改');
  else if (RECTIFICATION_OUTCOME_OF[rectification] !== outcome) problems.push(`rectification ${rectification} goes with outcome ${RECTIFICATION_OUTCOME_OF[rectification]}, not ${outcome}`);
  if (followUpBy !== undefined) problems.push('followUpBy does not apply to a follow-up inspection: its result closes the rectification order');
  if (problems.length) throw invalid(problems.join('; '), { problems });
}
