/**
 * A publication deadline in working days, as the publication service counts it (its
 * GET /dashboard/deadlines answers `workingDays`: left until the due date, negative once overdue).
 * The browser never counts days itself: the holiday calendar (调休) and "today" are the server's.
 */
export type DeadlineTone = 'overdue' | 'due-soon' | 'normal' | 'done';

export interface DeadlineStatus {
  text: string;
  tone: DeadlineTone;
}

/** Wording and colour of a countdown; `dueSoonWithin` working days or fewer is "due soon". */
export function deadlineStatus(workingDays: number | null | undefined, dueSoonWithin = 3): DeadlineStatus {
  if (workingDays === null || workingDays === undefined || !Number.isFinite(workingDays)) return { text: '—', tone: 'normal' };
  if (workingDays < 0) return { text: `已逾期 ${-workingDays} 个工作日`, tone: 'overdue' };
  if (workingDays === 0) return { text: '今日到期', tone: 'due-soon' };
  return { text: `剩余 ${workingDays} 个工作日`, tone: workingDays <= dueSoonWithin ? 'due-soon' : 'normal' };
}

/** The countdown of a notice: published or ended ones are done; unpublished ones use the server's count. */
export function noticeDeadline(state: string, dueDate: string, workingDays: number | undefined, dueSoonWithin = 3): DeadlineStatus {
  if (state !== 'draft' && state !== 'scheduled') return { text: `期限 ${dueDate}`, tone: 'done' };
  if (workingDays === undefined) return { text: `期限 ${dueDate}`, tone: 'normal' };
  return deadlineStatus(workingDays, dueSoonWithin);
}
