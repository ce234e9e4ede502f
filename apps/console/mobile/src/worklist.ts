/** The worklist's order and marks (pure). */
import type { Assignment } from './api/types';

export interface WorklistEntry {
  assignment: Assignment;
  overdue: boolean;
  /** Waiting for this inspector's confirmation of a teammate's submission. */
  toConfirm: boolean;
}

/** Statuses the phone downloads: work to do, and submissions waiting for the team's confirmation. */
export const WORKLIST_STATUSES = ['assigned', 'in_progress', 'overdue', 'submitted'] as const;

/** Earliest due first (then by firm name, so the order is stable); overdue when past due or so marked. */
export function worklist(assignments: Assignment[], today: string, me: string | null): WorklistEntry[] {
  return [...assignments]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.target.name.localeCompare(b.target.name, 'zh-CN') || a.id.localeCompare(b.id))
    .map((a) => ({
      assignment: a,
      overdue: a.status === 'overdue' || (a.status !== 'submitted' && a.dueDate < today),
      toConfirm: !!me && (a.results ?? []).some((r) => r.status === 'pending' && r.submittedBy !== me && r.awaiting.includes(me)),
    }));
}

export const STATUS_TEXT: Record<string, string> = {
  assigned: '待检查',
  in_progress: '检查中',
  overdue: '已逾期',
  submitted: '待确认',
  confirmed: '已确认',
  cancelled: '已撤销',
};
