/**
 * When the page sends the outbox: at start (also after the app was closed), when the connection comes back
 * (everything waiting becomes due at once), every 15 s for what a back-off made due, when the app comes to
 * the foreground, when the service worker's Background Sync asks, and right after something is queued.
 */
import { deviceNow } from '../device-clock';
import { db, type OutboxItem } from '../db';
import { drainOutbox, makeDueNow, recoverInterrupted, type DrainResult } from './sender';

export const SYNC_TAG = 'spotcheck-outbox';
const TICK_MS = 15_000;

interface Hooks {
  userId: () => string | null;
  signInNeeded: () => boolean;
  onSignInNeeded: () => void;
  onDrained?: (r: DrainResult) => void;
}

let hooks: Hooks | null = null;
let running: Promise<void> | null = null;
let again = false;

/** Sends what is due; a call while a send is running makes it look again when done. */
export function kick(): Promise<void> {
  if (!hooks) return Promise.resolve();
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      const user = hooks?.userId();
      if (!user || hooks!.signInNeeded() || !navigator.onLine) return;
      const r = await drainOutbox(user);
      if (r.signInNeeded) hooks!.onSignInNeeded();
      hooks!.onDrained?.(r);
    } while (again);
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Asks the service worker to send the outbox when the connection is back, even if the app is closed by then. */
export async function requestBackgroundSync(): Promise<void> {
  try {
    const reg = (await navigator.serviceWorker?.getRegistration('/m/')) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
    await reg?.sync?.register(SYNC_TAG);
  } catch {
    // No Background Sync (Safari, Firefox, or not granted): the page's own triggers remain.
  }
}

export async function startOutbox(h: Hooks): Promise<void> {
  hooks = h;
  const user = h.userId();
  if (user) await recoverInterrupted(user);
  window.addEventListener('online', () => {
    const u = hooks?.userId();
    if (u) void makeDueNow(u).then(kick);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void kick();
  });
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === 'outbox-sync') void kick();
  });
  setInterval(() => void kick(), TICK_MS);
  void kick();
}

/** Puts an item in the outbox (state 待发送) and tries to send it at once. */
export type NewOutboxItem = Omit<OutboxItem, 'id' | 'state' | 'attempts' | 'nextAttemptAt' | 'createdAt' | 'updatedAt'>;

export async function enqueue(item: NewOutboxItem): Promise<number> {
  const now = deviceNow();
  const id = await db.outbox.add({ ...item, state: 'queued', attempts: 0, nextAttemptAt: now, createdAt: now, updatedAt: now });
  void requestBackgroundSync();
  void kick();
  return id;
}
