/**
 * Sends the outbox, one item at a time, oldest first; runs in the page and in the service worker (Background
 * Sync), never twice at once (a Web Lock). Every change of an item's state is written to IndexedDB, which the
 * queue screen watches (liveQuery), so it updates as it happens.
 */
import { messageOf } from '../../../web/src/api/errors';
import { call, INSPECTION, type Answer } from '../api/http';
import { db, type OutboxItem } from '../db';
import { deviceNow } from '../device-clock';
import { serverProblems } from '../visit/record';
import { retryDelayMs, verdictOf } from './policy';
import { uploadFile } from './upload';

export const OUTBOX_LOCK = 'spotcheck-outbox';

export interface DrainResult {
  delivered: number;
  failed: number;
  /** The session is gone: nothing more is sent until the inspector signs in again. */
  signInNeeded: boolean;
  /** Stopped on a network error or a 5xx: the rest waits for its next attempt. */
  interrupted: boolean;
}

const path = (s: string) => encodeURIComponent(s);

/** Uploads the item's files (photos, signature images), one by one; the first answer that is not 2xx, or null. */
async function uploadFiles(item: OutboxItem): Promise<Answer | null> {
  const files = await db.files.bulkGet(item.fileIds ?? []);
  for (const file of files) {
    if (!file) return { status: 400, headers: new Headers(), body: { message: '本机找不到一张照片或签名，请重新编辑后提交' } };
    const sent = await uploadFile(file);
    if (sent.status < 200 || sent.status >= 300) return sent;
    await db.outbox.update(item.id!, { updatedAt: deviceNow() });
  }
  return null;
}

async function attempt(item: OutboxItem): Promise<Answer> {
  const refused = await uploadFiles(item);
  if (refused) return refused;
  switch (item.kind) {
    case 'start':
      return call('POST', `${INSPECTION}/assignments/${path(item.assignmentId)}/start`, { json: {} });
    case 'confirm':
      return call('POST', `${INSPECTION}/results/${path(item.resultId!)}/confirm`, { json: item.body ?? {} });
    case 'dispute':
      return call('POST', `${INSPECTION}/results/${path(item.resultId!)}/dispute`, { json: item.body });
    case 'result':
      return call('POST', `${INSPECTION}/assignments/${path(item.assignmentId)}/results`, { json: item.body, headers: { 'Idempotency-Key': item.idempotencyKey! } });
  }
}

function errorOf(answer: Answer): { status: number; message: string; problems: string[] } {
  if (answer.status === 0) return { status: 0, message: '网络中断，恢复后自动重试', problems: [] };
  return { status: answer.status, message: messageOf(answer.status, answer.body), problems: answer.status === 400 ? serverProblems(answer.body) : [] };
}

/** Sends what is due now for this user. `random` spreads the back-off. */
export async function drainOutbox(userId: string, random: () => number = Math.random): Promise<DrainResult> {
  const result: DrainResult = { delivered: 0, failed: 0, signInNeeded: false, interrupted: false };
  const run = async () => {
    for (;;) {
      const now = deviceNow();
      const due = (await db.outbox.where('userId').equals(userId).sortBy('id')).find((i) => (i.state === 'queued' || i.state === 'sending') && i.nextAttemptAt <= now);
      if (!due) return;
      await db.outbox.update(due.id!, { state: 'sending', updatedAt: now });
      const answer = await attempt(due);
      const verdict = verdictOf(answer.status);
      const at = deviceNow();
      if (verdict === 'delivered') {
        const id = (answer.body as { id?: unknown } | null)?.id;
        await db.outbox.update(due.id!, { state: 'delivered', deliveredAt: at, updatedAt: at, lastError: undefined, serverId: typeof id === 'string' ? id : undefined });
        result.delivered++;
        continue;
      }
      if (verdict === 'signIn') {
        await db.outbox.update(due.id!, { state: 'queued', updatedAt: at, lastError: { status: 401, message: '登录已失效：重新登录后自动发送', problems: [] } });
        result.signInNeeded = true;
        return;
      }
      if (verdict === 'fatal') {
        await db.outbox.update(due.id!, { state: 'failed', updatedAt: at, attempts: due.attempts + 1, lastError: errorOf(answer) });
        result.failed++;
        continue;
      }
      const attempts = due.attempts + 1;
      const retryAfter = Number(answer.headers.get('retry-after'));
      await db.outbox.update(due.id!, { state: 'queued', attempts, updatedAt: at, nextAttemptAt: at + retryDelayMs(attempts, random(), Number.isFinite(retryAfter) ? retryAfter : null), lastError: errorOf(answer) });
      result.interrupted = true;
      return;
    }
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) await locks.request(OUTBOX_LOCK, { ifAvailable: true }, async (lock) => (lock ? run() : undefined));
  else await run();
  return result;
}

/** The connection is back (or the inspector asked): everything waiting is due now. */
export async function makeDueNow(userId: string): Promise<void> {
  const now = deviceNow();
  await db.outbox.where('userId').equals(userId).filter((i) => i.state === 'queued' && i.nextAttemptAt > now).modify({ nextAttemptAt: now });
}

/** An item left 'sending' by a closed app goes back to the queue (the lock says no sender is running). */
export async function recoverInterrupted(userId: string): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const recover = () => db.outbox.where('userId').equals(userId).filter((i) => i.state === 'sending').modify({ state: 'queued' });
  if (locks) await locks.request(OUTBOX_LOCK, { ifAvailable: true }, async (lock) => (lock ? recover() : undefined));
  else await recover();
}
