/** The worklist sync as the screens see it: running, its last error, and one entry point. */
import { reactive } from 'vue';
import { ApiError } from '../api/http';
import { isInspector, session } from '../session';
import { syncWorklist } from './worklist-sync';

export const syncState = reactive({ running: false, error: null as string | null });

let current: Promise<void> | null = null;

export function syncNow(): Promise<void> {
  const user = session.user;
  if (!user || !isInspector(user) || !navigator.onLine || session.signInNeeded) return Promise.resolve();
  current ??= (async () => {
    syncState.running = true;
    try {
      const { at } = await syncWorklist(user.id);
      session.lastSyncAt = at;
      syncState.error = null;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) session.signInNeeded = true;
      else syncState.error = error instanceof ApiError && error.status === 0 ? '网络不可用，使用本机已下载的任务' : (error as Error).message;
    } finally {
      syncState.running = false;
      current = null;
    }
  })();
  return current;
}
