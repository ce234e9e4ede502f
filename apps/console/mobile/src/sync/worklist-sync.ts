/**
 * Downloads the worklist for offline use: every assignment of the inspector that is open or waits for the
 * team's confirmation, with its detail (items and check points, team, results), and a 亮证 code for each.
 * What is no longer on the worklist is removed from the phone unless a draft or the outbox still needs it.
 */
import { api } from '../api/endpoints';
import type { Assignment } from '../api/types';
import { badgeKey, db, meta, META_LAST_SYNC, type CachedAssignment, type CachedBadge } from '../db';
import { deviceNow } from '../device-clock';
import { WORKLIST_STATUSES } from '../worklist';

/** Runs `fn` over the list with at most `n` at a time. */
async function pool<T>(list: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, list.length) }, async () => {
    while (next < list.length) await fn(list[next++]);
  }));
}

export async function syncWorklist(userId: string): Promise<{ count: number; at: number }> {
  const summaries: Assignment[] = [];
  for (let page = 1; ; page++) {
    const res = await api.mine(WORKLIST_STATUSES, page);
    summaries.push(...res.items);
    if (!res.items.length || summaries.length >= res.total) break;
  }
  const details: Assignment[] = [];
  await pool(summaries, 4, async (s) => {
    details.push(await api.assignment(s.id));
  });
  const at = deviceNow();
  const keep = new Set(details.map((d) => d.id));
  const busy = new Set([
    ...(await db.drafts.where('userId').equals(userId).toArray()).map((d) => d.assignmentId),
    ...(await db.outbox.where('userId').equals(userId).filter((i) => i.state !== 'delivered').toArray()).map((i) => i.assignmentId),
  ]);
  await db.transaction('rw', db.assignments, async () => {
    const stale = (await db.assignments.where('userId').equals(userId).toArray()).filter((a) => !keep.has(a.id) && !busy.has(a.id));
    await db.assignments.bulkDelete(stale.map((a) => a.id));
    await db.assignments.bulkPut(details.map((detail): CachedAssignment => ({ id: detail.id, userId, dueDate: detail.dueDate, detail, syncedAt: at })));
  });
  await meta.set(META_LAST_SYNC, at);
  // 亮证 codes last minutes: fetched now they show the officer card offline, marked expired when they are.
  await pool(details.filter((d) => d.status !== 'submitted'), 4, async (d) => {
    await refreshBadge(d.id).catch(() => undefined);
  });
  return { count: details.length, at };
}

export async function refreshBadge(assignmentId: string): Promise<CachedBadge> {
  const badge: CachedBadge = { ...(await api.badge(assignmentId)), fetchedAt: deviceNow() };
  await meta.set(badgeKey(assignmentId), badge);
  return badge;
}

/** One assignment again (after a submission or a confirmation was delivered). */
export async function refreshAssignment(userId: string, id: string): Promise<Assignment> {
  const detail = await api.assignment(id);
  await db.assignments.put({ id, userId, dueDate: detail.dueDate, detail, syncedAt: deviceNow() });
  return detail;
}
