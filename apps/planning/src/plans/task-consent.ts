import { canReadDepartment, type Principal } from '#auth';
import { forbidden } from '#domain';
import type { Task } from './task.entity.js';

/** A task as read: with the joint departments that have not accepted it yet. */
export type TaskView = Task & { consentsMissing: string[] };

export function withConsentState(task: Task): TaskView {
  return Object.assign(task, { consentsMissing: missingConsents(task) });
}

/** The participating departments (other than the lead) that have not accepted the task. */
export function missingConsents(task: Pick<Task, 'department' | 'departments' | 'consents'>): string[] {
  return task.departments.filter((d) => d !== task.department && !task.consents?.[d]);
}

/** A task is visible to the departments that take part in it (the lead and the joint ones). */
export function assertTakesPart(user: Principal, task: Pick<Task, 'id' | 'department' | 'departments'>): void {
  if (!task.departments.some((d) => canReadDepartment(user, d))) throw forbidden(`task ${task.id} belongs to ${task.department}`);
}
