/** The console and inspection calls the phone makes (docs/inspection.md; the issue-14 contract). */
import { INSPECTION, request } from './http';
import type { Assignment, AssignmentPage, Badge, User } from './types';

export const api = {
  me: () => request<{ user: User }>('GET', '/auth/me'),
  login: (username: string, password: string) => request<{ user: User }>('POST', '/auth/login', { json: { username, password } }),
  logout: () => request<null>('POST', '/auth/logout', { json: {} }),
  mine: (statuses: readonly string[], page: number) =>
    request<AssignmentPage>('GET', `${INSPECTION}/assignments/mine?status=${statuses.join(',')}&page=${page}&pageSize=100`),
  assignment: (id: string) => request<Assignment>('GET', `${INSPECTION}/assignments/${encodeURIComponent(id)}`),
  badge: (assignmentId: string) => request<Badge>('GET', `${INSPECTION}/me/badge?assignmentId=${encodeURIComponent(assignmentId)}`),
};
