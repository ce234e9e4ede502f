/** Where an assignment stands. `overdue` sticks until a result is submitted (or it is cancelled). */
export const ASSIGNMENT_STATUSES = ['assigned', 'in_progress', 'submitted', 'confirmed', 'overdue', 'cancelled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** `follow-up`: a 整改复查 the rectification scan opens once a result's rectification deadline has passed. */
export const INSPECTION_KINDS = ['random', 'immediate', 'follow-up'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** Statuses in which the inspectors may still submit a (first) result. */
export const OPEN_FOR_RESULT: readonly AssignmentStatus[] = ['assigned', 'in_progress', 'overdue'];

/** Statuses the overdue scan moves to `overdue` once the due date has passed. */
export const OVERDUE_CANDIDATES: readonly AssignmentStatus[] = ['assigned', 'in_progress'];

/** Where an assignment returns when its pending first result is disputed. */
export function statusAfterDispute(wasOverdue: boolean): AssignmentStatus {
  return wasOverdue ? 'overdue' : 'in_progress';
}
