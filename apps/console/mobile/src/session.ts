/**
 * Who is signed in, as the app knows it: the user of the last online sign-in, kept in IndexedDB so the
 * app opens offline for days (the console's session itself lasts hours; the outbox waits for the next
 * sign-in when it has ended). The session cookie is httpOnly and never read here.
 */
import { reactive } from 'vue';
import { api } from './api/endpoints';
import { ApiError, setUnauthorisedHandler } from './api/http';
import type { User } from './api/types';
import { db, meta, META_LAST_SYNC, META_USER, type CachedUser } from './db';
import { deviceNow } from './device-clock';
import { hasUnsent } from './outbox/policy';

export const session = reactive({
  user: null as CachedUser | null,
  /** The server said 401: the queue waits, the inspector is asked to sign in again. */
  signInNeeded: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  lastSyncAt: null as number | null,
  loaded: false,
});

setUnauthorisedHandler(() => {
  session.signInNeeded = true;
});

export const isInspector = (u: User | null) => !!u && u.roles.includes('inspector') && !!u.inspectorId;

/** At start: the cached user, then (when online) the server's word on the session. */
export async function loadSession(): Promise<void> {
  session.user = (await meta.get<CachedUser>(META_USER)) ?? null;
  session.lastSyncAt = (await meta.get<number>(META_LAST_SYNC)) ?? null;
  window.addEventListener('online', () => (session.online = true));
  window.addEventListener('offline', () => (session.online = false));
  if (navigator.onLine) {
    try {
      const { user } = await api.me();
      if (session.user && session.user.id !== user.id) {
        // Another account signed in on this phone in a browser tab: the app follows the server.
        session.user = null;
      }
      await remember(user);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && session.user) session.signInNeeded = true;
    }
  }
  session.loaded = true;
}

export async function remember(user: User): Promise<void> {
  const cached: CachedUser = { ...user, signedInAt: session.user?.id === user.id ? session.user.signedInAt : deviceNow() };
  await meta.set(META_USER, cached);
  session.user = cached;
  session.signInNeeded = false;
}

export async function signIn(username: string, password: string): Promise<User> {
  const { user } = await api.login(username, password);
  if (session.user && session.user.id !== user.id && (await unsentCount(session.user.id)) > 0) {
    // The previous inspector's records are not all sent: they stay on the phone, but the queue sends only
    // on its owner's session. Say so instead of mixing them.
    await api.logout().catch(() => undefined);
    throw new ApiError(409, `本机还有 ${session.user.displayName} 未发送的记录，请由其本人登录发送后再切换账号`, null);
  }
  await remember(user);
  return user;
}

/** Drafts and outbox items of a user not yet confirmed by the server. */
export async function unsentCount(userId: string): Promise<number> {
  const items = await db.outbox.where('userId').equals(userId).toArray();
  const drafts = await db.drafts.where('userId').equals(userId).filter((d) => d.submittedAt === null).count();
  return hasUnsent(items, drafts) ? items.filter((i) => i.state !== 'delivered').length + drafts : 0;
}

/** Signs out and clears the phone; refused while anything is unsent (it would be lost). */
export async function signOut(): Promise<void> {
  const user = session.user;
  if (user) {
    const n = await unsentCount(user.id);
    if (n > 0) throw new Error(`还有 ${n} 项记录未送达，不能退出登录。请联网发送成功后再退出。`);
  }
  if (navigator.onLine) await api.logout().catch(() => undefined);
  await clearPhone();
  session.user = null;
  session.lastSyncAt = null;
}

/** Everything this app stored on the phone. */
export async function clearPhone(): Promise<void> {
  await db.transaction('rw', [db.assignments, db.drafts, db.files, db.outbox, db.meta], async () => {
    await Promise.all([db.assignments.clear(), db.drafts.clear(), db.files.clear(), db.outbox.clear(), db.meta.clear()]);
  });
}
